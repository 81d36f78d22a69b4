package hipaa.audit;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.settings.SettingsException;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each row is a real stack file with one audit setting wrong. The program must stop before registering
 * anything and print exactly what is wrong. (An empty {@code hipaa:requiredTagKeys}, which would leave the
 * required-tags rules with nothing to check, is a row of {@code settings.BadConfigTest}.)
 */
class AuditBadConfigTest {

    static Stream<Arguments> rows() {
        var elevenAmis = "[" + String.join(",", IntStream.range(0, 11).mapToObj(i -> "\"" + String.format("ami-%08x", i) + "\"").toList()) + "]";
        return Stream.of(
                row("prod", Map.of("hipaa:archiveRetentionDays", "365"),
                        "hipaa:archiveRetentionDays: found \"365\"; prod stacks keep audit archives at least 2190 days: HIPAA "
                                + "requires its documentation, audit records included, to be kept six years (45 CFR 164.316(b)(2)(i)); "
                                + "only non-production stacks may keep them for less"),
                row("dev", removed("hipaa:objectLockDays"),
                        "hipaa:archiveRetentionDays: found \"365\"; is shorter than hipaa:objectLockDays (2190, the default); "
                                + "logs cannot expire while Object Lock still protects them: raise archiveRetentionDays to 2190 or "
                                + "more, or lower objectLockDays"),
                row("dev", Map.of("hipaa:objectLockDays", "400"),
                        "hipaa:archiveRetentionDays: found \"365\"; is shorter than hipaa:objectLockDays (400); logs cannot expire "
                                + "while Object Lock still protects them: raise archiveRetentionDays to 400 or more, or lower objectLockDays"),
                row("prod", Map.of("hipaa:objectLockMode", "governance"),
                        "hipaa:objectLockMode: found \"governance\"; prod stacks must use compliance: in governance mode anyone allowed "
                                + "s3:BypassGovernanceRetention can delete audit evidence; only non-production stacks may use governance"),
                row("dev", Map.of("hipaa:objectLockMode", "legal-hold"),
                        "hipaa:objectLockMode: found \"legal-hold\"; one of governance, compliance"),
                row("dev", Map.of("hipaa:objectLockDays", "0"),
                        "hipaa:objectLockDays: found \"0\"; an integer from 1 to 3653"),
                row("prod", Map.of("hipaa:autoRemediateOpenSsh", "false"),
                        "hipaa:autoRemediateOpenSsh: found \"false\"; prod stacks must remediate SSH open to the world automatically "
                                + "(true); only non-production stacks may leave it to a person"),
                row("dev", Map.of("hipaa:archiveRetentionDays", "30"),
                        "hipaa:archiveRetentionDays: found \"30\"; an integer from 365 to 3653"),
                row("dev", Map.of("hipaa:archiveTransitionIaDays", "50"),
                        "hipaa:archiveTransitionGlacierDays: found \"60\"; must be at least hipaa:archiveTransitionIaDays + 30 (80): "
                                + "S3 keeps objects in Standard-IA 30 days before moving them on"),
                row("dev", Map.of("hipaa:archiveTransitionGlacierDays", "365"),
                        "hipaa:archiveRetentionDays: found \"365\"; must be longer than hipaa:archiveTransitionGlacierDays (365): "
                                + "logs would expire before or as they reach Glacier"),
                row("dev", Map.of("hipaa:trailLogRetentionDays", "30"),
                        "hipaa:trailLogRetentionDays: found \"30\"; one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"),
                row("dev", Map.of("hipaa:phiBucketNames", "[\"PHI_Claims\"]"),
                        "hipaa:phiBucketNames: found [\"PHI_Claims\"]; a list of up to 250 S3 bucket names (3 to 63 lowercase letters, "
                                + "digits, dots or hyphens) whose object reads and writes the trail records; not valid: PHI_Claims"),
                row("dev", Map.of("hipaa:trailInsights", "yes"),
                        "hipaa:trailInsights: found \"yes\"; true or false"),
                row("dev", Map.of("hipaa:manageRegionalBaseline", "no"),
                        "hipaa:manageRegionalBaseline: found \"no\"; true or false"),
                row("prod", Map.of("hipaa:auditReplicaRegion", "us-east-1"),
                        "hipaa:auditReplicaRegion: found \"us-east-1\"; a supported Region of the stack's partition other than "
                                + "its own (aws:region), such as us-west-2 for us-east-1"),
                row("prod", Map.of("hipaa:auditReplicaRegion", "us-gov-west-1"),
                        "hipaa:auditReplicaRegion: found \"us-gov-west-1\"; a supported Region of the stack's partition other than "
                                + "its own (aws:region), such as us-west-2 for us-east-1"),
                row("prod", Map.of("hipaa:auditReplicaRegion", "mars-north-1"),
                        "hipaa:auditReplicaRegion: found \"mars-north-1\"; a supported Region of the stack's partition other than "
                                + "its own (aws:region), such as us-west-2 for us-east-1"),
                row("dev", Map.of("hipaa:auditReplication", "true", "aws:region", "ca-central-1",
                                "hipaa:certificateArn", "arn:aws:acm:ca-central-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
                                "hipaa:containerImage", "123456789012.dkr.ecr.ca-central-1.amazonaws.com/hipaa-app:replace-me"),
                        "hipaa:auditReplicaRegion: missing; required while hipaa:auditReplication is true: ca-central-1 has no "
                                + "default second Region; name a supported Region of the stack's partition other than its own "
                                + "(aws:region), such as us-west-2 for us-east-1"),
                row("dev", Map.of("hipaa:auditReplication", "sometimes"),
                        "hipaa:auditReplication: found \"sometimes\"; true or false"),
                row("dev", Map.of("hipaa:approvedAmiIds", elevenAmis),
                        "hipaa:approvedAmiIds: found " + elevenAmis + "; lists 11 AMIs but the approved-AMIs Config rule "
                                + "(APPROVED_AMIS_BY_ID) checks at most 10; list at most 10"));
    }

    /** Overrides that remove a key from the stack file, so the code's default applies. */
    private static Map<String, String> removed(String key) {
        var m = new HashMap<String, String>();
        m.put(key, null);
        return m;
    }

    private static Arguments row(String stack, Map<String, String> overrides, String expectedLine) {
        return Arguments.of(stack, new HashMap<>(overrides), expectedLine);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rows")
    void isRejectedWithItsMessageBeforeAnyResource(String stack, Map<String, String> overrides, String expectedLine) {
        var run = OfflineRun.run(Stacks.with(stack, overrides), false, App::stack);
        assertThat(run.result().exitCode()).isNotZero();
        assertThat(run.resources()).as("resources registered").isEmpty();
        assertThat(run.result().exceptions()).isNotEmpty().allSatisfy(e -> assertThat(e).satisfiesAnyOf(
                x -> assertThat(x).isInstanceOf(SettingsException.class),
                x -> assertThat(x).hasCauseInstanceOf(SettingsException.class)));
        var message = String.join("\n", run.result().errors());
        assertThat(message).startsWith("Stack '" + stack + "' has 1 configuration problem; nothing was created.")
                .contains("\n  - " + expectedLine + "\n");
    }

    @org.junit.jupiter.api.Test
    void theSameMistakesInOneFileAreAllReported() {
        var run = OfflineRun.run(Stacks.with("prod", Map.of("hipaa:objectLockMode", "governance",
                "hipaa:autoRemediateOpenSsh", "false", "hipaa:objectLockDays", "3000")), false, App::stack);
        assertThat(run.resources()).isEmpty();
        assertThat(String.join("\n", run.result().errors())).startsWith("Stack 'prod' has 3 configuration problems")
                .contains("hipaa:archiveRetentionDays: found \"2190\"; is shorter than hipaa:objectLockDays (3000)")
                .contains("hipaa:objectLockMode: found \"governance\"")
                .contains("hipaa:autoRemediateOpenSsh: found \"false\"");
    }
}
