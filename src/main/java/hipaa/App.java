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
import hipaa.audit.Audit;
import hipaa.identity.AwsAccount;
import hipaa.identity.IdentityBaseline;
import hipaa.identity.KmsKeys;
import hipaa.network.Network;
import hipaa.network.VpcEndpoints;
import hipaa.settings.Settings;

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

        var au = settings.audit();
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
                settings.deletionProtection()), opts);

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
        ctx.export("trailArn", audit.trailArn);
        ctx.export("trailLogGroupName", audit.trailLogGroupName);
        ctx.export("archiveBucketName", audit.archiveBucketName);
        ctx.export("configHistoryBucketName", audit.configHistoryBucketName);
        ctx.export("accessLogBucketName", audit.accessLogBucketName);
        // Exported only by the stack that owns the Region's recorder and detector (hipaa:manageRegionalBaseline).
        audit.configRecorderName.ifPresent(n -> ctx.export("configRecorderName", n));
        audit.guardDutyDetectorId.ifPresent(id -> ctx.export("guardDutyDetectorId", id));
        ctx.export("alertEventRuleName", audit.alertEventRuleName);
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
