package hipaa.guardrails;

import hipaa.audit.Exemptions;
import hipaa.guardrails.GuardrailReport.Status;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static hipaa.guardrails.Res.*;
import static hipaa.guardrails.Types.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExemptionsTest {

    private static final String REASON = "Dev runs a single-AZ instance to halve cost; it holds synthetic data only.";
    private static final List<Rule> MULTI_AZ = List.of(GuardrailRules.byId("rds-multi-az-support").orElseThrow());
    private static final List<Rule> GUARDDUTY = List.of(GuardrailRules.byId("guardduty-enabled-centralized").orElseThrow());
    private static final hipaa.offline.RecordedResource SINGLE_AZ_DB = res(RDS_INSTANCE, "db", "engine", "postgres", "multiAz", false);

    private static Exemptions one(String rule, String resource, String reviewBy) {
        return Exemptions.parse("""
                exemptions:
                  - rule: %s
                    resource: %s
                    reason: %s
                    reviewBy: %s
                """.formatted(rule, resource, REASON, reviewBy), "exemptions.yaml");
    }

    @Test
    void parsesEntriesWithUnquotedDatesAndOptionalType() {
        var e = Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: db
                    type: aws:rds/instance:Instance
                    reason: %s
                    reviewBy: 2026-06-30
                  - rule: s3-bucket-logging-enabled
                    resource: access-logs
                    reason: "The access-log bucket cannot log to itself without a loop."
                    reviewBy: '2026-01-15'
                """.formatted(REASON), "x.yaml");
        assertThat(e.all()).containsExactly(
                new Exemptions.Exemption(1, "rds-multi-az-support", "db", Optional.of(RDS_INSTANCE), REASON, LocalDate.of(2026, 6, 30)),
                new Exemptions.Exemption(2, "s3-bucket-logging-enabled", "access-logs", Optional.empty(),
                        "The access-log bucket cannot log to itself without a loop.", LocalDate.of(2026, 1, 15)));
    }

    @Test
    void emptyFilesAndEmptyListsMeanNoExemptions() {
        assertThat(Exemptions.parse("", "x").all()).isEmpty();
        assertThat(Exemptions.parse("exemptions: []", "x").all()).isEmpty();
        assertThat(Exemptions.parse("exemptions:", "x").all()).isEmpty();
    }

    @Test
    void theRepositoryFileParses() {
        assertThat(Exemptions.load(Path.of("guardrails/exemptions.yaml")).all()).isNotNull();
    }

    @Test
    void aTooShortReasonIsRejectedNamingTheEntry() {
        assertThatThrownBy(() -> Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: db
                    reason: dev only
                    reviewBy: 2026-06-30
                """, "guardrails/exemptions.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guardrails/exemptions.yaml: 1 malformed exemption(s):\n"
                        + "  exemption #1 (rule rds-multi-az-support, resource db): reason \"dev only\" is 8 characters;"
                        + " explain in at least one sentence (20+ characters)");
    }

    @Test
    void everyProblemOfEveryEntryIsReportedTogether() {
        assertThatThrownBy(() -> Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: db
                    reason: %s
                    reveiwBy: 2026-06-30
                  - rule: elb-logging-enabled
                    reason: %s
                    reviewBy: 2026-13-01
                  - just a string
                  - rule: rds-multi-az-support
                    resource: db
                    reason: %s
                    reviewBy: 2026-06-30
                  - rule: rds-multi-az-support
                    resource: db
                    reason: %s
                    reviewBy: 2027-06-30
                """.formatted(REASON, REASON, REASON, REASON), "x.yaml"))
                .hasMessage("x.yaml: 6 malformed exemption(s):\n"
                        + "  exemption #1 (rule rds-multi-az-support, resource db): unknown key 'reveiwBy' (allowed: rule, resource, type, reason, reviewBy, stacks, onlyWith, roles)\n"
                        + "  exemption #1 (rule rds-multi-az-support, resource db): reviewBy is missing (YYYY-MM-DD)\n"
                        + "  exemption #2 (rule elb-logging-enabled, resource null): resource is missing\n"
                        + "  exemption #2 (rule elb-logging-enabled, resource null): reviewBy '2026-13-01' is not a date (YYYY-MM-DD)\n"
                        + "  exemption #3: expected a mapping with rule, resource, reason, reviewBy\n"
                        + "  exemption #5 (rule rds-multi-az-support, resource db): duplicates an earlier exemption for the same rule and resource");
    }

    private static Exemptions onlyWith(String anchor) {
        return Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: db
                    reason: %s
                    reviewBy: 2099-06-30
                    onlyWith: %s
                """.formatted(REASON, anchor), "exemptions.yaml");
    }

    @Test
    void anExemptionForAnOptionalFeatureIsDormantWhereTheFeatureIsOffAndJudgedWhereItIsOn() {
        // Off: the anchor is absent, so matching nothing is not a stale exemption.
        var off = Guardrails.evaluate(List.of(), onlyWith("front"), CTX, MULTI_AZ);
        assertThat(off.exemptionProblems()).isEmpty();
        // On, and it covers what it names.
        var front = res("hipaa:edge:StaticFront", "front");
        var on = Guardrails.evaluate(List.of(front, SINGLE_AZ_DB), onlyWith("front"), CTX, MULTI_AZ);
        assertThat(on.exemptionProblems()).isEmpty();
        assertThat(on.result("rds-multi-az-support").orElseThrow().status()).isEqualTo(Status.EXEMPT);
        // On, but the exempted resource is gone: stale, as any other exemption.
        var stale = Guardrails.evaluate(List.of(front), onlyWith("front"), CTX, MULTI_AZ);
        assertThat(stale.exemptionProblems()).extracting(GuardrailReport.ExemptionProblem::problem)
                .containsExactly("matches no resource the rule applies to; remove it");
        assertThatThrownBy(() -> onlyWith("''"))
                .hasMessageContaining("exemption #1 (rule rds-multi-az-support, resource db): onlyWith is empty");
    }

    @Test
    void aFileWithoutTheExemptionsListIsRejected() {
        assertThatThrownBy(() -> Exemptions.parse("- rule: x", "x.yaml"))
                .hasMessage("x.yaml: expected a single top-level key 'exemptions' holding a list");
        assertThatThrownBy(() -> Exemptions.parse("exemptions: {rule: x}", "x.yaml"))
                .hasMessage("x.yaml: 'exemptions' must be a list");
    }

    @Test
    void aValidExemptionTurnsTheFailureIntoExempt() {
        var report = Guardrails.evaluate(List.of(SINGLE_AZ_DB), one("rds-multi-az-support", "db", "2025-06-01"), CTX, MULTI_AZ);
        assertThat(report.result("rds-multi-az-support").orElseThrow().status()).isEqualTo(Status.EXEMPT);
        assertThat(report.hasUnexemptedFailures()).isFalse();
        assertThat(report.exemptionProblems()).isEmpty();
        assertThat(report.summary()).isEqualTo("1 rules: 0 passed, 0 failed, 1 exempt, 0 not applicable");
    }

    @Test
    void anExpiredExemptionIsAFailureAndNoLongerExempts() {
        var report = Guardrails.evaluate(List.of(SINGLE_AZ_DB), one("rds-multi-az-support", "db", "2025-05-31"), CTX, MULTI_AZ);
        assertThat(report.result("rds-multi-az-support").orElseThrow().status()).isEqualTo(Status.FAILED);
        assertThat(report.failureLines()).containsExactly(
                "rds-multi-az-support db (aws:rds/instance:Instance): multiAz is false",
                "exemption #1 (rule rds-multi-az-support, resource db): review date 2025-05-31 has passed;"
                        + " review it and renew the date or fix the resource");
        assertThat(report.hasUnexemptedFailures()).isTrue();
    }

    @Test
    void aStaleExemptionThatMatchesNoResourceIsAFailure() {
        var report = Guardrails.evaluate(List.of(SINGLE_AZ_DB), one("rds-multi-az-support", "old-db", "2026-01-01"), CTX, MULTI_AZ);
        assertThat(report.exemptionProblems()).extracting(GuardrailReport.ExemptionProblem::message).containsExactly(
                "exemption #1 (rule rds-multi-az-support, resource old-db): matches no resource the rule applies to; remove it");
        assertThat(report.hasUnexemptedFailures()).isTrue();
    }

    @Test
    void anExemptionOnAResourceTheRuleDoesNotJudgeIsStale() {
        var bucket = res(BUCKET_V2, "db");
        var report = Guardrails.evaluate(List.of(bucket), one("rds-multi-az-support", "db", "2026-01-01"), CTX, MULTI_AZ);
        assertThat(report.exemptionProblems()).extracting(GuardrailReport.ExemptionProblem::message).containsExactly(
                "exemption #1 (rule rds-multi-az-support, resource db): matches no resource the rule applies to; remove it");
    }

    @Test
    void anExemptionForAnUnknownRuleIsAFailure() {
        var report = Guardrails.evaluate(List.of(SINGLE_AZ_DB), one("rds-multi-az", "db", "2026-01-01"), CTX, MULTI_AZ);
        assertThat(report.exemptionProblems()).extracting(GuardrailReport.ExemptionProblem::message)
                .containsExactly("exemption #1 (rule rds-multi-az, resource db): no rule has id rds-multi-az");
    }

    @Test
    void accountLevelFindingsAreExemptedAsTheStack() {
        var report = Guardrails.evaluate(List.of(), one("guardduty-enabled-centralized", "stack", "2026-01-01"), CTX, GUARDDUTY);
        assertThat(report.result("guardduty-enabled-centralized").orElseThrow().status()).isEqualTo(Status.EXEMPT);
        assertThat(report.hasUnexemptedFailures()).isFalse();
    }

    @Test
    void aMatchingExemptionWithNothingToCoverIsListedButNotAFailure() {
        var report = Guardrails.evaluate(List.of(with(SINGLE_AZ_DB, "multiAz", true)), one("rds-multi-az-support", "db", "2026-01-01"),
                CTX, MULTI_AZ);
        assertThat(report.hasUnexemptedFailures()).isFalse();
        assertThat(report.unusedExemptions()).extracting(Exemptions.Exemption::resource).containsExactly("db");
    }

    @Test
    void theTypeNarrowsWhichResourceIsExempted() {
        var e = Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: db
                    type: aws:rds/cluster:Cluster
                    reason: %s
                    reviewBy: 2026-01-01
                """.formatted(REASON), "x.yaml");
        var report = Guardrails.evaluate(List.of(SINGLE_AZ_DB), e, CTX, MULTI_AZ);
        assertThat(report.exemptionProblems()).extracting(GuardrailReport.ExemptionProblem::message).containsExactly(
                "exemption #1 (rule rds-multi-az-support, resource db of type aws:rds/cluster:Cluster):"
                        + " matches no resource the rule applies to; remove it");
        assertThat(report.result("rds-multi-az-support").orElseThrow().status()).isEqualTo(Status.FAILED);
    }

    @org.junit.jupiter.api.Test
    void stacksMustBeANonEmptyListOfNames() {
        var ok = Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: db
                    reason: Dev runs a single-AZ instance to halve cost; it holds synthetic data only.
                    reviewBy: 2026-06-30
                    stacks: [dev]
                """, "x.yaml");
        org.assertj.core.api.Assertions.assertThat(ok.all()).singleElement().satisfies(e -> {
            org.assertj.core.api.Assertions.assertThat(e.appliesTo("dev")).isTrue();
            org.assertj.core.api.Assertions.assertThat(e.appliesTo("prod")).isFalse();
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: db
                    reason: Dev runs a single-AZ instance to halve cost; it holds synthetic data only.
                    reviewBy: 2026-06-30
                    stacks: dev
                """, "x.yaml")).hasMessageContaining("stacks must be a non-empty list of stack names, such as [dev]");
    }

    @Test
    void anOnlyWithExemptionIsDormantWithoutItsResourceAndJudgedLikeAnyOtherWithIt() {
        var e = Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: replica-db
                    reason: %s
                    reviewBy: 2026-01-01
                    onlyWith: replica
                """.formatted(REASON), "x.yaml");
        assertThat(e.all()).singleElement().extracting(Exemptions.Exemption::onlyWith).isEqualTo(Optional.of("replica"));
        // The feature is off: no resource named replica, so the exemption is neither stale nor in force.
        var off = Guardrails.evaluate(List.of(SINGLE_AZ_DB), e, CTX, MULTI_AZ);
        assertThat(off.exemptionProblems()).isEmpty();
        assertThat(off.unusedExemptions()).isEmpty();
        assertThat(off.result("rds-multi-az-support").orElseThrow().status()).isEqualTo(Status.FAILED);
        // The feature is on but the exempted resource is gone: stale, as without onlyWith.
        var on = Guardrails.evaluate(List.of(SINGLE_AZ_DB, res(BUCKET_V2, "replica")), e, CTX, MULTI_AZ);
        assertThat(on.exemptionProblems()).extracting(GuardrailReport.ExemptionProblem::message).containsExactly(
                "exemption #1 (rule rds-multi-az-support, resource replica-db): matches no resource the rule applies to; remove it");
        // With both, it covers its resource.
        var covered = Guardrails.evaluate(List.of(with(SINGLE_AZ_DB, "name", "x"), res(RDS_INSTANCE, "replica-db", "engine", "postgres",
                "multiAz", false), res(BUCKET_V2, "replica")), e, CTX, MULTI_AZ);
        assertThat(covered.failureLines()).containsExactly("rds-multi-az-support db (aws:rds/instance:Instance): multiAz is false");
        assertThatThrownBy(() -> Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: db
                    reason: %s
                    reviewBy: 2026-01-01
                    onlyWith: ""
                """.formatted(REASON), "x.yaml")).hasMessageContaining("onlyWith is empty");
    }
}
