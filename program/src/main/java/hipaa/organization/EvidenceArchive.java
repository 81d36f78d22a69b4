package hipaa.organization;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.audit.Audit;
import hipaa.audit.ArchiveBuckets;
import hipaa.audit.LogBucket;
import hipaa.identity.EvidenceBuckets;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The organization's audit evidence, in the log-archive account: what the organization trail and every
 * account's AWS Config deliver, kept where no workload administrator can reach it (docs/ORGANIZATION.md).
 *
 * <p>Children: {@code <name>-key} with {@code <name>-key-alias} ({@code alias/<prefix>-archive}), the archive key
 * ({@link ArchivePolicies#keyPolicy()}); {@link LogBucket}s {@code <name>-access-logs} (S3 server access logs of
 * the two others: SSE-S3 and unlocked, the only kind S3 access logging writes to), {@code <name>-archive} (the
 * organization trail's log files: SSE-KMS with the archive key, Object Lock in the stack's mode, compliance in
 * prod) and {@code <name>-config-history} (AWS Config of every account: SSE-KMS with the archive key, without
 * Object Lock, which AWS Config does not deliver to); with {@link Args#replica()}, {@link AuditReplica}
 * {@code <name>-replica} in the second Region, as single mode replicates its archive and Config history. Every
 * log bucket is TLS-only and denies deleting objects ({@link LogBucket}), lets only the log-archive account's
 * deployer and break-glass roles change its configuration ({@link EvidenceBuckets#configurationGuard}), and
 * denies every principal of a workload account ({@link ArchivePolicies#denyWorkloads}).
 *
 * <p>Supports 164.312(b) audit controls, 164.312(c)(1) integrity, 164.308(a)(3)(ii)(A) and 164.308(a)(4)
 * (workload administrators have no access to the evidence of their own actions) and 164.316(b)(2)(i) retention.
 */
public final class EvidenceArchive extends ComponentResource {

    public static final String TYPE = "hipaa:organization:EvidenceArchive";

    /**
     * @param naming    the log-archive stack's prefix, account and Region
     * @param policies  who may use the buckets and the key
     * @param archive   the lifecycle and Object Lock of the evidence (single mode's settings)
     * @param protect   protect and retain the key and the buckets
     * @param replica   the second Region; empty for no replica
     */
    public record Args(Naming naming, ArchivePolicies policies, Audit.Archive archive, boolean protect,
                       Optional<Audit.Replica> replica) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(policies, "policies");
            Objects.requireNonNull(archive, "archive");
            Objects.requireNonNull(replica, "replica");
        }
    }

    /** The bucket the organization trail delivers to. */
    public final Output<String> trailBucketName;
    /** The bucket every account's AWS Config delivers to. */
    public final Output<String> configBucketName;
    public final Output<String> accessLogBucketName;
    /** The archive key: the organization trail's and every delivery channel's {@code kmsKeyId}. */
    public final Output<String> keyArn;

    public EvidenceArchive(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ComponentResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();
        var policies = args.policies();
        var a = args.archive();
        var lifecycle = a.lifecycle();

        var key = new Key(name + "-key", KeyArgs.builder()
                .description(prefix + " archive key: the organization trail's log files and every account's Config history")
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(policies.keyPolicy().toJson())
                .tags(Map.of("Name", prefix + "-archive"))
                // Without the key the evidence cannot be read: a protected stack also keeps it through a destroy.
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect())
                .retainOnDelete(args.protect()).build());
        new Alias(name + "-key-alias", AliasArgs.builder()
                .name("alias/" + prefix + "-archive")
                .targetKeyId(key.keyId())
                .build(), CustomResourceOptions.builder().parent(this).build());

        var accessLogsName = Audit.bucketName(prefix, "audit-access-logs", account);
        var accessLogsArn = LogBucket.arn(account.partition(), accessLogsName);
        var accessLogs = new LogBucket(name + "-access-logs", new LogBucket.Args(accessLogsName, account.partition(),
                Optional.empty(), new LogBucket.Retention(lifecycle, Optional.empty()), Optional.empty(),
                guarded(args, accessLogsArn, List.of(Audit.accessLogGrant(account, accessLogsArn))), args.protect()), child);

        var buckets = new ArchiveBuckets(name, new ArchiveBuckets.Args(args.naming(), key.arn(), a, accessLogs,
                new ArchiveBuckets.Policies(arn -> guarded(args, arn, policies.trailGrants(arn)),
                        arn -> guarded(args, arn, policies.configGrants(arn))), args.replica()), args.protect(), this);
        var trail = buckets.archive;
        var history = buckets.history;

        this.trailBucketName = trail.bucketName;
        this.configBucketName = history.bucketName;
        this.accessLogBucketName = accessLogs.bucketName;
        this.keyArn = key.arn();

        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("trailBucketName", trailBucketName);
        outputs.put("configBucketName", configBucketName);
        outputs.put("accessLogBucketName", accessLogBucketName);
        outputs.put("keyArn", keyArn);
        registerOutputs(outputs);
    }

    /** The writers' grants, then the configuration guard and the workload deny every evidence bucket carries. */
    private static List<Statement> guarded(Args args, String bucketArn, List<Statement> grants) {
        var all = new ArrayList<>(grants);
        all.add(EvidenceBuckets.configurationGuard(args.naming().account(), args.naming().namePrefix(), bucketArn));
        all.add(args.policies().denyWorkloads(bucketArn));
        return List.copyOf(all);
    }
}
