package hipaa.organization;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.alerting.FindingAlerts;
import hipaa.alerting.FindingAlerts.Finding;
import hipaa.alerting.FindingAlerts.Severity;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The organization's findings to the security team: single mode's finding rules ({@link FindingAlerts}: the same
 * ids, names and patterns) for the services this account administers, GuardDuty at or above
 * {@code hipaa:guardDutyMinSeverity}, Security Hub HIGH and CRITICAL, IAM Access Analyzer, each targeting the
 * security topic. As delegated administrator this account's event bus carries the members' findings too
 * ({@link OrganizationDetection}). AWS Backup's job events stay in the account that ran the job: the workload's
 * own rule forwards them.
 *
 * <p>Children, one pair per finding: {@code <name>-<id>} (rule {@code <prefix>-<id>}) and {@code <name>-<id>-alert}.
 */
public final class SecurityFindings extends ComponentResource {

    public static final String TYPE = "hipaa:organization:SecurityFindings";
    /** The ids of {@link FindingAlerts#findings} that an administrator of detection receives for the organization. */
    public static final Set<String> ORGANIZATION_FINDINGS = Set.of("guardduty-findings", "securityhub-findings",
            "access-analyzer-findings");

    /**
     * @param namePrefix           prefix of the rules' names
     * @param topicArn             the security topic
     * @param guardDutyMinSeverity the lowest GuardDuty severity that pages
     */
    public record Args(String namePrefix, Output<String> topicArn, Severity guardDutyMinSeverity) {
        public Args {
            Objects.requireNonNull(namePrefix, "namePrefix");
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(guardDutyMinSeverity, "guardDutyMinSeverity");
        }
    }

    public SecurityFindings(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        for (var f : findings(args.guardDutyMinSeverity())) {
            var rule = new EventRule(name + "-" + f.id(), EventRuleArgs.builder()
                    .name(args.namePrefix() + "-" + f.id())
                    .description(f.description() + ", of every account of the organization")
                    .eventPattern(f.pattern())
                    .build(), child);
            new EventTarget(name + "-" + f.id() + "-alert", EventTargetArgs.builder()
                    .rule(rule.name())
                    .targetId("security-topic")
                    .arn(args.topicArn())
                    .build(), child);
        }
        registerOutputs(Map.of());
    }

    /** Single mode's findings that reach this account for the whole organization, in single mode's order. */
    public static List<Finding> findings(Severity guardDutyMinSeverity) {
        return FindingAlerts.findings(guardDutyMinSeverity).stream().filter(f -> ORGANIZATION_FINDINGS.contains(f.id())).toList();
    }

    /** The rules' names, known before they exist: the topic's policy admits exactly these. */
    public static List<String> ruleNames(String namePrefix) {
        return findings(Severity.MEDIUM).stream().map(f -> namePrefix + "-" + f.id()).toList();
    }
}
