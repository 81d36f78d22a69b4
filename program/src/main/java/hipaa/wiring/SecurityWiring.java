package hipaa.wiring;

import com.pulumi.Context;
import hipaa.alerting.AlertTopic;
import hipaa.organization.OrganizationDetection;
import hipaa.organization.OrganizationOutputs;
import hipaa.organization.SecurityFindings;
import hipaa.organization.SecurityTopic;

/**
 * The security account, delegated administrator of detection: GuardDuty, Security Hub, IAM Access Analyzer and the
 * Config aggregator for the whole organization, and the security team's topic that the organization's findings
 * (and the workloads' security events) reach.
 *
 * @param platform  where the stack deploys
 * @param detection the organization-wide detection services
 * @param topic     the security team's topic
 */
public record SecurityWiring(Platform platform, OrganizationDetection detection, AlertTopic topic) {

    public static SecurityWiring create(Platform platform) {
        platform.organizationAccountBaseline();
        var settings = platform.settings();
        var naming = platform.naming();
        var audit = settings.audit();
        var detection = new OrganizationDetection("detection", new OrganizationDetection.Args(naming,
                audit.guardDutyS3Protection(), audit.guardDutyEbsMalwareProtection(), platform.protect()), platform.opts());
        var topic = SecurityTopic.create("security-alerts", new SecurityTopic.Args(naming,
                settings.organization().organizationId(), settings.alerting().alertEmails(), platform.protect()),
                platform.opts());
        new SecurityFindings("findings", new SecurityFindings.Args(naming.namePrefix(), topic.topicArn,
                settings.alerting().guardDutyMinSeverity()), platform.opts());
        platform.subjects().seal();
        return new SecurityWiring(platform, detection, topic);
    }

    public void export(Context ctx) {
        platform.export(ctx);
        ctx.export(OrganizationOutputs.SECURITY_TOPIC_ARN, topic.topicArn);
        // A workload's execution role needs the key in its own IAM policy too: another account's key.
        ctx.export(OrganizationOutputs.SECURITY_TOPIC_KEY_ARN, topic.keyArn);
    }
}
