package hipaa.identity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names the stack's audit evidence and alerting carry, as the IAM resource patterns that protect
 * them. The evidence-protection deny and the break-glass role are written against these patterns, so
 * every component that creates evidence must name it to match:
 *
 * <ul>
 *   <li>trails: {@code <prefix>-*} (e.g. {@code hipaa-prod-trail});</li>
 *   <li>archive buckets: {@code <prefix>-audit-*} (e.g. {@code hipaa-prod-audit-archive-123456789012});</li>
 *   <li>log groups: every group whose name starts with {@code /<prefix>/} (flow logs, the trail's group,
 *       session and application logs: all of them are evidence of who did what), the database's
 *       exported logs {@code /aws/rds/instance/<prefix>-*}, whose names AWS fixes (connection logs), and
 *       the two more whose names AWS imposes, {@code aws-waf-logs-<prefix>*} (WAF) and
 *       {@code /aws/ecs/containerinsights/<prefix>-*} (Container Insights of the stack's clusters);</li>
 *   <li>KMS keys: aliased {@code alias/<prefix>-*} ({@code KmsKeys} and the alert key already are);</li>
 *   <li>SNS topics {@code <prefix>-*}, CloudWatch alarms {@code <prefix>-*}, IAM groups and customer
 *       managed policies {@code <prefix>-*}, and the role {@code <prefix>-break-glass}.</li>
 * </ul>
 *
 * @param account where the stack deploys
 * @param prefix  the stack's physical-name prefix, e.g. {@code hipaa-prod}
 */
public record EvidenceNames(AwsAccount account, String prefix) {

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{1,40}");

    public EvidenceNames {
        Objects.requireNonNull(account, "account");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix: " + prefix);
        }
    }

    /** The stack's own trail: {@code <prefix>-trail}. */
    public static String trailName(String prefix) {
        return prefix + "-trail";
    }

    /** The stack's trail's ARN, known before it exists (the logs key's policy names it). */
    public String trail() {
        return account.arn("cloudtrail", "trail/" + trailName(prefix));
    }

    public String trails() {
        return "arn:" + account.partition() + ":cloudtrail:*:" + account.accountId() + ":trail/" + prefix + "-*";
    }

    public String archiveBuckets() {
        return "arn:" + account.partition() + ":s3:::" + prefix + "-audit-*";
    }

    public String archiveObjects() {
        return archiveBuckets() + "/*";
    }

    /** Log groups and, through the trailing wildcard, their streams. */
    public String logGroups() {
        return "arn:" + account.partition() + ":logs:*:" + account.accountId() + ":log-group:/" + prefix + "/*";
    }

    /**
     * The database's exported log groups: RDS writes only to {@code /aws/rds/instance/<identifier>/<log>},
     * and the data tier names its instances {@code <prefix>-*}.
     */
    public String databaseLogGroups() {
        return "arn:" + account.partition() + ":logs:*:" + account.accountId() + ":log-group:/aws/rds/instance/" + prefix + "-*";
    }

    /**
     * Log groups whose names AWS imposes: WAF delivers only to {@code aws-waf-logs-*} groups, and Container
     * Insights writes to {@code /aws/ecs/containerinsights/<cluster>/performance}. Both carry the prefix.
     */
    public java.util.List<String> serviceNamedLogGroups() {
        var base = "arn:" + account.partition() + ":logs:*:" + account.accountId() + ":log-group:";
        return java.util.List.of(base + "aws-waf-logs-" + prefix + "*", base + "/aws/ecs/containerinsights/" + prefix + "-*");
    }

    /** Every key of the account: key ARNs carry no name, so {@link #keyAliasPattern()} picks the stack's. */
    public String keys() {
        return "arn:" + account.partition() + ":kms:*:" + account.accountId() + ":key/*";
    }

    public String keyAliasPattern() {
        return "alias/" + prefix + "-*";
    }

    public String keyAliases() {
        return "arn:" + account.partition() + ":kms:*:" + account.accountId() + ":" + keyAliasPattern();
    }

    public String topics() {
        return "arn:" + account.partition() + ":sns:*:" + account.accountId() + ":" + prefix + "-*";
    }

    public String alarms() {
        return "arn:" + account.partition() + ":cloudwatch:*:" + account.accountId() + ":alarm:" + prefix + "-*";
    }

    public String groups() {
        return iam("group/" + prefix + "-*");
    }

    public String policies() {
        return iam("policy/" + prefix + "-*");
    }

    public String breakGlassRoleName() {
        return prefix + "-break-glass";
    }

    public String breakGlassRole() {
        return iam("role/" + breakGlassRoleName());
    }

    /** An IAM ARN: IAM is global, so it has no Region. */
    public String iam(String resource) {
        return "arn:" + account.partition() + ":iam::" + account.accountId() + ":" + resource;
    }
}
