package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.organization.OrganizationOutputs;

/**
 * The log-archive account: the organization's evidence buckets (trail, Config, access logs), their key, and
 * policies that admit only the organization's services and accounts.
 *
 * <p>Not built yet (issue #19): the stack registers only its provider, and exports the names the other stacks
 * read as STUB values (no bucket or key exists), so the management and workload stacks can run offline until the
 * log-archive part lands and replaces this class.
 */
public record LogArchiveWiring(Platform platform) {

    public static LogArchiveWiring create(Platform platform) {
        return new LogArchiveWiring(platform);
    }

    public void export(Context ctx) {
        platform.export(ctx);
        var prefix = platform.naming().namePrefix();
        ctx.export(OrganizationOutputs.ARCHIVE_BUCKET_NAME, Output.of(prefix + "-audit-archive-stub"));
        ctx.export(OrganizationOutputs.ARCHIVE_KEY_ARN, Output.of(platform.account().arn("kms", "key/stub")));
        ctx.export(OrganizationOutputs.CONFIG_BUCKET_NAME, Output.of(prefix + "-audit-config-stub"));
    }
}
