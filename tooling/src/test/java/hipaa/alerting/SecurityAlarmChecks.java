package hipaa.alerting;

import hipaa.alerting.SecurityEvents.SecurityEvent;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assertions every security alarm must pass, shared by the component test and (once the trail is in
 * the stack) the whole-stack test: for each expected event, a metric filter on the right log group with
 * exactly the catalogue's pattern and metric, and an alarm on that metric with the catalogue's threshold,
 * a 300 s period, missing data not breaching, and the alert topic on alarm, OK and insufficient data.
 */
public final class SecurityAlarmChecks {
    private SecurityAlarmChecks() {}

    public static final String FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
    public static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

    /**
     * @param component      the SecurityAlarms component's name
     * @param prefix         the stack's physical prefix
     * @param topicArn       the alert topic every action must name
     * @param trailLogGroup  the trail's log group name
     * @param sshLogGroup    the bastion's SSH log group, when there is one
     * @param breakGlassRole the break-glass role ARN, when there is one
     */
    public static void assertEveryAlarm(OfflineRun.Result run, String component, String prefix, String topicArn,
                                        String trailLogGroup, Optional<String> sshLogGroup, Optional<String> breakGlassRole) {
        var expected = new java.util.ArrayList<>(SecurityEvents.trail(breakGlassRole));
        sshLogGroup.ifPresent(g -> expected.add(SecurityEvents.BASTION_SSH_FAILURES));
        var namespace = prefix + "/SecurityEvents";

        var filters = children(run, component, FILTER);
        var alarms = children(run, component, ALARM);
        assertThat(filters).extracting(RecordedResource::name)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(e -> component + "-" + e.id() + "-filter").toList());
        assertThat(alarms).extracting(RecordedResource::name)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(e -> component + "-" + e.id()).toList());

        for (SecurityEvent e : expected) {
            var filter = run.named(FILTER, component + "-" + e.id() + "-filter");
            var logGroup = e.source() == SecurityEvents.Source.TRAIL ? trailLogGroup : sshLogGroup.orElseThrow();
            assertThat(filter.inputs()).as(e.id())
                    .containsEntry("name", prefix + "-" + e.id())
                    .containsEntry("logGroupName", logGroup)
                    .containsEntry("pattern", e.pattern());
            assertThat(filter.map("metricTransformation")).as(e.id()).isEqualTo(Map.of(
                    "name", e.metricName(), "namespace", namespace, "value", "1", "unit", "Count"));

            var alarm = run.named(ALARM, component + "-" + e.id());
            assertThat(alarm.inputs()).as(e.id())
                    .containsEntry("name", prefix + "-" + e.id())
                    .containsEntry("namespace", namespace)
                    .containsEntry("metricName", e.metricName())
                    .containsEntry("statistic", "Sum")
                    .containsEntry("period", 300.0)
                    .containsEntry("evaluationPeriods", 1.0)
                    .containsEntry("threshold", (double) e.threshold())
                    .containsEntry("comparisonOperator", "GreaterThanOrEqualToThreshold")
                    .containsEntry("treatMissingData", "notBreaching")
                    .containsEntry("actionsEnabled", true)
                    .containsEntry("alarmActions", List.of(topicArn))
                    .containsEntry("okActions", List.of(topicArn))
                    .containsEntry("insufficientDataActions", List.of(topicArn))
                    .containsEntry("alarmDescription", e.description())
                    .doesNotContainKeys("dimensions", "extendedStatistic");
        }
    }

    static List<RecordedResource> children(OfflineRun.Result run, String parent, String type) {
        return run.resources().stream().filter(r -> r.type().equals(type))
                .filter(r -> r.parent().map(p -> p.name().equals(parent)).orElse(false)).toList();
    }
}
