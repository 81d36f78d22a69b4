package hipaa.settings;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.StackFiles;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A stack cannot be relabelled out of its rules: the stack's name decides as much as hipaa:environment. */
class StackNameRulesTest {

    private static String message(OfflineRun.Result run) {
        return String.join("\n", run.result().errors());
    }

    @Test
    void theProdStackRelabelledDevKeepsTheProductionRules() {
        var run = OfflineRun.run(Stacks.with("prod", Map.of("hipaa:environment", "dev", "hipaa:deletionProtection", "false")),
                false, App::stack);
        assertThat(run.resources()).as("registered").isEmpty();
        assertThat(message(run)).startsWith("""
                Stack 'prod' has 2 configuration problems; nothing was created.
                  - hipaa:environment: found "dev"; the stack is named prod, so its environment is prod: set \
                hipaa:environment to prod (the rules of an environment follow the stack's name, so a stack cannot be \
                relabelled out of them), or deploy this configuration as a stack named after its environment
                  - hipaa:deletionProtection: found "false"; prod stacks must keep deletion protection on (true); \
                only non-production stacks may relax it
                """);
    }

    @Test
    void everyProductionRuleFollowsTheStackNamedProd() {
        var run = OfflineRun.run(Stacks.with("prod", Map.of("hipaa:environment", "staging", "hipaa:dbMultiAz", "false",
                "hipaa:objectLockMode", "governance", "hipaa:alertEmails", "[]", "hipaa:insecurePlainHttpTargets", "true")),
                false, App::stack);
        assertThat(message(run)).contains("has 5 configuration problems")
                .contains("  - hipaa:environment: found \"staging\"; the stack is named prod")
                .contains("  - hipaa:dbMultiAz: found \"false\"; prod stacks run a Multi-AZ standby")
                .contains("  - hipaa:objectLockMode: found \"governance\"; prod stacks must use compliance")
                .contains("  - hipaa:alertEmails: found []; prod stacks need at least one address")
                .contains("  - hipaa:insecurePlainHttpTargets: found \"true\"; prod stacks must encrypt traffic");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void aStackNamedAfterAnEnvironmentMustSayItsName() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:environment", "prod")), false, App::stack);
        assertThat(message(run)).contains("  - hipaa:environment: found \"prod\"; the stack is named dev, so its "
                + "environment is dev: set hipaa:environment to dev");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void anyStackWhoseEnvironmentIsProdGetsTheProductionRules() {
        var dev = Stacks.with("dev", Map.of("hipaa:environment", "prod"));
        var renamed = new StackFiles.StackConfig(dev.project(), "eu-live", dev.values(), dev.secretKeys());
        var run = OfflineRun.run(renamed, false, App::stack);
        assertThat(message(run)).startsWith("Stack 'eu-live' has ")
                .contains("  - hipaa:deletionProtection: found \"false\"; prod stacks must keep deletion protection on")
                .contains("  - hipaa:dbMultiAz: found \"false\"; prod stacks run a Multi-AZ standby")
                .contains("  - hipaa:archiveRetentionDays: found \"365\"; prod stacks keep audit archives at least 2190 days")
                .doesNotContain("the stack is named");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void aStackNotNamedAfterAnEnvironmentMayChooseOne() {
        var dev = Stacks.with("dev", Map.of());
        var run = OfflineRun.run(new StackFiles.StackConfig(dev.project(), "sandbox", dev.values(), dev.secretKeys()),
                false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
    }
}
