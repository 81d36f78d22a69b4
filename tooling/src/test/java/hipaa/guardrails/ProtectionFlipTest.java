package hipaa.guardrails;

import hipaa.audit.Exemptions;
import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.StackFiles;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turning one protection off in a real stack's settings makes exactly the matching rule fail, and a
 * relaxation exempted for dev does not hide the same finding in another stack.
 */
class ProtectionFlipTest {

    private static GuardrailReport report(OfflineRun.Result run, String stack) {
        var s = Stacks.settings(run.config());
        return Guardrails.evaluate(run.resources(), Exemptions.load(Path.of("guardrails/exemptions.yaml")),
                GuardrailContext.of(s, LocalDate.now()));
    }

    @Test
    void aSingleAzDatabaseOutsideDevFailsRdsMultiAzSupportAndNothingElse() {
        // staging may run single-AZ as far as the settings go; the guardrails still say so. (The prod stack's file,
        // deployed as a stack named staging: the stack named prod keeps the production rules whatever it says.)
        var prod = Stacks.with("prod", Map.of("hipaa:environment", "staging", "hipaa:dbMultiAz", "false"));
        var run = OfflineRun.run(new StackFiles.StackConfig(prod.project(), "staging", prod.values(), prod.secretKeys()),
                false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        var report = report(run, "staging");
        assertThat(report.failureLines()).singleElement().asString().startsWith("rds-multi-az-support db-instance");
        assertThat(report.hasUnexemptedFailures()).isTrue();
    }

    @Test
    void theSameFindingInDevIsCoveredByItsDevOnlyExemption() {
        var report = report(Stacks.run("dev"), "dev");
        assertThat(report.result("rds-multi-az-support")).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(GuardrailReport.Status.EXEMPT);
            assertThat(r.exempted()).singleElement().satisfies(e -> assertThat(e.exemption().stacks()).containsExactly("dev"));
        });
    }
}
