package hipaa.network;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import hipaa.identity.AwsAccount;
import hipaa.network.VpcNetwork.Routing;
import hipaa.network.VpcNetwork.Tier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network the HIPAA environment lives in: a production VPC (public, app and data tiers) and a
 * management VPC (public and private tiers) joined by peering, as in the AWS HIPAA Quick Start, but
 * closed by default.
 *
 * <p>Children: {@code production} and {@code management} ({@link VpcNetwork}), {@code management-production}
 * ({@link VpcPeering}: management route tables reach only the production app and data subnets; the
 * production app and data tiers route back to the management range; the public tier is not peered),
 * {@code production-endpoints} ({@link VpcEndpoints} for the app and data tiers).
 */
public final class Network extends ComponentResource {

    public static final String TYPE = "hipaa:network:Network";
    public static final String PUBLIC = "public";
    public static final String APP = "app";
    public static final String DATA = "data";
    public static final String PRIVATE = "private";

    /**
     * @param availabilityZones  AZ names used by both VPCs
     * @param productionCidr     production VPC range
     * @param publicSubnets      production public subnets, one per AZ
     * @param appSubnets         production app subnets
     * @param dataSubnets        production data subnets
     * @param managementCidr     management VPC range
     * @param mgmtPublicSubnets  management public subnets
     * @param mgmtPrivateSubnets management private subnets
     * @param productionNat      NAT for the production app tier
     * @param managementNat      NAT for the management private tier
     * @param interfaceEndpoints interface endpoint services for production; empty for none
     */
    public record Args(List<String> availabilityZones,
                       String productionCidr, List<String> publicSubnets, List<String> appSubnets,
                       List<String> dataSubnets,
                       String managementCidr, List<String> mgmtPublicSubnets, List<String> mgmtPrivateSubnets,
                       NatStrategy productionNat, NatStrategy managementNat,
                       List<String> interfaceEndpoints,
                       Output<String> logsKeyArn, int flowLogRetentionDays, String physicalPrefix, AwsAccount account) {}

    public final VpcNetwork production;
    public final VpcNetwork management;
    public final Output<String> peeringConnectionId;
    /** The peering connection and its options, which rules referencing groups across it wait for. */
    public final List<Resource> peering;

    public Network(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ComponentResourceOptions.builder().parent(this).build();

        this.production = new VpcNetwork("production", new VpcNetwork.Args(args.productionCidr(), args.availabilityZones(),
                List.of(
                        new Tier(PUBLIC, Routing.PUBLIC, args.publicSubnets(), NetworkAclPlans.publicTier(args.productionCidr())),
                        new Tier(APP, Routing.NAT, args.appSubnets(), List.of()),
                        new Tier(DATA, Routing.ISOLATED, args.dataSubnets(),
                                NetworkAclPlans.dataTier(args.productionCidr(), args.appSubnets(), args.managementCidr()))),
                args.productionNat(), args.logsKeyArn(), args.flowLogRetentionDays(),
                args.physicalPrefix(), args.account()), child);

        this.management = new VpcNetwork("management", new VpcNetwork.Args(args.managementCidr(), args.availabilityZones(),
                List.of(
                        new Tier(PUBLIC, Routing.PUBLIC, args.mgmtPublicSubnets(), List.of()),
                        new Tier(PRIVATE, Routing.NAT, args.mgmtPrivateSubnets(), List.of())),
                args.managementNat(), args.logsKeyArn(), args.flowLogRetentionDays(),
                args.physicalPrefix(), args.account()), child);

        var peering = new VpcPeering("management-production", new VpcPeering.Args(
                new VpcPeering.Side(management.vpcId, tables(management, PUBLIC, PRIVATE),
                        concat(args.appSubnets(), args.dataSubnets())),
                new VpcPeering.Side(production.vpcId, tables(production, APP, DATA), List.of(args.managementCidr())),
                args.physicalPrefix() + "-management-production"), child);
        this.peeringConnectionId = peering.peeringConnectionId;
        this.peering = peering.connection;

        new VpcEndpoints("production-endpoints", new VpcEndpoints.Args(production.vpcId, args.productionCidr(),
                args.account().region(), concat(production.routeTableIds.get(APP), production.routeTableIds.get(DATA)),
                production.subnetIds.get(APP), args.interfaceEndpoints(), args.physicalPrefix()), child);

        registerOutputs(Map.of(
                "productionVpcId", production.vpcId,
                "managementVpcId", management.vpcId,
                "peeringConnectionId", peeringConnectionId));
    }

    /** Route tables of the given tiers keyed {@code <tier>-<az>}, the keys peering routes are named by. */
    private static Map<String, Output<String>> tables(VpcNetwork vpc, String... tiers) {
        var out = new LinkedHashMap<String, Output<String>>();
        for (var tier : tiers) {
            var ids = vpc.routeTableIds.get(tier);
            for (int i = 0; i < ids.size(); i++) {
                out.put(tier + "-" + vpc.azSuffixes.get(i), ids.get(i));
            }
        }
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        var out = new java.util.ArrayList<T>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
