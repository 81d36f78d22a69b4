package hipaa.settings;

import hipaa.audit.ObjectLockMode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Audit and detection: the log archive, the trail, AWS Config and the account's threat detection.
 *
 * <p>The account-wide singletons (the S3 account public access block, Config's recording of global resources)
 * follow the root {@code hipaa:manageAccountBaseline} ({@link AccountSettings}), shared with the identity baseline.
 *
 * <p>What is not here is fixed in code on purpose: SSE-KMS with the logs key where the writer supports
 * it, versioning, TLS-only and delete-denying bucket policies, public access blocks, multi-Region trail
 * with log file validation, the Config rule set and GuardDuty/Security Hub being on at all.
 *
 * @param archiveRetentionDays          how long audit logs are kept before they expire, in every log bucket;
 *                                      default 2190 (six years, HIPAA's documentation retention, 164.316(b)(2)(i)),
 *                                      which prod may not shorten
 * @param archiveTransitionIaDays       age at which log objects move to S3 Standard-IA (S3 requires 30 or more)
 * @param archiveTransitionGlacierDays  age at which they move to S3 Glacier Flexible Retrieval, 30 days after IA at least
 * @param objectLockMode                default retention mode of the archive bucket; prod must use compliance
 * @param objectLockDays                default Object Lock retention of every archived object; never above the retention
 * @param trailLogRetentionDays         CloudWatch Logs retention of the trail's log group (the alarms read it there)
 * @param phiBucketNames                S3 buckets holding PHI whose object reads and writes the trail records
 *                                      (data events); empty until the data stores exist
 * @param trailInsights                 CloudTrail Insights (unusual API call and error rates)
 * @param guardDutyS3Protection         GuardDuty analyses S3 data events for threats to buckets
 * @param guardDutyEbsMalwareProtection GuardDuty scans the EBS volumes of instances it suspects
 * @param autoRemediateOpenSsh          Config removes SSH open to the world as soon as it sees it; prod requires it
 * @param manageRegionalBaseline        this stack owns the one-per-account-and-Region services: Config recorder
 *                                      and delivery channel, GuardDuty, Security Hub, IAM Access Analyzer and EBS
 *                                      encryption by default
 * @param replicaRegion                 the second Region the CloudTrail archive and the Config history are replicated
 *                                      to; empty when {@code hipaa:auditReplication} is off (default on in prod only).
 *                                      HIPAA's contingency plan (164.308(a)(7)(ii)(B), disaster recovery) asks that
 *                                      the audit evidence survive the loss of the stack's Region
 */
public record AuditSettings(int archiveRetentionDays, int archiveTransitionIaDays, int archiveTransitionGlacierDays,
                            ObjectLockMode objectLockMode, int objectLockDays, int trailLogRetentionDays,
                            List<String> phiBucketNames, boolean trailInsights, boolean guardDutyS3Protection,
                            boolean guardDutyEbsMalwareProtection, boolean autoRemediateOpenSsh,
                            boolean manageRegionalBaseline, Optional<String> replicaRegion) {

    /**
     * The default second Region of each Region that has an obvious one: same partition and, where the list
     * allows, the same country or the EU. Elsewhere a stack with replication on names it.
     */
    public static final Map<String, String> DEFAULT_REPLICA_REGIONS = Map.ofEntries(
            Map.entry("us-east-1", "us-west-2"), Map.entry("us-east-2", "us-west-2"),
            Map.entry("us-west-1", "us-east-1"), Map.entry("us-west-2", "us-east-1"),
            Map.entry("eu-west-1", "eu-central-1"), Map.entry("eu-central-1", "eu-west-1"),
            Map.entry("eu-west-3", "eu-central-1"), Map.entry("eu-north-1", "eu-central-1"),
            Map.entry("eu-south-1", "eu-central-1"),
            Map.entry("ap-northeast-1", "ap-northeast-3"), Map.entry("ap-northeast-3", "ap-northeast-1"),
            Map.entry("us-gov-west-1", "us-gov-east-1"), Map.entry("us-gov-east-1", "us-gov-west-1"));

    /** Six years: HIPAA keeps required documentation that long (45 CFR 164.316(b)(2)(i)). */
    public static final int SIX_YEARS_DAYS = 2190;
    /** One year: no stack keeps audit evidence for less, the same floor as every log group's retention. */
    public static final int MIN_RETENTION_DAYS = 365;
    /** Ten years: a ceiling that catches a typo such as 21900 before it locks objects for decades. */
    public static final int MAX_RETENTION_DAYS = 3653;
    /** S3 moves objects to Standard-IA no earlier than 30 days after creation. */
    public static final int MIN_IA_DAYS = 30;
    /** S3 keeps an object in Standard-IA at least 30 days before a lifecycle rule may move it on. */
    public static final int MIN_DAYS_IN_IA = 30;
    /** The approved-AMIs Config rule (APPROVED_AMIS_BY_ID) takes at most 10 AMI ids. */
    public static final int MAX_APPROVED_AMIS_FOR_RULE = 10;
    /** CloudTrail accepts at most 250 data resources across a trail's event selectors. */
    public static final int MAX_PHI_BUCKETS = 250;

    private static final Pattern BUCKET_NAME = Pattern.compile("(?!xn--)(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /**
     * A workload account of an organization keeps only its S3 server access logs (the retention and transition keys
     * apply to that bucket): the archive, its Object Lock and replication, the trail and GuardDuty's protections
     * belong to the log-archive, management and security stacks, so a workload stack does not read those keys and
     * refuses them like any unread key. Their values here are the defaults, which nothing of a workload uses.
     */
    static AuditSettings read(SettingsReader r, boolean prod, List<String> approvedAmiIds, String region, AccountRole role) {
        if (role == AccountRole.WORKLOAD) {
            return readWorkload(r, prod, approvedAmiIds);
        }
        var lifecycle = Lifecycle.read(r);
        int retention = lifecycle.retention();
        var mode = ObjectLockMode.fromConfig(r.choice("objectLockMode", ObjectLockMode.COMPLIANCE.configValue(),
                List.of(ObjectLockMode.GOVERNANCE.configValue(), ObjectLockMode.COMPLIANCE.configValue())));
        int lockDays = r.integer("objectLockDays", SIX_YEARS_DAYS, 1, MAX_RETENTION_DAYS);
        int trailRetention = r.integerOneOf("trailLogRetentionDays", 365, NetworkSettings.RETENTION_DAYS);
        var phiBuckets = phiBuckets(r);
        boolean insights = r.bool("trailInsights", true);
        boolean guardDutyS3 = r.bool("guardDutyS3Protection", true);
        boolean guardDutyEbs = r.bool("guardDutyEbsMalwareProtection", true);
        boolean remediate = r.bool("autoRemediateOpenSsh", true);
        boolean manageRegional = r.bool("manageRegionalBaseline", true);
        boolean replicate = r.bool("auditReplication", prod);
        var replicaRule = "a supported Region of the stack's partition other than its own (aws:region), such as us-west-2 "
                + "for us-east-1";
        var replicaRegion = r.optionalString("auditReplicaRegion", Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d"), replicaRule)
                .or(() -> Optional.ofNullable(DEFAULT_REPLICA_REGIONS.get(region)));
        if (r.valid("auditReplicaRegion") && replicaRegion.isPresent()) {
            var home = Regions.find(region);
            var replica = Regions.find(replicaRegion.get());
            if (replica.isEmpty() || replicaRegion.get().equals(region)
                    || (home.isPresent() && !home.get().partition().equals(replica.get().partition()))) {
                r.problem("auditReplicaRegion", replicaRegion.get(), replicaRule);
                replicaRegion = Optional.empty();
            }
        }
        if (replicate && replicaRegion.isEmpty() && r.valid("auditReplicaRegion") && Regions.find(region).isPresent()) {
            r.missing("auditReplicaRegion", "required while hipaa:auditReplication is true: " + region
                    + " has no default second Region; name " + replicaRule);
        }

        // Cross-key rules judge only values that were valid on their own: a rejected value has already
        // been reported, and its default standing in would only add a confusing second message.
        lifecycle.checkRetention(r, prod);
        if (r.valid("archiveRetentionDays", "objectLockDays") && retention < lockDays) {
            r.problem("archiveRetentionDays", Integer.toString(retention), "is shorter than hipaa:objectLockDays (" + lockDays
                    + (r.isSet("objectLockDays") ? "" : ", the default") + "); logs cannot expire while Object Lock still protects them: raise archiveRetentionDays to "
                    + lockDays + " or more, or lower objectLockDays");
        }
        lifecycle.checkTransitions(r);
        if (prod && r.valid("objectLockMode") && mode != ObjectLockMode.COMPLIANCE) {
            r.problem("objectLockMode", mode.configValue(), "prod stacks must use compliance: in governance mode anyone allowed "
                    + "s3:BypassGovernanceRetention can delete audit evidence; only non-production stacks may use governance");
        }
        checkRules(r, prod, remediate, approvedAmiIds);

        return new AuditSettings(retention, lifecycle.ia(), lifecycle.glacier(), mode, lockDays, trailRetention, phiBuckets, insights,
                guardDutyS3, guardDutyEbs, remediate, manageRegional, replicate ? replicaRegion : Optional.empty());
    }

    private static AuditSettings readWorkload(SettingsReader r, boolean prod, List<String> approvedAmiIds) {
        var lifecycle = Lifecycle.read(r);
        var phiBuckets = phiBuckets(r);
        boolean remediate = r.bool("autoRemediateOpenSsh", true);
        boolean manageRegional = r.bool("manageRegionalBaseline", true);
        lifecycle.checkRetention(r, prod);
        lifecycle.checkTransitions(r);
        checkRules(r, prod, remediate, approvedAmiIds);
        return new AuditSettings(lifecycle.retention(), lifecycle.ia(), lifecycle.glacier(), ObjectLockMode.COMPLIANCE, SIX_YEARS_DAYS, 365, phiBuckets, true,
                true, true, remediate, manageRegional, Optional.empty());
    }

    /** Expiry and storage-class transitions of the log buckets, read the same way for every role that has one. */
    private record Lifecycle(int retention, int ia, int glacier) {
        static Lifecycle read(SettingsReader r) {
            return new Lifecycle(r.integer("archiveRetentionDays", SIX_YEARS_DAYS, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS),
                    r.integer("archiveTransitionIaDays", 90, MIN_IA_DAYS, MAX_RETENTION_DAYS),
                    r.integer("archiveTransitionGlacierDays", 180, MIN_IA_DAYS + MIN_DAYS_IN_IA, MAX_RETENTION_DAYS));
        }

        void checkRetention(SettingsReader r, boolean prod) {
            if (prod && r.valid("archiveRetentionDays") && retention < SIX_YEARS_DAYS) {
                r.problem("archiveRetentionDays", Integer.toString(retention), "prod stacks keep audit archives at least "
                        + SIX_YEARS_DAYS + " days: HIPAA requires its documentation, audit records included, to be kept six "
                        + "years (45 CFR 164.316(b)(2)(i)); only non-production stacks may keep them for less");
            }
        }

        void checkTransitions(SettingsReader r) {
            if (r.valid("archiveTransitionIaDays", "archiveTransitionGlacierDays") && glacier < ia + MIN_DAYS_IN_IA) {
                r.problem("archiveTransitionGlacierDays", Integer.toString(glacier), "must be at least hipaa:archiveTransitionIaDays + "
                        + MIN_DAYS_IN_IA + " (" + (ia + MIN_DAYS_IN_IA) + "): S3 keeps objects in Standard-IA 30 days before moving them on");
            }
            if (r.valid("archiveRetentionDays", "archiveTransitionGlacierDays") && retention <= glacier) {
                r.problem("archiveRetentionDays", Integer.toString(retention), "must be longer than hipaa:archiveTransitionGlacierDays ("
                        + glacier + "): logs would expire before or as they reach Glacier");
            }
        }
    }

    private static List<String> phiBuckets(SettingsReader r) {
        return r.stringList("phiBucketNames", List.of(), 0, MAX_PHI_BUCKETS, s -> BUCKET_NAME.matcher(s).matches(),
                "S3 bucket names (3 to 63 lowercase letters, digits, dots or hyphens) whose object reads and writes the trail records");
    }

    private static void checkRules(SettingsReader r, boolean prod, boolean remediate, List<String> approvedAmiIds) {
        if (prod && r.valid("autoRemediateOpenSsh") && !remediate) {
            r.problem("autoRemediateOpenSsh", "false", "prod stacks must remediate SSH open to the world automatically (true); "
                    + "only non-production stacks may leave it to a person");
        }
        if (r.valid("approvedAmiIds") && approvedAmiIds.size() > MAX_APPROVED_AMIS_FOR_RULE) {
            r.problem("approvedAmiIds", SettingsReader.json(approvedAmiIds), "lists " + approvedAmiIds.size()
                    + " AMIs but the approved-AMIs Config rule (APPROVED_AMIS_BY_ID) checks at most "
                    + MAX_APPROVED_AMIS_FOR_RULE + "; list at most " + MAX_APPROVED_AMIS_FOR_RULE);
        }
    }
}
