package hipaa.guardrails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static hipaa.guardrails.Res.CTX;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule rejects a hand-made bad input and accepts a good one, with the exact reason. */
class RuleFixturesTest {

    static Stream<String> ruleIds() {
        return GuardrailRules.ALL.stream().map(Rule::id);
    }

    @Test
    void everyRuleHasAPassingAndAFailingFixtureAndNoFixtureIsOrphaned() {
        assertThat(Fixtures.ALL.keySet()).containsExactlyInAnyOrderElementsOf(ruleIds().toList());
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
