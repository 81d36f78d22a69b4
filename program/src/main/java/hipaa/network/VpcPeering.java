package hipaa.network;

import com.pulumi.aws.ec2.PeeringConnectionOptions;
import com.pulumi.aws.ec2.PeeringConnectionOptionsArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.VpcPeeringConnection;
import com.pulumi.aws.ec2.VpcPeeringConnectionArgs;
import com.pulumi.aws.ec2.inputs.PeeringConnectionOptionsAccepterArgs;
import com.pulumi.aws.ec2.inputs.PeeringConnectionOptionsRequesterArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/**
 * Peering between two VPCs of the same account and Region, with routes only where they are needed.
 *
 * <p>Children: {@code <name>} (the connection, accepted at once), {@code <name>-options} (DNS resolution
 * across the peering both ways, so private hostnames such as the database endpoint resolve from the
 * management VPC), and one route per route table and destination, named
 * {@code <name>-<route-table-key>-to-<cidr-slug>}: keyed by range, not position, so removing one range
 * touches one route.
 */
public final class VpcPeering extends ComponentResource {

    public static final String TYPE = "hipaa:network:VpcPeering";

    /**
     * Routes to add on one side.
     *
     * @param routeTables  route table ids keyed by a stable name such as {@code app-a}
     * @param destinations ranges on the other side these tables may reach
     */
    public record Side(Output<String> vpcId, Map<String, Output<String>> routeTables, List<String> destinations) {
        public Side {
            routeTables = Map.copyOf(routeTables);
            destinations = List.copyOf(destinations);
        }
    }

    public record Args(Side requester, Side accepter, String physicalName) {}

    public final Output<String> peeringConnectionId;
    /**
     * The connection and its options: a security-group rule that references a group on the other side must
     * wait for both (see {@link TrafficFlows.Args#peering()}).
     */
    public final List<Resource> connection;

    public VpcPeering(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var peering = new VpcPeeringConnection(name, VpcPeeringConnectionArgs.builder()
                .vpcId(args.requester().vpcId())
                .peerVpcId(args.accepter().vpcId())
                .autoAccept(true)
                .tags(Map.of("Name", args.physicalName()))
                .build(), child);
        var options = new PeeringConnectionOptions(name + "-options", PeeringConnectionOptionsArgs.builder()
                .vpcPeeringConnectionId(peering.id())
                .requester(PeeringConnectionOptionsRequesterArgs.builder().allowRemoteVpcDnsResolution(true).build())
                .accepter(PeeringConnectionOptionsAccepterArgs.builder().allowRemoteVpcDnsResolution(true).build())
                .build(), child);
        for (var side : List.of(args.requester(), args.accepter())) {
            side.routeTables().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(rt -> {
                for (var destination : side.destinations()) {
                    new Route(name + "-" + rt.getKey() + "-to-" + slug(destination), RouteArgs.builder()
                            .routeTableId(rt.getValue())
                            .destinationCidrBlock(destination)
                            .vpcPeeringConnectionId(peering.id())
                            .build(), child);
                }
            });
        }
        this.peeringConnectionId = peering.id();
        this.connection = List.of(peering, options);
        registerOutputs(Map.of("peeringConnectionId", peeringConnectionId));
    }

    /** {@code 10.100.64.0/21} becomes {@code 10-100-64-0-21}. */
    public static String slug(String cidr) {
        return cidr.replace('.', '-').replace('/', '-');
    }
}
