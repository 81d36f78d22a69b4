package hipaa.access;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.EipAssociation;
import com.pulumi.aws.ec2.EipAssociationArgs;
import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.InstanceArgs;
import com.pulumi.aws.ec2.inputs.InstanceMaintenanceOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceRootBlockDeviceArgs;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.data.Backups;
import hipaa.identity.Keys;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OpenVPN server of the management VPC: user-based access for administrators, with certificates a
 * single command issues or revokes.
 *
 * <p>Children: {@code <name>-sg} (security group), {@code <name>-clients-from-<cidr-slug>} (the VPN port from
 * each client range), with Access Server {@code <name>-admin-ui-from-<cidr-slug>} (its admin UI from each admin
 * range), {@code <name>-https-out}, {@code <name>-role}, {@code <name>-policy} (customer managed) with
 * {@code <name>-policy-attachment}, {@code <name>-profile},
 * {@code <name>-logs} (log group), community OpenVPN only: {@code <name>-pki} (the Secrets Manager secret that
 * keeps the certificate authority and every key, written only by the server itself); {@code <name>-eip},
 * {@code <name>-instance}, {@code <name>-eip-association}, {@code <name>-recover-alarm} (moves the instance to
 * healthy hardware, keeping its id, address and volume) and {@code <name>-reboot-alarm}.
 *
 * <p>One instance rather than an autoscaling group: the Elastic IP is attached by Pulumi, so the server never
 * needs a throwaway public address or the right to move addresses, and Access Server images (which run no
 * user data of ours) keep their address too. Every hardening setting is on the instance itself.
 *
 * <p>Community OpenVPN (the default) is installed by user data on the Linux image: TLS 1.2+ with EC keys,
 * tls-crypt so the open port answers nobody without the key, a CRL checked on every connection, clients
 * masqueraded behind the server's address and forwarded only to the pushed ranges (the subnets its security
 * group's flows reach). With an OpenVPN Access Server AMI the image configures itself.
 * Fixed posture for both: IMDSv2 only, hop limit 1; root volume encrypted with the data key; detailed
 * monitoring; logs to CloudWatch Logs under the logs key. Supports 45 CFR 164.312(a)(1), (b), (d), (e)(1)
 * transmission security.
 */
public final class OpenVpn extends ComponentResource {

    public static final String TYPE = "hipaa:access:OpenVpn";
    /** Access Server's admin and client web UI. */
    public static final int ACCESS_SERVER_UI_PORT = 943;

    /**
     * How the VPN server is reached.
     *
     * @param vpcId       the management VPC
     * @param subnetId    the management public subnet the instance lives in
     * @param port        the VPN's UDP port
     * @param clientCidrs ranges the VPN port accepts; the whole internet is allowed
     * @param adminCidrs  ranges the Access Server admin UI accepts (unused by community OpenVPN)
     */
    public record Reach(Output<String> vpcId, Output<String> subnetId, int port, List<String> clientCidrs,
                        List<String> adminCidrs) {
        public Reach {
            Objects.requireNonNull(vpcId, "vpcId");
            Objects.requireNonNull(subnetId, "subnetId");
            clientCidrs = List.copyOf(clientCidrs);
            adminCidrs = List.copyOf(adminCidrs);
        }
    }

    /**
     * Which server runs and what it gives clients.
     *
     * @param accessServer whether the machine's image is OpenVPN Access Server (it configures itself)
     * @param clientPool   client addresses, disjoint from every VPC range
     * @param routedCidrs  ranges pushed to clients and the only ones forwarded to: the subnets where the flows from
     *                     this server's security group end (the caller derives both from one list)
     */
    public record Server(boolean accessServer, String clientPool, List<String> routedCidrs) {
        public Server {
            Objects.requireNonNull(clientPool, "clientPool");
            routedCidrs = List.copyOf(routedCidrs);
        }
    }

    /**
     * @param reach      where it lives and who may reach the VPN port and the Access Server UI
     * @param machine    its image (an AMI id: an instance cannot take {@code resolve:ssm:}, the provider would read
     *                   back another value and replace it), instance type and tags (also on client-profile secrets)
     * @param server     community OpenVPN or Access Server, the client pool and the routes pushed
     * @param keys       the data key encrypts the root volume, the logs key the VPN log group, the secrets key the
     *                   PKI archive and every client profile
     * @param monitoring session transcripts, the VPN log group's retention, who hears of the recovery alarms
     * @param naming     the name prefix, the account and Region
     * @param protect    protect the log group, the PKI secret and the Elastic IP (client profiles name it)
     */
    public record Args(Reach reach, Machine machine, Server server, Keys keys, Monitoring monitoring, Naming naming,
                       boolean protect) {}

    public final Output<String> securityGroupId;
    public final Output<String> publicIp;
    public final Output<Integer> port;
    public final Output<String> instanceId;
    /** Where an operator fetches a user's client profile. */
    public final Output<String> clientProfile;

    public OpenVpn(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var physical = args.naming().namePrefix() + "-" + name;
        var account = args.naming().account();
        var reach = args.reach();
        var server = args.server();
        var machine = args.machine();
        var keys = args.keys();
        var monitoring = args.monitoring();

        var sg = Hosts.securityGroup(this, name + "-sg", physical, "OpenVPN server: the VPN port from client ranges"
                + (server.accessServer() ? ", the Access Server UI from admin ranges" : "") + "; HTTPS out", reach.vpcId());
        // The VPN port is the entry point of the access path and may face the whole internet: community
        // OpenVPN drops every packet not signed with the tls-crypt key, so the port reveals nothing.
        for (var cidr : reach.clientCidrs()) {
            Hosts.ingress(this, Hosts.ruleName(name, "clients-from", cidr), sg.id(), "udp", reach.port(), cidr,
                    "OpenVPN from client range " + cidr);
        }
        if (server.accessServer()) {
            for (var cidr : reach.adminCidrs()) {
                Hosts.ingress(this, Hosts.ruleName(name, "admin-ui-from", cidr), sg.id(), "tcp", ACCESS_SERVER_UI_PORT,
                        cidr, "Access Server admin UI from admin range " + cidr);
            }
        }
        Hosts.egress(this, name + "-https-out", sg.id(), "tcp", 443, "0.0.0.0/0",
                "HTTPS to AWS APIs (SSM, Secrets Manager, CloudWatch Logs) and the package repositories");

        var logGroupName = "/" + args.naming().namePrefix() + "/access/" + name;
        Hosts.logGroup(this, name + "-logs", logGroupName, monitoring.logRetentionDays(), keys.logsKeyArn(), args.protect());

        var pkiSecretName = args.naming().namePrefix() + "/" + name + "/pki";
        var clientPrefix = args.naming().namePrefix() + "/" + name + "/clients/";
        Optional<Secret> pki = server.accessServer() ? Optional.empty() : Optional.of(new Secret(name + "-pki",
                SecretArgs.builder()
                        .name(pkiSecretName)
                        .description("OpenVPN certificate authority, server key and issued certificates of " + physical
                                + " (openssl CA archive). Written only by the VPN server; no value is set by Pulumi.")
                        .kmsKeyId(keys.secretsKeyArn())
                        .recoveryWindowInDays(30)
                        .build(), Hosts.kept(this, args.protect())));

        var policy = Output.tuple(monitoring.sessions().keyResource(), keys.secretsKeyArn(),
                pki.map(Secret::arn).orElse(Output.of(""))).applyValue(t -> {
                    var statements = new ArrayList<Statement>(InstancePolicies.sessionManager(account,
                            monitoring.sessions().logGroupName(), t.t1, monitoring.sessions().keyAlias()));
                    statements.add(InstancePolicies.writeLogs("ShipVpnLogs", account, logGroupName));
                    if (!server.accessServer()) {
                        statements.addAll(InstancePolicies.vpnSecrets(account, t.t3, clientPrefix, t.t2));
                    }
                    return new PolicyDocument(statements);
                });
        var identity = Hosts.instanceProfile(this, name, physical, "OpenVPN server: Session Manager, its log group"
                + (server.accessServer() ? "" : ", its PKI and client-profile secrets"), policy);

        var eip = new Eip(name + "-eip", EipArgs.builder().domain("vpc").tags(Map.of("Name", physical)).build(),
                CustomResourceOptions.builder().parent(this).protect(args.protect()).build());

        // The server and its volume are selected by the daily backup plan: Access Server keeps its users and
        // settings on the volume, and community OpenVPN's state (beyond the PKI secret) is rebuilt from them.
        var tags = new LinkedHashMap<>(machine.instanceTags());
        tags.put("Name", physical);
        tags.put(Backups.TAG_KEY, Backups.TAG_VALUE);
        var instanceArgs = InstanceArgs.builder()
                .ami(machine.imageId())
                .instanceType(machine.instanceType())
                .subnetId(reach.subnetId())
                .vpcSecurityGroupIds(sg.id().applyValue(List::of))
                .iamInstanceProfile(identity.profile().name())
                .metadataOptions(InstanceMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens(Hosts.HTTP_TOKENS)
                        .httpPutResponseHopLimit(Hosts.HOP_LIMIT)
                        .instanceMetadataTags("disabled")
                        .build())
                .rootBlockDevice(InstanceRootBlockDeviceArgs.builder()
                        .encrypted(true)
                        .kmsKeyId(keys.dataKeyArn())
                        .volumeType("gp3")
                        .volumeSize(Hosts.ROOT_VOLUME_GIB)
                        .deleteOnTermination(true)
                        .build())
                .volumeTags(tags)
                .monitoring(true)
                .maintenanceOptions(InstanceMaintenanceOptionsArgs.builder().autoRecovery("default").build())
                // New user data means a new server, built from scratch; its PKI survives in the secret.
                .userDataReplaceOnChange(true)
                .tags(Map.of("Name", physical, Backups.TAG_KEY, Backups.TAG_VALUE));
        if (!server.accessServer()) {
            instanceArgs.userData(Output.tuple(eip.publicIp(), keys.secretsKeyArn()).applyValue(t -> new VpnScript(
                    account.region(), t.t1, reach.port(), server.clientPool(), server.routedCidrs(), logGroupName,
                    pkiSecretName, clientPrefix, t.t2, machine.instanceTags()).render()));
        }
        // A new Amazon Linux release must not replace the VPN server during an unrelated deploy; roll it
        // deliberately with `pulumi up --replace` (docs/ACCESS.md). It boots only once its role may do what its
        // first boot does.
        var instance = new Instance(name + "-instance", instanceArgs.build(), CustomResourceOptions.builder()
                .parent(this).ignoreChanges("ami").dependsOn(identity.policy()).build());
        new EipAssociation(name + "-eip-association", EipAssociationArgs.builder()
                .allocationId(eip.allocationId())
                .instanceId(instance.id())
                .build(), Hosts.child(this));

        recoveryAlarm(name + "-recover-alarm", physical + "-recover", "StatusCheckFailed_System", 2, "recover",
                "AWS hardware or network under the VPN server failed its status check: recover it onto healthy hardware",
                instance, args);
        recoveryAlarm(name + "-reboot-alarm", physical + "-reboot", "StatusCheckFailed_Instance", 3, "reboot",
                "The VPN server's operating system failed its status check: reboot it", instance, args);

        this.securityGroupId = sg.id();
        this.publicIp = eip.publicIp();
        this.port = Output.of(reach.port());
        this.instanceId = instance.id();
        this.clientProfile = server.accessServer()
                ? eip.publicIp().applyValue(ip -> "https://" + ip + ":" + ACCESS_SERVER_UI_PORT
                        + "/ (Access Server client UI, from hipaa:adminCidrs)")
                : Output.of("aws secretsmanager get-secret-value --region " + account.region() + " --secret-id "
                        + clientPrefix + "<user> --query SecretString --output text > <user>.ovpn");
        registerOutputs(Map.of("securityGroupId", securityGroupId, "publicIp", publicIp, "port", port,
                "instanceId", instanceId, "clientProfile", clientProfile));
    }

    private void recoveryAlarm(String resourceName, String alarmName, String metric, int periods, String action,
                               String description, Instance instance, Args args) {
        var account = args.naming().account();
        var actions = new ArrayList<Output<String>>();
        actions.add(Output.of("arn:" + account.partition() + ":automate:" + account.region() + ":ec2:" + action));
        actions.addAll(args.monitoring().alarmActions());
        new MetricAlarm(resourceName, MetricAlarmArgs.builder()
                .name(alarmName)
                .alarmDescription(description)
                .namespace("AWS/EC2")
                .metricName(metric)
                .dimensions(instance.id().applyValue(id -> Map.of("InstanceId", id)))
                .statistic("Maximum")
                .period(60)
                .evaluationPeriods(periods)
                .threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .alarmActions(Output.all(actions))
                .okActions(Output.all(args.monitoring().alarmActions()))
                .insufficientDataActions(Output.all(args.monitoring().alarmActions()))
                .build(), Hosts.child(this));
    }
}
