package hipaa.edge;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import hipaa.identity.EvidenceBuckets;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.storage.PrivateBucket;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The S3 bucket the load balancer writes its access and connection logs to.
 *
 * <p>Children: bucket {@code <name>} (named {@code <prefix>-audit-alb-<account>}, see {@link #bucketName}) and its settings {@code <name>-ownership} (ACLs disabled, the bucket
 * owner owns every object), {@code <name>-public-access-block} (all four blocks on), {@code <name>-versioning}
 * (a deleted or overwritten log stays recoverable until the lifecycle expires it), {@code <name>-encryption},
 * {@code <name>-lifecycle}, {@code <name>-access-logging} (S3 server access logs of the bucket itself, to the
 * audit tier's access-log bucket) and {@code <name>-policy}, all built by {@link PrivateBucket}: unlike the audit
 * log buckets, an unprotected (dev) stack's destroy empties it ({@code forceDestroy: !protect}).
 *
 * <p>Encryption is SSE-S3 (AES-256, keys managed by S3), not the project's KMS keys: Elastic Load
 * Balancing can deliver logs only to buckets encrypted with S3-managed keys, and rejects a bucket whose
 * default encryption is SSE-KMS. The policy denies any request not made over TLS 1.2 or newer, on the
 * bucket and on its objects, and lets the Regional log-delivery principal put objects only under
 * {@code <prefix>/AWSLogs/<this account>/}. Supports 164.312(b) (audit controls) and 164.312(e)(1).
 */
public final class AccessLogBucket extends ComponentResource {

    public static final String TYPE = "hipaa:edge:AccessLogBucket";
    /** Key prefixes the load balancer writes under, one per log type. */
    public static final String ACCESS_LOGS = "access-logs";
    public static final String CONNECTION_LOGS = "connection-logs";
    /** Older versions of an overwritten or deleted log are kept this long after they stop being current. */
    public static final int NONCURRENT_VERSION_DAYS = 30;
    /** This bucket's id for the TLS-version deny, older than {@link PrivateBucket#DENY_OLD_TLS_SID}. */
    static final String TLS_VERSION_SID = "DenyTlsOlderThan1_2";

    /**
     * Who delivers the logs. Regions opened before August 2022 write from a Regional Elastic Load
     * Balancing account (granted as {@code arn:aws:iam::<elb-account>:root}); Regions opened since then
     * use the {@code logdelivery.elasticloadbalancing.amazonaws.com} service principal instead.
     *
     * @param principalType {@code AWS} or {@code Service}
     * @param principal     the account root ARN or the service principal
     */
    public record LogDelivery(String principalType, String principal) {
        public static LogDelivery regionalAccount(String elbAccountRootArn) {
            return new LogDelivery("AWS", elbAccountRootArn);
        }

        public static LogDelivery servicePrincipal() {
            return new LogDelivery("Service", "logdelivery.elasticloadbalancing.amazonaws.com");
        }
    }

    /**
     * @param naming           the name prefix the bucket name starts with, and the account whose load balancers
     *                         write here (their logs land under its id)
     * @param delivery         who writes the logs
     * @param retentionDays    days a log object is kept before it expires
     * @param serverAccessLogs where S3 records requests made to this bucket: the target bucket and key prefix
     * @param protect          keep the bucket through {@code pulumi destroy} and replacements
     */
    public record Args(Naming naming, LogDelivery delivery, int retentionDays, Optional<ServerAccessLogs> serverAccessLogs,
                       boolean protect) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(serverAccessLogs, "serverAccessLogs");
        }
    }

    /**
     * @param bucket       the access-log bucket S3 writes to
     * @param targetPrefix key prefix there, e.g. {@code s3-access/<this bucket>/}
     */
    public record ServerAccessLogs(Output<String> bucket, String targetPrefix) {}

    /** The bucket name, known only once the bucket policy exists (the load balancer checks it can write). */
    public final Output<String> bucketName;
    public final Output<String> bucketArn;

    public AccessLogBucket(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var physicalName = bucketName(args.naming().namePrefix(), args.naming().account().accountId());
        var arn = PrivateBucket.arn(args.naming().account().partition(), physicalName);

        var bucket = PrivateBucket.builder(this, name)
                .bucketName(physicalName, args.naming().account().partition())
                .tags(Map.of("Name", args.naming().namePrefix() + "-alb-logs"))
                // Dev stacks (deletionProtection false) may be destroyed with their logs; prod keeps them.
                .protect(args.protect())
                .onDestroy(PrivateBucket.OnDestroy.EMPTY_UNLESS_PROTECTED)
                // SSE-S3 on purpose: ELB log delivery does not support SSE-KMS buckets (see the class comment).
                .encryption(PrivateBucket.Encryption.s3Managed())
                .lifecycle(PrivateBucket.Lifecycle.expire("expire-load-balancer-logs", args.retentionDays(),
                        NONCURRENT_VERSION_DAYS))
                .serverAccessLogs(args.serverAccessLogs().map(logs ->
                        new PrivateBucket.ServerAccessLogs(logs.bucket(), logs.targetPrefix())))
                // The live policy names this statement so; a new id would rewrite the policy for nothing.
                .tlsVersionSid(TLS_VERSION_SID)
                .grants(EvidenceBuckets.guarded(List.of(logDelivery(arn, args)), args.naming().account(), args.naming().namePrefix(), arn, args.protect()))
                .create();

        this.bucketArn = bucket.bucket.arn();
        this.bucketName = Output.tuple(bucket.bucket.bucket(), bucket.policy.id()).applyValue(t -> t.t1);
        registerOutputs(Map.of("bucketName", bucketName, "bucketArn", bucketArn));
    }

    /** Beyond TLS-only: log delivery under this account's prefixes only. */
    private static Statement logDelivery(String bucketArn, Args args) {
        var accountId = args.naming().account().accountId();
        return Statement.allow("AllowLoadBalancerLogDelivery")
                .principal(args.delivery().principalType(), args.delivery().principal())
                .actions("s3:PutObject")
                .resources(bucketArn + "/" + ACCESS_LOGS + "/AWSLogs/" + accountId + "/*",
                        bucketArn + "/" + CONNECTION_LOGS + "/AWSLogs/" + accountId + "/*");
    }

    /**
     * {@code <prefix>-audit-alb-<account>}: under the {@code <prefix>-audit-*} pattern the evidence-protection
     * deny covers (no person can delete or overwrite these logs or loosen the bucket; auditors may read them),
     * and unique across S3 because it carries the account id.
     */
    public static String bucketName(String namePrefix, String accountId) {
        var name = namePrefix + "-audit-alb-" + accountId;
        if (!name.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("access-log bucket name " + name + " is not a valid S3 bucket name "
                    + "(lowercase letters, digits and hyphens, 3 to 63 characters); use a shorter, lowercase stack name");
        }
        return name;
    }
}
