package hipaa.alerting;

import com.pulumi.aws.cloudwatch.LogMetricFilter;
import com.pulumi.aws.cloudwatch.LogMetricFilterArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.inputs.LogMetricFilterMetricTransformationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.alerting.SecurityEvents.SecurityEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A metric filter and an alarm for every {@link SecurityEvents security event}, reading the trail's log
 * group (and the bastion's SSH log group when the stack has one).
 *
 * <p>Children, per event id (see {@link SecurityEvents#trail}): {@code <name>-<id>-filter} (metric filter
 * {@code <prefix>-<id>} incrementing {@code <prefix>/SecurityEvents <metricName>} by 1) and
 * {@code <name>-<id>} (alarm {@code <prefix>-<id>}). The bastion adds {@code bastion-ssh-failures}; a
 * break-glass role adds {@code break-glass-used}.
 *
 * <p>Fixed posture: statistic Sum over {@value SecurityEvents#PERIOD_SECONDS} s, one evaluation period,
 * greater than or equal to the event's threshold; missing data is not breaching (no matching event is the
 * normal state, not a failure); alarm, OK and insufficient-data actions all notify the alert topic, so an
 * alarm both reaches a person and tells them when it cleared. The namespace carries the stack prefix so two
 * stacks in one account never add up each other's events. Supports 164.308(a)(1)(ii)(D),
 * 164.308(a)(5)(ii)(C) (log-in monitoring), 164.308(a)(6)(ii) and 164.312(b) (audit controls).
 */
public final class SecurityAlarms extends ComponentResource {

    public static final String TYPE = "hipaa:alerting:SecurityAlarms";

    /**
     * @param trailLogGroupName   the CloudTrail trail's CloudWatch Logs group
     * @param sshLogGroupName     the bastion's sshd log group, when the stack has a bastion that logs SSH
     * @param breakGlassRoleArn   the break-glass role, when the stack has one: every use raises an alarm
     * @param topicArn            the alert topic
     * @param namePrefix          e.g. {@code hipaa-prod}: names of filters, alarms and the metric namespace
     */
    public record Args(Output<String> trailLogGroupName, Optional<Output<String>> sshLogGroupName,
                       Optional<String> breakGlassRoleArn, Output<String> topicArn, String namePrefix) {
        public Args {
            Objects.requireNonNull(trailLogGroupName, "trailLogGroupName");
            Objects.requireNonNull(sshLogGroupName, "sshLogGroupName");
            Objects.requireNonNull(breakGlassRoleArn, "breakGlassRoleArn");
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(namePrefix, "namePrefix");
        }

        /** The events these arguments watch, in dashboard order. */
        public List<SecurityEvent> events() {
            var out = new ArrayList<>(SecurityEvents.trail(breakGlassRoleArn));
            sshLogGroupName.ifPresent(g -> out.add(SecurityEvents.BASTION_SSH_FAILURES));
            return List.copyOf(out);
        }
    }

    public final String namespace;
    /** Alarm ARNs by event id, in dashboard order. */
    public final Map<String, Output<String>> alarmArns;

    public SecurityAlarms(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        this.namespace = args.namePrefix() + "/SecurityEvents";

        var arns = new LinkedHashMap<String, Output<String>>();
        for (var event : args.events()) {
            var logGroup = switch (event.source()) {
                case TRAIL -> args.trailLogGroupName();
                case BASTION_SSH -> args.sshLogGroupName().orElseThrow();
            };
            var physical = args.namePrefix() + "-" + event.id();
            var filter = new LogMetricFilter(name + "-" + event.id() + "-filter", LogMetricFilterArgs.builder()
                    .name(physical)
                    .logGroupName(logGroup)
                    .pattern(event.pattern())
                    .metricTransformation(LogMetricFilterMetricTransformationArgs.builder()
                            .name(event.metricName())
                            .namespace(namespace)
                            .value("1")
                            .unit("Count")
                            .build())
                    .build(), child);
            var alarm = new MetricAlarm(name + "-" + event.id(), Alarms.notifying(args.topicArn())
                    .name(physical)
                    .alarmDescription(event.description())
                    .namespace(namespace)
                    .metricName(event.metricName())
                    .statistic("Sum")
                    .period(SecurityEvents.PERIOD_SECONDS)
                    .evaluationPeriods(1)
                    .threshold((double) event.threshold())
                    .comparisonOperator("GreaterThanOrEqualToThreshold")
                    .treatMissingData("notBreaching")
                    .tags(Map.of("Name", physical))
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(filter).build());
            arns.put(event.id(), alarm.arn());
        }
        this.alarmArns = java.util.Collections.unmodifiableMap(arns);
        registerOutputs(Map.of("alarmArns", Output.all(List.copyOf(arns.values())), "namespace", Output.of(namespace)));
    }
}
