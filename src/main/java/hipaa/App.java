package hipaa;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesPlainArgs;
import com.pulumi.aws.inputs.GetCallerIdentityPlainArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.ComponentResourceOptions;
import hipaa.alerting.AlertTopic;
import com.pulumi.aws.elb.ElbFunctions;
import com.pulumi.aws.elb.inputs.GetServiceAccountPlainArgs;
import hipaa.compute.Ec2AppGroup;
import hipaa.compute.FargateService;
import hipaa.edge.AccessLogBucket;
import hipaa.edge.HttpsLoadBalancer;
import hipaa.edge.WebFirewall;
import hipaa.identity.AwsAccount;
import hipaa.identity.IdentityBaseline;
import hipaa.identity.KmsKeys;
import hipaa.network.Network;
import hipaa.network.VpcEndpoints;
import hipaa.settings.Settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

        var app = settings.app();
        // Every Region this program accepts (regions.tsv) opened before August 2022, so ELB writes access
        // logs from a Regional AWS account, which this data source returns. A newer Region would use the
        // logdelivery.elasticloadbalancing.amazonaws.com service principal (AccessLogBucket.LogDelivery).
        var elbLogDelivery = ElbFunctions.getServiceAccountPlain(GetServiceAccountPlainArgs.builder()
                .region(settings.region()).build(), invoke).join();
        var albLogs = new AccessLogBucket("alb-logs", new AccessLogBucket.Args(account,
                AccessLogBucket.LogDelivery.regionalAccount(elbLogDelivery.arn()), settings.namePrefix(),
                app.edge().accessLogRetentionDays(), settings.deletionProtection()), opts);
        var workloads = new ArrayList<HttpsLoadBalancer.Workload>();
        if (app.fargate().enabled()) {
            workloads.add(new HttpsLoadBalancer.Workload("fargate", "ip"));
        }
        if (app.ec2().enabled()) {
            workloads.add(new HttpsLoadBalancer.Workload("ec2", "instance"));
        }
        var edge = app.edge();
        var alb = new HttpsLoadBalancer("alb", new HttpsLoadBalancer.Args(network.production.vpcId,
                network.production.subnetIdsOf(Network.PUBLIC), edge.certificateArn(), edge.tlsPolicy(),
                edge.allowedClientCidrs(), edge.httpRedirect(), edge.idleTimeoutSeconds(), albLogs.bucketName, workloads,
                app.appPort(), app.healthCheckPath(), edge.insecurePlainHttpTargets(), settings.deletionProtection(),
                settings.namePrefix()), opts);
        var waf = new WebFirewall("waf", new WebFirewall.Args(alb.arn, edge.wafRateLimit(), keys.logsKeyArn,
                edge.wafLogRetentionDays(), settings.namePrefix()), opts);

        // Secrets the app may read, by environment variable; the database secret joins when the data tier lands.
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
        ctx.export("albDnsName", alb.dnsName);
        ctx.export("albZoneId", alb.zoneId);
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
