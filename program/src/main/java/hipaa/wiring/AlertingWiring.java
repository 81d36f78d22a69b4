package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.alerting.AlertTopic;
import hipaa.alerting.FindingAlerts;
import hipaa.alerting.OperationalAlarms;
import hipaa.alerting.OperationsDashboard;
import hipaa.alerting.SecurityAlarms;
import hipaa.identity.EvidenceNames;

import java.util.Optional;

/**
 * Alarms that reach people: the alert topic first (the access hosts and the Config rules notify it), then,
 * once everything they watch exists, security events from the trail (the bastion raises its own SSH alarm),
 * operational alarms for what this stack runs, the detection services' findings, and one dashboard over the alarms.
 *
 * @param topic       the alert topic
 * @param security    the security-event alarms
 * @param operational the operational alarms
 * @param dashboard   the dashboard over both
 */
public record AlertingWiring(AlertTopic topic, SecurityAlarms security, OperationalAlarms operational,
                             OperationsDashboard dashboard) {

    /** The topic every alarm and compliance change notifies. */
    public static AlertTopic topic(Platform platform) {
        return new AlertTopic("alerts", new AlertTopic.Args(platform.naming(),
                platform.settings().alerting().alertEmails(), platform.protect()), platform.opts());
    }

    /** The alarms and the dashboard over what the other domains built. */
    public static AlertingWiring create(Platform platform, AlertTopic topic, AuditWiring audit, EdgeWiring edge,
                                        ComputeWiring compute, DataWiring data) {
        var naming = platform.naming();
        var security = new SecurityAlarms("security-alarms", new SecurityAlarms.Args(audit.audit().trailLogGroupName,
                Optional.empty(), Optional.of(new EvidenceNames(naming.account(), platform.settings().project(), naming.namePrefix()).breakGlassRole()),
                topic.topicArn, naming.namePrefix()), platform.opts());
        var operational = new OperationalAlarms("operational-alarms", new OperationalAlarms.Args(topic.topicArn,
                naming.namePrefix(), platform.settings().alerting().thresholds(), new OperationalAlarms.Watched(
                Optional.of(edge.watched()), compute.watchedService(),
                Optional.of(new OperationalAlarms.Database(Output.of(data.database().identifier))),
                compute.watchedGroup())), platform.opts());
        // Findings of the detection services reach people through the same topic.
        new FindingAlerts("findings", new FindingAlerts.Args(naming.namePrefix(), topic.topicArn,
                platform.settings().alerting().guardDutyMinSeverity()), platform.opts());
        var dashboard = new OperationsDashboard("operations", new OperationsDashboard.Args(naming,
                security.alarmArns, operational.panels), platform.opts());
        return new AlertingWiring(topic, security, operational, dashboard);
    }

    public void export(Context ctx) {
        ctx.export("alertTopicArn", topic.topicArn);
        ctx.export("operationsDashboardName", Output.of(dashboard.dashboardName));
        ctx.export("operationsDashboardUrl", Output.of(dashboard.dashboardUrl));
    }
}
