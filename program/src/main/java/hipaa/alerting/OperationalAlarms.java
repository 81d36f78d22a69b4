package hipaa.alerting;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Alarms on the health of the application and data tiers: whatever of them the stack has.
 *
 * <p>Children (alarm {@code <prefix>-<id>} each): with a load balancer {@code <name>-alb-target-5xx},
 * {@code <name>-alb-elb-5xx}, {@code <name>-alb-target-response-time}, {@code <name>-alb-unhealthy-hosts};
 * with an ECS service {@code <name>-ecs-cpu}, {@code <name>-ecs-memory}; with a database
 * {@code <name>-rds-cpu}, {@code <name>-rds-free-storage}, {@code <name>-rds-connections}; with an Auto
 * Scaling group {@code <name>-asg-in-service}.
 *
 * <p>Fixed posture: every alarm notifies the alert topic when it fires, clears or loses data. Error counts
 * and latency treat missing data as not breaching (no requests, no errors); utilisation alarms keep their
 * state through gaps (missing) so a restart does not page twice; the Auto Scaling alarm treats missing
 * data as breaching, because an empty group reports nothing. Thresholds come from the settings. Supports
 * 164.308(a)(7)(ii)(B) and (C) (disaster recovery and emergency mode: knowing the system is failing)
 * and 164.312(b).
 */
public final class OperationalAlarms extends ComponentResource {

    public static final String TYPE = "hipaa:alerting:OperationalAlarms";

    /** Alarm thresholds, validated by the settings. */
    public record Thresholds(int alb5xxCount, int targetResponseTimeMs, int ecsCpuPercent, int ecsMemoryPercent,
                             int rdsCpuPercent, int rdsFreeStorageGiB, int rdsConnections) {}

    /** An Application Load Balancer and its target group, by the {@code arnSuffix} CloudWatch names them with. */
    public record LoadBalancer(Output<String> loadBalancerArnSuffix, Output<String> targetGroupArnSuffix) {}

    public record EcsService(Output<String> clusterName, Output<String> serviceName) {}

    public record Database(Output<String> instanceIdentifier) {}

    /** @param minInService fewer in-service instances than this for five minutes is an outage in the making */
    public record AutoScalingGroup(Output<String> groupName, int minInService) {}

    /**
     * What the stack runs that the alarms watch; at least one.
     *
     * @param loadBalancer     the load balancer and the target group its latency and health alarms read
     * @param ecsService       the Fargate service
     * @param database         the database
     * @param autoScalingGroup the EC2 application group
     */
    public record Watched(Optional<LoadBalancer> loadBalancer, Optional<EcsService> ecsService,
                          Optional<Database> database, Optional<AutoScalingGroup> autoScalingGroup) {
        public Watched {
            if (loadBalancer.isEmpty() && ecsService.isEmpty() && database.isEmpty() && autoScalingGroup.isEmpty()) {
                throw new IllegalArgumentException("nothing to watch: give at least one of loadBalancer, ecsService, database, autoScalingGroup");
            }
        }
    }

    /**
     * @param topicArn   the alert topic
     * @param namePrefix e.g. {@code hipaa-prod}: alarm names
     * @param thresholds from the settings
     * @param watched    what the alarms watch
     */
    public record Args(Output<String> topicArn, String namePrefix, Thresholds thresholds, Watched watched) {
        public Args {
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(thresholds, "thresholds");
            Objects.requireNonNull(watched, "watched");
        }
    }

    /**
     * One alarm as the dashboard shows it.
     *
     * @param id    stable identity (child and alarm name suffix)
     * @param title widget title
     * @param arn   the alarm
     */
    public record Panel(String id, String title, Output<String> arn) {}

    private static final long GIB = 1024L * 1024L * 1024L;

    public final List<Panel> panels;

    public OperationalAlarms(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var t = args.thresholds();
        var specs = new ArrayList<Spec>();
        args.watched().loadBalancer().ifPresent(lb -> {
            var both = Map.of("LoadBalancer", lb.loadBalancerArnSuffix(), "TargetGroup", lb.targetGroupArnSuffix());
            specs.add(new Spec("alb-target-5xx", "Targets' 5xx responses", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count",
                    "Sum", Map.of("LoadBalancer", lb.loadBalancerArnSuffix()), ">=", t.alb5xxCount(), 300, 1, "notBreaching",
                    "The application returned " + t.alb5xxCount() + " or more 5xx responses in five minutes."));
            specs.add(new Spec("alb-elb-5xx", "Load balancer's own 5xx responses", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count",
                    "Sum", Map.of("LoadBalancer", lb.loadBalancerArnSuffix()), ">=", t.alb5xxCount(), 300, 1, "notBreaching",
                    "The load balancer answered " + t.alb5xxCount() + " or more requests with 5xx itself: no healthy target or a target timed out."));
            specs.add(new Spec("alb-target-response-time", "Target response time (p95)", "AWS/ApplicationELB", "TargetResponseTime",
                    "p95", both, ">", t.targetResponseTimeMs() / 1000.0, 300, 3, "notBreaching",
                    "95th-percentile response time above " + t.targetResponseTimeMs() + " ms for 15 minutes."));
            specs.add(new Spec("alb-unhealthy-hosts", "Unhealthy targets", "AWS/ApplicationELB", "UnHealthyHostCount",
                    "Maximum", both, ">=", 1, 60, 5, "notBreaching",
                    "At least one target failed its health checks for five minutes."));
        });
        args.watched().ecsService().ifPresent(ecs -> {
            var dims = Map.of("ClusterName", ecs.clusterName(), "ServiceName", ecs.serviceName());
            specs.add(new Spec("ecs-cpu", "ECS service CPU", "AWS/ECS", "CPUUtilization", "Average", dims, ">",
                    t.ecsCpuPercent(), 300, 3, "missing",
                    "The ECS service averaged more than " + t.ecsCpuPercent() + "% CPU for 15 minutes."));
            specs.add(new Spec("ecs-memory", "ECS service memory", "AWS/ECS", "MemoryUtilization", "Average", dims, ">",
                    t.ecsMemoryPercent(), 300, 3, "missing",
                    "The ECS service averaged more than " + t.ecsMemoryPercent() + "% memory for 15 minutes."));
        });
        args.watched().database().ifPresent(db -> {
            var dims = Map.of("DBInstanceIdentifier", db.instanceIdentifier());
            specs.add(new Spec("rds-cpu", "Database CPU", "AWS/RDS", "CPUUtilization", "Average", dims, ">",
                    t.rdsCpuPercent(), 300, 3, "missing",
                    "The database averaged more than " + t.rdsCpuPercent() + "% CPU for 15 minutes."));
            specs.add(new Spec("rds-free-storage", "Database free storage", "AWS/RDS", "FreeStorageSpace", "Minimum", dims, "<",
                    (double) (t.rdsFreeStorageGiB() * GIB), 300, 1, "missing",
                    "The database has less than " + t.rdsFreeStorageGiB() + " GiB of free storage."));
            specs.add(new Spec("rds-connections", "Database connections", "AWS/RDS", "DatabaseConnections", "Maximum", dims, ">",
                    t.rdsConnections(), 300, 2, "missing",
                    "The database held more than " + t.rdsConnections() + " connections for ten minutes."));
        });
        args.watched().autoScalingGroup().ifPresent(asg -> specs.add(new Spec("asg-in-service", "Instances in service",
                "AWS/AutoScaling", "GroupInServiceInstances", "Minimum", Map.of("AutoScalingGroupName", asg.groupName()), "<",
                asg.minInService(), 60, 5, "breaching",
                "Fewer than " + asg.minInService() + " instances were in service for five minutes (the group must publish group metrics).")));

        var out = new ArrayList<Panel>();
        for (var s : specs) {
            var physical = args.namePrefix() + "-" + s.id;
            var builder = Alarms.notifying(args.topicArn())
                    .name(physical)
                    .alarmDescription(s.description)
                    .namespace(s.namespace)
                    .metricName(s.metric)
                    .dimensions(dimensions(s.dimensions))
                    .period(s.periodSeconds)
                    .evaluationPeriods(s.evaluationPeriods)
                    .datapointsToAlarm(s.evaluationPeriods)
                    .threshold(s.threshold)
                    .comparisonOperator(comparison(s.comparison))
                    .treatMissingData(s.missing)
                    .tags(Map.of("Name", physical));
            if (s.statistic.startsWith("p")) {
                builder.extendedStatistic(s.statistic);
            } else {
                builder.statistic(s.statistic);
            }
            var alarm = new MetricAlarm(name + "-" + s.id, builder.build(), CustomResourceOptions.builder().parent(this).build());
            out.add(new Panel(s.id, s.title, alarm.arn()));
        }
        this.panels = List.copyOf(out);
        registerOutputs(Map.of("alarmArns", Output.all(panels.stream().map(Panel::arn).toList())));
    }

    private record Spec(String id, String title, String namespace, String metric, String statistic,
                        Map<String, Output<String>> dimensions, String comparison, double threshold, int periodSeconds,
                        int evaluationPeriods, String missing, String description) {}

    private static String comparison(String symbol) {
        return switch (symbol) {
            case ">" -> "GreaterThanThreshold";
            case ">=" -> "GreaterThanOrEqualToThreshold";
            case "<" -> "LessThanThreshold";
            default -> throw new IllegalArgumentException(symbol);
        };
    }

    /** Dimension values are outputs of other components; resolve them into one map in a stable key order. */
    private static Output<Map<String, String>> dimensions(Map<String, Output<String>> dims) {
        var keys = dims.keySet().stream().sorted().toList();
        return Output.all(keys.stream().map(dims::get).toList()).applyValue(values -> {
            var m = new LinkedHashMap<String, String>();
            for (int i = 0; i < keys.size(); i++) {
                m.put(keys.get(i), values.get(i));
            }
            return (Map<String, String>) m;
        });
    }
}
