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
        return PolicyDocument.of(root(a), useOnlyThrough(a, "AllowUseThroughDataServicesOnly", "rds", "ec2", "backup"),
                // EC2 Auto Scaling launches instances as its service-linked role, whose AWS-defined policy grants
                // no customer managed key: without these two statements (AWS's documented pair, "Required AWS KMS
                // key policy for use with encrypted volumes") the bastion's encrypted root volume never launches.
                // KMS refuses a policy naming a role that does not exist: the role must exist in the account
                // (AWS creates it with the first autoscaling group; `aws iam create-service-linked-role
                // --aws-service-name autoscaling.amazonaws.com` creates it ahead). In a key policy "*" is this key.
                Statement.allow("AllowAutoScalingToUseTheKeyForVolumes").principal("AWS", autoScalingRole(a))
                        .actions("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey")
                        .resources("*"),
                Statement.allow("AllowAutoScalingToAttachEncryptedVolumes").principal("AWS", autoScalingRole(a))
                        .actions("kms:CreateGrant")
                        .resources("*")
                        .condition("Bool", "kms:GrantIsForAWSResource", "true"));
    }

    /** EC2 Auto Scaling's default service-linked role in this account. */
    public static String autoScalingRole(AwsAccount a) {
        return "arn:" + a.partition() + ":iam::" + a.accountId()
                + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
    }

    /**
     * Data key as the stack uses it: {@link #data(AwsAccount)} plus Fargate, which encrypts the ephemeral
     * storage of this stack's ECS tasks with it. Fargate asks for data keys and for grants that only
     * decrypt, always naming the cluster in the encryption context, so both are limited to this account's
     * clusters whose names start with the stack's prefix.
     */
    public static PolicyDocument data(AwsAccount a, String namePrefix) {
        return data(a).with(
                Statement.allow("AllowFargateEphemeralStorageOfThisStacksClusters")
                        .principal("Service", "fargate.amazonaws.com")
                        .actions("kms:GenerateDataKeyWithoutPlaintext")
                        .resources("*")
                        .condition("StringEquals", "kms:EncryptionContext:aws:ecs:clusterAccount", a.accountId())
                        .condition("StringLike", "kms:EncryptionContext:aws:ecs:clusterName", namePrefix + "-*"),
                Statement.allow("AllowFargateDecryptOnlyGrantsForThisStacksClusters")
                        .principal("Service", "fargate.amazonaws.com")
                        .actions("kms:CreateGrant")
                        .resources("*")
                        .condition("StringEquals", "kms:EncryptionContext:aws:ecs:clusterAccount", a.accountId())
                        .condition("StringLike", "kms:EncryptionContext:aws:ecs:clusterName", namePrefix + "-*")
                        .condition("ForAllValues:StringEquals", "kms:GrantOperations", "Decrypt"));
    }

    /** Secrets key: Secrets Manager and SSM Parameter Store SecureStrings of this account. */
    public static PolicyDocument secrets(AwsAccount a) {
        return PolicyDocument.of(root(a), useOnlyThrough(a, "AllowUseThroughSecretsServicesOnly", "secretsmanager", "ssm"));
    }

    /** Principals of this account may use the key, but only through the named Regional services. */
    static Statement useOnlyThrough(AwsAccount a, String sid, String... services) {
        return Statement.allow(sid).principal("AWS", a.root())
                .actions("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey")
                .resources("*")
                .condition("StringEquals", "kms:CallerAccount", a.accountId())
                .condition("StringEquals", "kms:ViaService",
                        java.util.Arrays.stream(services).map(a::regionalService).toArray(String[]::new));
    }

    /**
     * Alerts key: encrypts the alert topic. CloudWatch alarms, EventBridge rules and AWS Config publish to
     * the topic and SNS encrypts what they publish under their identity, so each needs
     * {@code kms:GenerateDataKey*} and {@code kms:Decrypt} (in a key policy, resource {@code *} is this key).
     * CloudWatch and Config are held to this account here. AWS documents that the source keys
     * ({@code aws:SourceAccount}, {@code aws:SourceArn}) are not supported in a key policy for EventBridge
     * publishing to an encrypted topic, and a condition on them would drop every notification silently,
     * so EventBridge is held to this account by the topic policy instead.
     */
    public static PolicyDocument alerts(AwsAccount a) {
        return PolicyDocument.of(
                root(a),
                Statement.allow("AllowCloudWatchAlarmsOfThisAccount").principal("Service", "cloudwatch.amazonaws.com")
                        .actions("kms:GenerateDataKey*", "kms:Decrypt").resources("*")
                        .condition("StringEquals", "aws:SourceAccount", a.accountId())
                        .condition("ArnLike", "aws:SourceArn", a.arn("cloudwatch", "alarm:*")),
                Statement.allow("AllowEventBridgeRules").principal("Service", "events.amazonaws.com")
                        .actions("kms:GenerateDataKey*", "kms:Decrypt").resources("*"),
                Statement.allow("AllowConfigOfThisAccount").principal("Service", "config.amazonaws.com")
                        .actions("kms:GenerateDataKey*", "kms:Decrypt").resources("*")
                        .condition("StringEquals", "aws:SourceAccount", a.accountId()));
    }

    /**
     * Static content key (hipaa.edge.StaticFront): CloudFront, signing through origin access control, may
     * decrypt objects only for the one distribution in front of the bucket (aws:SourceArn).
     * In a key policy "*" is this key.
     */
    public static PolicyDocument staticContent(AwsAccount a, String distributionArn) {
        return PolicyDocument.of(root(a),
                Statement.allow("AllowThisDistributionToDecryptContent")
                        .principal("Service", "cloudfront.amazonaws.com")
                        .actions("kms:Decrypt").resources("*")
                        .condition("StringEquals", "aws:SourceArn", distributionArn));
    }

    /**
     * Key of the static front's CloudFront standard-log bucket. Standard logging (legacy) writes as AWS's log
     * delivery service, which needs {@code kms:GenerateDataKey*} on a customer managed key of an SSE-KMS bucket
     * (CloudFront Developer Guide, standard logging (legacy), the key policy statement "Allow CloudFront to use the
     * key to deliver logs"). Readers decrypt through the root statement and their IAM policies.
     */
    public static PolicyDocument cloudFrontStandardLogs(AwsAccount a) {
        return PolicyDocument.of(root(a),
                Statement.allow("AllowCloudFrontToUseTheKeyToDeliverLogs")
                        .principal("Service", "delivery.logs.amazonaws.com")
                        .actions("kms:GenerateDataKey*").resources("*"));
    }

    /**
     * Key of log groups in {@code a}'s Region that AWS services deliver to (the CLOUDFRONT web ACL's, in us-east-1,
     * where the stack's own logs key does not exist): CloudWatch Logs may use it only for this account's log
     * groups there.
     */
    public static PolicyDocument logGroups(AwsAccount a) {
        return PolicyDocument.of(root(a),
                Statement.allow("AllowCloudWatchLogsForThisAccountsLogGroups")
                        .principal("Service", a.regionalService("logs"))
                        .actions(USE).resources("*")
                        .condition("ArnLike", "kms:EncryptionContext:aws:logs:arn", a.arn("logs", "log-group:*")));
    }

    /**
     * Key of the audit replicas in the second Region ({@code a} is that Region): principals of this account may
     * use it only through that Region's S3, which is how the replication role encrypts replicas and how auditors
     * read them.
     */
    public static PolicyDocument auditReplica(AwsAccount a) {
        return PolicyDocument.of(root(a), useOnlyThrough(a, "AllowUseThroughS3Only", "s3"));
    }
}
