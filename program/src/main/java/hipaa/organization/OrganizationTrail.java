package hipaa.organization;

import com.pulumi.aws.cloudtrail.Trail;
import com.pulumi.aws.cloudtrail.TrailArgs;
import com.pulumi.aws.cloudtrail.inputs.TrailAdvancedEventSelectorArgs;
import com.pulumi.aws.cloudtrail.inputs.TrailAdvancedEventSelectorFieldSelectorArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import hipaa.audit.AuditTrail;
import hipaa.identity.KeyPolicies;
import hipaa.identity.KmsKeys;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.identity.RolePermissions;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The organization trail: every API call of every account of the organization, in every Region, signed, encrypted
 * with the log-archive key and delivered to the log-archive bucket, which no workload administrator can reach; and a
 * copy in CloudWatch Logs of the management account, where the security alarms watch it.
 *
 * <p>Children: key {@code <name>-logs-key} (alias {@code alias/<prefix>-logs}: CloudWatch Logs of this account
 * only), log group {@code <name>-logs} ({@code /<prefix>/cloudtrail}), role {@code <name>-logs-role} with policy
 * {@code <name>-logs-policy} (CloudTrail may write this trail's streams of that group and nothing else), and the
 * trail {@code <name>} ({@code <project>-organization-trail}).
 *
 * <p>An organization trail can only be created in the management account (or a delegated administrator) once
 * CloudTrail is a trusted service of the organization ("Creating a trail for an organization", AWS CloudTrail User
 * Guide); it depends on {@code organization} for that. Supports 164.312(b) audit controls, 164.312(c)(1) integrity
 * (log file validation) and 164.308(a)(1)(ii)(D) information system activity review.
 */
public final class OrganizationTrail extends ComponentResource {

    public static final String TYPE = "hipaa:organization:OrganizationTrail";

    /**
     * @param naming         the management account and the stack's name prefix
     * @param project        the Pulumi project: the trail is {@code <project>-organization-trail}
     * @param organizationId the organization: its accounts' log streams are named after it
     * @param archive        the log-archive stack's bucket and key
     * @param retentionDays  retention of the CloudWatch Logs copy ({@code hipaa:trailLogRetentionDays})
     * @param protect        keep the trail, its group and key through {@code pulumi destroy}
     * @param organization   the organization resource: CloudTrail must be trusted first
     */
    public record Args(Naming naming, String project, String organizationId, Archive archive, int retentionDays,
                       boolean protect, Resource organization) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(organizationId, "organizationId");
            Objects.requireNonNull(archive, "archive");
            Objects.requireNonNull(organization, "organization");
        }
    }

    /** @param bucketName the log-archive bucket, @param keyArn the log-archive key (both from the log-archive stack) */
    public record Archive(Output<String> bucketName, Output<String> keyArn) {}

    public final String trailName;
    public final Output<String> trailArn;
    public final Output<String> logGroupName;

    public OrganizationTrail(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var prefix = args.naming().namePrefix();
        var account = args.naming().account();
        this.trailName = trailName(args.project());

        var key = new Key(name + "-logs-key", KeyArgs.builder()
                .description(prefix + " logs key. The organization trail's CloudWatch Logs copy")
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(KmsKeys.DELETION_WINDOW_DAYS)
                .policy(KeyPolicies.logGroups(account).toJson())
                .tags(Map.of("Name", prefix + "-logs", "Purpose", "logs"))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        KmsKeys.alias(name + "-logs-key-alias", prefix + "-logs", key.keyId(), this);

        var groupName = AuditTrail.logGroupName(prefix);
        var group = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .name(groupName)
                .retentionInDays(args.retentionDays())
                .kmsKeyId(key.arn())
                .build(), CustomResourceOptions.builder().parent(this)
                .protect(args.protect()).retainOnDelete(args.protect()).build());

        // The trust AWS documents for this role, without source conditions, which it does not support (AWS CloudTrail
        // User Guide, "Role policy document for CloudTrail to use CloudWatch Logs for monitoring").
        var trust = PolicyDocument.of(Statement.assumeRole("CloudTrail", "Service", "cloudtrail.amazonaws.com"));
        var role = new Role(name + "-logs-role", RoleArgs.builder()
                .name(prefix + "-cloudtrail-logs")
                .description("Lets CloudTrail deliver " + trailName + " to " + groupName + " and nothing else")
                .assumeRolePolicy(trust.toJson())
                .build(), child);
        var policy = RolePermissions.attach(name + "-logs-policy", prefix + "-cloudtrail-logs",
                "Lets CloudTrail deliver " + trailName + " to " + groupName + " and nothing else", role.name(),
                Output.of(deliveryPolicy(args.naming(), groupName, args.organizationId()).toJson()), child).attachment();

        var trail = new Trail(name, TrailArgs.builder()
                .name(trailName)
                .s3BucketName(args.archive().bucketName())
                .kmsKeyId(args.archive().keyArn())
                .isOrganizationTrail(true)
                .isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true)
                .enableLogFileValidation(true)
                .enableLogging(true)
                // CloudTrail wants the group's ARN with the ":*" stream wildcard.
                .cloudWatchLogsGroupArn(group.arn().applyValue(a -> a + ":*"))
                .cloudWatchLogsRoleArn(role.arn())
                // Every account's S3 object reads and writes: the workloads' AWS Config rule cloudtrail-s3-dataevents-enabled
                // names their PHI and log buckets, which this stack cannot know, and is met by a trail that records all
                // buckets (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-dataevents-enabled.html).
                // The archive's writes are left out: they are this trail's own deliveries, and recording them would
                // record each delivery's record again; reads of the archive are recorded.
                .advancedEventSelectors(
                        TrailAdvancedEventSelectorArgs.builder().name("Management events, read and write")
                                .fieldSelectors(field("eventCategory", "Management")).build(),
                        TrailAdvancedEventSelectorArgs.builder().name("S3 object events of every bucket but the archive")
                                .fieldSelectors(field("eventCategory", "Data"), field("resources.type", "AWS::S3::Object"),
                                        TrailAdvancedEventSelectorFieldSelectorArgs.builder().field("resources.ARN")
                                                .notStartsWiths(archivePrefix(args, account))
                                                .build())
                                .build(),
                        TrailAdvancedEventSelectorArgs.builder().name("Reads of the evidence archive")
                                .fieldSelectors(field("eventCategory", "Data"), field("resources.type", "AWS::S3::Object"),
                                        field("readOnly", "true"),
                                        TrailAdvancedEventSelectorFieldSelectorArgs.builder().field("resources.ARN")
                                                .startsWiths(archivePrefix(args, account))
                                                .build())
                                .build())
                .tags(Map.of("Name", trailName))
                // CloudTrail tests the role when the trail is created, and needs trusted access in the organization.
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect())
                .dependsOn(policy, args.organization()).build());

        this.trailArn = trail.arn();
        this.logGroupName = group.name();
        registerOutputs(Map.of("trailArn", trailArn, "logGroupName", logGroupName));
    }

    private static Output<List<String>> archivePrefix(Args args, AwsAccount account) {
        return args.archive().bucketName().applyValue(b -> List.of("arn:" + account.partition() + ":s3:::" + b + "/"));
    }

    private static TrailAdvancedEventSelectorFieldSelectorArgs field(String field, String value) {
        return TrailAdvancedEventSelectorFieldSelectorArgs.builder().field(field).equals_(value).build();
    }

    /**
     * {@code <project>-organization-trail}: one per organization, named without the stack so the log-archive stack
     * can name it in its bucket and key policies ({@code aws:SourceArn}) without reading the management stack.
     */
    public static String trailName(String project) {
        return project + "-organization-trail";
    }

    /** The trail's ARN, known before it exists: in the management account and the management stack's Region. */
    public static String trailArn(String partition, String region, String managementAccount, String project) {
        return "arn:" + partition + ":cloudtrail:" + region + ":" + managementAccount + ":trail/" + trailName(project);
    }

    /**
     * The streams CloudTrail writes for an organization trail: the management account's
     * ({@code <account>_CloudTrail_<region>}) and every member's ({@code <organization id>_<account>_CloudTrail_<region>})
     * (AWS CloudTrail User Guide, "Role policy document for CloudTrail to use CloudWatch Logs for monitoring", the
     * organization trail variant).
     */
    static PolicyDocument deliveryPolicy(Naming naming, String groupName, String organizationId) {
        var a = naming.account();
        var streams = a.arn("logs", "log-group:" + groupName + ":log-stream:");
        return PolicyDocument.of(Statement.allow("WriteThisTrailsStreamsOnly")
                .actions("logs:CreateLogStream", "logs:PutLogEvents")
                .resources(streams + a.accountId() + "_CloudTrail_*", streams + organizationId + "_*"));
    }
}
