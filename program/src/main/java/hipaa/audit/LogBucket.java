package hipaa.audit;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.BucketLoggingV2Args;
import com.pulumi.aws.s3.BucketObjectLockConfigurationV2;
import com.pulumi.aws.s3.BucketObjectLockConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketReplicationConfig;
import com.pulumi.aws.s3.BucketReplicationConfigArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketObjectLockConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketObjectLockConfigurationV2RuleDefaultRetentionArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDeleteMarkerReplicationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDestinationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleSourceSelectionCriteriaArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One S3 bucket that keeps audit evidence: nobody can read it without TLS, make it public, or delete
 * what it holds; it keeps every version and expires objects only after the retention period.
 *
 * <p>Children (their names are the stack's identity): the bucket {@code <name>}; {@code <name>-ownership}
 * (BucketOwnerEnforced: ACLs off, the account owns every object), {@code <name>-public-access-block},
 * {@code <name>-versioning}, {@code <name>-encryption}, {@code <name>-object-lock} when Object Lock is
 * asked for, {@code <name>-lifecycle}, {@code <name>-access-logging} when an access-log target is given,
 * {@code <name>-policy}, and {@code <name>-replication} when {@link Args#replication()} names a replica.
 *
 * <p>Fixed posture: the policy denies any request without TLS or below TLS 1.2, and denies deleting
 * object versions to every principal (only lifecycle expiry, which is not subject to bucket policies,
 * removes evidence). Writers get only what {@link Args#grants()} names. Supports 164.312(b) audit
 * controls, 164.312(c)(1) integrity, 164.312(a)(2)(iv) encryption and 164.316(b)(2)(i) retention.
 */
public final class LogBucket extends ComponentResource {

    public static final String TYPE = "hipaa:audit:LogBucket";
    /** Incomplete multipart uploads are never evidence; they are cleaned up after a week. */
    public static final int ABORT_MULTIPART_DAYS = 7;

    /**
     * Default Object Lock retention of every new object version.
     *
     * @param mode the retention mode
     * @param days how long each version is locked
     */
    public record ObjectLock(ObjectLockMode mode, int days) {
        public ObjectLock {
            Objects.requireNonNull(mode, "mode");
            if (days < 1) {
                throw new IllegalArgumentException("objectLock days: " + days + " is below 1");
            }
        }
    }

    /**
     * When objects move to cheaper storage and when they expire.
     *
     * @param transitionIaDays      age at which objects move to Standard-IA
     * @param transitionGlacierDays age at which they move to Glacier Flexible Retrieval
     * @param expirationDays        age at which they expire; overwritten versions are kept as long again
     */
    public record Lifecycle(int transitionIaDays, int transitionGlacierDays, int expirationDays) {
        public Lifecycle {
            if (!(transitionIaDays < transitionGlacierDays && transitionGlacierDays < expirationDays)) {
                throw new IllegalArgumentException("lifecycle: need IA < Glacier < expiration days, got "
                        + transitionIaDays + ", " + transitionGlacierDays + ", " + expirationDays);
            }
        }
    }

    /**
     * Live replication of every new object version to a bucket in another Region, re-encrypted there under
     * that Region's key. Delete markers are not replicated (nothing deletes evidence by hand anyway). The replica
     * must be versioned, and locked when this bucket is (S3 refuses to replicate Object Lock objects otherwise:
     * DstBucketObjectLockConfigMissing, "Amazon S3 replication failure reasons"); the role needs what "Setting up
     * permissions for live replication" and, for SSE-KMS, "Replicating encrypted objects" (S3 User Guide) list.
     *
     * @param destinationBucketArn the replica bucket
     * @param destinationKmsKeyArn the key replicas are encrypted with, in the replica's Region
     * @param roleArn              the role S3 assumes to replicate
     * @param after                what must exist first: the replica bucket (versioned), the role's permissions
     */
    public record Replication(String destinationBucketArn, Output<String> destinationKmsKeyArn, Output<String> roleArn,
                              List<Resource> after) {
        public Replication {
            Objects.requireNonNull(destinationBucketArn, "destinationBucketArn");
            Objects.requireNonNull(destinationKmsKeyArn, "destinationKmsKeyArn");
            Objects.requireNonNull(roleArn, "roleArn");
            after = List.copyOf(after);
        }
    }

    /**
     * @param bucketName       the physical bucket name (globally unique; 3 to 63 characters)
     * @param partition        AWS partition, for the bucket's ARN in its policy
     * @param kmsKeyArn        SSE-KMS key; empty for SSE-S3, for writers that support nothing else
     * @param objectLock       default retention; empty for writers that cannot deliver to a locked bucket
     * @param lifecycle        storage transitions and expiry
     * @param accessLogBucket  where S3 server access logs of this bucket go; empty for the access-log bucket itself
     * @param accessLogPrefix  key prefix of those logs
     * @param grants           who may write what, as bucket policy statements on {@link #arn(String, String)}
     * @param protect          keep the bucket and its evidence through {@code pulumi destroy} and replacements
     * @param replication      a replica in another Region; only for SSE-KMS buckets
     */
    public record Args(String bucketName, String partition, Optional<Output<String>> kmsKeyArn,
                       Optional<ObjectLock> objectLock, Lifecycle lifecycle, Optional<Output<String>> accessLogBucket,
                       String accessLogPrefix, List<Statement> grants, boolean protect, Optional<Replication> replication) {

        /** A bucket without a replica. */
        public Args(String bucketName, String partition, Optional<Output<String>> kmsKeyArn,
                    Optional<ObjectLock> objectLock, Lifecycle lifecycle, Optional<Output<String>> accessLogBucket,
                    String accessLogPrefix, List<Statement> grants, boolean protect) {
            this(bucketName, partition, kmsKeyArn, objectLock, lifecycle, accessLogBucket, accessLogPrefix, grants, protect,
                    Optional.empty());
        }

        public Args {
            if (!bucketName.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("bucketName: '" + bucketName + "' is not a valid S3 bucket name "
                        + "(3 to 63 lowercase letters, digits or hyphens); shorten the stack name");
            }
            Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
            Objects.requireNonNull(objectLock, "objectLock");
            Objects.requireNonNull(lifecycle, "lifecycle");
            Objects.requireNonNull(accessLogBucket, "accessLogBucket");
            grants = List.copyOf(grants);
            Objects.requireNonNull(replication, "replication");
            if (replication.isPresent() && kmsKeyArn.isEmpty()) {
                throw new IllegalArgumentException(bucketName + ": replication is only set up for SSE-KMS buckets");
            }
        }
    }

    /** The physical name, known before anything is created. */
    public final String physicalName;
    /** The bucket's ARN, known before anything is created. */
    public final String arn;
    /**
     * The bucket's name, resolved once its policy is in place: writers created from it wait for their
     * grants (CloudTrail and S3 access logging check them when they are set up).
     */
    public final Output<String> bucketName;

    public LogBucket(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        this.physicalName = args.bucketName();
        this.arn = arn(args.partition(), args.bucketName());

        // The bucket is where the evidence lives: protected and retained in stacks that protect state.
        var bucket = new BucketV2(name, BucketV2Args.builder()
                .bucket(args.bucketName())
                // Object Lock can only be turned on when the bucket is created.
                .objectLockEnabled(args.objectLock().isPresent())
                .forceDestroy(false)
                .tags(Map.of("Name", args.bucketName(), "Purpose", "audit-logs"))
                .build(), CustomResourceOptions.builder().parent(this)
                .protect(args.protect()).retainOnDelete(args.protect()).build());

        var ownership = new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);
        var publicAccess = new BucketPublicAccessBlock(name + "-public-access-block", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), child);
        var versioning = new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), child);

        var sse = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder();
        args.kmsKeyArn().ifPresentOrElse(key -> sse.sseAlgorithm("aws:kms").kmsMasterKeyId(key), () -> sse.sseAlgorithm("AES256"));
        new BucketServerSideEncryptionConfigurationV2(name + "-encryption", BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(sse.build())
                        // One data key per bucket instead of one KMS call per object; SSE-S3 has no use for it.
                        .bucketKeyEnabled(args.kmsKeyArn().isPresent())
                        .build())
                .build(), child);

        args.objectLock().ifPresent(lock -> new BucketObjectLockConfigurationV2(name + "-object-lock",
                BucketObjectLockConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rule(BucketObjectLockConfigurationV2RuleArgs.builder()
                                .defaultRetention(BucketObjectLockConfigurationV2RuleDefaultRetentionArgs.builder()
                                        .mode(lock.mode().s3Value())
                                        .days(lock.days())
                                        .build())
                                .build())
                        .build(), child));

        var life = args.lifecycle();
        new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("archive-then-expire")
                        .status("Enabled")
                        // An empty prefix: the rule covers every object.
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .transitions(
                                BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                        .days(life.transitionIaDays()).storageClass("STANDARD_IA").build(),
                                BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                        .days(life.transitionGlacierDays()).storageClass("GLACIER").build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                                .days(life.expirationDays()).build())
                        // A version that was overwritten is evidence of the overwrite: keep it as long as
                        // the original would have been kept.
                        .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                .noncurrentDays(life.expirationDays()).build())
                        .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                .daysAfterInitiation(ABORT_MULTIPART_DAYS).build())
                        .build())
                .build(), child);

        args.accessLogBucket().ifPresent(target -> new BucketLoggingV2(name + "-access-logging", BucketLoggingV2Args.builder()
                .bucket(bucket.id())
                .targetBucket(target)
                .targetPrefix(args.accessLogPrefix())
                .build(), child));

        var policy = new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(policy(arn, args.grants()).toJson())
                // S3 rejects a policy while the public access block is being changed; order them.
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(publicAccess, ownership).build());
        this.bucketName = policy.id().applyValue(ignored -> args.bucketName());

        args.replication().ifPresent(r -> {
            var after = new ArrayList<Resource>(r.after());
            after.add(versioning);
            new BucketReplicationConfig(name + "-replication", BucketReplicationConfigArgs.builder()
                    .bucket(bucket.id())
                    .role(r.roleArn())
                    .rules(BucketReplicationConfigRuleArgs.builder()
                            .id("replicate-everything")
                            .status("Enabled")
                            .priority(1)
                            .filter(BucketReplicationConfigRuleFilterArgs.builder().prefix("").build())
                            .deleteMarkerReplication(BucketReplicationConfigRuleDeleteMarkerReplicationArgs.builder()
                                    .status("Disabled").build())
                            .sourceSelectionCriteria(BucketReplicationConfigRuleSourceSelectionCriteriaArgs.builder()
                                    .sseKmsEncryptedObjects(BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs.builder()
                                            .status("Enabled").build())
                                    .build())
                            .destination(BucketReplicationConfigRuleDestinationArgs.builder()
                                    .bucket(r.destinationBucketArn())
                                    .storageClass("STANDARD")
                                    .encryptionConfiguration(BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs.builder()
                                            .replicaKmsKeyId(r.destinationKmsKeyArn()).build())
                                    .build())
                            .build())
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(after).build());
        });

        registerOutputs(Map.of("bucketName", bucketName, "arn", Output.of(arn)));
    }

    /** {@code arn:<partition>:s3:::<bucket>}: S3 bucket ARNs have no Region or account. */
    public static String arn(String partition, String bucketName) {
        return "arn:" + partition + ":s3:::" + bucketName;
    }

    /** The statements every log bucket carries, then the writers' grants. */
    static PolicyDocument policy(String bucketArn, List<Statement> grants) {
        var all = new ArrayList<Statement>();
        all.add(Statement.deny("DenyRequestsWithoutTls").principal("*", "*")
                .actions("s3:*")
                .resources(bucketArn, bucketArn + "/*")
                .condition("Bool", "aws:SecureTransport", "false"));
        all.add(Statement.deny("DenyTlsOlderThan12").principal("*", "*")
                .actions("s3:*")
                .resources(bucketArn, bucketArn + "/*")
                .condition("NumericLessThan", "s3:TlsVersion", "1.2"));
        all.add(Statement.deny("DenyDeletingLogObjects").principal("*", "*")
                .actions("s3:DeleteObject", "s3:DeleteObjectVersion")
                .resources(bucketArn + "/*"));
        all.addAll(grants);
        return new PolicyDocument(all);
    }
}
