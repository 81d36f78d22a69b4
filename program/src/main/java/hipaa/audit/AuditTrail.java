package hipaa.audit;

import com.pulumi.aws.cloudtrail.Trail;
import com.pulumi.aws.cloudtrail.TrailArgs;
import com.pulumi.aws.cloudtrail.inputs.TrailAdvancedEventSelectorArgs;
import com.pulumi.aws.cloudtrail.inputs.TrailAdvancedEventSelectorFieldSelectorArgs;
import com.pulumi.aws.cloudtrail.inputs.TrailInsightSelectorArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.AwsAccount;
import hipaa.identity.EvidenceNames;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import hipaa.identity.RolePermissions;

/**
 * The account's CloudTrail trail: every API call in every Region, signed, encrypted, kept in the archive
 * and streamed to CloudWatch Logs where metric filters and alarms watch it.
 *
 * <p>Children: log group {@code <name>-logs} ({@code /<prefix>/cloudtrail}, encrypted with the logs key),
 * role {@code <name>-logs-role} and its customer managed policy {@code <name>-logs-policy} with
 * {@code <name>-logs-policy-attachment} (CloudTrail may write this
 * trail's streams of that group and nothing else), and the trail {@code <name>} ({@code <prefix>-trail}).
 *
 * <p>Fixed posture: multi-Region, global service events (IAM, STS, CloudFront) included, log file
 * validation (signed SHA-256 digests every hour), SSE-KMS with the logs key, all management events read
 * and write; object reads of the audit evidence buckets (who looked at the evidence: reads only, since
 * recording the trail's own deliveries into its own bucket would loop); object reads and writes of the
 * buckets declared as holding PHI. No SNS notification per delivered file (the Quick Start's flooded its
 * alarm list). Supports 164.312(b) audit controls and 164.312(c)(1)
 * integrity, and 164.308(a)(1)(ii)(D) information system activity review.
 */
public final class AuditTrail extends ComponentResource {

    public static final String TYPE = "hipaa:audit:AuditTrail";
    public static final List<String> INSIGHT_TYPES = List.of("ApiCallRateInsight", "ApiErrorRateInsight");

    /**
     * @param naming          the name prefix, and the account whose ARNs the trail's policies name
     * @param archiveBucket   the archive bucket's name, resolved once its policy grants CloudTrail its path
     * @param logsKeyArn      the key the trail and its log group encrypt with
     * @param trail           the CloudWatch Logs copy's retention, the PHI buckets whose object reads and writes are
     *                        recorded, CloudTrail Insights
     * @param evidenceBuckets buckets whose S3 object reads are recorded (the audit buckets)
     * @param protect         keep the trail and its log group through {@code pulumi destroy}
     */
    public record Args(Naming naming, Output<String> archiveBucket, Output<String> logsKeyArn, Audit.Trail trail,
                       List<String> evidenceBuckets, boolean protect) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(archiveBucket, "archiveBucket");
            Objects.requireNonNull(logsKeyArn, "logsKeyArn");
            Objects.requireNonNull(trail, "trail");
            evidenceBuckets = List.copyOf(evidenceBuckets);
            if (evidenceBuckets.isEmpty()) {
                throw new IllegalArgumentException("evidenceBuckets: empty; name the buckets whose reads are evidence");
            }
        }
    }

    public final Output<String> trailArn;
    public final Output<String> logGroupName;
    public final Output<String> logGroupArn;

    public AuditTrail(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        var trailName = trailName(args.naming().namePrefix());

        var groupName = logGroupName(args.naming().namePrefix());
        var group = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .name(groupName)
                .retentionInDays(args.trail().logRetentionDays())
                .kmsKeyId(args.logsKeyArn())
                .build(), CustomResourceOptions.builder().parent(this)
                .protect(args.protect()).retainOnDelete(args.protect()).build());

        // The trust AWS documents for this role, with no source conditions: "Confused deputy prevention is not
        // applicable to the role policy for CloudWatch Logs monitoring. The role policy doesn't support the use
        // of aws:SourceArn and aws:SourceAccount" (AWS CloudTrail User Guide, "Role policy document for CloudTrail
        // to use CloudWatch Logs for monitoring"). A condition CloudTrail never satisfies would fail CreateTrail.
        // What limits the role is its policy: this group's CloudTrail streams only.
        var trust = PolicyDocument.of(Statement.assumeRole("CloudTrail", "Service", "cloudtrail.amazonaws.com"));
        var role = new Role(name + "-logs-role", RoleArgs.builder()
                .name(args.naming().namePrefix() + "-cloudtrail-logs")
                .description("Lets CloudTrail deliver " + trailName + " to " + groupName + " and nothing else")
                .assumeRolePolicy(trust.toJson())
                .build(), child);
        var policy = RolePermissions.attach(name + "-logs-policy", args.naming().namePrefix() + "-cloudtrail-logs",
                "Lets CloudTrail deliver " + trailName + " to " + groupName + " and nothing else", role.name(),
                Output.of(deliveryPolicy(account, groupName).toJson()), child).attachment();

        // Advanced selectors, because basic ones cannot record only the reads of a bucket.
        var selectors = new ArrayList<TrailAdvancedEventSelectorArgs>();
        selectors.add(selector("Management events, read and write", field("eventCategory", "Management")));
        selectors.add(selector("Reads of the audit evidence", field("eventCategory", "Data"),
                field("resources.type", "AWS::S3::Object"), field("readOnly", "true"),
                objectsOf(account, args.evidenceBuckets())));
        if (!args.trail().phiBucketNames().isEmpty()) {
            selectors.add(selector("Reads and writes of PHI objects", field("eventCategory", "Data"),
                    field("resources.type", "AWS::S3::Object"), objectsOf(account, args.trail().phiBucketNames())));
        }

        var trail = new Trail(name, TrailArgs.builder()
                .name(trailName)
                .s3BucketName(args.archiveBucket())
                .kmsKeyId(args.logsKeyArn())
                .isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true)
                .enableLogFileValidation(true)
                .enableLogging(true)
                .isOrganizationTrail(false)
                // CloudTrail wants the group's ARN with the ":*" stream wildcard.
                .cloudWatchLogsGroupArn(group.arn().applyValue(a -> a + ":*"))
                .cloudWatchLogsRoleArn(role.arn())
                .advancedEventSelectors(selectors)
                .insightSelectors(args.trail().insights()
                        ? INSIGHT_TYPES.stream().map(t -> TrailInsightSelectorArgs.builder().insightType(t).build()).toList()
                        : List.of())
                .tags(Map.of("Name", trailName))
                // CloudTrail tests the role when the trail is created: the policy must be in place first.
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).dependsOn(policy).build());

        this.trailArn = trail.arn();
        this.logGroupName = group.name();
        this.logGroupArn = group.arn();
        registerOutputs(Map.of("trailArn", trailArn, "logGroupName", logGroupName, "logGroupArn", logGroupArn));
    }

    private static TrailAdvancedEventSelectorArgs selector(String name, TrailAdvancedEventSelectorFieldSelectorArgs... fields) {
        return TrailAdvancedEventSelectorArgs.builder().name(name).fieldSelectors(fields).build();
    }

    private static TrailAdvancedEventSelectorFieldSelectorArgs field(String field, String value) {
        return TrailAdvancedEventSelectorFieldSelectorArgs.builder().field(field).equals_(value).build();
    }

    /** Every object of the buckets: {@code arn:<partition>:s3:::<bucket>/} as an ARN prefix. */
    private static TrailAdvancedEventSelectorFieldSelectorArgs objectsOf(AwsAccount account, List<String> buckets) {
        return TrailAdvancedEventSelectorFieldSelectorArgs.builder().field("resources.ARN")
                .startsWiths(buckets.stream().map(b -> LogBucket.arn(account.partition(), b) + "/").toList()).build();
    }

    public static String trailName(String namePrefix) {
        return EvidenceNames.trailName(namePrefix);
    }

    /** The trail's ARN, known before it exists, for the policies that name it. */
    public static String trailArn(AwsAccount account, String namePrefix) {
        return account.arn("cloudtrail", "trail/" + trailName(namePrefix));
    }

    public static String logGroupName(String namePrefix) {
        return "/" + namePrefix + "/cloudtrail";
    }

    /**
     * CloudTrail writes one stream per Region it records, named {@code <account>_CloudTrail_<region>};
     * the role may create and write those streams in this group only.
     */
    static PolicyDocument deliveryPolicy(AwsAccount account, String groupName) {
        return PolicyDocument.of(Statement.allow("WriteThisTrailsStreamsOnly")
                .actions("logs:CreateLogStream", "logs:PutLogEvents")
                .resources(account.arn("logs", "log-group:" + groupName + ":log-stream:" + account.accountId() + "_CloudTrail_*")));
    }

    /** Bucket policy grants that let this trail, and only it, deliver into the archive. */
    static List<Statement> archiveGrants(AwsAccount account, String namePrefix, String bucketArn) {
        var trailArn = trailArn(account, namePrefix);
        return List.of(
                Statement.allow("CloudTrailChecksTheBucketAcl").principal("Service", "cloudtrail.amazonaws.com")
                        .actions("s3:GetBucketAcl")
                        .resources(bucketArn)
                        .condition("StringEquals", "aws:SourceArn", trailArn),
                Statement.allow("CloudTrailWritesThisAccountsLogs").principal("Service", "cloudtrail.amazonaws.com")
                        .actions("s3:PutObject")
                        .resources(bucketArn + "/AWSLogs/" + account.accountId() + "/*")
                        .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                        .condition("StringEquals", "aws:SourceArn", trailArn));
    }
}
