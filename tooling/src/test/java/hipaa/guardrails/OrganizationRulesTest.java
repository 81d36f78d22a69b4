package hipaa.guardrails;

import hipaa.audit.Exemptions;
import hipaa.offline.RecordedResource;
import hipaa.settings.AccountRole;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Organization-aware rules: an account-level rule in a stack that declares none of its types is answered by what the
 * organization's stacks provide (guardrails/organization.yaml), verified against the providing stack's own offline run
 * where this stack referenced it; exemptions scoped by account role apply, and are judged, only in stacks of that role.
 */
class OrganizationRulesTest {
    private static final Organization DATA = Organization.load(Path.of(Organization.FILE));
    private static final Rule GUARDDUTY = GuardrailRules.byId("guardduty-enabled-centralized").orElseThrow();
    private static final Rule TRAIL = GuardrailRules.byId("cloudtrail-enabled").orElseThrow();

    private static RecordedResource resource(String type, String name, Map<String, Object> inputs) {
        return new RecordedResource(type, name, "id-" + name, Optional.empty(), "", inputs, inputs);
    }

    private static GuardrailContext workload(Map<String, Organization.Provider> providers) {
        return new GuardrailContext(Set.of(), Set.of(), LocalDate.of(2026, 12, 1), "org-prod")
                .withOrganization(DATA.forStack(AccountRole.WORKLOAD, providers));
    }

    private static Finding only(Rule rule, GuardrailContext ctx) {
        var findings = rule.evaluate(ResourceGraph.of(List.of()), ctx);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void guardDutyInAWorkloadPassesWhenTheReferencedSecurityStackAutoEnablesEveryMember() {
        var security = new Organization.Provider("my-org/hipaa/org-security", Optional.of(List.of(resource(
                "aws:guardduty/organizationConfiguration:OrganizationConfiguration", "guardduty-org",
                Map.of("autoEnableOrganizationMembers", "ALL")))));
        assertThat(only(GUARDDUTY, workload(Map.of("security", security))).outcome()).isEqualTo(Outcome.pass(
                "provided by the organization: GuardDuty, auto-enabled in every member account by the security account "
                        + "(delegated administrator) (the security stack my-org/hipaa/org-security declares "
                        + "aws:guardduty/organizationConfiguration:OrganizationConfiguration guardduty-org)"));
    }

    @Test
    void guardDutyInAWorkloadFailsWhenTheSecurityStackAutoEnablesOnlyNewMembers() {
        var security = new Organization.Provider("my-org/hipaa/org-security", Optional.of(List.of(resource(
                "aws:guardduty/organizationConfiguration:OrganizationConfiguration", "guardduty-org",
                Map.of("autoEnableOrganizationMembers", "NEW")))));
        var outcome = only(GUARDDUTY, workload(Map.of("security", security))).outcome();
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.reason()).endsWith("its offline run declares no "
                + "aws:guardduty/organizationConfiguration:OrganizationConfiguration with {autoEnableOrganizationMembers=ALL}");
    }

    @Test
    void theOrganizationTrailIsJudgedInTheManagementStacksPlanNotInAMemberStackThatDoesNotReferenceIt() {
        var outcome = only(TRAIL, workload(Map.of())).outcome();
        assertThat(outcome.status()).isEqualTo(Outcome.Status.NOT_APPLICABLE);
        assertThat(outcome.reason()).isEqualTo("provided by the organization: the organization trail, which CloudTrail "
                + "creates in every member account and delivers to the log-archive bucket, declared by the management stack "
                + "(aws:cloudtrail/trail:Trail with {isOrganizationTrail=true}) and judged in that stack's own plan");
    }

    @Test
    void aSingleAccountStackAndTheManagementStackMustDeclareTheirOwnTrail() {
        var single = new GuardrailContext(Set.of(), Set.of(), LocalDate.of(2026, 12, 1), "prod");
        assertThat(only(TRAIL, single).outcome()).isEqualTo(Outcome.fail("no aws:cloudtrail/trail:Trail is declared"));
        var management = single.withOrganization(DATA.forStack(AccountRole.MANAGEMENT, Map.of()));
        assertThat(only(TRAIL, management).outcome()).isEqualTo(Outcome.fail("no aws:cloudtrail/trail:Trail is declared"));
    }

    @Test
    void anExemptionScopedToWorkloadRolesIsNeitherAppliedNorJudgedStaleInAnotherRolesStack() {
        var exemptions = Exemptions.parse("""
                exemptions:
                  - rule: iam-group-has-users-check
                    resource: identity-admins
                    reason: Membership is granted through the access process, not by this program.
                    reviewBy: 2027-05-31
                    roles: [single, workload]
                """, "exemptions.yaml");
        assertThat(exemptions.all().get(0).roles()).containsExactlyInAnyOrder("single", "workload");
        var base = new GuardrailContext(Set.of(), Set.of(), LocalDate.of(2026, 12, 1), "org-security");
        var security = Guardrails.evaluate(List.of(), exemptions, base.withOrganization(DATA.forStack(AccountRole.SECURITY, Map.of())));
        assertThat(security.exemptionProblems()).isEmpty();
        var workload = Guardrails.evaluate(List.of(), exemptions, base.withOrganization(DATA.forStack(AccountRole.WORKLOAD, Map.of())));
        assertThat(workload.exemptionProblems()).extracting(GuardrailReport.ExemptionProblem::message).containsExactly(
                "exemption #1 (rule iam-group-has-users-check, resource identity-admins): matches no resource the rule applies to; remove it");
        assertThat(exemptions.forRole(AccountRole.SECURITY).all()).isEmpty();
        assertThatThrownBy(() -> Exemptions.parse("""
                exemptions:
                  - rule: iam-group-has-users-check
                    resource: identity-admins
                    reason: Membership is granted through the access process, not by this program.
                    reviewBy: 2027-05-31
                    roles: [workloads]
                """, "exemptions.yaml")).hasMessageContaining("roles must be a non-empty list of account roles "
                + "(single, management, log-archive, security, workload), found [workloads]");
    }
}
