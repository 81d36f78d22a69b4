package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.audit.Audit;
import hipaa.audit.Exemptions;
import hipaa.audit.LogBucket;
import hipaa.identity.Keys;
import hipaa.network.Network;

import java.util.ArrayList;
import java.util.Optional;

/**
 * Audit and detection: the log archive, the trail, AWS Config and the account's threat detection; in a workload
 * account of an organization, AWS Config delivering to the log-archive account and the local access logs only.
 *
 * @param audit the audit component and its children
 */
public record AuditWiring(Audit audit) {

    /**
     * @param organization what a workload stack reads from the organization's stacks; empty for a single-account stack
     */
    public static AuditWiring create(Platform platform, Keys keys, NetworkWiring network, Output<String> alertTopicArn,
                                     Optional<OrganizationReferences> organization) {
        var settings = platform.settings();
        var au = settings.audit();
        var production = network.production();
        var management = network.management();
        var publicRouteTables = new ArrayList<>(production.routeTableIds.get(Network.PUBLIC));
        publicRouteTables.addAll(management.routeTableIds.get(Network.PUBLIC));
        var logArchive = organization.flatMap(OrganizationReferences::logArchive);
        Audit.Evidence evidence;
        Optional<Audit.Detection> detection;
        if (logArchive.isPresent()) {
            var la = logArchive.get();
            evidence = new Audit.Organization(new LogBucket.Lifecycle(au.archiveTransitionIaDays(),
                    au.archiveTransitionGlacierDays(), au.archiveRetentionDays()),
                    new Audit.LogArchive(la.archiveBucketName(), la.configBucketName(), la.archiveKeyArn()),
                    au.phiBucketNames());
            detection = Optional.empty();
        } else {
            // The audit evidence's second Region gets its own explicit provider, tagged like the main one.
            var replica = au.replicaRegion().map(region -> new Audit.Replica(
                    Platform.provider("aws-audit-replica", region, settings), region));
            evidence = new Audit.Local(new Audit.Archive(au.archiveRetentionDays(), au.archiveTransitionIaDays(),
                    au.archiveTransitionGlacierDays(), au.objectLockMode(), au.objectLockDays()),
                    new Audit.Trail(au.trailLogRetentionDays(), au.phiBucketNames(), au.trailInsights()), replica);
            detection = Optional.of(new Audit.Detection(au.guardDutyS3Protection(), au.guardDutyEbsMalwareProtection()));
        }
        return new AuditWiring(new Audit("audit", new Audit.Args(platform.naming(), keys, evidence,
                new Audit.Compliance(settings.requiredTagKeys(), platform.approvedImages(),
                        Output.all(production.vpcId, management.vpcId), Output.all(publicRouteTables),
                        // NON_COMPLIANT changes reach people through the alert topic, whose policy admits EventBridge,
                        // except those about what the exemptions in force accept.
                        au.autoRemediateOpenSsh(), Optional.of(alertTopicArn),
                        platform.subjects().exempted(Exemptions.bundled().forRole(settings.role()), settings.stack())),
                new Audit.Baseline(settings.account().manageAccountBaseline(), au.manageRegionalBaseline(), detection),
                platform.protect()), platform.opts()));
    }

    public void export(Context ctx) {
        // A workload account of an organization has no trail or archive of its own: the organization's stacks export theirs.
        audit.trailArn.ifPresent(v -> ctx.export("trailArn", v));
        audit.trailLogGroupName.ifPresent(v -> ctx.export("trailLogGroupName", v));
        audit.archiveBucketName.ifPresent(v -> ctx.export("archiveBucketName", v));
        audit.configHistoryBucketName.ifPresent(v -> ctx.export("configHistoryBucketName", v));
        ctx.export("accessLogBucketName", audit.accessLogBucketName);
        // Exported only by the stack that owns the Region's recorder and detector (hipaa:manageRegionalBaseline).
        audit.configRecorderName.ifPresent(n -> ctx.export("configRecorderName", n));
        audit.guardDutyDetectorId.ifPresent(id -> ctx.export("guardDutyDetectorId", id));
        ctx.export("alertEventRuleName", audit.alertEventRuleName);
    }
}
