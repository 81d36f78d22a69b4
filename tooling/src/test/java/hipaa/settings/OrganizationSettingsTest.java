package hipaa.settings;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hipaa:accountRole} decides which keys a stack reads: a single-account stack refuses the organization's keys
 * like any unread key, an organization stack names its accounts and the stacks it reads, and nothing is registered
 * when any of it is wrong.
 */
class OrganizationSettingsTest {

    private static String errors(OfflineRun.Result run) {
        return String.join("\n", run.result().errors());
    }

    @Test
    void aSingleAccountStackRefusesTheOrganizationsKeys() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:organizationId", "o-a1b2c3d4e5")), false, App::stack);
        assertThat(run.succeeded()).isFalse();
        assertThat(errors(run)).startsWith("Stack 'dev' has 1 configuration problem; nothing was created.")
                .contains("hipaa:organizationId");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void anUnknownRoleNamesTheRoles() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:accountRole", "audit")), false, App::stack);
        assertThat(errors(run)).contains("  - hipaa:accountRole: found \"audit\"; one of single, management, log-archive, "
                + "security, workload");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void everyMissingOrSharedAccountIsReportedAtOnce() {
        var overrides = new HashMap<String, String>();
        overrides.put("hipaa:organizationId", null);
        overrides.put("hipaa:securityAccountId", "222222222222");
        var run = OfflineRun.run(Stacks.with("org-security", overrides), false, App::stack);
        assertThat(errors(run)).startsWith("Stack 'org-security' has 2 configuration problems; nothing was created.")
                .contains("  - hipaa:organizationId: missing; required: the organization's id, o- followed by 10 to 32 lowercase "
                        + "letters or digits")
                .contains("  - hipaa:securityAccountId: found \"222222222222\"; is already another role's account; the "
                        + "management, log-archive and security accounts must be three different accounts");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void aWorkloadCannotRunInTheEvidenceAccount() {
        var run = OfflineRun.run(Stacks.with("org-prod", Map.of("hipaa:workloadAccountId", "222222222222")), false, App::stack);
        assertThat(errors(run)).contains("  - hipaa:workloadAccountId: found \"222222222222\"; names the management, "
                + "log-archive or security account; a workload must run in an account of its own");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void aWorkloadNamesTheStacksItReadsFullyQualified() {
        var run = OfflineRun.run(Stacks.with("org-prod", Map.of("hipaa:securityStack", "org-security")), false, App::stack);
        assertThat(errors(run)).contains("  - hipaa:securityStack: found \"org-security\"; the fully qualified name "
                + "<organization>/<project>/<stack> of the security stack");
    }

    @Test
    void anOrganizationStacksProviderRefusesEveryAccountButItsOwn() {
        var run = Stacks.run("org-security");
        assertThat(run.succeeded()).as(run.failure()).isTrue();
        var provider = run.ofType("pulumi:providers:aws").get(0);
        assertThat(String.valueOf(provider.inputs().get("allowedAccountIds"))).isEqualTo("[\"333333333333\"]");
        // Previews run with read-only credentials: the program never assumes a role with more.
        assertThat(provider.inputs()).doesNotContainKey("assumeRole");
        var single = Stacks.run("dev").ofType("pulumi:providers:aws").get(0);
        assertThat(single.inputs()).doesNotContainKeys("assumeRole", "allowedAccountIds");
    }

    @Test
    void theScpsAttachToEveryMemberAccountByDefault() {
        var overrides = new HashMap<String, String>();
        overrides.put("hipaa:scpTargetIds", null);
        var run = OfflineRun.run(Stacks.with("org-management", overrides), true, App::stack);
        assertThat(run.succeeded()).as(run.failure()).isTrue();
        assertThat(run.ofType("aws:organizations/policyAttachment:PolicyAttachment"))
                .extracting(a -> String.valueOf(a.inputs().get("targetId")))
                .containsOnly("444444444444", "222222222222", "333333333333")
                .doesNotContain("111111111111");
    }
}
