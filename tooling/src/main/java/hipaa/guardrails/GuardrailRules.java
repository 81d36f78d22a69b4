package hipaa.guardrails;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The HIPAA guardrails this project enforces on what the program declares, before anything is
 * deployed.
 *
 * <p>Most rules are the AWS Config managed rules of the "Operational Best Practices for HIPAA
 * Security" conformance pack that can be judged from declared inputs, under the same ids, with
 * the pack's parameters where it sets them; the HIPAA sections follow cdk-nag's HIPAA Security pack.
 * Rules with a {@code hipaa-} id are the project's own (customer managed keys, TLS policy, tags,
 * approved AMIs, ...). Rules whose scope is {@link Rule.Scope#REQUIRED} or {@link Rule.Scope#ANY}
 * are account-level: they fail the stack when no resource of the type is declared.
 *
 * <p>Ids are unique; {@link #ALL} is grouped by domain and is the order reports use for
 * {@link GuardrailReport#catalogueMarkdown}.
 */
public final class GuardrailRules {
    private GuardrailRules() {}

    public static final List<Rule> ALL = Stream.of(
                    NetworkRules.RULES, DataRules.RULES, StorageRules.RULES, AuditRules.RULES,
                    EdgeRules.RULES, ComputeRules.RULES, IdentityRules.RULES, TaggingRules.RULES, DeployedRules.RULES)
            .flatMap(List::stream)
            .toList();

    /**
     * The catalogue rules the stack also deploys as AWS Config managed rules, by id (which is the managed rule's
     * name, so {@code AwsConfigManagedRules} gives its identifier and its page). Written out here, independently of
     * {@code hipaa.audit.ConfigRules}, so a test can prove the two lists are the same ({@code DeployedRulesTest}):
     * a rule deployed but not listed, or listed but not deployed, fails the build.
     */
    public static final java.util.Set<String> DEPLOYED = java.util.Set.of(
            "required-tags", "restricted-common-ports", "approved-amis-by-id", "cloudtrail-enabled", "restricted-ssh",
            "cloud-trail-cloud-watch-logs-enabled", "cloud-trail-encryption-enabled", "cloud-trail-log-file-validation-enabled",
            "multi-region-cloudtrail-enabled", "cloudtrail-s3-dataevents-enabled", "cloudwatch-log-group-encrypted",
            "cloudwatch-alarm-action-check", "vpc-flow-logs-enabled", "vpc-default-security-group-closed",
            "vpc-sg-open-only-to-authorized-ports", "internet-gateway-authorized-vpc-only", "no-unrestricted-route-to-igw",
            "subnet-auto-assign-public-ip-disabled", "ec2-imdsv2-check", "ec2-instance-no-public-ip",
            "ec2-instance-managed-by-systems-manager", "ec2-instance-profile-attached", "ec2-instances-in-vpc",
            "ec2-stopped-instance", "ec2-managedinstance-patch-compliance-status-check", "ec2-ebs-encryption-by-default",
            "encrypted-volumes", "ebs-snapshot-public-restorable-check", "autoscaling-group-elb-healthcheck-required",
            "rds-storage-encrypted", "rds-instance-public-access-check", "rds-multi-az-support", "rds-snapshot-encrypted",
            "rds-snapshots-public-prohibited", "db-instance-backup-enabled", "rds-logging-enabled",
            "rds-enhanced-monitoring-enabled", "rds-automatic-minor-version-upgrade-enabled", "rds-in-backup-plan",
            "s3-account-level-public-access-blocks-periodic", "s3-bucket-level-public-access-prohibited",
            "s3-bucket-public-read-prohibited", "s3-bucket-public-write-prohibited", "s3-bucket-acl-prohibited",
            "s3-bucket-ssl-requests-only", "s3-bucket-server-side-encryption-enabled", "s3-bucket-versioning-enabled",
            "alb-http-to-https-redirection-check", "elbv2-acm-certificate-required", "elb-deletion-protection-enabled",
            "elb-logging-enabled", "sns-encrypted-kms", "secretsmanager-rotation-enabled-check", "secretsmanager-using-cmk",
            "kms-cmk-not-scheduled-for-deletion", "iam-password-policy", "iam-root-access-key-check",
            "root-account-mfa-enabled", "root-account-hardware-mfa-enabled", "iam-user-mfa-enabled",
            "mfa-enabled-for-iam-console-access", "iam-policy-no-statements-with-admin-access", "iam-user-no-policies-check",
            "access-keys-rotated", "iam-user-unused-credentials-check", "iam-customer-policy-blocked-kms-actions",
            "iam-inline-policy-blocked-kms-actions", "guardduty-enabled-centralized", "securityhub-enabled",
            "backup-plan-min-frequency-and-min-retention-check", "backup-recovery-point-encrypted",
            "backup-recovery-point-manual-deletion-disabled", "ebs-in-backup-plan", "ec2-resources-protected-by-backup-plan");

    /** The AWS Config managed rule a catalogue rule is deployed as, if it is. */
    public static Optional<hipaa.audit.AwsConfigManagedRules.Entry> deployedAs(Rule rule) {
        if (!DEPLOYED.contains(rule.id())) {
            return Optional.empty();
        }
        return hipaa.audit.AwsConfigManagedRules.all().values().stream().filter(e -> e.ruleName().equals(rule.id())).findFirst();
    }

    /** The rule's page in the AWS Config Developer Guide, which defines what it means. */
    public static String page(hipaa.audit.AwsConfigManagedRules.Entry entry) {
        return "https://docs.aws.amazon.com/config/latest/developerguide/" + entry.ruleName() + ".html";
    }

    private static final Map<String, Rule> BY_ID = index();

    private static Map<String, Rule> index() {
        var m = new LinkedHashMap<String, Rule>();
        for (var r : ALL) {
            if (m.put(r.id(), r) != null) {
                throw new IllegalStateException("duplicate rule id " + r.id());
            }
        }
        return m;
    }

    public static Optional<Rule> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
