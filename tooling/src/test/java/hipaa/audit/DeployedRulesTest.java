package hipaa.audit;

import com.google.gson.JsonParser;
import hipaa.guardrails.Finding;
import hipaa.guardrails.GuardrailContext;
import hipaa.guardrails.GuardrailReport;
import hipaa.guardrails.Guardrails;
import hipaa.guardrails.GuardrailRules;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.offline.StackFiles;
import hipaa.testing.FrontConfig;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's acceptance: one rule list, one meaning. For both real stacks, prod with the front on and prod running
 * the EC2 application (whose group no real stack runs), the AWS
 * Config rules the stack deploys are exactly the catalogue rules marked as deployed; each of them passes (or has
 * nothing to judge) or is exempted offline; and the EventBridge rule that pages on NON_COMPLIANT changes skips
 * exactly the exempted (rule, resource) pairs AWS Config can name, checked with AWS's own pattern engine on
 * compliance change events shaped as AWS documents them.
 */
class DeployedRulesTest {

    static final String RULE = "aws:cfg/rule:Rule";

    static Stream<String> stacks() {
        return Stream.of("dev", "prod", "prod-front", "prod-ec2");
    }

    static StackFiles.StackConfig config(String stack) {
        if (stack.equals("prod-front")) {
            return FrontConfig.prod();
        }
        if (stack.equals("prod-ec2")) {
            return Stacks.with("prod", Map.of("hipaa:ec2AppEnabled", "true", "hipaa:ec2AppUserData",
                    hipaa.testing.AppStacks.EC2_APP_USER_DATA, "hipaa:ec2AppPathPatterns", "[\"/legacy/*\"]"));
        }
        return StackFiles.load(Stacks.PROJECT, stack);
    }

    static final Map<String, OfflineRun.Result> RUNS = new HashMap<>();

    static synchronized OfflineRun.Result run(String stack) {
        return RUNS.computeIfAbsent(stack, s -> {
            var run = OfflineRun.run(config(s), false, hipaa.App::stack);
            assertThat(run.succeeded()).as(run::failure).isTrue();
            return run;
        });
    }

    static GuardrailReport report(String stack) {
        var settings = Stacks.settings(config(stack));
        return Guardrails.evaluate(run(stack).resources(), Exemptions.load(Path.of("guardrails/exemptions.yaml")),
                GuardrailContext.of(settings, LocalDate.now()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void theDeployedRulesAreExactlyTheCatalogueRulesMarkedDeployed(String stack) {
        var region = Stacks.settings(config(stack)).region();
        var deployed = run(stack).ofType(RULE).stream()
                .map(r -> String.valueOf(r.map("source").get("sourceIdentifier"))).collect(Collectors.toCollection(TreeSet::new));
        var marked = GuardrailRules.ALL.stream().map(GuardrailRules::deployedAs).flatMap(java.util.Optional::stream)
                .filter(e -> e.availableIn(region)).map(AwsConfigManagedRules.Entry::identifier)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(deployed).hasSize(74).isEqualTo(marked);
        // Every mark names a catalogue rule whose id is the managed rule's name.
        assertThat(GuardrailRules.DEPLOYED).allSatisfy(id -> assertThat(GuardrailRules.byId(id)).as(id).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void everyDeployedRulePassesOrIsExemptedOffline(String stack) {
        var report = report(stack);
        var failing = report.results().stream().filter(r -> GuardrailRules.DEPLOYED.contains(r.rule().id()))
                .flatMap(r -> r.failed().stream().map(f -> r.rule().id() + " " + f.label() + ": " + f.outcome().reason()))
                .toList();
        assertThat(failing).isEmpty();
        assertThat(report.exemptionProblems()).isEmpty();
    }

    /**
     * An exemption of a deployed rule that covers nothing in any of these stacks would still be skipped by the
     * forwarding rule: once its resource complies (as the backups made the vault, the VPN server, the bastion and the
     * EC2 application do), a later drift of that resource would never page. It must be removed instead.
     */
    @org.junit.jupiter.api.Test
    void everyExemptionOfADeployedRuleCoversAFindingInSomeStack() {
        var used = new TreeSet<String>();
        // The organization's stacks too: an exemption scoped to their roles must cover something in one of them.
        Stream.concat(stacks(), Stacks.organization()).forEach(stack -> report(stack).results()
                .forEach(r -> r.exempted().forEach(e -> used.add(e.exemption().label()))));
        var leftOver = Exemptions.load(Path.of("guardrails/exemptions.yaml")).all().stream()
                .filter(e -> GuardrailRules.DEPLOYED.contains(e.rule())).map(Exemptions.Exemption::label)
                .filter(l -> !used.contains(l)).toList();
        assertThat(leftOver).isEmpty();
    }

    /** The (physical rule name, resource id) pairs the forwarding rule must skip, derived from the offline exemptions. */
    static Set<String> expectedSkips(String stack, OfflineRun.Result run, GuardrailReport report) {
        var prefix = Stacks.settings(config(stack)).namePrefix();
        var out = new TreeSet<String>();
        for (var result : report.results()) {
            if (!GuardrailRules.DEPLOYED.contains(result.rule().id())) {
                continue;
            }
            for (var e : result.exempted()) {
                configId(result.rule().id(), e.finding(), run).ifPresent(id -> {
                    var physical = run.ofType(RULE).stream().map(r -> String.valueOf(r.inputs().get("name")))
                            .filter(n -> n.equals(prefix + "-" + result.rule().id()) || n.startsWith(prefix + "-" + result.rule().id() + "-"))
                            .toList();
                    physical.forEach(p -> out.add(p + " " + id));
                });
            }
        }
        return out;
    }

    /** What AWS Config reports as the resource id, from the offline engine's state; empty for ids AWS assigns at launch. */
    static java.util.Optional<String> configId(String rule, Finding f, OfflineRun.Result run) {
        if (f.type().equals("aws:autoscaling/group:Group") || rule.equals("ebs-in-backup-plan")) {
            return java.util.Optional.empty();
        }
        var r = run.named(f.type(), f.name());
        if (rule.equals("cloudwatch-log-group-encrypted") && f.type().equals("aws:rds/instance:Instance")) {
            return java.util.Optional.of("RDSOSMetrics");
        }
        return java.util.Optional.of(switch (f.type()) {
            case "aws:ec2/instance:Instance" -> r.id();
            case "aws:rds/instance:Instance" -> String.valueOf(r.state().get("resourceId"));
            case "aws:backup/vault:Vault" -> String.valueOf(r.state().get("name"));
            default -> r.arn().orElseThrow();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void theForwardingRuleSkipsExactlyTheExemptionsAwsConfigCanName(String stack) throws Exception {
        var run = run(stack);
        var report = report(stack);
        var prefix = Stacks.settings(config(stack)).namePrefix();
        var pattern = String.valueOf(run.named("aws:cloudwatch/eventRule:EventRule", "audit-config-noncompliant").inputs().get("eventPattern"));
        var expected = expectedSkips(stack, run, report);
        assertThat(expected).isNotEmpty();

        // What the pattern says it skips: each $or branch naming one rule and the resources it does not forward.
        var skipped = new TreeSet<String>();
        var or = JsonParser.parseString(pattern).getAsJsonObject().getAsJsonObject("detail").getAsJsonArray("$or");
        for (var branch : or) {
            var b = branch.getAsJsonObject();
            if (b.has("resourceId")) {
                var rule = b.getAsJsonArray("configRuleName").get(0).getAsString();
                b.getAsJsonArray("resourceId").get(0).getAsJsonObject().getAsJsonArray("anything-but")
                        .forEach(id -> skipped.add(rule + " " + id.getAsString()));
            }
        }
        assertThat(skipped).isEqualTo(expected);

        // And what EventBridge does with it: every exempted pair is dropped, the same rule on another resource,
        // every other rule of the stack, pages; another stack's rules and COMPLIANT results do not.
        var machine = new Machine();
        machine.addRule("forward", pattern);
        for (var pair : expected) {
            var rule = pair.substring(0, pair.indexOf(' '));
            var id = pair.substring(pair.indexOf(' ') + 1);
            assertThat(machine.rulesForJSONEvent(event(rule, id, "NON_COMPLIANT"))).as("exempted " + pair).isEmpty();
            assertThat(machine.rulesForJSONEvent(event(rule, "i-0new0000000000000", "NON_COMPLIANT"))).as(rule + " elsewhere").containsExactly("forward");
        }
        for (var r : run.ofType(RULE)) {
            var name = String.valueOf(r.inputs().get("name"));
            assertThat(machine.rulesForJSONEvent(event(name, "sg-0drift000000000000", "NON_COMPLIANT"))).as(name).containsExactly("forward");
            assertThat(machine.rulesForJSONEvent(event(name, "sg-0drift000000000000", "COMPLIANT"))).as(name).isEmpty();
            assertThat(machine.rulesForJSONEvent(event(name.replaceFirst("^" + prefix, "other-stack"), "sg-0drift000000000000",
                    "NON_COMPLIANT"))).as("another stack's " + name).isEmpty();
        }
    }

    /** AWS Config's compliance change event on EventBridge, shaped as the Developer Guide's example. */
    static String event(String rule, String resourceId, String compliance) throws Exception {
        var template = new String(DeployedRulesTest.class.getResourceAsStream("/hipaa/alerting/findings/config-compliance-change.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return template.replace("RULE_NAME", rule).replace("RESOURCE_ID", resourceId).replace("COMPLIANCE", compliance);
    }
}
