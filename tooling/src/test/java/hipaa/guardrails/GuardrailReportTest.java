package hipaa.guardrails;

import hipaa.audit.Exemptions;
import hipaa.guardrails.GuardrailReport.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static hipaa.guardrails.Res.*;
import static hipaa.guardrails.Types.*;
import static org.assertj.core.api.Assertions.assertThat;

class GuardrailReportTest {

    private static List<Rule> rules(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> GuardrailRules.byId(id).orElseThrow()).toList();
    }

    private static GuardrailReport sample() {
        var db = res(RDS_INSTANCE, "db", "engine", "postgres", "multiAz", false, "storageEncrypted", true);
        var db2 = res(RDS_INSTANCE, "db2", "engine", "postgres", "multiAz", true, "storageEncrypted", false);
        var exemptions = Exemptions.parse("""
                exemptions:
                  - rule: rds-multi-az-support
                    resource: db
                    reason: Dev runs a single-AZ instance; it holds synthetic data only.
                    reviewBy: 2026-01-01
                """, "x.yaml");
        return Guardrails.evaluate(List.of(db2, db), exemptions, CTX,
                rules("rds-multi-az-support", "rds-storage-encrypted", "guardduty-enabled-centralized", "encrypted-volumes",
                        "rds-instance-deletion-protection-enabled", "rds-instance-public-access-check",
                        "rds-automatic-minor-version-upgrade-enabled"));
    }

    @Test
    void summaryCountsRulesByStatus() {
        var report = sample();
        assertThat(report.summary()).isEqualTo("7 rules: 2 passed, 3 failed, 1 exempt, 1 not applicable");
        assertThat(report.hasUnexemptedFailures()).isTrue();
        assertThat(report.count(Status.PASSED)).isEqualTo(2);
    }

    @Test
    void renderIsDeterministicFailuresFirstThenById() {
        assertThat(sample().render()).isEqualTo("""
                HIPAA guardrails: 7 rules: 2 passed, 3 failed, 1 exempt, 1 not applicable

                FAILED guardduty-enabled-centralized [164.308(a)(6)(ii), 164.308(a)(1)(ii)(D)]
                  FAIL   stack: no aws:guardduty/detector:Detector is declared
                  fix: Declare an aws:guardduty/detector:Detector with enable(true).

                FAILED rds-instance-deletion-protection-enabled [164.308(a)(7)(i), 164.308(a)(7)(ii)(C)]
                  FAIL   db (aws:rds/instance:Instance): deletionProtection is not set
                  FAIL   db2 (aws:rds/instance:Instance): deletionProtection is not set
                  fix: Set deletionProtection(true).

                FAILED rds-storage-encrypted [164.312(a)(2)(iv), 164.312(e)(2)(ii)]
                  FAIL   db2 (aws:rds/instance:Instance): storageEncrypted is false
                  fix: Set storageEncrypted(true) (with kmsKeyId(...) for a customer managed key).

                EXEMPT rds-multi-az-support [164.308(a)(7)(i), 164.308(a)(7)(ii)(C)]
                  EXEMPT db (aws:rds/instance:Instance): multiAz is false (until 2026-01-01: Dev runs a single-AZ instance; it holds synthetic data only.)

                PASSED rds-automatic-minor-version-upgrade-enabled [164.308(a)(5)(ii)(A)]: 2 subjects
                PASSED rds-instance-public-access-check [164.312(a)(1), 164.308(a)(3)(i), 164.308(a)(4)(ii)(A), 164.308(a)(4)(ii)(C), 164.312(e)(1)]: 2 subjects

                NOT_APPLICABLE encrypted-volumes [164.312(a)(2)(iv), 164.312(e)(2)(ii)]: no aws:ebs/volume:Volume declared
                """);
    }

    @Test
    void failureLinesNameRuleSubjectAndReason() {
        assertThat(sample().failureLines()).containsExactly(
                "guardduty-enabled-centralized stack: no aws:guardduty/detector:Detector is declared",
                "rds-instance-deletion-protection-enabled db (aws:rds/instance:Instance): deletionProtection is not set",
                "rds-instance-deletion-protection-enabled db2 (aws:rds/instance:Instance): deletionProtection is not set",
                "rds-storage-encrypted db2 (aws:rds/instance:Instance): storageEncrypted is false");
    }

    @Test
    void catalogueRendersAsAMarkdownTable() {
        var md = GuardrailReport.catalogueMarkdown(rules("rds-storage-encrypted", "multi-region-cloudtrail-enabled",
                "root-account-mfa-enabled", "hipaa-rds-encrypted-with-cmk"));
        var page = "https://docs.aws.amazon.com/config/latest/developerguide/";
        assertThat(md.lines().toList()).containsExactly(
                "| Rule | HIPAA sections | Applies to | Scope | Compliant when | Fix | AWS Config |",
                "|---|---|---|---|---|---|---|",
                "| `rds-storage-encrypted` | 164.312(a)(2)(iv), 164.312(e)(2)(ii) | `aws:rds/instance:Instance`<br>`aws:rds/cluster:Cluster` | each"
                        + " | Database storage, snapshots and replicas holding ePHI are encrypted at rest."
                        + " | Set storageEncrypted(true) (with kmsKeyId(...) for a customer managed key)."
                        + " | deployed as AWS Config rule `RDS_STORAGE_ENCRYPTED` with parameters from kmsKeyId as each stack's plan shows"
                        + " ([page](" + page + "rds-storage-encrypted.html)) |",
                "| `multi-region-cloudtrail-enabled` | 164.312(b), 164.308(a)(1)(ii)(D) | `aws:cloudtrail/trail:Trail` | account: at least one"
                        + " | At least one logging trail records API activity in every region."
                        + " | Set isMultiRegionTrail(true) (and includeGlobalServiceEvents(true)) on the account trail."
                        + " | deployed as AWS Config rule `MULTI_REGION_CLOUD_TRAIL_ENABLED` with parameters from s3BucketName, snsTopicArn,"
                        + " cloudWatchLogsLogGroupArn, includeManagementEvents, readWriteType as each stack's plan shows"
                        + " ([page](" + page + "multi-region-cloudtrail-enabled.html)) |",
                "| `root-account-mfa-enabled` | 164.312(d) | account state | account state: AWS Config only"
                        + " | The root user signs in with MFA. | Enable MFA on the root user (docs/IDENTITY.md, account setup)."
                        + " | deployed as AWS Config rule `ROOT_ACCOUNT_MFA_ENABLED` with parameters none"
                        + " ([page](" + page + "root-account-mfa-enabled.html)) |",
                "| `hipaa-rds-encrypted-with-cmk` | 164.312(a)(2)(iv), 164.312(e)(2)(ii) | `aws:rds/instance:Instance`<br>`aws:rds/cluster:Cluster`"
                        + " | each | Database encryption uses a customer managed KMS key, so key use is auditable and revocable."
                        + " | Set kmsKeyId(<customer managed key arn>). | not deployed |");
        assertThat(GuardrailReport.catalogueMarkdown(GuardrailRules.ALL).lines()).hasSize(GuardrailRules.ALL.size() + 2);
    }

    @Test
    void requiredRulesFailTheStackOnlyWhenNothingIsDeclared() {
        var rule = GuardrailRules.byId("ec2-ebs-encryption-by-default").orElseThrow();
        assertThat(rule.evaluate(ResourceGraph.of(List.of()), CTX)).extracting(Finding::label, f -> f.outcome().reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stack", "no aws:ebs/encryptionByDefault:EncryptionByDefault is declared"));
        assertThat(rule.evaluate(ResourceGraph.of(List.of(res(EBS_ENCRYPTION_BY_DEFAULT, "ebs"))), CTX))
                .extracting(f -> f.outcome().status()).containsExactly(Outcome.Status.PASS);
    }

    @Test
    void anyRulesPassWhenOneResourcePasses() {
        var rule = GuardrailRules.byId("multi-region-cloudtrail-enabled").orElseThrow();
        var regional = res(TRAIL, "regional");
        var global = res(TRAIL, "global", "isMultiRegionTrail", true);
        assertThat(rule.evaluate(ResourceGraph.of(List.of(regional, global)), CTX))
                .containsExactly(new Finding("multi-region-cloudtrail-enabled", "stack", "", Outcome.pass("global: multi-region")));
        assertThat(rule.evaluate(ResourceGraph.of(List.of(regional, with(global, "enableLogging", false))), CTX))
                .containsExactly(new Finding("multi-region-cloudtrail-enabled", "stack", "",
                        Outcome.fail("regional: isMultiRegionTrail is not set; global: enableLogging is false")));
    }
}
