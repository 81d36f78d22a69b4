package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.audit.Audit;
import hipaa.audit.Exemptions;
import hipaa.identity.Keys;
import hipaa.network.Network;

import java.util.ArrayList;
import java.util.Optional;

/**
 * Audit and detection: the log archive, the trail, AWS Config and the account's threat detection.
 *
 * @param audit the audit component and its children
 */
public record AuditWiring(Audit audit) {

    public static AuditWiring create(Platform platform, Keys keys, NetworkWiring network, Output<String> alertTopicArn) {
        var settings = platform.settings();
        var au = settings.audit();
        var production = network.production();
        var management = network.management();
        var publicRouteTables = new ArrayList<>(production.routeTableIds.get(Network.PUBLIC));
        publicRouteTables.addAll(management.routeTableIds.get(Network.PUBLIC));
        // The audit evidence's second Region gets its own explicit provider, tagged like the main one.
        var replica = au.replicaRegion().map(region -> new Audit.Replica(
                Platform.provider("aws-audit-replica", region, settings), region));
        return new AuditWiring(new Audit("audit", new Audit.Args(platform.naming(), keys,
                new Audit.Archive(au.archiveRetentionDays(), au.archiveTransitionIaDays(), au.archiveTransitionGlacierDays(),
                        au.objectLockMode(), au.objectLockDays()),
                new Audit.Trail(au.trailLogRetentionDays(), au.phiBucketNames(), au.trailInsights()),
                new Audit.Compliance(settings.requiredTagKeys(), platform.approvedImages(),
                        Output.all(production.vpcId, management.vpcId), Output.all(publicRouteTables),
                        // NON_COMPLIANT changes reach people through the alert topic, whose policy admits EventBridge,
                        // except those about what the exemptions in force accept.
                        au.autoRemediateOpenSsh(), Optional.of(alertTopicArn),
                        platform.subjects().exempted(Exemptions.bundled().forRole(settings.role()), settings.stack())),
                new Audit.Baseline(settings.account().manageAccountBaseline(), au.manageRegionalBaseline(),
                        au.guardDutyS3Protection(), au.guardDutyEbsMalwareProtection()),
                platform.protect(), replica), platform.opts()));
    }

    public void export(Context ctx) {
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
}
