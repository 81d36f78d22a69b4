package hipaa.alerting;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.pulumi.core.Output;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.testing.Components;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard built from real alarm components: every alarm's state is on it, every operational alarm's graph too. */
class OperationsDashboardTest {

    static final Naming PROD = new Naming("hipaa-prod", new AwsAccount("aws", "us-east-1", "123456789012"));

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:hipaa-prod-alerts";
    static final String DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";

    private static JsonObject body(hipaa.offline.OfflineRun.Result run) {
        var d = run.named(DASHBOARD, "operations-dashboard");
        assertThat(d.inputs()).containsEntry("dashboardName", "hipaa-prod-operations");
        return JsonParser.parseString((String) d.inputs().get("dashboardBody")).getAsJsonObject();
    }

    private static List<String> strings(com.google.gson.JsonArray a) {
        var out = new ArrayList<String>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    @Test
    void showsEverySecurityAndOperationalAlarmStateAndAGraphPerOperationalAlarm() {
        var run = Components.run(opts -> {
            var security = new SecurityAlarms("security-alarms", new SecurityAlarms.Args(Output.of("/hipaa-prod/audit/cloudtrail"),
                    Optional.empty(), Optional.empty(), Output.of(TOPIC), "hipaa-prod"), opts);
            var ops = new OperationalAlarms("ops-alarms", new OperationalAlarms.Args(Output.of(TOPIC), "hipaa-prod",
                    OperationalAlarmsTest.THRESHOLDS, new OperationalAlarms.Watched(Optional.empty(), Optional.empty(),
                    Optional.of(new OperationalAlarms.Database(Output.of("hipaa-prod-db"))), Optional.empty())), opts);
            new OperationsDashboard("operations", new OperationsDashboard.Args(PROD,
                    security.alarmArns, ops.panels), opts);
        });
        var widgets = body(run).getAsJsonArray("widgets");
        var alarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:hipaa-prod-";
        var securityArns = SecurityEvents.trail(Optional.empty()).stream().map(e -> alarmArn + e.id()).toList();
        var opsArns = List.of(alarmArn + "rds-cpu", alarmArn + "rds-free-storage", alarmArn + "rds-connections");

        assertThat(widgets).hasSize(1 + 2 + 3);
        assertThat(widgets.get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("text");

        var securityStatus = widgets.get(1).getAsJsonObject();
        assertThat(securityStatus.get("type").getAsString()).isEqualTo("alarm");
        assertThat(securityStatus.getAsJsonObject("properties").get("title").getAsString()).isEqualTo("Security alarms");
        assertThat(strings(securityStatus.getAsJsonObject("properties").getAsJsonArray("alarms"))).containsExactlyElementsOf(securityArns);

        var opsStatus = widgets.get(2).getAsJsonObject().getAsJsonObject("properties");
        assertThat(opsStatus.get("title").getAsString()).isEqualTo("Operational alarms");
        assertThat(strings(opsStatus.getAsJsonArray("alarms"))).containsExactlyElementsOf(opsArns);

        var titles = List.of("Database CPU", "Database free storage", "Database connections");
        for (int i = 0; i < 3; i++) {
            var graph = widgets.get(3 + i).getAsJsonObject();
            assertThat(graph.get("type").getAsString()).isEqualTo("metric");
            var p = graph.getAsJsonObject("properties");
            assertThat(p.get("title").getAsString()).isEqualTo(titles.get(i));
            assertThat(p.get("region").getAsString()).isEqualTo("us-east-1");
            assertThat(strings(p.getAsJsonObject("annotations").getAsJsonArray("alarms"))).containsExactly(opsArns.get(i));
        }
    }

    @Test
    void leavesOutAnEmptyStatusWidget() {
        var arns = new LinkedHashMap<String, Output<String>>();
        arns.put("root-activity", Output.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:hipaa-prod-root-activity"));
        var run = Components.run(opts -> new OperationsDashboard("operations", new OperationsDashboard.Args(PROD, arns, List.of()), opts));
        var widgets = body(run).getAsJsonArray("widgets");
        assertThat(widgets).hasSize(2);
        assertThat(widgets.get(1).getAsJsonObject().getAsJsonObject("properties").get("title").getAsString())
                .isEqualTo("Security alarms");
    }

    @Test
    void linksToTheDashboardInTheRightConsole() {
        assertThat(OperationsDashboard.consoleUrl("aws", "us-west-2", "hipaa-dev-operations")).isEqualTo(
                "https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#dashboards/dashboard/hipaa-dev-operations");
        assertThat(OperationsDashboard.consoleUrl("aws-us-gov", "us-gov-west-1", "hipaa-prod-operations")).isEqualTo(
                "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#dashboards/dashboard/hipaa-prod-operations");
    }

    @Test
    void refusesADashboardWithNoAlarms() {
        assertThatThrownBy(() -> new OperationsDashboard.Args(PROD, new LinkedHashMap<>(), List.of()))
                .hasMessage("a dashboard with no alarms shows nothing: give security alarms or panels");
    }
}
