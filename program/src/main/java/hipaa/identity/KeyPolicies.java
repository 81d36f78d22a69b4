package hipaa.identity;

import hipaa.identity.PolicyDocument.Statement;

/**
 * Key policies of the project's customer managed keys, one per purpose.
 *
 * <p>Each starts with an account-root statement: without one the key cannot be administered. On the keys
 * whose use is meant to go only through services (data, secrets) it delegates administration alone
 * ({@link #administerOnly}); on the others it is the statement AWS puts on every key, which also lets IAM
 * policies grant use ({@link #root}). Services are then named one by one, each limited to the resources of
 * this account that it encrypts. Later components add their service here.
 */
public final class KeyPolicies {
    private KeyPolicies() {}

    static final String[] USE = {"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"};

    static Statement root(AwsAccount a) {
        return Statement.allow("EnableIamPoliciesInThisAccount").principal("AWS", a.root())
                .actions("kms:*").resources("*");
    }

    /**
     * Key administration, delegated to IAM, without any use of the key: what AWS's default key policy gives
     * key administrators ("Allows key administrators to administer the KMS key", AWS KMS Developer Guide,
     * "Default key policy"), with its {@code kms:Create*} narrowed to {@code kms:CreateAlias} so that no IAM
     * policy can hand out a grant. Use is then only what the key policy's other statements allow. Lock-out
     * safety stays: {@code kms:PutKeyPolicy} is delegated to IAM, so the deployer (and the account's root
     * user) can always put a new policy, which is the check KMS runs on every policy it accepts
     * (PutKeyPolicy, "BypassPolicyLockoutSafetyCheck"). The guards deny PutKeyPolicy to everyone else.
     */
    public static Statement administerOnly(AwsAccount a) {
        return Statement.allow("EnableIamPoliciesToAdministerNotUseTheKey").principal("AWS", a.root())
                .actions("kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias", "kms:Describe*", "kms:Get*", "kms:List*",
                        "kms:Enable*", "kms:Disable*", "kms:Put*", "kms:Update*", "kms:RevokeGrant", "kms:TagResource",
                        "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand")
                .resources("*");
    }

    /**
     * Logs key: CloudWatch Logs may use it only for log groups of this account and Region; CloudTrail
     * only for trails of this account whose home is this Region, and decrypt only for the stack's own trail.
     *
     * @param trailArn the stack's trail (hipaa.audit.AuditTrail), known before it exists
     */
    public static PolicyDocument logs(AwsAccount a, String trailArn) {
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
                        .condition("ArnLike", "aws:SourceArn", a.arn("cloudtrail", "trail/*")),
                // The archive uses an S3 Bucket Key (hipaa.audit.LogBucket), and then "kms:Decrypt permissions are
                // required to create or update a trail with SSE-KMS encryption enabled" (AWS CloudTrail User Guide,
                // "Configure AWS KMS key policies for CloudTrail"): without it CreateTrail fails with
                // InsufficientEncryptionPolicyException. The same page recommends aws:SourceArn; here it is the one
                // trail of this stack. No encryption-context condition: with a bucket key the context names the
                // bucket, not the trail.
                Statement.allow("AllowThisStacksTrailToDecryptForTheBucketKey")
                        .principal("Service", "cloudtrail.amazonaws.com")
                        .actions("kms:Decrypt").resources("*")
                        .condition("StringEquals", "aws:SourceArn", trailArn));
    }

    /**
     * Data key: databases, volumes and backups, used only through those services by this account.
     *
     * <p>No statement names EC2 Auto Scaling's default service-linked role: it exists only after the account's
     * first Auto Scaling group, and KMS refuses a policy naming a principal that does not exist
     * (MalformedPolicyDocumentException). Each Auto Scaling group instead launches with a service-linked role
     * of its own, created by the stack, which a KMS grant lets use this key ({@link AutoScalingServiceRole}).
     */
    public static PolicyDocument data(AwsAccount a) {
        return PolicyDocument.of(administerOnly(a), useOnlyThrough(a, "AllowUseThroughDataServicesOnly", "rds", "ec2", "backup"),
                // The one grant IAM may hand out: to an Auto Scaling group's own service-linked role
                // (AutoScalingServiceRole, Ec2AppGroup), which launches instances whose volumes use this key. The
                // deployer creates it; no other grantee is allowed, so "use only through the services" still holds.
                Statement.allow("AllowGrantsOnlyToThisAccountsAutoScalingRoles").principal("AWS", a.root())
                        .actions("kms:CreateGrant")
                        .resources("*")
                        .condition("StringEquals", "kms:CallerAccount", a.accountId())
                        .condition("ArnLike", "kms:GranteePrincipal", "arn:" + a.partition() + ":iam::" + a.accountId()
                                + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_*"));
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
        return PolicyDocument.of(administerOnly(a), useOnlyThrough(a, "AllowUseThroughSecretsServicesOnly", "secretsmanager", "ssm"));
    }

    /** Principals of this account may use the key, but only through the named Regional services. */
    public static Statement useOnlyThrough(AwsAccount a, String sid, String... services) {
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
