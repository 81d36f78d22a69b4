package hipaa.plan;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.ReferencedStacks;
import hipaa.offline.StackFiles;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's acceptance for the plan: {@code ./plan} runs every stack file, the organization's included, through
 * {@link Plan#run} (the code {@code ./plan} runs, with the real program) and each plans clean; a StackReference is
 * answered by the referenced stack's own offline run or by pinned outputs, and one that cannot be answered, or a
 * cycle, fails the referencing stack naming the stack and why. The reference cases run the real {@code App::stack}
 * in small temporary projects made of the example organization's stack files.
 */
class OrganizationPlanTest {

    @TempDir
    Path project;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plan(Path dir, String stack) throws IOException {
        return Plan.run(new String[]{stack}, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static Stream<String> everyStackFile() {
        return StackFiles.stacks(Stacks.PROJECT).stream();
    }

    @Test
    void everyStackFileIsPlanned() {
        // The organization's four stacks and the single-account ones: a stack file nobody plans is caught here.
        assertThat(everyStackFile().toList()).contains("dev", "prod", "org-management", "org-log-archive", "org-security", "org-prod");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStackFile")
    void everyStackFilePlansCleanWithItsRoleAndReferences(String stack) throws IOException {
        int exit = plan(Path.of("."), stack);
        var printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isEqualTo(Plan.OK);
        var settings = Stacks.settings(stack);
        var expected = "Account role: " + settings.role().configName() + settings.organization().references().stream()
                .map(r -> r + " (offline run of Pulumi." + r.substring(r.lastIndexOf('/') + 1) + ".yaml)")
                .reduce((a, b) -> a + ", " + b).map(s -> "; references " + s).orElse("");
        assertThat(printed).contains(expected + "\n");
        assertThat(printed).contains("HIPAA guardrails: 117 rules: ").doesNotContain("FAIL ");
    }

    /** The example organization's stack files, with {@code from} replaced by {@code to} in {@code stack}'s. */
    private void organizationWith(String stack, String from, String to) throws IOException {
        for (var s : new String[]{"yaml", "org-management.yaml", "org-log-archive.yaml", "org-security.yaml"}) {
            Files.copy(Path.of("Pulumi." + s), project.resolve("Pulumi." + s));
        }
        var file = project.resolve("Pulumi." + stack + ".yaml");
        var text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void aReferenceToAStackWithoutStackFileOrPinnedOutputsFailsTheReferencingPlanNamingIt() throws IOException {
        organizationWith("org-management", "my-org/hipaa/org-log-archive", "my-org/hipaa/log-archive-gone");
        assertThat(plan(project, "org-management")).isEqualTo(Plan.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Stack 'org-management' references the stack "
                + "my-org/hipaa/log-archive-gone, which the offline run cannot answer: no stack file Pulumi.log-archive-gone.yaml "
                + "of project hipaa answers it, and no pinned outputs exist at offline/stack-outputs/my-org/hipaa/log-archive-gone.yaml\n");
        assertThat(project.resolve("target/plan/org-management")).doesNotExist();
    }

    @Test
    void aReferencedStackWhoseOwnRunFailsFailsTheReferencingPlanSayingWhy() throws IOException {
        organizationWith("org-log-archive", "hipaa:objectLockDays: 2190", "hipaa:objectLockDayz: 2190");
        Files.copy(Path.of("Pulumi.org-prod.yaml"), project.resolve("Pulumi.org-prod.yaml"));
        assertThat(plan(project, "org-prod")).isEqualTo(Plan.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Stack 'org-prod' references the stack "
                + "my-org/hipaa/org-log-archive, which the offline run cannot answer: its own offline run fails "
                + "(./plan org-log-archive): Stack 'org-log-archive' has 1 configuration problem; nothing was created.\n"
                + "  - hipaa:objectLockDayz: found \"2190\"; is not a key this program reads; did you mean hipaa:objectLockDays?");
    }

    @Test
    void aReferenceCycleIsRefusedNamingTheStacks() throws IOException {
        // Two management stacks, each naming the other as its log-archive stack.
        organizationWith("org-management", "my-org/hipaa/org-log-archive", "my-org/hipaa/org-management-b");
        Files.writeString(project.resolve("Pulumi.org-management-b.yaml"), Files.readString(project.resolve("Pulumi.org-management.yaml"))
                .replace("my-org/hipaa/org-management-b", "my-org/hipaa/org-management"));
        var run = OfflineRun.run(project, "org-management", true, App::stack);
        assertThat(run.succeeded()).isFalse();
        assertThat(run.failure()).startsWith("Stack 'org-management' references the stack my-org/hipaa/org-management-b, "
                + "which the offline run cannot answer: its own offline run fails (./plan org-management-b): Stack "
                + "'org-management-b' references the stack my-org/hipaa/org-management, which the offline run cannot answer: "
                + "the stacks reference each other (org-management -> org-management-b -> org-management); a stack can only "
                + "read outputs of stacks that deploy before it");
    }

    @Test
    void pinnedOutputsAnswerAReferenceToAnotherProjectsStack() throws IOException {
        organizationWith("org-management", "my-org/hipaa/org-log-archive", "acme/evidence/archive");
        var pinned = project.resolve("offline/stack-outputs/acme/evidence/archive.yaml");
        Files.createDirectories(pinned.getParent());
        Files.writeString(pinned, """
                archiveBucketName: acme-evidence-archive
                archiveKeyArn: arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555
                configHistoryBucketName: acme-evidence-config
                """);
        var run = OfflineRun.run(project, "org-management", true, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(run.referenced()).hasSize(1);
        var referenced = run.referenced().get(0);
        assertThat(referenced.describe()).isEqualTo("acme/evidence/archive (pinned outputs at offline/stack-outputs/acme/evidence/archive.yaml)");
        assertThat(referenced.run()).isEmpty();
        assertThat(referenced.answer().outputs()).isEqualTo(Map.of("archiveBucketName", "acme-evidence-archive",
                "archiveKeyArn", "arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555",
                "configHistoryBucketName", "acme-evidence-config"));
        // Without the pinned file the same reference is refused by name.
        Files.delete(pinned);
        var refused = ReferencedStacks.answers(project, StackFiles.load(project, "org-management"), App::stack);
        assertThat(refused.get(0).answered()).isFalse();
    }
}
