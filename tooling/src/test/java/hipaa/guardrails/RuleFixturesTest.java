package hipaa.guardrails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static hipaa.guardrails.Res.CTX;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule rejects a hand-made bad input and accepts a good one, with the exact reason. */
class RuleFixturesTest {

    /** The rules that judge declared resources; those about account state outside the stack have no fixture. */
    static Stream<String> ruleIds() {
        return GuardrailRules.ALL.stream().filter(r -> r.scope() != Rule.Scope.OUTSIDE).map(Rule::id);
    }

    static Stream<String> outsideRuleIds() {
        return GuardrailRules.ALL.stream().filter(r -> r.scope() == Rule.Scope.OUTSIDE).map(Rule::id);
    }

    @Test
    void everyRuleHasAPassingAndAFailingFixtureAndNoFixtureIsOrphaned() {
        assertThat(Fixtures.ALL.keySet()).containsExactlyInAnyOrderElementsOf(ruleIds().toList());
        assertThat(Fixtures.OUTSIDE.keySet()).containsExactlyInAnyOrderElementsOf(outsideRuleIds().toList());
    }

    /**
     * A rule about account state (the root user, credential use) is not applicable offline whatever the stack
     * declares, with one stack-level finding saying what AWS Config judges instead: never a pass.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("outsideRuleIds")
    void anAccountStateRuleIsNotApplicableOfflineWithItsReason(String ruleId) {
        var rule = GuardrailRules.byId(ruleId).orElseThrow();
        var everything = Fixtures.ALL.values().stream().flatMap(f -> Stream.concat(f.passing().stream(), f.failing().stream()))
                .distinct().toList();
        for (var graph : java.util.List.of(ResourceGraph.of(java.util.List.of()), ResourceGraph.of(everything))) {
            assertThat(rule.evaluate(graph, CTX)).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("stack");
                assertThat(f.outcome().status()).isEqualTo(Outcome.Status.NOT_APPLICABLE);
                assertThat(f.outcome().reason()).isEqualTo(Fixtures.OUTSIDE.get(ruleId));
            });
        }
    }

    @Test
    void catalogueHasAtLeast55Rules() {
        assertThat(GuardrailRules.ALL).hasSizeGreaterThanOrEqualTo(55);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleIds")
    void passesItsPassingFixture(String ruleId) {
        var rule = GuardrailRules.byId(ruleId).orElseThrow();
        var fixture = Fixtures.ALL.get(ruleId);
        assertThat(fixture).as("fixture for %s", ruleId).isNotNull();
        var findings = rule.evaluate(ResourceGraph.of(fixture.passing()), CTX);
        assertThat(findings).as("findings").noneMatch(f -> f.outcome().failed());
        assertThat(findings).as("findings").anyMatch(f -> f.outcome().passed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleIds")
    void failsItsFailingFixtureWithTheExactReason(String ruleId) {
        var rule = GuardrailRules.byId(ruleId).orElseThrow();
        var fixture = Fixtures.ALL.get(ruleId);
        assertThat(fixture).as("fixture for %s", ruleId).isNotNull();
        var failures = rule.evaluate(ResourceGraph.of(fixture.failing()), CTX).stream()
                .filter(f -> f.outcome().failed())
                .map(f -> f.name() + ": " + f.outcome().reason())
                .toList();
        assertThat(failures).containsExactly(fixture.subject() + ": " + fixture.reason());
    }
}
