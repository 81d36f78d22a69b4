package hipaa.alerting;

import hipaa.identity.PolicyDocument;
import hipaa.offline.OfflineRun;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings rules' patterns against sample events shaped as each service's EventBridge reference shows them
 * ({@code src/test/resources/hipaa/alerting/findings/<id>.match*.json} must page, {@code <id>.ignore*.json} must
 * not), matched by AWS's event-ruler, the engine EventBridge uses; and the rules as the real stacks deploy them.
 */
class FindingAlertsTest {

    static Stream<FindingAlerts.Finding> findings() {
        return FindingAlerts.findings(FindingAlerts.Severity.MEDIUM).stream();
    }

    static List<Path> samples(String id, String kind) throws Exception {
        var dir = Path.of(FindingAlertsTest.class.getResource("/hipaa/alerting/findings").toURI());
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(id + "." + kind)).sorted().toList();
        }
    }

    static boolean matches(String pattern, Path event) throws Exception {
        var machine = new Machine();
        machine.addRule("r", pattern);
        return !machine.rulesForJSONEvent(Files.readString(event, StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findings")
    void pagesForItsEventsAndIgnoresTheHarmlessOnes(FindingAlerts.Finding f) throws Exception {
        var match = samples(f.id(), "match");
        var ignore = samples(f.id(), "ignore");
        assertThat(match).isNotEmpty();
        assertThat(ignore).isNotEmpty();
        for (var p : match) {
            assertThat(matches(f.pattern(), p)).as(p.getFileName() + " must match " + f.pattern()).isTrue();
        }
        for (var p : ignore) {
            assertThat(matches(f.pattern(), p)).as(p.getFileName() + " must not match " + f.pattern()).isFalse();
        }
    }

    @Test
    void theGuardDutyThresholdFollowsTheSetting() throws Exception {
        var high = FindingAlerts.findings(FindingAlerts.Severity.HIGH).get(0).pattern();
        assertThat(matches(high, samples("guardduty-findings", "match-high").get(0))).isTrue();
        assertThat(matches(high, samples("guardduty-findings", "match.json").get(0))).as("severity 5 is MEDIUM").isFalse();
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:guardDutyMinSeverity", "HIGH")), false, hipaa.App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(run.named("aws:cloudwatch/eventRule:EventRule", "findings-guardduty-findings").inputs())
                .containsEntry("eventPattern", high);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("hipaa.testing.Stacks#names")
    void everyFindingRuleTargetsTheAlertTopicAndOnlyTheStacksRulesMayPublish(String stack) {
        var run = Stacks.run(stack);
        var prefix = Stacks.settings(stack).namePrefix();
        var topic = run.named("aws:sns/topic:Topic", "alerts-topic").arn().orElseThrow();
        for (var f : FindingAlerts.findings(FindingAlerts.Severity.MEDIUM)) {
            assertThat(run.named("aws:cloudwatch/eventRule:EventRule", "findings-" + f.id()).inputs())
                    .containsEntry("name", prefix + "-" + f.id()).containsEntry("eventPattern", f.pattern());
            assertThat(run.named("aws:cloudwatch/eventTarget:EventTarget", "findings-" + f.id() + "-alert").inputs())
                    .containsEntry("arn", topic).containsEntry("rule", prefix + "-" + f.id());
        }
        var policy = String.valueOf(run.named("aws:sns/topicPolicy:TopicPolicy", "alerts-topic-policy").inputs().get("policy"));
        var account = hipaa.offline.OfflineEngine.ACCOUNT_ID;
        var region = Stacks.settings(stack).region();
        var expected = Stream.of("config-noncompliant", "guardduty-findings", "securityhub-findings", "backup-job-failures",
                "access-analyzer-findings").map(n -> "arn:aws:events:" + region + ":" + account + ":rule/" + prefix + "-" + n).toList();
        var statement = com.google.gson.JsonParser.parseString(policy).getAsJsonObject().getAsJsonArray("Statement").asList().stream()
                .map(e -> e.getAsJsonObject()).filter(s -> s.get("Sid").getAsString().equals("EventBridgeRulesOfThisStackPublish"))
                .findFirst().orElseThrow();
        var arns = statement.getAsJsonObject("Condition").getAsJsonObject("ArnEquals").get("aws:SourceArn");
        assertThat(arns.getAsJsonArray().asList().stream().map(e -> e.getAsString()).toList()).containsExactlyElementsOf(expected);
        // Every rule that may publish exists in the stack.
        var deployedRules = run.ofType("aws:cloudwatch/eventRule:EventRule").stream().map(r -> String.valueOf(r.inputs().get("name"))).toList();
        assertThat(deployedRules).containsAll(expected.stream().map(a -> a.substring(a.indexOf("rule/") + 5)).toList());
    }
}
