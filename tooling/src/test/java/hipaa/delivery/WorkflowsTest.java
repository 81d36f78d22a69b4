package hipaa.delivery;

import hipaa.offline.StackFiles;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs and steps of the delivery workflows that matter. (Their schema is checked by the
 * action-validator run in .ci/run.)
 */
class WorkflowsTest {

    private static final Path PROJECT = Path.of(".");

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

    private static Map<String, Object> step(Map<String, Object> job, String uses) {
        return steps(job).stream().filter(s -> String.valueOf(s.get("uses")).startsWith(uses)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(Map<String, Object> step) {
        return (Map<String, Object>) step.get("with");
    }

    /** The shell commands of a job, joined. */
    private static String runs(Map<String, Object> job) {
        return String.join("\n", steps(job).stream().map(s -> String.valueOf(s.getOrDefault("run", ""))).toList());
    }

    /** YAML 1.1 reads the key `on` as true. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> triggers(Map<String, Object> wf) {
        return (Map<String, Object>) (wf.containsKey("on") ? wf.get("on") : wf.get(true));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> concurrency(Map<String, Object> job) {
        return (Map<String, Object>) job.get("concurrency");
    }

    private static String region(String stack) {
        return StackFiles.load(PROJECT, stack).values().get("aws:region");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pullRequestsTestPlanEveryStackOfflineThenPreviewWithOidc() throws IOException {
        var wf = workflow("pull-request.yml");
        assertThat(triggers(wf)).containsKey("pull_request");

        assertThat(steps(job(wf, "test"))).anySatisfy(s -> assertThat(s.get("run")).isEqualTo("bash .ci/run"));

        var plan = job(wf, "offline-plan");
        var planStacks = (List<String>) ((Map<String, Object>) ((Map<String, Object>) plan.get("strategy")).get("matrix")).get("stack");
        assertThat(planStacks).containsExactlyInAnyOrderElementsOf(StackFiles.stacks(PROJECT));
        assertThat(steps(plan)).anySatisfy(s -> assertThat(s.get("run")).isEqualTo("./plan ${{ matrix.stack }}"));
        assertThat(steps(plan)).anySatisfy(s -> assertThat(String.valueOf(s.get("run"))).contains(">> \"$GITHUB_STEP_SUMMARY\""));
        assertThat(plan).doesNotContainKey("permissions").doesNotContainKey("environment");

        var preview = job(wf, "preview");
        assertThat((List<String>) preview.get("needs")).contains("test");
        assertThat((Map<String, Object>) preview.get("permissions")).containsEntry("id-token", "write")
                .containsEntry("pull-requests", "write");
        assertThat(with(step(preview, "aws-actions/configure-aws-credentials@")))
                .doesNotContainKeys("aws-access-key-id", "aws-secret-access-key");
        assertThat(with(step(preview, "pulumi/actions@")))
                .containsEntry("command", "preview").containsEntry("comment-on-pr", true);
        assertThat(String.valueOf(preview.get("if"))).contains("head.repo.full_name == github.repository");
    }

    /** Dev and prod live in different accounts: each stack's preview assumes its own account's read-only role. */
    @Test
    @SuppressWarnings("unchecked")
    void eachStacksPreviewAssumesThatStacksRoleInThatStacksRegion() throws IOException {
        var preview = job(workflow("pull-request.yml"), "preview");
        var include = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) preview.get("strategy"))
                .get("matrix")).get("include");
        assertThat(include).extracting(e -> e.get("stack")).containsExactlyInAnyOrderElementsOf(StackFiles.stacks(PROJECT));
        for (var entry : include) {
            var stack = (String) entry.get("stack");
            assertThat(entry).as(stack)
                    .containsEntry("role_variable", "AWS_PREVIEW_ROLE_ARN_" + stack.toUpperCase(Locale.ROOT).replace('-', '_'))
                    .containsEntry("region", region(stack));
        }
        assertThat(with(step(preview, "aws-actions/configure-aws-credentials@")))
                .containsEntry("role-to-assume", "${{ vars[matrix.role_variable] }}")
                .containsEntry("aws-region", "${{ matrix.region }}");
    }

    /** pulumi/actions posts its comment only when the command succeeds; a failed preview must not be silent. */
    @Test
    void aFailedPreviewStillCommentsOnThePullRequest() throws IOException {
        var preview = job(workflow("pull-request.yml"), "preview");
        var steps = steps(preview);
        int previewAt = steps.indexOf(step(preview, "pulumi/actions@"));
        var comment = steps.stream().filter(s -> String.valueOf(s.get("run")).contains("gh pr comment")).findFirst().orElseThrow();
        assertThat(steps.indexOf(comment)).isGreaterThan(previewAt);
        assertThat(comment).containsEntry("if", "failure()");
        assertThat(String.valueOf(comment.get("run"))).contains("${{ github.event.pull_request.number }}")
                .contains("failed for stack").contains("${{ github.run_id }}");
        assertThat(String.valueOf(comment.get("env"))).contains("GH_TOKEN");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mainDeploysDevThenPreviewsProdThenAppliesTheApprovedPlan() throws IOException {
        var wf = workflow("deploy.yml");
        assertThat((Map<String, Object>) triggers(wf).get("push")).containsEntry("branches", List.of("main"));
        var dev = job(wf, "up-dev");
        var preview = job(wf, "preview-prod");
        var prod = job(wf, "up-prod");

        assertThat(dev.get("environment")).isEqualTo("dev");
        assertThat((List<String>) dev.get("needs")).containsExactly("test");
        assertThat(runs(dev)).contains("pulumi up --stack \"${{ vars.PULUMI_ORG }}/dev\" --yes --refresh");

        // The preview runs before the gate, with the read-only prod role, and is what the approvers read.
        assertThat((List<String>) preview.get("needs")).containsExactly("up-dev");
        assertThat(preview).doesNotContainKey("environment");
        assertThat(with(step(preview, "aws-actions/configure-aws-credentials@")))
                .containsEntry("role-to-assume", "${{ vars.AWS_PREVIEW_ROLE_ARN_PROD }}")
                .containsEntry("aws-region", region("prod"));
        assertThat(runs(preview)).contains("pulumi preview --stack \"${{ vars.PULUMI_ORG }}/prod\" --refresh")
                .contains("--save-plan prod-plan.json").contains(">> \"$GITHUB_STEP_SUMMARY\"");
        assertThat(with(step(preview, "actions/upload-artifact@"))).containsEntry("name", "prod-plan")
                .containsEntry("if-no-files-found", "error");

        // The gate, then exactly that plan.
        assertThat(prod.get("environment")).isEqualTo("prod");
        assertThat((List<String>) prod.get("needs")).containsExactly("preview-prod");
        assertThat(with(step(prod, "actions/download-artifact@"))).containsEntry("name", "prod-plan");
        assertThat(runs(prod)).contains("pulumi up --stack \"${{ vars.PULUMI_ORG }}/prod\" --yes --refresh")
                .contains("--plan prod-plan.json");
        assertThat(with(step(prod, "aws-actions/configure-aws-credentials@"))).containsEntry("aws-region", region("prod"));
        assertThat(with(step(dev, "aws-actions/configure-aws-credentials@"))).containsEntry("aws-region", region("dev"));

        for (var deploying : List.of(dev, prod)) {
            assertThat((Map<String, Object>) deploying.get("permissions")).containsEntry("id-token", "write");
            // The deploy role is a variable of the job's environment: each account's own role.
            assertThat(with(step(deploying, "aws-actions/configure-aws-credentials@")))
                    .containsEntry("role-to-assume", "${{ vars.AWS_DEPLOY_ROLE_ARN }}");
        }
    }

    /** A prod approval that waits must not hold dev back: one concurrency group per stack, at job level. */
    @Test
    void concurrencyIsPerStackAtJobLevel() throws IOException {
        var wf = workflow("deploy.yml");
        assertThat(wf).doesNotContainKey("concurrency");
        assertThat(concurrency(job(wf, "up-dev"))).containsEntry("group", "pulumi-dev").containsEntry("cancel-in-progress", false);
        assertThat(concurrency(job(wf, "preview-prod"))).containsEntry("group", "pulumi-prod").containsEntry("cancel-in-progress", false);
        assertThat(concurrency(job(wf, "up-prod"))).containsEntry("group", "pulumi-prod").containsEntry("cancel-in-progress", false);
        assertThat(job(wf, "test")).doesNotContainKey("concurrency");
    }

    /** Every job that runs Pulumi installs the one pinned CLI version first. */
    @Test
    @SuppressWarnings("unchecked")
    void everyJobRunsThePinnedPulumiCli() throws IOException {
        var pinned = new java.util.HashSet<Object>();
        for (var name : List.of("pull-request.yml", "deploy.yml")) {
            var wf = workflow(name);
            var version = ((Map<String, Object>) wf.get("env")).get("PULUMI_VERSION");
            assertThat(String.valueOf(version)).as(name).matches("\\d+\\.\\d+\\.\\d+");
            pinned.add(version);
            for (var entry : ((Map<String, Map<String, Object>>) wf.get("jobs")).entrySet()) {
                var steps = steps(entry.getValue());
                var installs = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("pulumi/actions@")).toList();
                installs.forEach(s -> assertThat(with(s)).as(name + " " + entry.getKey())
                        .containsEntry("pulumi-version", "${{ env.PULUMI_VERSION }}"));
                for (int i = 0; i < steps.size(); i++) {
                    if (String.valueOf(steps.get(i).get("run")).matches("(?s).*\\bpulumi (up|preview|refresh|destroy)\\b.*")) {
                        assertThat(installs.stream().mapToInt(steps::indexOf).min().orElse(Integer.MAX_VALUE))
                                .as(name + " " + entry.getKey() + ": the pinned CLI is installed before it runs").isLessThan(i);
                    }
                }
            }
        }
        assertThat(pinned).as("one version in every workflow").hasSize(1);
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
