package hipaa.organization;

/**
 * The outputs one account's stack reads from another's through a StackReference: the contract between the
 * roles of an organization (docs/ORGANIZATION.md). A renamed output breaks the stacks that read it, so every
 * name lives here once, used by the stack that exports it and by the ones that read it.
 */
public final class OrganizationOutputs {
    private OrganizationOutputs() {}

    /** log-archive: the bucket the organization trail delivers to (Object Lock, compliance mode). */
    public static final String ARCHIVE_BUCKET_NAME = "archiveBucketName";
    /** log-archive: the key that encrypts the trail's log files and the Config history. */
    public static final String ARCHIVE_KEY_ARN = "archiveKeyArn";
    /** log-archive: the bucket every account's AWS Config delivery channel writes to. */
    public static final String CONFIG_BUCKET_NAME = "configHistoryBucketName";
    /** security: the security team's topic, where findings and organization alarms go. */
    public static final String SECURITY_TOPIC_ARN = "securityTopicArn";
    /**
     * security: the topic's key. A workload's EventBridge execution role publishes under its own identity, so its
     * IAM policy must allow kms:GenerateDataKey* and kms:Decrypt on this key (another account's key).
     */
    public static final String SECURITY_TOPIC_KEY_ARN = "securityTopicKeyArn";
    /** management: the organization trail. */
    public static final String ORGANIZATION_TRAIL_ARN = "organizationTrailArn";
}
