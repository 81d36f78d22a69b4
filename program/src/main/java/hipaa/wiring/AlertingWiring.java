package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.alerting.AlertTopic;
import hipaa.alerting.FindingAlerts;
import hipaa.alerting.OperationalAlarms;
import hipaa.alerting.OperationsDashboard;
import hipaa.alerting.SecurityAlarms;
import hipaa.alerting.SecurityForwarding;
import hipaa.identity.EvidenceNames;

import java.util.Map;
import java.util.Optional;

/**
 * Alarms that reach people: the alert topic first (the access hosts and the Config rules notify it), then,
 * once everything they watch exists, security events from the trail (the bastion raises its own SSH alarm),
 * operational alarms for what this stack runs, the detection services' findings, and one dashboard over the alarms.
 *
 * <p>A workload account of an organization has no trail of its own: the alarms on the trail's CloudWatch Logs are
 * the management stack's, on the organization trail's log group. Its AWS Config NON_COMPLIANT changes also go to
 * the security account's topic ({@link SecurityForwarding}): the security account's Config aggregator collects
 * compliance but raises no event for it. GuardDuty and Security Hub findings stay on the local topic only: the
 * detector and hub the delegated administrator enables live in this account and emit its findings here, and the
 * administrator's event feed carries them too ("For administrator accounts, the event feed in EventBridge includes
 * events for findings from both their account and from their member accounts", Security Hub User Guide, "Security
 * Hub event types in EventBridge"), where the security stack's rules page the security team: forwarding them as
 * well would page it twice. Rules in each application account for its team, rules in the delegated administrator
 * for the security team, is AWS's pattern (AWS Prescriptive Guidance, "Manage findings in Security Hub").
 *
 * @param topic       the alert topic
 * @param security    the security-event alarms; empty in a workload account of an organization
 * @param operational the operational alarms
 * @param dashboard   the dashboard over both
 * @param forwarding  the security events sent to the organization's security topic; workload accounts only
 */
public record AlertingWiring(AlertTopic topic, Optional<SecurityAlarms> security, OperationalAlarms operational,
                             OperationsDashboard dashboard, Optional<SecurityForwarding> forwarding) {

    /** The topic every alarm and compliance change notifies. */
    public static AlertTopic topic(Platform platform) {
        return new AlertTopic("alerts", new AlertTopic.Args(platform.naming(),
                platform.settings().alerting().alertEmails(), platform.protect()), platform.opts());
    }

    /** The alarms and the dashboard over what the other domains built. */
    public static AlertingWiring create(Platform platform, AlertTopic topic, AuditWiring audit, EdgeWiring edge,
                                        ComputeWiring compute, DataWiring data, Optional<OrganizationReferences> organization) {
        var naming = platform.naming();
        var security = audit.audit().trailLogGroupName.map(group -> new SecurityAlarms("security-alarms",
                new SecurityAlarms.Args(group, Optional.empty(), Optional.of(new EvidenceNames(naming.account(),
                        platform.settings().project(), naming.namePrefix()).breakGlassRole()),
                        topic.topicArn, naming.namePrefix()), platform.opts()));
        var operational = new OperationalAlarms("operational-alarms", new OperationalAlarms.Args(topic.topicArn,
                naming.namePrefix(), platform.settings().alerting().thresholds(), new OperationalAlarms.Watched(
                Optional.of(edge.watched()), compute.watchedService(),
                Optional.of(new OperationalAlarms.Database(Output.of(data.database().identifier))),
                compute.watchedGroup())), platform.opts());
        // Findings of the detection services reach people through the same topic.
        new FindingAlerts("findings", new FindingAlerts.Args(naming.namePrefix(), topic.topicArn,
                platform.settings().alerting().guardDutyMinSeverity()), platform.opts());
        var dashboard = new OperationsDashboard("operations", new OperationsDashboard.Args(naming,
                security.map(s -> s.alarmArns).orElse(Map.of()), operational.panels), platform.opts());
        var forwarding = organization.flatMap(OrganizationReferences::security).map(sec -> new SecurityForwarding(
                "security-events", new SecurityForwarding.Args(naming, platform.settings().organization().securityAccountId(),
                sec.topicArn(), Map.of("config-noncompliant", audit.audit().alertEventRuleName)), platform.opts()));
        return new AlertingWiring(topic, security, operational, dashboard, forwarding);
    }

    public void export(Context ctx) {
        ctx.export("alertTopicArn", topic.topicArn);
        ctx.export("operationsDashboardName", Output.of(dashboard.dashboardName));
        ctx.export("operationsDashboardUrl", Output.of(dashboard.dashboardUrl));
    }
}
