package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.identity.Keys;
import hipaa.network.Network;
import hipaa.network.VpcEndpoints;
import hipaa.network.VpcNetwork;

import java.util.List;

/** The network: both VPCs, their peering and endpoints, and (once every tier exists) the audited traffic flows. */
public final class NetworkWiring {

    public final Network network;

    private NetworkWiring(Network network) {
        this.network = network;
    }

    public static NetworkWiring create(Platform platform, Keys keys) {
        var net = platform.settings().network();
        var p = net.production();
        var m = net.management();
        return new NetworkWiring(new Network("network", new Network.Args(platform.availabilityZones(),
                new Network.Production(p.cidr(), p.publicSubnets(), p.appSubnets(), p.dataSubnets(), net.natStrategy(),
                        net.interfaceEndpoints() ? VpcEndpoints.DEFAULT_INTERFACE_SERVICES : List.of()),
                new Network.Management(m.cidr(), m.publicSubnets(), m.privateSubnets(), net.mgmtNatStrategy()),
                new VpcNetwork.FlowLogs(keys.logsKeyArn(), net.flowLogRetentionDays()), platform.naming()),
                platform.opts()));
    }

    public VpcNetwork production() {
        return network.production;
    }

    public VpcNetwork management() {
        return network.management;
    }

    public void export(Context ctx) {
        var production = network.production;
        var management = network.management;
        ctx.export("productionVpcId", production.vpcId);
        ctx.export("productionVpcCidr", Output.of(production.cidr));
        ctx.export("productionPublicSubnetIds", production.subnetIdsOf(Network.PUBLIC));
        ctx.export("productionAppSubnetIds", production.subnetIdsOf(Network.APP));
        ctx.export("productionDataSubnetIds", production.subnetIdsOf(Network.DATA));
        ctx.export("managementVpcId", management.vpcId);
        ctx.export("managementVpcCidr", Output.of(management.cidr));
        ctx.export("managementPublicSubnetIds", management.subnetIdsOf(Network.PUBLIC));
        ctx.export("managementPrivateSubnetIds", management.subnetIdsOf(Network.PRIVATE));
        ctx.export("vpcPeeringConnectionId", network.peeringConnectionId);
    }
}
