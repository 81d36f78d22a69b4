package hipaa.settings;

import com.pulumi.Context;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.exceptions.RunException;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every config key the Pulumi CLI handed to this run, not only the ones the program asks for, so that a key
 * the program does not read (a typo, a key for another tool) can be refused instead of silently ignored.
 *
 * <p>How: the Java language host passes the merged stack config as the {@code PULUMI_CONFIG} environment
 * variable (a JSON object of {@code namespace:key} to string) and the secret keys as
 * {@code PULUMI_CONFIG_SECRET_KEYS} (pulumi/pulumi-java {@code pkg/cmd/pulumi-language-java}). The SDK 1.36.1
 * parses both into {@code DeploymentImpl.Config} ({@code Config.parse()}), which {@code ctx.config()} wraps,
 * but it offers no public way to list the keys: {@code getAllConfig()} is private. This class reads that
 * private map reflectively. It is the only way that sees the same data under {@code pulumi up} and under the
 * SDK's mocks: reading {@code System.getenv("PULUMI_CONFIG")} would work under the CLI only, since the offline
 * run hands the config to the SDK in-process ({@code PulumiTestInternal.builder().config(values, secretKeys)}
 * builds the same {@code DeploymentImpl.Config}) and a JVM cannot set its own environment. Whole-stack tests
 * run this code on every stack, so an SDK upgrade that renames the member fails the build, not a deployment;
 * the SDK version is pinned in the pom.
 */
public record PassedConfig(Map<String, String> values, Set<String> secretKeys) {

    /** Keys sorted, so problems about them come in a stable order. */
    public PassedConfig {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
        secretKeys = java.util.Collections.unmodifiableSet(new TreeSet<>(secretKeys));
    }

    /** The config of the run {@code ctx} belongs to. */
    public static PassedConfig of(Context ctx) {
        return of(ctx.config());
    }

    /** The whole deployment config behind one namespace's view of it ({@code ctx.config()} is the project's). */
    static PassedConfig of(com.pulumi.Config view) {
        try {
            Field internal = com.pulumi.Config.class.getDeclaredField("internalConfig");
            internal.setAccessible(true);
            var config = (DeploymentImpl.Config) internal.get(view);
            Method all = DeploymentImpl.Config.class.getDeclaredMethod("getAllConfig");
            all.setAccessible(true);
            var values = new TreeMap<String, String>();
            ((Map<?, ?>) all.invoke(config)).forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
            var secrets = new TreeSet<String>();
            values.keySet().stream().filter(config::isConfigSecret).forEach(secrets::add);
            return new PassedConfig(values, secrets);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new RunException("hipaa cannot list the stack's config keys through the Pulumi Java SDK ("
                    + e + "); the SDK changed how it holds the config: update hipaa.settings.PassedConfig");
        }
    }
}
