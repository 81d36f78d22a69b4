package hipaa.audit;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import hipaa.identity.AwsAccount;
import hipaa.identity.EvidenceBuckets;
import hipaa.identity.Keys;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.storage.PrivateBucket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Audit and detection for the whole environment: evidence nobody can quietly change, continuous
 * compliance checks that fix the worst drift themselves, and threat detection.
 *
 * <p>Children: {@link LogBucket}s {@code <name>-archive} (CloudTrail; Object Lock), {@code <name>-config-history}
 * (AWS Config, which cannot deliver to an Object Lock bucket) and {@code <name>-access-logs} (S3 server
 * access logs of every bucket, SSE-S3 and unlocked because S3 access logging supports nothing else);
 * {@link AuditTrail} {@code <name>-trail}; {@link ConfigCompliance} {@code <name>-config};
 * {@link AccountBaseline} {@code <name>-baseline}; with {@link Local#replica()}, {@link AuditReplica}
 * {@code <name>-replica} in the second Region, into which the archive and the Config history replicate
 * ({@code <name>-archive-replication}, {@code <name>-config-history-replication}). Each log bucket's policy
 * (the replicas' included) lets only the deployer and break-glass roles change its configuration
 * ({@link EvidenceBuckets}).
 *
 * <p>In a workload account of an organization ({@link Organization}) only {@code <name>-access-logs},
 * {@code <name>-config} and {@code <name>-baseline} (without detection) exist: the organization trail records the
 * account into the log-archive account, where AWS Config delivers too.
 *
 * <p>Supports 164.312(b) audit controls, 164.312(c)(1) integrity, 164.308(a)(1)(ii)(D) information
 * system activity review, 164.308(a)(6)(ii) response and reporting and 164.316(b)(2)(i) retention.
 */
public final class Audit extends ComponentResource {

    public static final String TYPE = "hipaa:audit:Audit";
    /** Key prefix under which the access-log bucket receives each bucket's S3 server access logs. */
    public static final String ACCESS_LOG_PREFIX = "s3-access/";

    /**
     * Retention and immutability of every log bucket.
     *
     * @param retentionDays         age at which log objects expire
     * @param transitionIaDays      age at which they move to Standard-IA
     * @param transitionGlacierDays age at which they move to Glacier Flexible Retrieval
     * @param objectLockMode        the archive's default retention mode
     * @param objectLockDays        the archive's default retention
     */
    public record Archive(int retentionDays, int transitionIaDays, int transitionGlacierDays,
                          ObjectLockMode objectLockMode, int objectLockDays) {
        public Archive {
            Objects.requireNonNull(objectLockMode, "objectLockMode");
        }

        /** The transitions and expiry every log bucket follows. */
        public LogBucket.Lifecycle lifecycle() {
            return new LogBucket.Lifecycle(transitionIaDays, transitionGlacierDays, retentionDays);
        }
    }

    /**
     * @param logRetentionDays retention of the trail's CloudWatch Logs copy
     * @param phiBucketNames   buckets whose S3 data events are recorded
     * @param insights         CloudTrail Insights
     */
    public record Trail(int logRetentionDays, List<String> phiBucketNames, boolean insights) {
        public Trail {
            phiBucketNames = List.copyOf(phiBucketNames);
        }
    }

    /**
     * @param requiredTagKeys      tag keys every instance and volume must carry
     * @param approvedAmiIds       AMIs instances may run (never empty: App resolves the default image)
     * @param authorizedVpcIds     VPCs allowed an internet gateway
     * @param publicRouteTableIds  route tables allowed a default route to an internet gateway
     * @param autoRemediateOpenSsh remediate SSH open to the world automatically
     * @param alertTopicArn        SNS topic for NON_COMPLIANT changes; empty until the alerting stack provides one
     * @param exempted             (rule, resource id) pairs NON_COMPLIANT changes do not page for ({@link ConfigSubjects})
     */
    public record Compliance(List<String> requiredTagKeys, List<String> approvedAmiIds,
                             Output<List<String>> authorizedVpcIds, Output<List<String>> publicRouteTableIds,
                             boolean autoRemediateOpenSsh, Optional<Output<String>> alertTopicArn,
                             Output<List<ConfigSubjects.Exempted>> exempted) {
        public Compliance {
            requiredTagKeys = List.copyOf(requiredTagKeys);
            approvedAmiIds = List.copyOf(approvedAmiIds);
            Objects.requireNonNull(alertTopicArn, "alertTopicArn");
        }
    }

    /**
     * @param manageAccount  own the account-wide singletons (see {@link AccountBaseline})
     * @param manageRegional own the one-per-Region services, the Config recorder among them
     * @param detection      GuardDuty, Security Hub and IAM Access Analyzer of this account; empty in a workload
     *                       account of an organization, whose security account (their delegated administrator)
     *                       enables and owns them: creating them here as well would conflict
     */
    public record Baseline(boolean manageAccount, boolean manageRegional, Optional<Detection> detection) {
        public Baseline {
            Objects.requireNonNull(detection, "detection");
        }
    }

    /**
     * @param guardDutyS3Protection         GuardDuty S3 protection
     * @param guardDutyEbsMalwareProtection GuardDuty EBS malware protection
     */
    public record Detection(boolean guardDutyS3Protection, boolean guardDutyEbsMalwareProtection) {}

    /** Where the audit evidence lives: in this account ({@link Local}) or in the organization's ({@link Organization}). */
    public sealed interface Evidence permits Local, Organization {}

    /**
     * A single-account stack: its own archive, Config history and trail.
     *
     * @param archive retention and immutability of every log bucket
     * @param trail   the trail's log group, data events and Insights
     * @param replica where the archive and the Config history are replicated; empty for no replica
     */
    public record Local(Archive archive, Trail trail, Optional<Replica> replica) implements Evidence {
        public Local {
            Objects.requireNonNull(archive, "archive");
            Objects.requireNonNull(trail, "trail");
            Objects.requireNonNull(replica, "replica");
        }
    }

    /**
     * A workload account of an organization (docs/ORGANIZATION.md): the organization trail (management account)
     * records it into the log-archive account, whose Config bucket and key its recorder delivers to. Only the
     * S3 server access-log bucket stays here: S3 delivers server access logs only to a bucket in the source
     * bucket's own account and Region (Amazon S3 User Guide, "Enabling Amazon S3 server access logging").
     *
     * @param accessLogs     the local access-log bucket's transitions and expiry
     * @param logArchive     the log-archive account's buckets and key, read from its stack
     * @param phiBucketNames buckets whose S3 data events the organization trail records (the Config rule checks it)
     */
    public record Organization(LogBucket.Lifecycle accessLogs, LogArchive logArchive, List<String> phiBucketNames)
            implements Evidence {
        public Organization {
            Objects.requireNonNull(accessLogs, "accessLogs");
            Objects.requireNonNull(logArchive, "logArchive");
            phiBucketNames = List.copyOf(phiBucketNames);
        }
    }

    /**
     * @param archiveBucketName the organization trail's bucket
     * @param configBucketName  the bucket every account's Config delivery channel writes to
     * @param keyArn            the archive key, which encrypts what Config delivers there
     */
    public record LogArchive(Output<String> archiveBucketName, Output<String> configBucketName, Output<String> keyArn) {
        public LogArchive {
            Objects.requireNonNull(archiveBucketName, "archiveBucketName");
            Objects.requireNonNull(configBucketName, "configBucketName");
            Objects.requireNonNull(keyArn, "keyArn");
        }
    }

    /**
     * The second Region the archive and the Config history are replicated to.
     *
     * @param provider the explicit, tagged provider of that Region
     * @param region   its code, e.g. {@code us-west-2}
     */
    public record Replica(ProviderResource provider, String region) {
        public Replica {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(region, "region");
        }
    }

    /**
     * @param naming     the name prefix, the account and Region
     * @param keys       the logs key (archive, history bucket, trail and log groups), the data key (databases and
     *                   the rules that check encryption; not the default EBS key: AccountBaseline has its own)
     *                   and the secrets key (the key secrets must use)
     * @param evidence   where the archive, the Config history and the trail are: here, or the organization's
     * @param compliance what the Config rules check and how NON_COMPLIANT changes are answered
     * @param baseline   which account and Regional singletons this stack owns
     * @param protect    protect and retain the stateful children
     */
    public record Args(Naming naming, Keys keys, Evidence evidence, Compliance compliance, Baseline baseline,
                       boolean protect) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(compliance, "compliance");
            Objects.requireNonNull(baseline, "baseline");
            if (evidence instanceof Organization && baseline.detection().isPresent()) {
                throw new IllegalArgumentException("baseline: a workload account of an organization has no detection of "
                        + "its own; the security account's delegated administrator enables it");
            }
        }
    }

    /** The stack's own trail and its log group; empty where the organization trail records the account. */
    public final Optional<Output<String>> trailArn;
    public final Optional<Output<String>> trailLogGroupName;
    /** The stack's own archive and Config history; empty where they are the log-archive account's. */
    public final Optional<Output<String>> archiveBucketName;
    public final Optional<Output<String>> configHistoryBucketName;
    /** Other components send their buckets' S3 server access logs here, under {@link #ACCESS_LOG_PREFIX}. */
    public final Output<String> accessLogBucketName;
    public final Optional<Output<String>> configRecorderName;
    public final Optional<Output<String>> guardDutyDetectorId;
    public final Output<String> alertEventRuleName;

    public Audit(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ComponentResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();
        var local = args.evidence() instanceof Local l ? Optional.of(l) : Optional.<Local>empty();
        var lifecycle = local.map(l -> l.archive().lifecycle()).orElseGet(() -> ((Organization) args.evidence()).accessLogs());
        var unlocked = new LogBucket.Retention(lifecycle, Optional.empty());

        // S3 server access logging writes only to SSE-S3 buckets without Object Lock: this bucket gets
        // neither, and receives no logs of its own (logging into itself would log its own log writes).
        var accessLogsName = bucketName(prefix, "audit-access-logs", account);
        var accessLogs = new LogBucket(name + "-access-logs", new LogBucket.Args(accessLogsName, account.partition(),
                Optional.empty(), unlocked, Optional.empty(),
                List.of(accessLogGrant(account, LogBucket.arn(account.partition(), accessLogsName)),
                        EvidenceBuckets.configurationGuard(account, prefix, LogBucket.arn(account.partition(), accessLogsName))), args.protect()), child);

        var c = args.compliance();
        var b = args.baseline();
        Output<String> trailBucket;
        var dataEventBuckets = new ArrayList<String>();
        // Where the recorder delivers: the bucket, its ARN and the key.
        Output<String> deliveryBucket;
        Output<String> deliveryBucketArn;
        Output<String> deliveryKey;
        if (local.isPresent()) {
            var own = new OwnEvidence(name, args, local.get(), accessLogs, accessLogsName, this);
            this.trailArn = Optional.of(own.trail.trailArn);
            this.trailLogGroupName = Optional.of(own.trail.logGroupName);
            this.archiveBucketName = Optional.of(own.archive.bucketName);
            this.configHistoryBucketName = Optional.of(own.history.bucketName);
            trailBucket = own.archive.bucketName;
            dataEventBuckets.addAll(List.of(own.archiveName, own.historyName, accessLogsName));
            dataEventBuckets.addAll(local.get().trail().phiBucketNames());
            deliveryBucket = own.history.bucketName;
            deliveryBucketArn = Output.of(own.historyArn);
            deliveryKey = args.keys().logsKeyArn();
        } else {
            // The organization trail records this account into the log-archive account; AWS Config delivers there too,
            // under that account's archive key. Nothing of the evidence but the access logs is this account's to keep.
            var org = (Organization) args.evidence();
            var archive = org.logArchive();
            this.trailArn = Optional.empty();
            this.trailLogGroupName = Optional.empty();
            this.archiveBucketName = Optional.empty();
            this.configHistoryBucketName = Optional.empty();
            trailBucket = archive.archiveBucketName();
            dataEventBuckets.add(accessLogsName);
            dataEventBuckets.addAll(org.phiBucketNames());
            deliveryBucket = archive.configBucketName();
            deliveryBucketArn = archive.configBucketName().applyValue(n -> LogBucket.arn(account.partition(), n));
            deliveryKey = archive.keyArn();
        }
        var recording = b.manageRegional()
                ? Optional.of(new ConfigCompliance.Recording(deliveryBucket, deliveryBucketArn, deliveryKey, b.manageAccount()))
                : Optional.<ConfigCompliance.Recording>empty();

        var rules = ConfigRules.plan(new ConfigRules.Inputs(account.region(), c.requiredTagKeys(), c.approvedAmiIds(),
                dataEventBuckets, trailBucket, c.authorizedVpcIds(), c.publicRouteTableIds(),
                args.keys().dataKeyArn(), args.keys().secretsKeyArn()));
        var config = new ConfigCompliance(name + "-config", new ConfigCompliance.Args(args.naming(), recording, rules,
                c.autoRemediateOpenSsh(), c.alertTopicArn(), args.protect(), c.exempted()), child);

        var baseline = new AccountBaseline(name + "-baseline", new AccountBaseline.Args(args.naming(), b,
                args.protect()), child);

        this.accessLogBucketName = accessLogs.bucketName;
        this.configRecorderName = config.recorderName;
        this.guardDutyDetectorId = baseline.guardDutyDetectorId;
        this.alertEventRuleName = config.alertEventRuleName;

        var outputs = new LinkedHashMap<String, Output<?>>();
        trailArn.ifPresent(v -> outputs.put("trailArn", v));
        trailLogGroupName.ifPresent(v -> outputs.put("trailLogGroupName", v));
        archiveBucketName.ifPresent(v -> outputs.put("archiveBucketName", v));
        configHistoryBucketName.ifPresent(v -> outputs.put("configHistoryBucketName", v));
        outputs.put("accessLogBucketName", accessLogBucketName);
        configRecorderName.ifPresent(n -> outputs.put("configRecorderName", n));
        guardDutyDetectorId.ifPresent(id -> outputs.put("guardDutyDetectorId", id));
        outputs.put("alertEventRuleName", alertEventRuleName);
        registerOutputs(outputs);
    }

    /** A single-account stack's own archive, Config history and trail (with their replica). */
    private static final class OwnEvidence {
        final String archiveName;
        final String historyName;
        final String historyArn;
        final LogBucket archive;
        final LogBucket history;
        final AuditTrail trail;

        OwnEvidence(String name, Args args, Local local, LogBucket accessLogs, String accessLogsName, Audit parent) {
            var account = args.naming().account();
            var prefix = args.naming().namePrefix();
            var buckets = new ArchiveBuckets(name, new ArchiveBuckets.Args(args.naming(), args.keys().logsKeyArn(),
                    local.archive(), accessLogs, new ArchiveBuckets.Policies(
                    arn -> concat(AuditTrail.archiveGrants(account, prefix, arn),
                            List.of(EvidenceBuckets.configurationGuard(account, prefix, arn))),
                    arn -> List.of(EvidenceBuckets.configurationGuard(account, prefix, arn))),
                    local.replica()), args.protect(), parent);
            this.archiveName = buckets.archiveName;
            this.historyName = buckets.historyName;
            this.historyArn = LogBucket.arn(account.partition(), historyName);
            this.archive = buckets.archive;
            this.history = buckets.history;

            var evidenceBuckets = new ArrayList<>(List.of(archiveName, historyName, accessLogsName));
            evidenceBuckets.addAll(buckets.replicaBucketNames);
            this.trail = new AuditTrail(name + "-trail", new AuditTrail.Args(args.naming(), archive.bucketName,
                    args.keys().logsKeyArn(), local.trail(), evidenceBuckets, args.protect()),
                    ComponentResourceOptions.builder().parent(parent).build());
        }
    }

    /**
     * {@code <prefix>-<purpose>-<account id>}: bucket names are global across AWS, the account id keeps
     * them unique, and S3 accepts only lowercase letters, digits and hyphens here. Every purpose starts
     * with {@code audit-}: the identity baseline's evidence protection and the auditors' read access are
     * written against {@code <prefix>-audit-*} ({@link hipaa.identity.EvidenceNames}).
     */
    public static String bucketName(String namePrefix, String purpose, AwsAccount account) {
        var prefix = namePrefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        return prefix + "-" + purpose + "-" + account.accountId();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        var out = new java.util.ArrayList<T>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** Where S3 records the requests made to one bucket: the access-log bucket, under that bucket's name. */
    public static Optional<PrivateBucket.ServerAccessLogs> serverAccessLogs(LogBucket accessLogs, String bucketName) {
        return Optional.of(new PrivateBucket.ServerAccessLogs(accessLogs.bucketName, ACCESS_LOG_PREFIX + bucketName + "/"));
    }

    /** S3 server access logging delivers as the logging service, for source buckets in this account only. */
    public static Statement accessLogGrant(AwsAccount account, String bucketArn) {
        return Statement.allow("S3ServerAccessLogsFromThisAccount").principal("Service", "logging.s3.amazonaws.com")
                .actions("s3:PutObject")
                .resources(bucketArn + "/" + ACCESS_LOG_PREFIX + "*")
                .condition("StringEquals", "aws:SourceAccount", account.accountId());
    }
}
