package hipaa.wiring;

import com.pulumi.Context;
import hipaa.audit.Audit;
import hipaa.organization.ArchivePolicies;
import hipaa.organization.EvidenceArchive;
import hipaa.organization.OrganizationOutputs;

import java.util.ArrayList;
import java.util.List;

/**
 * The log-archive account: the organization's evidence buckets (trail, Config, access logs), their key, and
 * policies that admit only the organization's services and accounts. The management and workload stacks read
 * the names this stack exports ({@link OrganizationOutputs}) through StackReferences.
 *
 * @param archive the evidence buckets and their key
 */
public record LogArchiveWiring(Platform platform, EvidenceArchive archive) {

    public static LogArchiveWiring create(Platform platform) {
        platform.organizationAccountBaseline();
        var settings = platform.settings();
        var org = settings.organization();
        var au = settings.audit();
        // Every account of the organization runs AWS Config and delivers here.
        var members = new ArrayList<>(List.of(org.managementAccountId(), org.logArchiveAccountId(), org.securityAccountId()));
        members.addAll(org.workloadAccountIds());
        var policies = new ArchivePolicies(platform.account(), org.organizationId(), org.managementAccountId(), members,
                org.workloadAccountIds());
        // The evidence's second Region gets its own explicit provider, assuming the same deployer role.
        var replica = au.replicaRegion().map(region -> new Audit.Replica(
                Platform.provider("aws-audit-replica", region, settings), region));
        // Named like single mode's audit component, so its buckets are its buckets by logical name too: the
        // exemptions of guardrails/exemptions.yaml (audit-config-history, audit-access-logs, audit-replica-*) hold
        // here for the same reasons.
        var archive = new EvidenceArchive("audit", new EvidenceArchive.Args(platform.naming(), policies,
                new Audit.Archive(au.archiveRetentionDays(), au.archiveTransitionIaDays(), au.archiveTransitionGlacierDays(),
                        au.objectLockMode(), au.objectLockDays()),
                platform.protect(), replica), platform.opts());
        platform.subjects().seal();
        return new LogArchiveWiring(platform, archive);
    }

    public void export(Context ctx) {
        platform.export(ctx);
        ctx.export(OrganizationOutputs.ARCHIVE_BUCKET_NAME, archive.trailBucketName);
        ctx.export(OrganizationOutputs.ARCHIVE_KEY_ARN, archive.keyArn);
        ctx.export(OrganizationOutputs.CONFIG_BUCKET_NAME, archive.configBucketName);
        ctx.export("accessLogBucketName", archive.accessLogBucketName);
    }
}
