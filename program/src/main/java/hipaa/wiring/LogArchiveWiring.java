package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.audit.Audit;
import hipaa.organization.OrganizationOutputs;

/**
 * The log-archive account: the organization's evidence buckets (trail, Config, access logs), their key, and
 * policies that admit only the organization's services and accounts.
 *
 * <p>Not built yet (issue #19): the stack registers only its provider. PLACEHOLDER (org-workload branch only): it
 * exports the output contract the workload stacks read, named as the real buckets are named
 * ({@link Audit#bucketName}), so a workload's offline run resolves its StackReference; the log-archive branch's
 * real outputs replace these at merge.
 */
public record LogArchiveWiring(Platform platform) {

    public static LogArchiveWiring create(Platform platform) {
        return new LogArchiveWiring(platform);
    }

    public void export(Context ctx) {
        platform.export(ctx);
        var naming = platform.naming();
        var account = naming.account();
        ctx.export(OrganizationOutputs.ARCHIVE_BUCKET_NAME, Output.of(
                Audit.bucketName(naming.namePrefix(), "audit-archive", account)));
        ctx.export(OrganizationOutputs.CONFIG_BUCKET_NAME, Output.of(
                Audit.bucketName(naming.namePrefix(), "audit-config", account)));
        ctx.export(OrganizationOutputs.ARCHIVE_KEY_ARN, Output.of(
                account.arn("kms", "key/00000000-0000-0000-0000-000000000000")));
    }
}
