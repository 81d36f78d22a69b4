package hipaa.edge;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.wafv2.WebAcl;
import com.pulumi.aws.wafv2.WebAclArgs;
import com.pulumi.aws.wafv2.WebAclAssociation;
import com.pulumi.aws.wafv2.WebAclAssociationArgs;
import com.pulumi.aws.wafv2.WebAclLoggingConfiguration;
import com.pulumi.aws.wafv2.WebAclLoggingConfigurationArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionAllowArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationRedactedFieldArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionBlockArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionNoneArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementRateBasedStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleVisibilityConfigArgs;
import com.pulumi.aws.wafv2.inputs.WebAclVisibilityConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The WAF in front of the load balancer.
 *
 * <p>Children: web ACL {@code <name>}, its association with the load balancer {@code <name>-association},
 * the log group {@code <name>-logs} ({@code aws-waf-logs-<prefix>}, the prefix WAF requires, encrypted with
 * the logs key) and {@code <name>-logging}, which sends every request's verdict there with the
 * {@code authorization} and {@code cookie} headers redacted (credentials must not sit in logs).
 *
 * <p>Rules, in evaluation order: AWS's IP reputation list, a per-client-IP rate limit (blocked above
 * {@code rateLimit} requests in 5 minutes; not behind the static front, where every request comes from a
 * CloudFront server and the front's own web ACL limits each client instead), then the managed groups for known bad inputs, the common rule
 * set (OWASP Top 10 classes) and SQL injection. Requests no rule blocks are allowed. Managed groups are not
 * pinned to a version, so AWS's rule updates apply without a deployment. Supports 164.308(a)(1)(ii)(B)
 * (risk management), 164.308(a)(5)(ii)(B) (protection from malicious software) and 164.312(b).
 */
public final class WebFirewall extends ComponentResource {

    public static final String TYPE = "hipaa:edge:WebFirewall";
    /** The AWS managed rule groups, in priority order after the rate limit. */
    public static final List<String> MANAGED_RULE_GROUPS = List.of(
            "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet");
    public static final String IP_REPUTATION = "AWSManagedRulesAmazonIpReputationList";
    public static final String RATE_LIMIT_RULE = "RateLimitPerClientIp";
    /** The rate limit counts requests over five minutes. */
    public static final int EVALUATION_WINDOW_SECONDS = 300;
    /** Headers that carry credentials; WAF logs them as REDACTED. */
    public static final List<String> REDACTED_HEADERS = List.of("authorization", "cookie");

    /**
     * @param resourceArn      the load balancer the ACL protects
     * @param rateLimit        requests per client IP per 5 minutes
     * @param logsKeyArn       KMS key of the log group
     * @param logRetentionDays retention of the log group
     * @param namePrefix       prefix of physical names
     * @param behindCloudFront the load balancer accepts only CloudFront (the static front): no per-IP rate limit
     *                         here, it would count CloudFront's servers, throttling every client behind one of them
     */
    public record Args(Output<String> resourceArn, int rateLimit, Output<String> logsKeyArn, int logRetentionDays,
                       String namePrefix, boolean behindCloudFront) {
        public Args {
            Objects.requireNonNull(resourceArn, "resourceArn");
            Objects.requireNonNull(logsKeyArn, "logsKeyArn");
        }
    }

    public final Output<String> webAclArn;
    public final Output<String> logGroupName;

    public WebFirewall(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var metricPrefix = args.namePrefix() + "-";

        var rules = new ArrayList<WebAclRuleArgs>();
        rules.add(managed(IP_REPUTATION, 0, metricPrefix));
        if (!args.behindCloudFront()) {
            rules.add(rateLimitPerClientIp(1, args.rateLimit(), metricPrefix));
        }
        for (int i = 0; i < MANAGED_RULE_GROUPS.size(); i++) {
            rules.add(managed(MANAGED_RULE_GROUPS.get(i), i + 2, metricPrefix));
        }

        var acl = new WebAcl(name, WebAclArgs.builder()
                .name(args.namePrefix() + "-app")
                .description("Application load balancer of " + args.namePrefix())
                .scope("REGIONAL")
                .defaultAction(WebAclDefaultActionArgs.builder().allow(WebAclDefaultActionAllowArgs.builder().build()).build())
                .rules(rules)
                .visibilityConfig(WebAclVisibilityConfigArgs.builder()
                        .cloudwatchMetricsEnabled(true)
                        .sampledRequestsEnabled(true)
                        .metricName(metricPrefix + "app")
                        .build())
                .tags(Map.of("Name", args.namePrefix() + "-app"))
                .build(), child);

        new WebAclAssociation(name + "-association", WebAclAssociationArgs.builder()
                .resourceArn(args.resourceArn())
                .webAclArn(acl.arn())
                .build(), child);

        // WAF delivers only to log groups named aws-waf-logs-*; it adds the log group resource policy
        // for delivery.logs.amazonaws.com itself when the deployer may (logs:PutResourcePolicy).
        var group = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .name("aws-waf-logs-" + args.namePrefix())
                .retentionInDays(args.logRetentionDays())
                .kmsKeyId(args.logsKeyArn())
                .tags(Map.of("Name", "aws-waf-logs-" + args.namePrefix()))
                .build(), child);

        new WebAclLoggingConfiguration(name + "-logging", WebAclLoggingConfigurationArgs.builder()
                .resourceArn(acl.arn())
                .logDestinationConfigs(group.arn().applyValue(List::of))
                .redactedFields(redactedFields())
                .build(), child);

        this.webAclArn = acl.arn();
        this.logGroupName = group.name();
        registerOutputs(Map.of("webAclArn", webAclArn, "logGroupName", logGroupName));
    }

    /** Blocks a client IP above {@code limit} requests in 5 minutes (the static front's web ACL uses it too). */
    public static WebAclRuleArgs rateLimitPerClientIp(int priority, int limit, String metricPrefix) {
        return WebAclRuleArgs.builder()
                .name(RATE_LIMIT_RULE)
                .priority(priority)
                .action(WebAclRuleActionArgs.builder().block(WebAclRuleActionBlockArgs.builder().build()).build())
                .statement(WebAclRuleStatementArgs.builder()
                        .rateBasedStatement(WebAclRuleStatementRateBasedStatementArgs.builder()
                                .aggregateKeyType("IP")
                                .evaluationWindowSec(EVALUATION_WINDOW_SECONDS)
                                .limit(limit)
                                .build())
                        .build())
                .visibilityConfig(visibility(metricPrefix + RATE_LIMIT_RULE))
                .build();
    }

    /** Headers WAF logs as REDACTED, as the logging configuration's redacted fields. */
    public static List<WebAclLoggingConfigurationRedactedFieldArgs> redactedFields() {
        return REDACTED_HEADERS.stream().map(h -> WebAclLoggingConfigurationRedactedFieldArgs.builder()
                .singleHeader(WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs.builder().name(h).build())
                .build()).toList();
    }

    private static WebAclRuleArgs managed(String group, int priority, String metricPrefix) {
        return WebAclRuleArgs.builder()
                .name(group)
                .priority(priority)
                // "none" keeps the group's own actions (block); "count" would only observe.
                .overrideAction(WebAclRuleOverrideActionArgs.builder().none(WebAclRuleOverrideActionNoneArgs.builder().build()).build())
                .statement(WebAclRuleStatementArgs.builder()
                        .managedRuleGroupStatement(WebAclRuleStatementManagedRuleGroupStatementArgs.builder()
                                .vendorName("AWS").name(group).build())
                        .build())
                .visibilityConfig(visibility(metricPrefix + group))
                .build();
    }

    private static WebAclRuleVisibilityConfigArgs visibility(String metric) {
        return WebAclRuleVisibilityConfigArgs.builder()
                .cloudwatchMetricsEnabled(true)
                .sampledRequestsEnabled(true)
                .metricName(metric)
                .build();
    }
}
