package hipaa.guardrails;

import hipaa.audit.Exemptions;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guardrails catalogue over every real stack: what the program would deploy breaks no rule,
 * except through a reasoned exemption in guardrails/exemptions.yaml.
 */
class StackGuardrailsTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    private static GuardrailReport report(String stack) {
        var settings = Stacks.settings(stack);
        return Guardrails.evaluate(Stacks.run(stack).resources(), Exemptions.load(Path.of("guardrails/exemptions.yaml")),
                GuardrailContext.of(settings, LocalDate.now()));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void noUnexemptedViolations(String stack) {
        var report = report(stack);
        assertThat(report.failureLines()).as(report.render()).isEmpty();
        assertThat(report.exemptionProblems()).isEmpty();
    }
}
