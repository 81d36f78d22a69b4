package hipaa.wiring;

import com.pulumi.Context;

/**
 * The log-archive account: the organization's evidence buckets (trail, Config, access logs), their key, and
 * policies that admit only the organization's services and accounts.
 *
 * <p>Not built yet (issue #19): the stack registers only its provider.
 */
public record LogArchiveWiring(Platform platform) {

    public static LogArchiveWiring create(Platform platform) {
        return new LogArchiveWiring(platform);
    }

    public void export(Context ctx) {
        platform.export(ctx);
    }
}
