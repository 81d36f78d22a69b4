package hipaa.identity;

import hipaa.identity.PolicyDocument.Statement;

/**
 * Key policies of the project's customer managed keys, one per purpose.
 *
 * <p>Each starts with the account-root statement AWS puts on every key: without it the key cannot be
 * administered and IAM policies cannot grant its use. Services are then named one by one, each limited
 * to the resources of this account that it encrypts. Later components add their service here.
 */
public final class KeyPolicies {
    private KeyPolicies() {}

    static final String[] USE = {"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"};

    static Statement root(AwsAccount a) {
        return Statement.allow("EnableIamPoliciesInThisAccount").principal("AWS", a.root())
                .actions("kms:*").resources("*");
    }

    /**
     * Logs key: CloudWatch Logs may use it only for log groups of this account and Region; CloudTrail
     * only for trails of this account whose home is this Region (the audit trail, see hipaa.audit).
     */
    public static PolicyDocument logs(AwsAccount a) {
        return PolicyDocument.of(
                root(a),
                Statement.allow("AllowCloudWatchLogsForThisAccountsLogGroups")
                        .principal("Service", a.regionalService("logs"))
                        .actions(USE).resources("*")
                        .condition("ArnLike", "kms:EncryptionContext:aws:logs:arn", a.arn("logs", "log-group:*")),
                // CloudTrail encrypts each log file under a data key bound to the trail's ARN (encryption
                // context); aws:SourceArn stops another account's trail from using this key through the
                // service (confused deputy). A multi-Region trail always presents its home-Region ARN.
                Statement.allow("AllowCloudTrailToEncryptThisAccountsTrails")
                        .principal("Service", "cloudtrail.amazonaws.com")
                        .actions("kms:GenerateDataKey*").resources("*")
                        .condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn",
                                "arn:" + a.partition() + ":cloudtrail:*:" + a.accountId() + ":trail/*")
                        .condition("ArnLike", "aws:SourceArn", a.arn("cloudtrail", "trail/*")),
                Statement.allow("AllowCloudTrailToDescribeTheKey")
                        .principal("Service", "cloudtrail.amazonaws.com")
                        .actions("kms:DescribeKey").resources("*")
                        .condition("ArnLike", "aws:SourceArn", a.arn("cloudtrail", "trail/*")));
    }

    /** Data key: databases, volumes and backups, used only through those services by this account. */
    public static PolicyDocument data(AwsAccount a) {
        return PolicyDocument.of(
                root(a),
                Statement.allow("AllowUseThroughDataServicesOnly").principal("AWS", a.root())
                        .actions("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                "kms:CreateGrant", "kms:DescribeKey")
                        .resources("*")
                        .condition("StringEquals", "kms:CallerAccount", a.accountId())
                        .condition("StringEquals", "kms:ViaService", a.regionalService("rds"),
                                a.regionalService("ec2"), a.regionalService("backup")));
    }

    /** Secrets key: Secrets Manager and SSM Parameter Store SecureStrings of this account. */
    public static PolicyDocument secrets(AwsAccount a) {
        return PolicyDocument.of(
                root(a),
                Statement.allow("AllowUseThroughSecretsServicesOnly").principal("AWS", a.root())
                        .actions("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                "kms:CreateGrant", "kms:DescribeKey")
                        .resources("*")
                        .condition("StringEquals", "kms:CallerAccount", a.accountId())
                        .condition("StringEquals", "kms:ViaService", a.regionalService("secretsmanager"),
                                a.regionalService("ssm")));
    }
}
