package hipaa.settings;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.pulumi.deployment.internal.DeploymentImpl;
import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.StackFiles;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The program sees every key the CLI passes and refuses the ones it does not read, with the closest key it does
 * read, in the one settings message and before anything is registered.
 */
class UnreadKeysTest {

    static Stream<Arguments> unreadKeys() {
        return Stream.of(
                Arguments.of("hipaa:azcount", "2",
                        "hipaa:azcount: found \"2\"; is not a key this program reads; did you mean hipaa:azCount? "
                                + "(docs/CONFIG.md lists every key)"),
                Arguments.of("hipaa:alertEmail", "[\"security@example.com\"]",
                        "hipaa:alertEmail: found [\"security@example.com\"]; is not a key this program reads; "
                                + "did you mean hipaa:alertEmails? (docs/CONFIG.md lists every key)"),
                Arguments.of("hipaa:archiveRetention", "2190",
                        "hipaa:archiveRetention: found \"2190\"; is not a key this program reads; "
                                + "did you mean hipaa:archiveRetentionDays? (docs/CONFIG.md lists every key)"),
                Arguments.of("hipaa:colour", "blue",
                        "hipaa:colour: found \"blue\"; is not a key this program reads; remove it (docs/CONFIG.md lists every key)"),
                Arguments.of("aws:owner", "platform-team",
                        "aws:owner: found \"platform-team\"; is not read by this program or by its AWS provider; "
                                + "did you mean hipaa:owner? (keys of this program are hipaa:<name>)"),
                Arguments.of("aws:deletionProtection", "false",
                        "aws:deletionProtection: found \"false\"; is not read by this program or by its AWS provider; "
                                + "did you mean hipaa:deletionProtection? (keys of this program are hipaa:<name>)"),
                Arguments.of("aws:regoin", "us-west-2",
                        "aws:regoin: found \"us-west-2\"; is not read by this program or by its AWS provider; "
                                + "did you mean aws:region? (keys of this program are hipaa:<name>)"),
                Arguments.of("hipa:natStrategy", "single",
                        "hipa:natStrategy: found \"single\"; is not read by this program or by its AWS provider; "
                                + "did you mean hipaa:natStrategy? (keys of this program are hipaa:<name>)"),
                Arguments.of("aws:profile", "prod-admin",
                        "aws:profile: found \"prod-admin\"; is ignored: only the default AWS provider reads aws:profile, "
                                + "and the stack disables it (pulumi:disable-default-providers) for the program's own explicit "
                                + "provider, which takes no aws:* stack config (pulumi/pulumi-aws#1307); remove it and set "
                                + "AWS_PROFILE in the environment that runs pulumi instead"),
                Arguments.of("aws:allowedAccountIds", "[\"123456789012\"]",
                        "aws:allowedAccountIds: found [\"123456789012\"]; is ignored: only the default AWS provider reads "
                                + "aws:allowedAccountIds, and the stack disables it (pulumi:disable-default-providers) for the "
                                + "program's own explicit provider, which takes no aws:* stack config (pulumi/pulumi-aws#1307); "
                                + "remove it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadKeys")
    void anUnreadKeyStopsTheProgramWithTheClosestKnownKey(String key, String value, String line) {
        var run = OfflineRun.run(Stacks.with("dev", Map.of(key, value)), false, App::stack);
        assertThat(run.result().exitCode()).isNotZero();
        assertThat(run.resources()).as("registered").isEmpty();
        assertThat(String.join("\n", run.result().errors()))
                .startsWith("Stack 'dev' has 1 configuration problem; nothing was created.\n  - " + line + "\n");
    }

    @Test
    void unreadKeysComeFirstAndEveryProblemIsStillReported() {
        // The misspelt key is why hipaa:environment is missing: the message says so first.
        var overrides = new HashMap<String, String>();
        overrides.put("hipaa:environment", null);
        overrides.put("hipaa:enviroment", "dev");
        overrides.put("hipaa:natStrategy", "perzone");
        var run = OfflineRun.run(Stacks.with("dev", overrides), false, App::stack);
        assertThat(run.resources()).isEmpty();
        assertThat(String.join("\n", run.result().errors())).startsWith("""
                Stack 'dev' has 3 configuration problems; nothing was created.
                  - hipaa:enviroment: found "dev"; is not a key this program reads; did you mean hipaa:environment? (docs/CONFIG.md lists every key)
                  - hipaa:environment: missing; required: one of dev, staging, prod
                  - hipaa:natStrategy: found "perzone"; one of perAz, single
                """);
    }

    @Test
    void aSecretUnreadKeyIsNamedButItsValueIsNotPrinted() {
        var base = Stacks.with("dev", Map.of("hipaa:dbPasword", "hunter2"));
        var secrets = new HashSet<>(base.secretKeys());
        secrets.add("hipaa:dbPasword");
        var run = OfflineRun.run(new StackFiles.StackConfig(base.project(), base.stack(), base.values(), Set.copyOf(secrets)),
                false, App::stack);
        var message = String.join("\n", run.result().errors());
        assertThat(message).contains("  - hipaa:dbPasword: found [secret]; is not a key this program reads; remove it")
                .doesNotContain("hunter2");
    }

    @Test
    void theEnginesKeysAndTheKeysTheProgramReadsPass() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("pulumi:tags", "{\"team\":\"platform\"}")), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
    }

    /**
     * Under {@code pulumi up} the SDK builds its config from the {@code PULUMI_CONFIG} JSON the language host sets
     * ({@code DeploymentImpl.Config.parse()}: {@code parseConfig(env)}, {@code parseConfigSecretKeys(env)}); the
     * program lists the keys of exactly that object, old {@code ns:config:key} spelling included.
     */
    @Test
    void theKeysOfTheLanguageHostsJsonAreTheKeysTheProgramSees() {
        var json = "{\"hipaa:config:owner\":\"team\",\"hipaa:azcount\":\"2\",\"aws:region\":\"us-west-2\","
                + "\"pulumi:disable-default-providers\":\"[\\\"aws\\\"]\",\"hipaa:token\":\"s3cret\"}";
        ImmutableMap<String, String> values = DeploymentImpl.Config.parseConfig(json);
        ImmutableSet<String> secrets = DeploymentImpl.Config.parseConfigSecretKeys("[\"hipaa:token\"]");
        var passed = PassedConfig.of(new com.pulumi.Config(new DeploymentImpl.Config(values, secrets), "hipaa"));
        assertThat(passed.values()).containsOnlyKeys("hipaa:owner", "hipaa:azcount", "aws:region",
                "pulumi:disable-default-providers", "hipaa:token");
        assertThat(passed.secretKeys()).containsExactly("hipaa:token");
        assertThat(UnreadKeys.problems(passed, List.of("hipaa:owner", "hipaa:azCount", "aws:region")))
                .extracting(Problem::render).containsExactly(
                        "hipaa:azcount: found \"2\"; is not a key this program reads; did you mean hipaa:azCount? "
                                + "(docs/CONFIG.md lists every key)",
                        "hipaa:token: found [secret]; is not a key this program reads; remove it (docs/CONFIG.md lists every key)");
    }

    /** The list the program keeps must be the pinned provider's: a provider upgrade that adds a key fails here. */
    @Test
    void theAwsProviderKeysAreThoseOfThePinnedProvider() {
        var methods = Arrays.stream(com.pulumi.aws.Config.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0)
                .map(java.lang.reflect.Method::getName).toList();
        assertThat(UnreadKeys.AWS_PROVIDER_KEYS).containsExactlyInAnyOrderElementsOf(methods);
    }

    @Test
    void closestIsCaseInsensitiveAndPrefersThisProgramsKeysOnATie() {
        var read = List.of("aws:region", "hipaa:azCount", "hipaa:owner", "hipaa:region");
        assertThat(UnreadKeys.closest("AZCOUNT", read)).contains("hipaa:azCount");
        assertThat(UnreadKeys.closest("regio", read)).contains("hipaa:region");
        assertThat(UnreadKeys.closest("somethingElse", read)).isEmpty();
        assertThat(UnreadKeys.levenshtein("kitten", "sitting")).isEqualTo(3);
    }
}
