package hipaa.testing;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import hipaa.offline.OfflineRun;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds one component on its own under the offline engine, the way {@code App} would: with the dev stack's
 * configuration and an explicit provider in {@code us-east-1}, so a component test sees the same engine
 * answers (ARNs, ids) as a whole-stack run without needing the rest of the stack.
 */
public final class Components {
    public static final String REGION = "us-east-1";

    private Components() {}

    public static OfflineRun.Result run(Consumer<ComponentResourceOptions> build) {
        var config = Stacks.with("dev", Map.of("aws:region", REGION));
        var run = OfflineRun.run(config, false, ctx -> {
            var aws = new Provider("aws", ProviderArgs.builder().region(REGION).build());
            build.accept(ComponentResourceOptions.builder().providers(aws).build());
        });
        if (!run.succeeded()) {
            throw new AssertionError("component run failed:\n" + run.failure());
        }
        return run;
    }
}
