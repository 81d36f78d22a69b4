package hipaa.audit;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The evidence pair a single-account stack and the organization's log-archive account both keep: the trail archive
 * under Object Lock and the Config history beside it, unlocked because AWS Config does not deliver to a bucket with
 * Object Lock enabled (AWS::Config::DeliveryChannel documentation); both SSE-KMS with one key, logging to the
 * access-log bucket, and replicated to a second Region when asked. What differs is who may write and configure them
 * ({@link Policies}).
 *
 * <p>The buckets are children of the caller, so their logical names are the caller's: {@code <name>-archive},
 * {@code <name>-config-history} and, with a replica, {@code <name>-replica}.
 */
public final class ArchiveBuckets {

    /**
     * The statements of each bucket's policy (besides TLS-only and delete-denying, which every log bucket carries).
     *
     * @param archive given the archive's ARN, its writers' grants and guards
     * @param history given the history's ARN, the same for the Config history
     */
    public record Policies(Function<String, List<Statement>> archive, Function<String, List<Statement>> history) {
        public Policies {
            Objects.requireNonNull(archive, "archive");
            Objects.requireNonNull(history, "history");
        }
    }

    /**
     * @param naming     the prefix, account and Region
     * @param keyArn     the key of both buckets (and of their replicas)
     * @param archive    lifecycle and Object Lock
     * @param accessLogs the bucket their S3 server access logs go to
     * @param policies   their policies
     * @param replica    the second Region; empty for no replica
     */
    public record Args(Naming naming, Output<String> keyArn, Audit.Archive archive, LogBucket accessLogs, Policies policies,
                       Optional<Audit.Replica> replica) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(keyArn, "keyArn");
            Objects.requireNonNull(archive, "archive");
            Objects.requireNonNull(accessLogs, "accessLogs");
            Objects.requireNonNull(policies, "policies");
            Objects.requireNonNull(replica, "replica");
        }
    }

    public final String archiveName;
    public final String historyName;
    public final LogBucket archive;
    public final LogBucket history;
    /** The replicas' bucket names; empty without a replica. */
    public final List<String> replicaBucketNames;

    /**
     * @param protect protect and retain the buckets
     */
    public ArchiveBuckets(String name, Args args, boolean protect, Resource parent) {
        var child = ComponentResourceOptions.builder().parent(parent).build();
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();
        var a = args.archive();
        var lifecycle = a.lifecycle();
        var lock = new LogBucket.ObjectLock(a.objectLockMode(), a.objectLockDays());
        this.archiveName = Audit.bucketName(prefix, "audit-archive", account);
        this.historyName = Audit.bucketName(prefix, "audit-config", account);

        // The evidence must survive the loss of this Region: both are replicated into a second one.
        var replica = args.replica().map(r -> new AuditReplica(name + "-replica", new AuditReplica.Args(args.naming(),
                r.region(), lifecycle, lock, new AuditReplica.Sources(archiveName, historyName, args.keyArn()), protect),
                ComponentResourceOptions.builder().parent(parent).providers(r.provider()).build()));

        this.archive = new LogBucket(name + "-archive", new LogBucket.Args(archiveName, account.partition(),
                Optional.of(args.keyArn()), new LogBucket.Retention(lifecycle, Optional.of(lock)),
                Audit.serverAccessLogs(args.accessLogs(), archiveName),
                args.policies().archive().apply(LogBucket.arn(account.partition(), archiveName)),
                protect, replica.map(r -> r.archive)), child);
        this.history = new LogBucket(name + "-config-history", new LogBucket.Args(historyName, account.partition(),
                Optional.of(args.keyArn()), new LogBucket.Retention(lifecycle, Optional.empty()),
                Audit.serverAccessLogs(args.accessLogs(), historyName),
                args.policies().history().apply(LogBucket.arn(account.partition(), historyName)),
                protect, replica.map(r -> r.history)), child);
        this.replicaBucketNames = replica.map(r -> r.bucketNames).orElse(List.of());
    }
}
