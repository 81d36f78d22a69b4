package hipaa.storage;

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
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.identity.SecureTransport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way this program builds an S3 bucket: private, encrypted, TLS-only, versioned, with a lifecycle,
 * registered as children of the component that owns it (so the owner's URNs stay as they are: this is a
 * helper, not a component of its own).
 *
 * <p>Children, named after {@code name}: the bucket {@code <name>} (protected and retained where the stack
 * protects state); {@code <name>-ownership}; {@code <name>-public-access-block} (all four blocks on);
 * {@code <name>-versioning} (Enabled); {@code <name>-encryption}; {@code <name>-object-lock} when a default
 * retention is given; {@code <name>-lifecycle} (one rule, every object, incomplete uploads aborted after
 * {@value #ABORT_MULTIPART_DAYS} days); {@code <name>-access-logging} when a server-access-log target is given;
 * {@code <name>-policy}: the TLS-only statements, then the owner's grants; {@code <name>-replication} when a
 * replica is given ({@link Replication}).
 *
 * <p>Fixed, whatever the options: no public access, versioning, an encryption default, TLS 1.2 or newer on
 * every request. What varies is an option the owner states, because AWS log delivery constrains it:
 * SSE-S3 instead of SSE-KMS (ELB access logs, S3 server access logs), ACLs allowed (CloudFront legacy
 * standard logs), Object Lock (not for buckets S3 server access logging or AWS Config deliver to).
 */
public final class PrivateBucket {

    /** Incomplete multipart uploads are never kept; every bucket cleans them up after a week. */
    public static final int ABORT_MULTIPART_DAYS = 7;
    /** Statement ids of the TLS-only statements. */
    public static final String DENY_WITHOUT_TLS_SID = "DenyRequestsWithoutTls";
    public static final String DENY_OLD_TLS_SID = "DenyTlsOlderThan12";

    /** Who owns the objects written to the bucket. */
    public enum Ownership {
        /** ACLs disabled, the bucket owner owns every object: every bucket unless a writer needs ACLs. */
        OWNER_ENFORCED("BucketOwnerEnforced"),
        /**
         * ACLs enabled, objects written with {@code bucket-owner-full-control} belong to the bucket owner:
         * only for CloudFront legacy standard logging, which writes through ACLs.
         */
        OWNER_PREFERRED("BucketOwnerPreferred");

        final String s3Value;

        Ownership(String s3Value) {
            this.s3Value = s3Value;
        }
    }

    /** What {@code pulumi destroy} does with the bucket while it still holds objects (its {@code forceDestroy}). */
    public enum OnDestroy {
        /** {@code forceDestroy: false} in every stack: a destroy fails until someone empties the bucket. */
        KEEP_OBJECTS,
        /**
         * {@code forceDestroy: !protect}: an unprotected (dev) stack empties and deletes the bucket, a protected
         * stack keeps it (it is retained and protected anyway).
         */
        EMPTY_UNLESS_PROTECTED
    }

    /**
     * The bucket's default encryption.
     *
     * @param kmsKeyArn        SSE-KMS key; empty for SSE-S3 (AES-256, keys managed by S3)
     * @param bucketKeyEnabled the {@code bucketKeyEnabled} input; empty leaves it unset
     */
    public record Encryption(Optional<Output<String>> kmsKeyArn, Optional<Boolean> bucketKeyEnabled) {
        public Encryption {
            Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
            Objects.requireNonNull(bucketKeyEnabled, "bucketKeyEnabled");
        }

        /** SSE-KMS with an S3 Bucket Key: one data key per bucket instead of one KMS call per object. */
        public static Encryption kms(Output<String> keyArn) {
            return new Encryption(Optional.of(keyArn), Optional.of(true));
        }

        /** SSE-S3, for writers that deliver only to buckets with S3-managed keys. A Bucket Key has no use here. */
        public static Encryption s3Managed() {
            return new Encryption(Optional.empty(), Optional.empty());
        }

        /** The same, stating {@code bucketKeyEnabled} explicitly (same effect as leaving it unset). */
        public Encryption statingBucketKey(boolean enabled) {
            return new Encryption(kmsKeyArn, Optional.of(enabled));
        }
    }

    /**
     * Object Lock default retention of every new object version. Object Lock can only be turned on when
     * the bucket is created.
     *
     * @param mode S3's value, {@code GOVERNANCE} or {@code COMPLIANCE}
     * @param days how long each version is locked
     */
    public record DefaultRetention(String mode, int days) {
        public DefaultRetention {
            if (!List.of("GOVERNANCE", "COMPLIANCE").contains(mode)) {
                throw new IllegalArgumentException("object lock mode: " + mode);
            }
            if (days < 1) {
                throw new IllegalArgumentException("objectLock days: " + days + " is below 1");
            }
        }
    }

    /** A move to another storage class at an age in days. */
    public record Transition(int days, String storageClass) {}

    /**
     * The bucket's one lifecycle rule, over every object.
     *
     * @param ruleId                the rule's id
     * @param transitions           storage-class moves of current versions, youngest first
     * @param expirationDays        age at which current versions expire; empty keeps them until replaced
     * @param noncurrentVersionDays how long a replaced or deleted version is kept
     */
    public record Lifecycle(String ruleId, List<Transition> transitions, Optional<Integer> expirationDays,
                            int noncurrentVersionDays) {
        public Lifecycle {
            Objects.requireNonNull(ruleId, "ruleId");
            transitions = List.copyOf(transitions);
            Objects.requireNonNull(expirationDays, "expirationDays");
        }

        public static Lifecycle expire(String ruleId, int expirationDays, int noncurrentVersionDays) {
            return new Lifecycle(ruleId, List.of(), Optional.of(expirationDays), noncurrentVersionDays);
        }

        public static Lifecycle keepCurrent(String ruleId, int noncurrentVersionDays) {
            return new Lifecycle(ruleId, List.of(), Optional.empty(), noncurrentVersionDays);
        }

        public Lifecycle transition(int days, String storageClass) {
            var all = new ArrayList<>(transitions);
            all.add(new Transition(days, storageClass));
            return new Lifecycle(ruleId, all, expirationDays, noncurrentVersionDays);
        }
    }

    /**
     * Where S3 records the requests made to this bucket. The target must use SSE-S3 and have no Object Lock
     * default retention (Amazon S3 User Guide, "Enabling Amazon S3 server access logging").
     *
     * @param targetBucket the access-log bucket
     * @param targetPrefix key prefix there
     */
    public record ServerAccessLogs(Output<String> targetBucket, String targetPrefix) {
        public ServerAccessLogs {
            Objects.requireNonNull(targetBucket, "targetBucket");
            Objects.requireNonNull(targetPrefix, "targetPrefix");
        }
    }

    /**
     * Live replication of every new object version to a bucket in another Region, re-encrypted there under
     * that Region's key; only for SSE-KMS buckets. Delete markers are not replicated. The replica must be
     * versioned, and locked when this bucket is (S3 refuses to replicate Object Lock objects otherwise:
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

    /** The physical name. */
    public final String physicalName;
    /** {@code arn:<partition>:s3:::<name>}, known before anything is created. */
    public final String arn;
    public final BucketV2 bucket;
    /** The bucket policy: writers that check their grants when they are set up wait for it. */
    public final BucketPolicy policy;
    /** The default retention, when the bucket has one: writers whose first objects must be locked wait for it. */
    public final Optional<BucketObjectLockConfigurationV2> objectLock;

    private PrivateBucket(Opened opened, BucketPolicy policy, Optional<BucketObjectLockConfigurationV2> objectLock) {
        this.physicalName = opened.spec.bucketName;
        this.arn = opened.arn;
        this.bucket = opened.bucket;
        this.policy = policy;
        this.objectLock = objectLock;
    }

    /** {@code arn:<partition>:s3:::<bucket>}: S3 bucket ARNs have no Region or account. */
    public static String arn(String partition, String bucketName) {
        return "arn:" + partition + ":s3:::" + bucketName;
    }

    /** The statements every bucket's policy starts with: no request without TLS, none below TLS 1.2. */
    public static List<Statement> tlsOnly(String bucketArn) {
        return tlsOnly(bucketArn, DENY_OLD_TLS_SID);
    }

    static List<Statement> tlsOnly(String bucketArn, String tlsVersionSid) {
        return List.of(
                SecureTransport.denyWithoutTls(DENY_WITHOUT_TLS_SID, List.of("s3:*"), bucketArn, bucketArn + "/*"),
                SecureTransport.denyS3TlsBelow12(tlsVersionSid, bucketArn, bucketArn + "/*"));
    }

    /** The whole policy: {@link #tlsOnly(String)} then {@code grants}. */
    public static PolicyDocument policy(String bucketArn, String tlsVersionSid, List<Statement> grants) {
        var all = new ArrayList<>(tlsOnly(bucketArn, tlsVersionSid));
        all.addAll(grants);
        return new PolicyDocument(all);
    }

    /**
     * Starts a bucket whose children are registered under {@code parent}.
     *
     * @param parent the component that owns the bucket (its children keep their URNs)
     * @param name   the bucket's logical name; its parts are named {@code <name>-<part>}
     */
    public static Builder builder(Resource parent, String name) {
        return new Builder(parent, name);
    }

    /** The bucket's options. Required: bucket name, tags, on-destroy, lifecycle; the rest has a stated default. */
    public static final class Builder {
        private final Resource parent;
        private final String name;
        private String bucketName;
        private String partition;
        private Map<String, String> tags;
        private boolean protect;
        private OnDestroy onDestroy;
        private Ownership ownership = Ownership.OWNER_ENFORCED;
        /** Empty: {@code objectLockEnabled} left unset; present: stated, with the retention when there is one. */
        private Optional<Optional<DefaultRetention>> objectLock = Optional.empty();
        private Lifecycle lifecycle;
        private Optional<ServerAccessLogs> serverAccessLogs = Optional.empty();
        private Optional<Replication> replication = Optional.empty();
        private String tlsVersionSid = DENY_OLD_TLS_SID;
        private Encryption encryption;
        private Output<List<Statement>> grants;

        private Builder(Resource parent, String name) {
            this.parent = Objects.requireNonNull(parent, "parent");
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The physical name (globally unique) and the partition its ARN is in. */
        public Builder bucketName(String bucketName, String partition) {
            this.bucketName = bucketName;
            this.partition = partition;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = Map.copyOf(tags);
            return this;
        }

        /** Protect and retain the bucket through {@code pulumi destroy} and replacements. */
        public Builder protect(boolean protect) {
            this.protect = protect;
            return this;
        }

        public Builder onDestroy(OnDestroy onDestroy) {
            this.onDestroy = onDestroy;
            return this;
        }

        /** Default {@link Ownership#OWNER_ENFORCED}. */
        public Builder ownership(Ownership ownership) {
            this.ownership = Objects.requireNonNull(ownership, "ownership");
            return this;
        }

        /**
         * States {@code objectLockEnabled} on the bucket: true with a default retention, false without one.
         * Not called: the input is left unset (S3 creates the bucket without Object Lock).
         */
        public Builder objectLock(Optional<DefaultRetention> retention) {
            this.objectLock = Optional.of(Objects.requireNonNull(retention, "retention"));
            return this;
        }

        public Builder lifecycle(Lifecycle lifecycle) {
            this.lifecycle = lifecycle;
            return this;
        }

        /** Default none: S3 server access logs of this bucket are not recorded. */
        public Builder serverAccessLogs(Optional<ServerAccessLogs> logs) {
            this.serverAccessLogs = Objects.requireNonNull(logs, "logs");
            return this;
        }

        /** Default none: objects stay in this bucket's Region only. */
        public Builder replication(Optional<Replication> replication) {
            this.replication = Objects.requireNonNull(replication, "replication");
            return this;
        }

        /**
         * The statement id of the TLS-version deny; default {@value PrivateBucket#DENY_OLD_TLS_SID}. Only a
         * bucket whose live policy already uses another id passes it, so the policy is not rewritten.
         */
        public Builder tlsVersionSid(String sid) {
            this.tlsVersionSid = Objects.requireNonNull(sid, "sid");
            return this;
        }

        /** Required by {@link #create()}; {@link Opened#complete} takes it instead. */
        public Builder encryption(Encryption encryption) {
            this.encryption = encryption;
            return this;
        }

        /** What the owner allows or denies beyond TLS-only, on {@link PrivateBucket#arn(String, String)}. */
        public Builder grants(List<Statement> grants) {
            return grants(Output.of(List.copyOf(grants)));
        }

        public Builder grants(Output<List<Statement>> grants) {
            this.grants = grants;
            return this;
        }

        /** Registers every part. */
        public PrivateBucket create() {
            return open().complete(Objects.requireNonNull(encryption, name + ": encryption"),
                    Objects.requireNonNull(grants, name + ": grants"));
        }

        /**
         * Registers the bucket, its ownership, public-access block and versioning, for an owner whose key or
         * policy names something built from the bucket (CloudFront's distribution reads the bucket and is
         * named by the bucket's key and policy); {@link Opened#complete} registers the rest.
         */
        public Opened open() {
            Objects.requireNonNull(bucketName, name + ": bucketName");
            Objects.requireNonNull(partition, name + ": partition");
            Objects.requireNonNull(tags, name + ": tags");
            Objects.requireNonNull(onDestroy, name + ": onDestroy");
            Objects.requireNonNull(lifecycle, name + ": lifecycle");
            return new Opened(this);
        }
    }

    /** A bucket with its ownership, public-access block and versioning; encryption, lifecycle and policy to come. */
    public static final class Opened {
        private final Builder spec;
        private final CustomResourceOptions child;
        /** {@code arn:<partition>:s3:::<name>}, for the owner's grants. */
        public final String arn;
        public final BucketV2 bucket;
        private final BucketOwnershipControls ownership;
        private final BucketPublicAccessBlock publicAccess;
        private final BucketVersioningV2 versioning;
        private boolean completed;

        private Opened(Builder spec) {
            this.spec = spec;
            this.child = CustomResourceOptions.builder().parent(spec.parent).build();
            this.arn = PrivateBucket.arn(spec.partition, spec.bucketName);
            var name = spec.name;

            var args = BucketV2Args.builder()
                    .bucket(spec.bucketName)
                    .forceDestroy(spec.onDestroy == OnDestroy.EMPTY_UNLESS_PROTECTED && !spec.protect)
                    .tags(spec.tags);
            // Object Lock can only be turned on when the bucket is created.
            spec.objectLock.ifPresent(lock -> args.objectLockEnabled(lock.isPresent()));
            this.bucket = new BucketV2(name, args.build(), CustomResourceOptions.builder().parent(spec.parent)
                    .protect(spec.protect).retainOnDelete(spec.protect).build());

            this.ownership = new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                    .bucket(bucket.id())
                    .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership(spec.ownership.s3Value).build())
                    .build(), child);
            this.publicAccess = new BucketPublicAccessBlock(name + "-public-access-block", BucketPublicAccessBlockArgs.builder()
                    .bucket(bucket.id())
                    .blockPublicAcls(true)
                    .blockPublicPolicy(true)
                    .ignorePublicAcls(true)
                    .restrictPublicBuckets(true)
                    .build(), child);
            this.versioning = new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                    .bucket(bucket.id())
                    .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                    .build(), child);
        }

        /** Registers encryption, Object Lock retention, lifecycle, access logging and the policy. Once. */
        public PrivateBucket complete(Encryption encryption, Output<List<Statement>> grants) {
            if (completed) {
                throw new IllegalStateException(spec.name + " is already complete");
            }
            completed = true;
            var name = spec.name;
            if (spec.replication.isPresent() && encryption.kmsKeyArn().isEmpty()) {
                throw new IllegalArgumentException(name + ": replication is only set up for SSE-KMS buckets");
            }

            var sse = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder();
            encryption.kmsKeyArn().ifPresentOrElse(key -> sse.sseAlgorithm("aws:kms").kmsMasterKeyId(key),
                    () -> sse.sseAlgorithm("AES256"));
            var rule = BucketServerSideEncryptionConfigurationV2RuleArgs.builder().applyServerSideEncryptionByDefault(sse.build());
            encryption.bucketKeyEnabled().ifPresent(rule::bucketKeyEnabled);
            new BucketServerSideEncryptionConfigurationV2(name + "-encryption", BucketServerSideEncryptionConfigurationV2Args.builder()
                    .bucket(bucket.id())
                    .rules(rule.build())
                    .build(), child);

            var objectLock = spec.objectLock.flatMap(lock -> lock).map(lock -> new BucketObjectLockConfigurationV2(name + "-object-lock",
                    BucketObjectLockConfigurationV2Args.builder()
                            .bucket(bucket.id())
                            .rule(BucketObjectLockConfigurationV2RuleArgs.builder()
                                    .defaultRetention(BucketObjectLockConfigurationV2RuleDefaultRetentionArgs.builder()
                                            .mode(lock.mode()).days(lock.days()).build())
                                    .build())
                            .build(), child));

            new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                    .bucket(bucket.id())
                    .rules(lifecycleRule(spec.lifecycle))
                    .build(), child);

            spec.serverAccessLogs.ifPresent(logs -> new BucketLoggingV2(name + "-access-logging", BucketLoggingV2Args.builder()
                    .bucket(bucket.id())
                    .targetBucket(logs.targetBucket())
                    .targetPrefix(logs.targetPrefix())
                    .build(), child));

            var policy = new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                    .bucket(bucket.id())
                    .policy(grants.applyValue(g -> PrivateBucket.policy(arn, spec.tlsVersionSid, g).toJson()))
                    // S3 rejects a policy while the public access block is being changed; order them.
                    .build(), CustomResourceOptions.builder().parent(spec.parent).dependsOn(publicAccess, ownership).build());

            spec.replication.ifPresent(r -> replicate(name, r));
            return new PrivateBucket(this, policy, objectLock);
        }

        /** S3 accepts a replication configuration only once the source is versioned. */
        private void replicate(String name, Replication r) {
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
                    .build(), CustomResourceOptions.builder().parent(spec.parent).dependsOn(after).build());
        }
    }

    private static BucketLifecycleConfigurationV2RuleArgs lifecycleRule(Lifecycle life) {
        var rule = BucketLifecycleConfigurationV2RuleArgs.builder()
                .id(life.ruleId())
                .status("Enabled")
                // An empty prefix: the rule covers every object.
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                        .noncurrentDays(life.noncurrentVersionDays()).build())
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                        .daysAfterInitiation(ABORT_MULTIPART_DAYS).build());
        if (!life.transitions().isEmpty()) {
            rule.transitions(life.transitions().stream().map(t -> BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                    .days(t.days()).storageClass(t.storageClass()).build()).toList());
        }
        life.expirationDays().ifPresent(days ->
                rule.expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(days).build()));
        return rule.build();
    }
}
