package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.access.Bastion;
import hipaa.identity.Keys;
import hipaa.network.Network;
import hipaa.network.TrafficFlows;
import hipaa.network.VpcEndpoints;
import hipaa.network.VpcNetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The network: both VPCs, their peering and endpoints, and (once every tier exists) the audited traffic flows.
 *
 * @param network  both VPCs, the peering and the endpoints
 * @param platform where the flows are created
 */
public record NetworkWiring(Network network, Platform platform) {

    public static NetworkWiring create(Platform platform, Keys keys) {
        var net = platform.settings().network();
        var p = net.production();
        var m = net.management();
        return new NetworkWiring(new Network("network", new Network.Args(platform.availabilityZones(),
                new Network.Production(p.cidr(), p.publicSubnets(), p.appSubnets(), p.dataSubnets(), net.natStrategy(),
                        net.interfaceEndpoints() ? VpcEndpoints.DEFAULT_INTERFACE_SERVICES : List.of()),
                new Network.Management(m.cidr(), m.publicSubnets(), m.privateSubnets(), net.mgmtNatStrategy()),
                new VpcNetwork.FlowLogs(keys.logsKeyArn(), net.flowLogRetentionDays()), platform.naming()),
                platform.opts()), platform);
    }

    public VpcNetwork production() {
        return network.production;
    }

    public VpcNetwork management() {
        return network.management;
    }

    /**
     * Every connection one component may open to another, in one place for review: administrators reach the
     * database (and the EC2 instances by SSH) from the bastion and the VPN; each workload reaches the database.
     * Fargate tasks take no SSH at all; instances do, from the admin path only (Session Manager is preferred).
     */
    public TrafficFlows allowFlows(AccessWiring access, DataWiring data, ComputeWiring compute) {
        var bastion = access.bastion().securityGroupId;
        var vpn = access.vpn().securityGroupId;
        var db = data.database().securityGroupId;
        var flows = new ArrayList<TrafficFlows.Flow>(List.of(
                new TrafficFlows.Flow("bastion-to-database", bastion, db, data.port(),
                        "Administrators' database sessions tunnelled through the bastion")));
        var vpnTargets = new LinkedHashMap<String, Output<String>>();
        vpnTargets.put(AccessWiring.DATABASE, db);
        compute.fargate().ifPresent(fargate -> flows.add(new TrafficFlows.Flow("app-to-database", fargate.securityGroupId,
                db, data.port(), "The Fargate service reads and writes its data")));
        compute.ec2().ifPresent(ec2 -> {
            flows.add(new TrafficFlows.Flow("app-ec2-to-database", ec2.securityGroupId, db, data.port(),
                    "The EC2 application instances read and write their data"));
            flows.add(new TrafficFlows.Flow("bastion-to-app-ec2-ssh", bastion, ec2.securityGroupId, Bastion.SSH_PORT,
                    "Administrators' SSH to application instances through the bastion"));
            vpnTargets.put(AccessWiring.APP_EC2, ec2.securityGroupId);
        });
        // The VPN's flows are the paths AccessWiring routes, so the server never pushes a route its group refuses.
        for (var path : access.vpnPaths()) {
            flows.add(new TrafficFlows.Flow(path.flow(), vpn, vpnTargets.get(path.target()), path.port(), path.description()));
        }
        return new TrafficFlows("flows", new TrafficFlows.Args(flows, network.peering), platform.opts());
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
