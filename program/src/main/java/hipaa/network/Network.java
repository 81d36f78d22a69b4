package hipaa.network;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import hipaa.identity.Naming;
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
     * The production VPC.
     *
     * @param cidr               its range
     * @param publicSubnets      public subnets (load balancers, NAT gateways), one per AZ
     * @param appSubnets         app subnets
     * @param dataSubnets        data subnets
     * @param nat                NAT for the app tier
     * @param interfaceEndpoints interface endpoint services for the app and data tiers; empty for none
     */
    public record Production(String cidr, List<String> publicSubnets, List<String> appSubnets, List<String> dataSubnets,
                             NatStrategy nat, List<String> interfaceEndpoints) {
        public Production {
            publicSubnets = List.copyOf(publicSubnets);
            appSubnets = List.copyOf(appSubnets);
            dataSubnets = List.copyOf(dataSubnets);
            interfaceEndpoints = List.copyOf(interfaceEndpoints);
        }
    }

    /**
     * The management VPC.
     *
     * @param cidr           its range
     * @param publicSubnets  public subnets (bastion with an Elastic IP, VPN), one per AZ
     * @param privateSubnets private subnets
     * @param nat            NAT for the private tier
     */
    public record Management(String cidr, List<String> publicSubnets, List<String> privateSubnets, NatStrategy nat) {
        public Management {
            publicSubnets = List.copyOf(publicSubnets);
            privateSubnets = List.copyOf(privateSubnets);
        }
    }

    /**
     * @param availabilityZones AZ names used by both VPCs
     * @param production        the production VPC
     * @param management        the management VPC
     * @param flowLogs          both VPCs' flow logs
     * @param naming            the name prefix, the account and Region
     */
    public record Args(List<String> availabilityZones, Production production, Management management,
                       VpcNetwork.FlowLogs flowLogs, Naming naming) {}

    public final VpcNetwork production;
    public final VpcNetwork management;
    public final Output<String> peeringConnectionId;
    /** The peering connection and its options, which rules referencing groups across it wait for. */
    public final List<Resource> peering;

    public Network(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ComponentResourceOptions.builder().parent(this).build();

        var p = args.production();
        var m = args.management();
        this.production = new VpcNetwork("production", new VpcNetwork.Args(p.cidr(), args.availabilityZones(),
                List.of(
                        new Tier(PUBLIC, Routing.PUBLIC, p.publicSubnets(), NetworkAclPlans.publicTier(p.cidr())),
                        new Tier(APP, Routing.NAT, p.appSubnets(), List.of()),
                        new Tier(DATA, Routing.ISOLATED, p.dataSubnets(),
                                NetworkAclPlans.dataTier(p.cidr(), p.appSubnets(), m.cidr()))),
                p.nat(), args.flowLogs(), args.naming()), child);

        this.management = new VpcNetwork("management", new VpcNetwork.Args(m.cidr(), args.availabilityZones(),
                List.of(
                        new Tier(PUBLIC, Routing.PUBLIC, m.publicSubnets(), List.of()),
                        new Tier(PRIVATE, Routing.NAT, m.privateSubnets(), List.of())),
                m.nat(), args.flowLogs(), args.naming()), child);

        var peering = new VpcPeering("management-production", new VpcPeering.Args(
                new VpcPeering.Side(management.vpcId, tables(management, PUBLIC, PRIVATE),
                        concat(p.appSubnets(), p.dataSubnets())),
                new VpcPeering.Side(production.vpcId, tables(production, APP, DATA), List.of(m.cidr())),
                args.naming().namePrefix() + "-management-production"), child);
        this.peeringConnectionId = peering.peeringConnectionId;
        this.peering = peering.connection;

        new VpcEndpoints("production-endpoints", new VpcEndpoints.Args(production.vpcId, p.cidr(),
                concat(production.routeTableIds.get(APP), production.routeTableIds.get(DATA)),
                production.subnetIds.get(APP), p.interfaceEndpoints(), args.naming()), child);

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
