package hipaa.identity;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names the stack's audit evidence, detection and IAM carry, as the IAM resource patterns that protect
 * them. The guards ({@link HumanPolicies}) and the break-glass role are written against these patterns, so
 * every component that creates evidence must name it to match.
 *
 * <p>Two scopes. {@link #own()} is this stack ({@code <project>-<stack>}, e.g. {@code hipaa-prod}): what its
 * break-glass role may act on. {@link #everyStack()} is every stack of the project in the account
 * ({@code <project>-*}): what the denies cover, so stacks that share an account (dev and prod, docs/AUDIT.md)
 * protect each other's evidence. Under a pattern {@code <p>}:
 *
 * <ul>
 *   <li>log buckets: {@code <p>-audit-*} (archive, Config history, S3 access logs, load balancer logs) and
 *       {@code <p>-cdn-logs-*} (CloudFront standard logs);</li>
 *   <li>log groups: every group whose name starts with {@code /<p>/} (flow logs, the trail's group, session,
 *       access and application logs: all of them are evidence of who did what), the database's exported logs
 *       {@code /aws/rds/instance/<p>-*}, and the two whose names AWS imposes, {@code aws-waf-logs-<p>*} (WAF)
 *       and {@code /aws/ecs/containerinsights/<p>-*} (Container Insights);</li>
 *   <li>KMS keys: aliased {@code alias/<p>-*} (key ARNs carry no name);</li>
 *   <li>SNS topics, CloudWatch alarms, EventBridge rules, IAM groups, customer managed policies, roles and
 *       instance profiles: {@code <p>-*}.</li>
 * </ul>
 * Trails, the Config recorder, GuardDuty, Security Hub and IAM Access Analyzer are guarded account-wide.
 *
 * <p>A workload account of an organization has no trail of its own ({@code localTrail} false): the organization
 * trail lives in the management account, where member accounts can see it but not change it (AWS CloudTrail User
 * Guide, "Creating a trail for an organization"), and the service control policies guard it. Its archive is the
 * log-archive account's. What the account still holds (its access-log and load balancer log buckets, log groups,
 * keys, Config recorder and rules, the detection the organization enabled in it) is guarded as in a single account.
 *
 * @param account    where the stack deploys
 * @param project    the Pulumi project, e.g. {@code hipaa}: every stack of it names things {@code <project>-<stack>-...}
 * @param prefix     this stack's physical-name prefix, {@code <project>-<stack>}
 * @param localTrail the stack has a trail of its own (single account); false in a workload account of an organization
 */
public record EvidenceNames(AwsAccount account, String project, String prefix, boolean localTrail) {

    /** The names of a single-account stack, which has its own trail. */
    public EvidenceNames(AwsAccount account, String project, String prefix) {
        this(account, project, prefix, true);
    }

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{1,40}");

    public EvidenceNames {
        Objects.requireNonNull(account, "account");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix: " + prefix);
        }
        if (!prefix.startsWith(project + "-") || !PREFIX.matcher(project).matches()) {
            throw new IllegalArgumentException("project: " + project + " is not how prefix " + prefix + " starts");
        }
    }

    /** This stack's names: what its break-glass role may act on. */
    public Names own() {
        return new Names(account, prefix);
    }

    /** The stack's own trail: {@code <prefix>-trail}. */
    public static String trailName(String prefix) {
        return prefix + "-trail";
    }

    /** The stack's trail's ARN, known before it exists (the logs key's policy names it). */
    public String trail() {
        return account.arn("cloudtrail", "trail/" + trailName(prefix));
    }

    /** The names of every stack of the project in the account: what the guards deny. */
    public Names everyStack() {
        return new Names(account, project + "-*");
    }

    /** Every trail of the account: no trail is anyone's to stop but the deployer's and break-glass's. */
    public String allTrails() {
        return "arn:" + account.partition() + ":cloudtrail:*:" + account.accountId() + ":trail/*";
    }

    /** Every key of the account: key ARNs carry no name, so a {@code kms:ResourceAliases} condition picks the stack's. */
    public String keys() {
        return "arn:" + account.partition() + ":kms:*:" + account.accountId() + ":key/*";
    }

    public String breakGlassRoleName() {
        return breakGlassRoleName(prefix);
    }

    public static String breakGlassRoleName(String prefix) {
        return prefix + "-break-glass";
    }

    public String breakGlassRole() {
        return iam("role/" + breakGlassRoleName());
    }

    /** The security alarm that pages on every use of the break-glass role (hipaa.alerting.SecurityAlarms). */
    public String breakGlassAlarm() {
        return "arn:" + account.partition() + ":cloudwatch:*:" + account.accountId() + ":alarm:" + prefix + "-break-glass-used";
    }

    /**
     * The role {@code pulumi up} runs as (docs/DEPLOY.md): created once per stack outside the program,
     * trusted only by the delivery pipeline, and the one principal the guards do not apply to.
     */
    public String deployerRoleName() {
        return deployerRoleName(prefix);
    }

    public static String deployerRoleName(String prefix) {
        return prefix + "-deployer";
    }

    public String deployerRole() {
        return iam("role/" + deployerRoleName());
    }

    public String permissionsBoundaryName() {
        return prefix + "-permissions-boundary";
    }

    /** The boundary every user and role a person creates must carry. */
    public String permissionsBoundary() {
        return iam("policy/" + permissionsBoundaryName());
    }

    /** The trail's CloudWatch Logs group (hipaa.audit.AuditTrail), where every security alarm's metric filter lives. */
    public String trailLogGroupName() {
        return "/" + prefix + "/cloudtrail";
    }

    public String trailLogGroup() {
        return "arn:" + account.partition() + ":logs:*:" + account.accountId() + ":log-group:" + trailLogGroupName();
    }

    /** An IAM ARN: IAM is global, so it has no Region. */
    public String iam(String resource) {
        return iam(account, resource);
    }

    static String iam(AwsAccount account, String resource) {
        return "arn:" + account.partition() + ":iam::" + account.accountId() + ":" + resource;
    }

    /**
     * The resource patterns of one scope.
     *
     * @param account where the stack deploys
     * @param p       a stack prefix ({@code hipaa-prod}) or the project's pattern ({@code hipaa-*})
     */
    public record Names(AwsAccount account, String p) {

        public String trails() {
            return "arn:" + account.partition() + ":cloudtrail:*:" + account.accountId() + ":trail/" + p + "-*";
        }

        /** The archive, Config history, access-log and load balancer log buckets. */
        public String archiveBuckets() {
            return s3(p + "-audit-*");
        }

        public String archiveObjects() {
            return archiveBuckets() + "/*";
        }

        /** Every bucket that holds logs, whatever writes them. */
        public List<String> logBuckets() {
            return List.of(archiveBuckets(), s3(p + "-cdn-logs-*"));
        }

        public List<String> logObjects() {
            return logBuckets().stream().map(b -> b + "/*").toList();
        }

        /** Log groups and, through the trailing wildcard, their streams. */
        public List<String> logGroups() {
            var base = "arn:" + account.partition() + ":logs:*:" + account.accountId() + ":log-group:";
            return List.of(base + "/" + p + "/*", base + "/aws/rds/instance/" + p + "-*", base + "aws-waf-logs-" + (p.endsWith("*") ? p : p + "*"),
                    base + "/aws/ecs/containerinsights/" + p + "-*");
        }

        public String keyAliasPattern() {
            return "alias/" + p + "-*";
        }

        public String keyAliases() {
            return "arn:" + account.partition() + ":kms:*:" + account.accountId() + ":" + keyAliasPattern();
        }

        public String topics() {
            return "arn:" + account.partition() + ":sns:*:" + account.accountId() + ":" + p + "-*";
        }

        public String alarms() {
            return "arn:" + account.partition() + ":cloudwatch:*:" + account.accountId() + ":alarm:" + p + "-*";
        }

        public String eventRules() {
            return "arn:" + account.partition() + ":events:*:" + account.accountId() + ":rule/" + p + "-*";
        }

        public String groups() {
            return iam("group/" + p + "-*");
        }

        public String policies() {
            return iam("policy/" + p + "-*");
        }

        public String roles() {
            return iam("role/" + p + "-*");
        }

        public String instanceProfiles() {
            return iam("instance-profile/" + p + "-*");
        }

        private String iam(String resource) {
            return "arn:" + account.partition() + ":iam::" + account.accountId() + ":" + resource;
        }

        private String s3(String bucket) {
            return "arn:" + account.partition() + ":s3:::" + bucket;
        }
    }
}
