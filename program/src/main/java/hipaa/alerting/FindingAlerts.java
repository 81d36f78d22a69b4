package hipaa.alerting;

import com.google.gson.GsonBuilder;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Findings that reach people: EventBridge rules that send the detection services' findings to the alert topic.
 *
 * <p>Children, one pair per {@link Finding}: {@code <name>-<id>} (the rule {@code <prefix>-<id>}) and
 * {@code <name>-<id>-alert} (its target, the alert topic). The patterns follow each service's event reference:
 * GuardDuty "GuardDuty Finding" events with {@code detail.severity} at or above the threshold (GuardDuty User
 * Guide, "Creating custom responses to GuardDuty findings with Amazon EventBridge"; severity levels, same
 * guide); Security Hub "Security Hub Findings - Imported" with {@code Severity.Label} HIGH or CRITICAL (Security
 * Hub User Guide, "EventBridge event formats for Security Hub"); AWS Backup "Backup Job State Change" in
 * FAILED, EXPIRED or ABORTED (AWS Backup Developer Guide, "EventBridge"); IAM Access Analyzer "Access Analyzer
 * Finding" (IAM User Guide, "Monitoring AWS Identity and Access Management Access Analyzer with EventBridge").
 * {@code FindingAlertsTest} runs each pattern on AWS's sample events with AWS's event-ruler.
 *
 * <p>Supports 164.308(a)(1)(ii)(D) information system activity review and 164.308(a)(6)(ii) response and reporting.
 */
public final class FindingAlerts extends ComponentResource {

    public static final String TYPE = "hipaa:alerting:FindingAlerts";

    /** GuardDuty's severity levels and the lowest score of each (GuardDuty User Guide, "Severity levels of GuardDuty findings"). */
    public enum Severity {
        LOW(1.0), MEDIUM(4.0), HIGH(7.0), CRITICAL(9.0);

        public final double minimum;

        Severity(double minimum) {
            this.minimum = minimum;
        }
    }

    /** One forwarded kind of finding: its stable id and the event pattern. */
    public record Finding(String id, String description, String pattern) {}

    /**
     * @param namePrefix      prefix of the rules' names, e.g. {@code hipaa-prod}
     * @param alertTopicArn       the topic every finding goes to
     * @param guardDutyMinSeverity the lowest GuardDuty severity that pages
     */
    public record Args(String namePrefix, Output<String> alertTopicArn, Severity guardDutyMinSeverity) {
        public Args {
            Objects.requireNonNull(namePrefix, "namePrefix");
            Objects.requireNonNull(alertTopicArn, "alertTopicArn");
            Objects.requireNonNull(guardDutyMinSeverity, "guardDutyMinSeverity");
        }
    }

    /** The rule names, for the alert topic's policy (only these rules may publish). */
    public static List<String> ruleNames(String namePrefix) {
        return findings(Severity.MEDIUM).stream().map(f -> namePrefix + "-" + f.id()).toList();
    }

    public FindingAlerts(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        for (var f : findings(args.guardDutyMinSeverity())) {
            var rule = new EventRule(name + "-" + f.id(), EventRuleArgs.builder()
                    .name(args.namePrefix() + "-" + f.id())
                    .description(f.description())
                    .eventPattern(f.pattern())
                    .build(), child);
            new EventTarget(name + "-" + f.id() + "-alert", EventTargetArgs.builder()
                    .rule(rule.name())
                    .targetId("alert-topic")
                    .arn(args.alertTopicArn())
                    .build(), child);
        }
        registerOutputs(Map.of());
    }

    /** The forwarded findings, in a fixed order. */
    public static List<Finding> findings(Severity guardDutyMinSeverity) {
        return List.of(
                new Finding("guardduty-findings", "GuardDuty findings of severity " + guardDutyMinSeverity + " and above",
                        pattern("aws.guardduty", "GuardDuty Finding",
                                Map.of("severity", List.of(Map.of("numeric", List.of(">=", guardDutyMinSeverity.minimum)))))),
                new Finding("securityhub-findings", "Security Hub findings imported with severity HIGH or CRITICAL",
                        pattern("aws.securityhub", "Security Hub Findings - Imported",
                                Map.of("findings", Map.of("Severity", Map.of("Label", List.of("HIGH", "CRITICAL")))))),
                new Finding("backup-job-failures", "AWS Backup jobs that failed, expired or were aborted",
                        pattern("aws.backup", "Backup Job State Change",
                                Map.of("state", List.of("FAILED", "EXPIRED", "ABORTED")))),
                new Finding("access-analyzer-findings", "IAM Access Analyzer findings: access from outside the account",
                        pattern("aws.access-analyzer", "Access Analyzer Finding", Map.of())));
    }

    private static String pattern(String source, String detailType, Map<String, Object> detail) {
        var p = new LinkedHashMap<String, Object>();
        p.put("source", List.of(source));
        p.put("detail-type", List.of(detailType));
        if (!detail.isEmpty()) {
            p.put("detail", detail);
        }
        return new GsonBuilder().disableHtmlEscaping().create().toJson(p);
    }
}
