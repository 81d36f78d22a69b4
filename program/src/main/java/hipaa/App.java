package hipaa;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesPlainArgs;
import com.pulumi.aws.inputs.GetCallerIdentityPlainArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.aws.ssm.SsmFunctions;
import com.pulumi.aws.ssm.inputs.GetParameterPlainArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.ComponentResourceOptions;
import hipaa.access.Bastion;
import hipaa.access.Images;
import hipaa.access.OpenVpn;
import hipaa.access.SessionLogging;
import hipaa.access.SessionManagerPreferences;
import hipaa.alerting.AlertTopic;
import hipaa.data.Backups;
import hipaa.data.Database;
import hipaa.audit.Audit;
import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.inputs.GetManagedPrefixListPlainArgs;
import com.pulumi.aws.elb.ElbFunctions;
import com.pulumi.aws.elb.inputs.GetServiceAccountPlainArgs;
import hipaa.compute.Ec2AppGroup;
import hipaa.compute.FargateService;
import hipaa.edge.AccessLogBucket;
import hipaa.edge.HttpsLoadBalancer;
import hipaa.edge.StaticFront;
import hipaa.edge.WebFirewall;
import hipaa.identity.AwsAccount;
import hipaa.identity.EvidenceNames;
import hipaa.alerting.OperationsDashboard;
import hipaa.alerting.OperationalAlarms;
import hipaa.alerting.SecurityAlarms;
import hipaa.identity.IdentityBaseline;
import hipaa.identity.KmsKeys;
import hipaa.network.Network;
import hipaa.network.TrafficFlows;
import hipaa.network.VpcEndpoints;
import hipaa.settings.AccessSettings;
import hipaa.settings.FrontSettings;
import hipaa.settings.Settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole HIPAA environment, one stack at a time.
 *
 * <p>{@link #stack(Context)} is the program: the Pulumi CLI runs it through {@link #main}, the tests and
 * the offline plan run the very same method under the SDK's mocks. It reads the configuration once,
 * stops before creating anything if it is wrong, and otherwise composes the components. It holds no
 * AWS property values of its own: behaviour lives in the components, per-stack values in the stack files.
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var settings = Settings.read(ctx);

        // One explicit provider: the stack files disable the default one, so nothing can be created
        // untagged or in a Region the settings did not validate.
        var aws = new Provider("aws", ProviderArgs.builder()
                .region(settings.region())
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(settings.tags()).build())
                .build());
        var opts = ComponentResourceOptions.builder().providers(aws).build();
        var invoke = InvokeOptions.builder().provider(aws).build();

        var account = new AwsAccount(settings.partition(), settings.region(), AwsFunctions
                .getCallerIdentityPlain(GetCallerIdentityPlainArgs.builder().build(), invoke).join().accountId());
        checkCertificateAccount(settings, account);
        var zones = availabilityZones(settings, invoke);

        var keys = new KmsKeys("kms", new KmsKeys.Args(account, settings.namePrefix(), settings.deletionProtection()), opts);

        var net = settings.network();
        var network = new Network("network", new Network.Args(zones,
                net.production().cidr(), net.production().publicSubnets(), net.production().appSubnets(),
                net.production().dataSubnets(),
                net.management().cidr(), net.management().publicSubnets(), net.management().privateSubnets(),
                net.natStrategy(), net.mgmtNatStrategy(),
                net.interfaceEndpoints() ? VpcEndpoints.DEFAULT_INTERFACE_SERVICES : List.of(),
                keys.logsKeyArn, net.flowLogRetentionDays(), settings.namePrefix(), account), opts);

        var alerts = new AlertTopic("alerts", new AlertTopic.Args(account, settings.namePrefix(),
                settings.alerting().alertEmails(), settings.deletionProtection()), opts);
        // Sysadmins operate only what carries this stack's Project and Stack tags, which the provider puts on everything.
        var identity = new IdentityBaseline("identity", new IdentityBaseline.Args(account, settings.namePrefix(),
                Map.of("Project", settings.tags().get("Project"), "Stack", settings.tags().get("Stack")),
                settings.account().manageAccountBaseline()), opts);
        var access = settings.access();
        var image = access.linuxAmiId().orElse(Images.AMAZON_LINUX_2023);
        var sessions = sessionLogging(settings, keys, account, opts);
        List<Output<String>> alarmActions = List.of(alerts.topicArn);
        var bastion = new Bastion("bastion", new Bastion.Args(network.management.vpcId,
                // With an Elastic IP the bastion faces the admin ranges; without one it is private and reached
                // through Session Manager, which the private tier's NAT gateway lets it reach.
                network.management.subnetIdsOf(access.bastionElasticIp() ? Network.PUBLIC : Network.PRIVATE),
                access.bastionElasticIp(), access.adminCidrs(), image, access.bastionInstanceType(),
                keys.dataKeyArn, keys.logsKeyArn, sessions, access.logRetentionDays(), alarmActions, settings.tags(),
                settings.namePrefix(), account, settings.deletionProtection()), opts);
        var routed = new ArrayList<String>();
        routed.add(net.management().cidr());
        routed.addAll(net.production().appSubnets());
        routed.addAll(net.production().dataSubnets());
        var vpn = new OpenVpn("vpn", new OpenVpn.Args(network.management.vpcId,
                network.management.subnetIds.get(Network.PUBLIC).get(0), access.vpnClientCidrs(), access.adminCidrs(),
                access.vpnPort(), access.vpnClientPool(), routed, vpnImage(access, invoke),
                access.accessServer(), access.vpnInstanceType(), keys.dataKeyArn, keys.logsKeyArn, keys.secretsKeyArn,
                sessions, access.logRetentionDays(), alarmActions, settings.tags(), settings.namePrefix(), account,
                settings.deletionProtection()), opts);

        var data = settings.database();
        var db = new Database("db", new Database.Args(data.engine(), data.engineVersion(), data.instanceClass(),
                data.allocatedStorageGiB(), data.maxAllocatedStorageGiB(), data.backupRetentionDays(),
                data.backupWindow(), data.maintenanceWindow(), data.multiAz(), data.dbName(), data.caCertIdentifier(),
                data.logRetentionDays(), network.production.vpcId, network.production.subnetIdsOf(Network.DATA),
                keys.dataKeyArn, keys.secretsKeyArn, keys.logsKeyArn, settings.namePrefix(), account,
                settings.deletionProtection()), opts);
        var backups = new Backups("backup", new Backups.Args(keys.dataKeyArn, data.vaultRetentionDays(),
                data.copyVaultArn(), List.of(db.arn), settings.namePrefix(), settings.partition(),
                settings.deletionProtection()), opts);

        var au = settings.audit();
        // The audit evidence's second Region gets its own explicit provider, tagged like the main one.
        var replica = au.replicaRegion().map(region -> new Audit.Replica(new Provider("aws-audit-replica",
                ProviderArgs.builder().region(region)
                        .defaultTags(ProviderDefaultTagsArgs.builder().tags(settings.tags()).build()).build()), region));
        var audit = new Audit("audit", new Audit.Args(account, settings.namePrefix(),
                keys.logsKeyArn, keys.dataKeyArn, keys.secretsKeyArn,
                new Audit.Archive(au.archiveRetentionDays(), au.archiveTransitionIaDays(), au.archiveTransitionGlacierDays(),
                        au.objectLockMode(), au.objectLockDays()),
                new Audit.Trail(au.trailLogRetentionDays(), au.phiBucketNames(), au.trailInsights()),
                new Audit.Compliance(settings.requiredTagKeys(), settings.approvedAmiIds(),
                        Output.all(network.production.vpcId, network.management.vpcId),
                        Output.all(concat(network.production.routeTableIds.get(Network.PUBLIC),
                                network.management.routeTableIds.get(Network.PUBLIC))),
                        // NON_COMPLIANT changes reach people through the alert topic, whose policy admits EventBridge.
                        au.autoRemediateOpenSsh(), Optional.of(alerts.topicArn)),
                new Audit.Baseline(settings.account().manageAccountBaseline(), au.manageRegionalBaseline(),
                        au.guardDutyS3Protection(), au.guardDutyEbsMalwareProtection()),
                settings.deletionProtection(), replica), opts);

        var app = settings.app();
        // Every Region this program accepts (regions.tsv) opened before August 2022, so ELB writes access
        // logs from a Regional AWS account, which this data source returns. A newer Region would use the
        // logdelivery.elasticloadbalancing.amazonaws.com service principal (AccessLogBucket.LogDelivery).
        var elbLogDelivery = ElbFunctions.getServiceAccountPlain(GetServiceAccountPlainArgs.builder()
                .region(settings.region()).build(), invoke).join();
        var albLogsName = AccessLogBucket.bucketName(settings.namePrefix(), account.accountId());
        var albLogs = new AccessLogBucket("alb-logs", new AccessLogBucket.Args(account,
                AccessLogBucket.LogDelivery.regionalAccount(elbLogDelivery.arn()), settings.namePrefix(),
                app.edge().accessLogRetentionDays(), Optional.of(new AccessLogBucket.ServerAccessLogs(
                        audit.accessLogBucketName, Audit.ACCESS_LOG_PREFIX + albLogsName + "/")),
                settings.deletionProtection()), opts);
        var workloads = new ArrayList<HttpsLoadBalancer.Workload>();
        if (app.fargate().enabled()) {
            workloads.add(new HttpsLoadBalancer.Workload("fargate", "ip"));
        }
        if (app.ec2().enabled()) {
            workloads.add(new HttpsLoadBalancer.Workload("ec2", "instance"));
        }
        var edge = app.edge();
        // Behind the static front the load balancer takes requests from CloudFront's servers only.
        var cloudFrontOrigins = settings.front().enabled()
                ? Optional.of(Ec2Functions.getManagedPrefixListPlain(GetManagedPrefixListPlainArgs.builder()
                        .name(HttpsLoadBalancer.CLOUDFRONT_ORIGIN_FACING).build(), invoke).join().id())
                : Optional.<String>empty();
        var alb = new HttpsLoadBalancer("alb", new HttpsLoadBalancer.Args(network.production.vpcId,
                network.production.subnetIdsOf(Network.PUBLIC), edge.certificateArn(), edge.tlsPolicy(),
                edge.allowedClientCidrs(), edge.httpRedirect(), edge.idleTimeoutSeconds(), albLogs.bucketName, workloads,
                app.appPort(), app.healthCheckPath(), edge.insecurePlainHttpTargets(), settings.deletionProtection(),
                settings.namePrefix(), cloudFrontOrigins), opts);
        var waf = new WebFirewall("waf", new WebFirewall.Args(alb.arn, edge.wafRateLimit(), keys.logsKeyArn,
                edge.wafLogRetentionDays(), settings.namePrefix(), cloudFrontOrigins.isPresent()), opts);
        var front = staticFront(settings, account, alb, audit, opts);

        // Secrets the app may read, by environment variable (e.g. DB_SECRET); empty until the app gets database
        // credentials of its own (the master secret is the administrators', not the app's).
        Map<String, Output<String>> appSecrets = Map.of();
        FargateService fargate = null;
        if (app.fargate().enabled()) {
            var f = app.fargate();
            fargate = new FargateService("app", new FargateService.Args(account, settings.namePrefix(),
                    network.production.vpcId, network.production.subnetIdsOf(Network.APP), alb.securityGroupId,
                    alb.targetGroupArns.get("fargate"), alb.requestCountLabels.get("fargate"), f.image(),
                    f.repositoryArn(settings.partition()), app.appPort(), f.cpu(), f.memoryMiB(), f.desiredCount(),
                    f.minCount(), f.maxCount(), f.cpuTargetPercent(), f.requestsPerTarget(), keys.logsKeyArn,
                    app.logRetentionDays(), keys.dataKeyArn, appSecrets, keys.secretsKeyArn), opts);
        }
        Ec2AppGroup ec2 = null;
        if (app.ec2().enabled()) {
            var e = app.ec2();
            ec2 = new Ec2AppGroup("app-ec2", new Ec2AppGroup.Args(account, settings.namePrefix(),
                    network.production.vpcId, network.production.subnetIdsOf(Network.APP), alb.securityGroupId,
                    alb.targetGroupArns.get("ec2"), app.appPort(),
                    settings.machineImage(),
                    e.instanceType(), e.rootVolumeGiB(), keys.dataKeyArn, e.minSize(), e.maxSize(), e.desiredCapacity(),
                    e.cpuTargetPercent(), settings.tags()), opts);
        }

        // Every connection one component may open to another, in one place for review.
        int dbPort = data.engine().port();
        var flows = new ArrayList<TrafficFlows.Flow>(List.of(
                new TrafficFlows.Flow("bastion-to-database", bastion.securityGroupId, db.securityGroupId, dbPort,
                        "Administrators' database sessions tunnelled through the bastion"),
                new TrafficFlows.Flow("vpn-to-database", vpn.securityGroupId, db.securityGroupId, dbPort,
                        "Administrators' database sessions over the VPN")));
        if (fargate != null) {
            flows.add(new TrafficFlows.Flow("app-to-database", fargate.securityGroupId, db.securityGroupId, dbPort,
                    "The Fargate service reads and writes its data"));
        }
        if (ec2 != null) {
            flows.add(new TrafficFlows.Flow("app-ec2-to-database", ec2.securityGroupId, db.securityGroupId, dbPort,
                    "The EC2 application instances read and write their data"));
            // Fargate tasks take no SSH at all; instances do, from the admin path only (Session Manager is preferred).
            flows.add(new TrafficFlows.Flow("bastion-to-app-ec2-ssh", bastion.securityGroupId, ec2.securityGroupId, 22,
                    "Administrators' SSH to application instances through the bastion"));
            flows.add(new TrafficFlows.Flow("vpn-to-app-ec2-ssh", vpn.securityGroupId, ec2.securityGroupId, 22,
                    "Administrators' SSH to application instances over the VPN"));
        }
        new TrafficFlows("flows", new TrafficFlows.Args(flows), opts);

        // Alarms that reach people: security events from the trail (the bastion raises its own SSH alarm),
        // operational alarms for what this stack runs, and one dashboard over both.
        var security = new SecurityAlarms("security-alarms", new SecurityAlarms.Args(audit.trailLogGroupName,
                Optional.empty(), Optional.of(new EvidenceNames(account, settings.namePrefix()).breakGlassRole()),
                alerts.topicArn, settings.namePrefix()), opts);
        var watchedTargets = alb.targetGroupArnSuffixes.getOrDefault("fargate", alb.targetGroupArnSuffixes.get("ec2"));
        var operational = new OperationalAlarms("operational-alarms", new OperationalAlarms.Args(alerts.topicArn,
                settings.namePrefix(), settings.alerting().thresholds(),
                Optional.of(new OperationalAlarms.LoadBalancer(alb.arnSuffix, watchedTargets)),
                Optional.ofNullable(fargate).map(f -> new OperationalAlarms.EcsService(f.clusterName, f.serviceName)),
                Optional.of(new OperationalAlarms.Database(Output.of(db.identifier))),
                Optional.ofNullable(ec2).map(g -> new OperationalAlarms.AutoScalingGroup(g.autoScalingGroupName,
                        app.ec2().minSize()))), opts);
        var dashboard = new OperationsDashboard("operations", new OperationsDashboard.Args(settings.namePrefix(),
                settings.region(), settings.partition(), security.alarmArns, operational.panels), opts);

        ctx.export("region", Output.of(settings.region()));
        ctx.export("availabilityZones", Output.of(zones));
        ctx.export("productionVpcId", network.production.vpcId);
        ctx.export("productionVpcCidr", Output.of(network.production.cidr));
        ctx.export("productionPublicSubnetIds", network.production.subnetIdsOf(Network.PUBLIC));
        ctx.export("productionAppSubnetIds", network.production.subnetIdsOf(Network.APP));
        ctx.export("productionDataSubnetIds", network.production.subnetIdsOf(Network.DATA));
        ctx.export("managementVpcId", network.management.vpcId);
        ctx.export("managementVpcCidr", Output.of(network.management.cidr));
        ctx.export("managementPublicSubnetIds", network.management.subnetIdsOf(Network.PUBLIC));
        ctx.export("managementPrivateSubnetIds", network.management.subnetIdsOf(Network.PRIVATE));
        ctx.export("vpcPeeringConnectionId", network.peeringConnectionId);
        ctx.export("logsKeyArn", keys.logsKeyArn);
        ctx.export("dataKeyArn", keys.dataKeyArn);
        ctx.export("secretsKeyArn", keys.secretsKeyArn);
        ctx.export("alertTopicArn", alerts.topicArn);
        ctx.export("adminsGroupName", Output.of(identity.groupNames.get(IdentityBaseline.ADMINS)));
        ctx.export("sysadminsGroupName", Output.of(identity.groupNames.get(IdentityBaseline.SYSADMINS)));
        ctx.export("auditorsGroupName", Output.of(identity.groupNames.get(IdentityBaseline.AUDITORS)));
        ctx.export("breakGlassRoleArn", identity.breakGlassRoleArn);
        ctx.export("bastionAutoScalingGroupName", bastion.autoScalingGroupName);
        ctx.export("bastionSecurityGroupId", bastion.securityGroupId);
        ctx.export("bastionPublicIp", bastion.publicIp.orElse(Output.of("")));
        ctx.export("bastionSessionCommand", bastion.autoScalingGroupName.applyValue(group ->
                "aws ssm start-session --region " + settings.region() + " --target \"$(aws autoscaling "
                        + "describe-auto-scaling-groups --region " + settings.region() + " --auto-scaling-group-names " + group
                        + " --query 'AutoScalingGroups[0].Instances[0].InstanceId' --output text)\""));
        ctx.export("sshLogGroupName", bastion.sshLogGroupName);
        ctx.export("sessionLogGroupName", Output.of(sessions.logGroupName()));
        ctx.export("vpnSecurityGroupId", vpn.securityGroupId);
        ctx.export("vpnPublicIp", vpn.publicIp);
        ctx.export("vpnPort", vpn.port);
        ctx.export("vpnSessionCommand", vpn.instanceId.applyValue(id ->
                "aws ssm start-session --region " + settings.region() + " --target " + id));
        ctx.export("vpnClientProfile", vpn.clientProfile);
        ctx.export("dbEndpoint", db.endpoint);
        ctx.export("dbAddress", db.address);
        ctx.export("dbPort", db.port);
        ctx.export("dbName", Output.of(db.dbName));
        ctx.export("dbSecurityGroupId", db.securityGroupId);
        ctx.export("dbMasterSecretArn", db.masterSecretArn);
        ctx.export("dbCaCertIdentifier", Output.of(db.caCertIdentifier));
        ctx.export("dbCaBundleUrl", Output.of(db.caBundleUrl));
        ctx.export("dbConnectionStringTemplate", db.connectionStringTemplate);
        ctx.export("backupVaultArn", backups.vaultArn);
        ctx.export("backupPlanId", backups.planId);
        ctx.export("trailArn", audit.trailArn);
        ctx.export("trailLogGroupName", audit.trailLogGroupName);
        ctx.export("archiveBucketName", audit.archiveBucketName);
        ctx.export("configHistoryBucketName", audit.configHistoryBucketName);
        ctx.export("accessLogBucketName", audit.accessLogBucketName);
        // Exported only by the stack that owns the Region's recorder and detector (hipaa:manageRegionalBaseline).
        audit.configRecorderName.ifPresent(n -> ctx.export("configRecorderName", n));
        audit.guardDutyDetectorId.ifPresent(id -> ctx.export("guardDutyDetectorId", id));
        ctx.export("alertEventRuleName", audit.alertEventRuleName);
        ctx.export("operationsDashboardName", Output.of(dashboard.dashboardName));
        ctx.export("operationsDashboardUrl", Output.of(dashboard.dashboardUrl));
        ctx.export("albDnsName", alb.dnsName);
        ctx.export("albZoneId", alb.zoneId);
        // Exported only by a stack with hipaa:frontEnabled (docs/OUTPUTS.md, optional outputs).
        front.ifPresent(f -> {
            ctx.export("frontDistributionId", f.distributionId);
            ctx.export("frontDistributionDomainName", f.distributionDomainName);
            ctx.export("frontContentBucketName", f.contentBucketName);
            ctx.export("frontLogBucketName", f.logBucketName);
            ctx.export("frontRecordNames", f.recordNames);
        });
        ctx.export("appUrl", alb.dnsName.applyValue(dns -> "https://" + dns));
        ctx.export("albSecurityGroupId", alb.securityGroupId);
        ctx.export("albAccessLogBucket", albLogs.bucketName);
        ctx.export("wafWebAclArn", waf.webAclArn);
        ctx.export("appTargetGroupArns", Output.all(new ArrayList<>(alb.targetGroupArns.values()))
                .applyValue(arns -> zip(alb.targetGroupArns.keySet(), arns)));
        if (fargate != null) {
            ctx.export("appClusterName", fargate.clusterName);
            ctx.export("appServiceName", fargate.serviceName);
            ctx.export("appLogGroupName", fargate.logGroupName);
            ctx.export("appTaskRoleArn", fargate.taskRoleArn);
            ctx.export("appServiceSecurityGroupId", fargate.securityGroupId);
        }
        if (ec2 != null) {
            ctx.export("appAutoScalingGroupName", ec2.autoScalingGroupName);
            ctx.export("appInstanceSecurityGroupId", ec2.securityGroupId);
        }
    }

    /**
     * A load balancer can use only an ACM certificate of its own account. Checked here, once the account is
     * known and before any component exists, so a placeholder left in the stack file fails with a message
     * instead of a listener error halfway through the deployment.
     */
    private static void checkCertificateAccount(Settings settings, AwsAccount account) {
        var certificate = settings.app().edge().certificateArn();
        var certificateAccount = certificate.split(":")[4];
        if (!certificateAccount.equals(account.accountId())) {
            throw new RunException("Stack '" + settings.stack() + "': hipaa:certificateArn " + certificate + " belongs to account "
                    + certificateAccount + " but the stack deploys to account " + account.accountId()
                    + "; request or import the certificate in ACM in this account and Region and set its ARN.");
        }
    }

    private static Map<String, String> zip(java.util.Collection<String> keys, List<String> values) {
        var out = new LinkedHashMap<String, String>();
        var it = values.iterator();
        keys.forEach(k -> out.put(k, it.next()));
        return out;
    }

    /**
     * The VPN server's AMI: Access Server's, else the approved Linux image, else the newest Amazon Linux 2023
     * read now from AWS's public parameter (an instance, unlike a launch template, needs the id itself).
     */
    private static String vpnImage(AccessSettings access, InvokeOptions invoke) {
        return access.vpnAccessServerAmiId().or(access::linuxAmiId).orElseGet(() -> SsmFunctions.getParameterPlain(
                GetParameterPlainArgs.builder().name(Images.AMAZON_LINUX_2023_PARAMETER).build(), invoke).join().value());
    }

    /**
     * Session Manager preferences are one document per account and Region: the owning stack creates them
     * (and the log group), every other stack's instances write to the owner's log group under its logs key.
     */
    private static SessionLogging sessionLogging(Settings settings, KmsKeys keys, AwsAccount account,
                                                 ComponentResourceOptions opts) {
        var access = settings.access();
        var owner = access.sessionPreferencesStack();
        var group = SessionLogging.logGroupName(settings.project(), owner);
        if (access.ownsSessionPreferences(settings.stack())) {
            new SessionManagerPreferences("ssm-sessions", new SessionManagerPreferences.Args(group, keys.logsKeyArn,
                    access.logRetentionDays(), settings.deletionProtection()), opts);
            return new SessionLogging(group, keys.logsKeyArn, Optional.empty());
        }
        return new SessionLogging(group, Output.of(account.arn("kms", "key/*")),
                Optional.of("alias/" + settings.project() + "-" + owner + "-logs"));
    }

    /**
     * The static front, when the stack asks for it. CLOUDFRONT-scope web ACLs exist only in us-east-1, so the
     * front gets a second explicit provider there, tagged like the main one; everything else in it is global
     * (CloudFront, Route 53) or in the stack's Region (its buckets, through the main provider).
     */
    private static Optional<StaticFront> staticFront(Settings settings, AwsAccount account, HttpsLoadBalancer alb,
                                                     Audit audit, ComponentResourceOptions opts) {
        var f = settings.front();
        if (!f.enabled()) {
            return Optional.empty();
        }
        var usEast1 = new Provider("aws-us-east-1", ProviderArgs.builder()
                .region(FrontSettings.CERTIFICATE_REGION)
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(settings.tags()).build())
                .build());
        return Optional.of(new StaticFront("front", new StaticFront.Args(account, settings.namePrefix(), f.domain(),
                f.hostedZoneId(), f.certificateArn(), f.allAliases(), f.apiPathPattern(), f.viewerProtocolPolicy(),
                f.defaultRootObject(), alb.dnsName, alb.zoneId, audit.accessLogBucketName, usEast1,
                settings.deletionProtection(), settings.app().edge().wafRateLimit(),
                settings.app().edge().wafLogRetentionDays(), alb.dualStack), opts));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        var out = new java.util.ArrayList<T>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** The first {@code azCount} zones AWS reports available to this account, in name order. */
    private static List<String> availabilityZones(Settings settings, InvokeOptions invoke) {
        var names = AwsFunctions.getAvailabilityZonesPlain(GetAvailabilityZonesPlainArgs.builder()
                .state("available")
                .filters(com.pulumi.aws.inputs.GetAvailabilityZonesFilter.builder()
                        .name("opt-in-status").values("opt-in-not-required").build())
                .build(), invoke).join().names().stream().sorted().toList();
        int wanted = settings.network().azCount();
        if (names.size() < wanted) {
            throw new RunException("Stack '" + settings.stack() + "': hipaa:azCount is " + wanted + " but AWS reports only "
                    + names.size() + " available Availability Zones in " + settings.region() + " (" + names
                    + "); lower hipaa:azCount to " + names.size() + ".");
        }
        return List.copyOf(names.subList(0, wanted));
    }
}
