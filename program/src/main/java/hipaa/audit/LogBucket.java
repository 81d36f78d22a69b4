package hipaa.audit;

import com.pulumi.aws.s3.BucketObjectLockConfigurationV2;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.storage.PrivateBucket;

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
 * {@code <name>-policy}, and {@code <name>-replication} when {@link Args#replication()} names a replica, all built
 * by {@link PrivateBucket}. Of its options a log bucket chooses: objects
 * kept through any destroy ({@code forceDestroy: false}, dev included), {@code objectLockEnabled} stated,
 * SSE-KMS or, for writers that support nothing else, SSE-S3 with {@code bucketKeyEnabled: false} stated.
 *
 * <p>Fixed posture: the policy denies any request without TLS or below TLS 1.2, and denies deleting
 * object versions to every principal (only lifecycle expiry, which is not subject to bucket policies,
 * removes evidence, and, in a stack without deletion protection, {@code pulumi destroy}, which removes the
 * policy first and then empties the bucket). Writers get only what {@link Args#grants()} names. Supports 164.312(b) audit
 * controls, 164.312(c)(1) integrity, 164.312(a)(2)(iv) encryption and 164.316(b)(2)(i) retention.
 */
public final class LogBucket extends ComponentResource {

    public static final String TYPE = "hipaa:audit:LogBucket";

    /**
     * Default Object Lock retention of every new object version.
     *
     * @param mode the retention mode
     * @param days how long each version is locked
     */
    public record ObjectLock(ObjectLockMode mode, int days) {
        public ObjectLock {
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * When objects move to cheaper storage and when they expire.
     *
     * @param transitionIaDays      age at which objects move to Standard-IA
     * @param transitionGlacierDays age at which they move to Glacier Flexible Retrieval
     * @param expirationDays        age at which they expire; overwritten versions are kept as long again
     */
    public record Lifecycle(int transitionIaDays, int transitionGlacierDays, int expirationDays) {}

    /**
     * How long the evidence lives and whether it can be changed meanwhile.
     *
     * @param lifecycle  storage transitions and expiry
     * @param objectLock default retention; empty for writers that cannot deliver to a locked bucket
     */
    public record Retention(Lifecycle lifecycle, Optional<ObjectLock> objectLock) {
        public Retention {
            Objects.requireNonNull(lifecycle, "lifecycle");
            Objects.requireNonNull(objectLock, "objectLock");
        }
    }

    /**
     * @param bucketName       the physical bucket name (globally unique; 3 to 63 characters)
     * @param partition        AWS partition, for the bucket's ARN in its policy
     * @param kmsKeyArn        SSE-KMS key; empty for SSE-S3, for writers that support nothing else
     * @param retention        lifecycle and Object Lock
     * @param serverAccessLogs where S3 server access logs of this bucket go; empty for the access-log bucket itself
     * @param grants           who may write what, as bucket policy statements on {@link #arn(String, String)}
     * @param protect          keep the bucket and its evidence through {@code pulumi destroy} and replacements
     * @param replication      a replica in another Region; only for SSE-KMS buckets
     */
    public record Args(String bucketName, String partition, Optional<Output<String>> kmsKeyArn, Retention retention,
                       Optional<PrivateBucket.ServerAccessLogs> serverAccessLogs, List<Statement> grants,
                       boolean protect, Optional<PrivateBucket.Replication> replication) {

        /** A bucket without a replica. */
        public Args(String bucketName, String partition, Optional<Output<String>> kmsKeyArn, Retention retention,
                    Optional<PrivateBucket.ServerAccessLogs> serverAccessLogs, List<Statement> grants, boolean protect) {
            this(bucketName, partition, kmsKeyArn, retention, serverAccessLogs, grants, protect, Optional.empty());
        }

        public Args {
            if (!bucketName.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("bucketName: '" + bucketName + "' is not a valid S3 bucket name "
                        + "(3 to 63 lowercase letters, digits or hyphens); shorten the stack name");
            }
            Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
            Objects.requireNonNull(retention, "retention");
            Objects.requireNonNull(serverAccessLogs, "serverAccessLogs");
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
     * The bucket's name, resolved once its policy (and its Object Lock default retention, if any) is in place:
     * writers created from it wait for their grants (CloudTrail and S3 access logging check them when they are
     * set up), and their first objects are locked.
     */
    public final Output<String> bucketName;

    public LogBucket(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        this.physicalName = args.bucketName();
        this.arn = arn(args.partition(), args.bucketName());

        var life = args.retention().lifecycle();
        var bucket = PrivateBucket.builder(this, name)
                .bucketName(args.bucketName(), args.partition())
                .tags(Map.of("Name", args.bucketName(), "Purpose", "audit-logs"))
                // The bucket is where the evidence lives: protected and retained in stacks that protect state.
                .protect(args.protect())
                // An unprotected stack must be destroyable: the provider empties the bucket first, deleting
                // governance-locked versions with BypassGovernanceRetention (terraform-provider-aws,
                // internal/service/s3/delete.go). The policy's delete deny is gone by then: it names the bucket,
                // so the engine deletes it first. A protected stack's evidence is never emptied this way.
                .onDestroy(PrivateBucket.OnDestroy.EMPTY_UNLESS_PROTECTED)
                .objectLock(args.retention().objectLock().map(lock -> new PrivateBucket.DefaultRetention(lock.mode().s3Value(), lock.days())))
                .encryption(args.kmsKeyArn().map(PrivateBucket.Encryption::kms)
                        .orElseGet(() -> PrivateBucket.Encryption.s3Managed().statingBucketKey(false)))
                // A version that was overwritten is evidence of the overwrite: keep it as long as the original
                // would have been kept.
                .lifecycle(PrivateBucket.Lifecycle.expire("archive-then-expire", life.expirationDays(), life.expirationDays())
                        .transition(life.transitionIaDays(), "STANDARD_IA")
                        .transition(life.transitionGlacierDays(), "GLACIER"))
                .serverAccessLogs(args.serverAccessLogs())
                .replication(args.replication())
                .grants(grants(arn, args.grants()))
                .create();
        // With Object Lock, writers also wait for the default retention: an object delivered before it is set
        // is never locked.
        this.bucketName = Output.all(bucket.objectLock.map(BucketObjectLockConfigurationV2::id).orElse(Output.of("")),
                bucket.policy.id()).applyValue(ignored -> args.bucketName());

        registerOutputs(Map.of("bucketName", bucketName, "arn", Output.of(arn)));
    }

    /** {@code arn:<partition>:s3:::<bucket>}: S3 bucket ARNs have no Region or account. */
    public static String arn(String partition, String bucketName) {
        return PrivateBucket.arn(partition, bucketName);
    }

    /** What every log bucket adds to the TLS-only statements: nobody deletes evidence; then the writers' grants. */
    static List<Statement> grants(String bucketArn, List<Statement> writers) {
        var all = new ArrayList<Statement>();
        all.add(Statement.deny("DenyDeletingLogObjects").principal("*", "*")
                .actions("s3:DeleteObject", "s3:DeleteObjectVersion")
                .resources(bucketArn + "/*"));
        all.addAll(writers);
        return all;
    }
}
