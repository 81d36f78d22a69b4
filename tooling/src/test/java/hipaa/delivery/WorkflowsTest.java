package hipaa.delivery;

import hipaa.offline.StackFiles;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs and steps of the delivery workflows that matter. (Their schema is checked by the
 * action-validator run in .ci/run.)
 */
class WorkflowsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> workflow(String name) throws IOException {
        return new Yaml().load(Files.readString(Path.of(".github/workflows/" + name)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> job(Map<String, Object> wf, String job) {
        return (Map<String, Object>) ((Map<String, Object>) wf.get("jobs")).get(job);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.get("steps");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> step(Map<String, Object> job, String uses) {
        return steps(job).stream().filter(s -> String.valueOf(s.get("uses")).startsWith(uses)).findFirst().orElseThrow();
    }

    /** YAML 1.1 reads the key `on` as true. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> triggers(Map<String, Object> wf) {
        return (Map<String, Object>) (wf.containsKey("on") ? wf.get("on") : wf.get(true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pullRequestsTestPlanEveryStackOfflineThenPreviewWithOidc() throws IOException {
        var wf = workflow("pull-request.yml");
        assertThat(triggers(wf)).containsKey("pull_request");

        assertThat(steps(job(wf, "test"))).anySatisfy(s -> assertThat(s.get("run")).isEqualTo("bash .ci/run"));

        var plan = job(wf, "offline-plan");
        var planStacks = (List<String>) ((Map<String, Object>) ((Map<String, Object>) plan.get("strategy")).get("matrix")).get("stack");
        assertThat(planStacks).containsExactlyInAnyOrderElementsOf(StackFiles.stacks(Path.of(".")));
        assertThat(steps(plan)).anySatisfy(s -> assertThat(s.get("run")).isEqualTo("./plan ${{ matrix.stack }}"));
        assertThat(steps(plan)).anySatisfy(s -> assertThat(String.valueOf(s.get("run"))).contains(">> \"$GITHUB_STEP_SUMMARY\""));
        assertThat(plan).doesNotContainKey("permissions").doesNotContainKey("environment");

        var preview = job(wf, "preview");
        assertThat((List<String>) preview.get("needs")).contains("test");
        assertThat((Map<String, Object>) preview.get("permissions")).containsEntry("id-token", "write")
                .containsEntry("pull-requests", "write");
        var previewStacks = (List<String>) ((Map<String, Object>) ((Map<String, Object>) preview.get("strategy")).get("matrix")).get("stack");
        assertThat(previewStacks).containsExactlyInAnyOrderElementsOf(planStacks);
        assertThat((Map<String, Object>) step(preview, "aws-actions/configure-aws-credentials@").get("with"))
                .containsKey("role-to-assume").doesNotContainKeys("aws-access-key-id", "aws-secret-access-key");
        assertThat((Map<String, Object>) step(preview, "pulumi/actions@").get("with"))
                .containsEntry("command", "preview").containsEntry("comment-on-pr", true);
        assertThat(String.valueOf(preview.get("if"))).contains("head.repo.full_name == github.repository");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mainDeploysDevThenProdBehindItsEnvironment() throws IOException {
        var wf = workflow("deploy.yml");
        assertThat((Map<String, Object>) triggers(wf).get("push")).containsEntry("branches", List.of("main"));
        var dev = job(wf, "up-dev");
        var prod = job(wf, "up-prod");
        assertThat(dev.get("environment")).isEqualTo("dev");
        assertThat(prod.get("environment")).isEqualTo("prod");
        assertThat((List<String>) prod.get("needs")).containsExactly("up-dev");
        assertThat((List<String>) dev.get("needs")).containsExactly("test");
        for (var job : List.of(dev, prod)) {
            assertThat((Map<String, Object>) job.get("permissions")).containsEntry("id-token", "write");
            assertThat((Map<String, Object>) step(job, "pulumi/actions@").get("with")).containsEntry("command", "up");
        }
        assertThat((String) ((Map<String, Object>) step(prod, "pulumi/actions@").get("with")).get("stack-name")).endsWith("/prod");
    }

    @Test
    void noWorkflowUsesLongLivedAwsKeys() throws IOException {
        try (var files = Files.list(Path.of(".github/workflows"))) {
            for (var f : files.toList()) {
                assertThat(Files.readString(f)).as(f.toString())
                        .doesNotContain("aws-access-key-id", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
            }
        }
    }
}
