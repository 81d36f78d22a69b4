package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.access.Bastion;
import hipaa.access.Machine;
import hipaa.access.Monitoring;
import hipaa.access.OpenVpn;
import hipaa.access.SessionLogging;
import hipaa.access.SessionManagerPreferences;
import hipaa.identity.Keys;
import hipaa.network.Network;
import hipaa.settings.AccessSettings;
import hipaa.settings.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin access path: Session Manager, the bastion and the OpenVPN server in the management VPC.
 *
 * @param sessions where session transcripts go (this stack's preferences, or the owning stack's)
 * @param bastion  the SSH bastion
 * @param vpn      the OpenVPN server
 * @param vpnPaths what VPN clients reach: the flows from the VPN's security group and the subnets it routes
 * @param region   the stack's Region, which the session commands name
 */
public record AccessWiring(SessionLogging sessions, Bastion bastion, OpenVpn vpn, List<VpnPath> vpnPaths, String region) {

    /** VPN paths' targets: the components whose security groups the VPN's flows end in. */
    public static final String DATABASE = "db";
    public static final String APP_EC2 = "app-ec2";

    /**
     * One way VPN clients reach production: the flow from the VPN's security group to {@code target}'s (a component
     * name), and the subnets {@code target} runs in, which the server pushes as routes.
     */
    public record VpnPath(String flow, String target, List<String> subnets, int port, String description) {
        public VpnPath {
            subnets = List.copyOf(subnets);
        }
    }

    public static AccessWiring create(Platform platform, Keys keys, NetworkWiring network, Output<String> alertTopicArn) {
        var settings = platform.settings();
        var access = settings.access();
        var sessions = sessionLogging(platform, keys);
        var monitoring = new Monitoring(sessions, access.logRetentionDays(), List.of(alertTopicArn));
        var management = network.management();

        // With an Elastic IP the bastion faces the admin ranges; without one it is private and reached
        // through Session Manager, which the private tier's NAT gateway lets it reach.
        var bastion = new Bastion("bastion", new Bastion.Args(new Bastion.Reach(
                management.placement(access.bastionElasticIp() ? Network.PUBLIC : Network.PRIVATE),
                access.bastionElasticIp(), access.adminCidrs()),
                new Machine(access.linuxAmiId().orElse(platform.image()), access.bastionInstanceType(),
                        settings.tags()),
                keys, monitoring, platform.naming(), platform.protect()), platform.opts());

        // What VPN clients reach, said once: each path is one audited flow from the VPN's security group (added
        // with the other flows in NetworkWiring) and the subnets it ends in. The server pushes routes to exactly
        // those subnets and forwards nothing else, so it never offers a route its security group refuses.
        var vpnPaths = vpnPaths(settings);
        var routed = vpnPaths.stream().flatMap(p -> p.subnets().stream()).distinct().toList();
        var vpn = new OpenVpn("vpn", new OpenVpn.Args(new OpenVpn.Reach(management.vpcId,
                management.subnetIds.get(Network.PUBLIC).get(0), access.vpnPort(), access.vpnClientCidrs(),
                access.adminCidrs()),
                new Machine(vpnImage(access, platform), access.vpnInstanceType(), settings.tags()),
                new OpenVpn.Server(access.accessServer(), access.vpnClientPool(), routed),
                keys, monitoring, platform.naming(), platform.protect()), platform.opts());
        return new AccessWiring(sessions, bastion, vpn, vpnPaths, settings.region());
    }

    public void export(Context ctx) {
        ctx.export("bastionAutoScalingGroupName", bastion.autoScalingGroupName);
        ctx.export("bastionSecurityGroupId", bastion.securityGroupId);
        ctx.export("bastionPublicIp", bastion.publicIp.orElse(Output.of("")));
        ctx.export("bastionSessionCommand", bastion.autoScalingGroupName.applyValue(group ->
                "aws ssm start-session --region " + region + " --target \"$(aws autoscaling "
                        + "describe-auto-scaling-groups --region " + region + " --auto-scaling-group-names " + group
                        + " --query 'AutoScalingGroups[0].Instances[0].InstanceId' --output text)\""));
        ctx.export("sshLogGroupName", bastion.sshLogGroupName);
        ctx.export("sessionLogGroupName", Output.of(sessions.logGroupName()));
        ctx.export("vpnSecurityGroupId", vpn.securityGroupId);
        ctx.export("vpnPublicIp", vpn.publicIp);
        ctx.export("vpnPort", vpn.port);
        ctx.export("vpnSessionCommand", vpn.instanceId.applyValue(id ->
                "aws ssm start-session --region " + region + " --target " + id));
        ctx.export("vpnClientProfile", vpn.clientProfile);
    }

    /** The database always; the EC2 app instances by SSH when the stack runs them. */
    private static List<VpnPath> vpnPaths(Settings settings) {
        var production = settings.network().production();
        var paths = new ArrayList<VpnPath>(List.of(new VpnPath("vpn-to-database", DATABASE, production.dataSubnets(),
                settings.database().engine().port(), "Administrators' database sessions over the VPN")));
        if (settings.app().ec2().enabled()) {
            paths.add(new VpnPath("vpn-to-app-ec2-ssh", APP_EC2, production.appSubnets(), Bastion.SSH_PORT,
                    "Administrators' SSH to application instances over the VPN"));
        }
        return paths;
    }

    /** The VPN server's AMI: Access Server's, else the approved Linux image. */
    private static String vpnImage(AccessSettings access, Platform platform) {
        return access.vpnAccessServerAmiId().or(access::linuxAmiId).orElse(platform.image());
    }

    /**
     * Session Manager preferences are one document per account and Region: the owning stack creates them
     * (and the log group), every other stack's instances write to the owner's log group under its logs key.
     */
    private static SessionLogging sessionLogging(Platform platform, Keys keys) {
        var settings = platform.settings();
        var access = settings.access();
        var owner = access.ssmSessionPreferencesStack();
        var group = SessionLogging.logGroupName(settings.project(), owner);
        if (access.ownsSessionPreferences(settings.stack())) {
            new SessionManagerPreferences("ssm-sessions", new SessionManagerPreferences.Args(group, keys.logsKeyArn(),
                    access.logRetentionDays(), platform.protect()), platform.opts());
            return new SessionLogging(group, keys.logsKeyArn(), Optional.empty());
        }
        return new SessionLogging(group, Output.of(platform.account().arn("kms", "key/*")),
                Optional.of("alias/" + settings.project() + "-" + owner + "-logs"));
    }
}
