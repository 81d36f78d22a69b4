package hipaa.wiring;

import com.pulumi.Context;

/**
 * The security account, delegated administrator of detection: GuardDuty, Security Hub, IAM Access Analyzer and the
 * Config aggregator for the whole organization, and the security team's topic.
 *
 * <p>Not built yet (issue #19): the stack registers only its provider.
 */
public record SecurityWiring(Platform platform) {

    public static SecurityWiring create(Platform platform) {
        return new SecurityWiring(platform);
    }

    public void export(Context ctx) {
        platform.export(ctx);
    }
}
