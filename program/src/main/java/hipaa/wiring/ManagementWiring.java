package hipaa.wiring;

import com.pulumi.Context;

/**
 * The organization's management account: the SCPs and their attachments, the organization trail delivering to the
 * log-archive bucket, and the delegated administrators.
 *
 * <p>Not built yet (issue #19): the stack registers only its provider.
 */
public record ManagementWiring(Platform platform) {

    public static ManagementWiring create(Platform platform) {
        return new ManagementWiring(platform);
    }

    public void export(Context ctx) {
        platform.export(ctx);
    }
}
