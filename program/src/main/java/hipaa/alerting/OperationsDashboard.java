package hipaa.alerting;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.pulumi.aws.cloudwatch.Dashboard;
import com.pulumi.aws.cloudwatch.DashboardArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import hipaa.identity.Naming;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stack at a glance: one CloudWatch dashboard with the state of every alarm and the graph behind
 * each operational alarm, its threshold drawn on it.
 *
 * <p>Children: {@code <name>-dashboard} (dashboard {@code <prefix>-operations}). Its body, built as JSON
 * data: a text header; an alarm-status widget "Security alarms" with every security alarm; an
 * alarm-status widget "Operational alarms"; then one graph per operational alarm (a metric widget
 * annotated with that alarm, so the metric, statistic, period and threshold come from the alarm itself
 * and cannot drift from it). A widget with no alarms is left out. Supports 164.308(a)(1)(ii)(D)
 * (information system activity review).
 */
public final class OperationsDashboard extends ComponentResource {

    public static final String TYPE = "hipaa:alerting:OperationsDashboard";

    /**
     * @param naming            the name prefix (dashboard {@code <prefix>-operations}), the Region graphs and the
     *                          console link name, the partition whose console the link opens
     * @param securityAlarmArns security alarms by id, in the order shown
     * @param panels            operational alarms, in the order shown
     */
    public record Args(Naming naming, Map<String, Output<String>> securityAlarmArns, List<OperationalAlarms.Panel> panels) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            securityAlarmArns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(securityAlarmArns));
            panels = List.copyOf(panels);
            if (securityAlarmArns.isEmpty() && panels.isEmpty()) {
                throw new IllegalArgumentException("a dashboard with no alarms shows nothing: give security alarms or panels");
            }
        }
    }

    public final String dashboardName;
    public final String dashboardUrl;

    public OperationsDashboard(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        this.dashboardName = args.naming().namePrefix() + "-operations";
        this.dashboardUrl = consoleUrl(args.naming().account().partition(), args.naming().account().region(), dashboardName);

        var security = List.copyOf(args.securityAlarmArns().values());
        var operational = args.panels().stream().map(OperationalAlarms.Panel::arn).toList();
        var all = new ArrayList<Output<String>>(security);
        all.addAll(operational);
        var body = Output.all(all).applyValue(arns -> body(args,
                arns.subList(0, security.size()), arns.subList(security.size(), arns.size())));

        new Dashboard(name + "-dashboard", DashboardArgs.builder()
                .dashboardName(dashboardName)
                .dashboardBody(body)
                .build(), CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of("dashboardName", Output.of(dashboardName), "dashboardUrl", Output.of(dashboardUrl)));
    }

    /** The console link of a dashboard; GovCloud has its own console host. */
    public static String consoleUrl(String partition, String region, String dashboardName) {
        var host = "aws-us-gov".equals(partition) ? "console.amazonaws-us-gov.com" : region + ".console.aws.amazon.com";
        return "https://" + host + "/cloudwatch/home?region=" + region + "#dashboards/dashboard/" + dashboardName;
    }

    static String body(Args args, List<String> securityArns, List<String> operationalArns) {
        var widgets = new JsonArray();
        var header = new JsonObject();
        header.addProperty("type", "text");
        header.addProperty("width", 24);
        header.addProperty("height", 2);
        var text = new JsonObject();
        text.addProperty("markdown", "# " + args.naming().namePrefix() + " operations\nEvery alarm below notifies the "
                + args.naming().namePrefix() + "-alerts topic when it fires and when it clears.");
        header.add("properties", text);
        widgets.add(header);
        if (!securityArns.isEmpty()) {
            widgets.add(alarmStatus("Security alarms", securityArns));
        }
        if (!operationalArns.isEmpty()) {
            widgets.add(alarmStatus("Operational alarms", operationalArns));
        }
        for (int i = 0; i < operationalArns.size(); i++) {
            var graph = new JsonObject();
            graph.addProperty("type", "metric");
            graph.addProperty("width", 8);
            graph.addProperty("height", 6);
            var p = new JsonObject();
            p.addProperty("title", args.panels().get(i).title());
            p.addProperty("region", args.naming().account().region());
            p.addProperty("view", "timeSeries");
            p.addProperty("stacked", false);
            var annotations = new JsonObject();
            annotations.add("alarms", strings(List.of(operationalArns.get(i))));
            p.add("annotations", annotations);
            graph.add("properties", p);
            widgets.add(graph);
        }
        var root = new JsonObject();
        root.add("widgets", widgets);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(root);
    }

    private static JsonObject alarmStatus(String title, List<String> arns) {
        var w = new JsonObject();
        w.addProperty("type", "alarm");
        w.addProperty("width", 24);
        w.addProperty("height", Math.max(3, 2 + (arns.size() + 3) / 4));
        var p = new JsonObject();
        p.addProperty("title", title);
        p.add("alarms", strings(arns));
        // Alarms in ALARM first, then the most recently changed: what needs a person is on top.
        p.addProperty("sortBy", "stateUpdatedTimestamp");
        w.add("properties", p);
        return w;
    }

    private static JsonArray strings(List<String> values) {
        var a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
