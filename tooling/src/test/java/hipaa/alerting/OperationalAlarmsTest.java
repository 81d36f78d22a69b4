package hipaa.alerting;

import com.pulumi.core.Output;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Components;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operational alarms from fixture outputs of the application and data tiers, thresholds from settings. */
class OperationalAlarmsTest {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:hipaa-prod-alerts";
    static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    static final OperationalAlarms.Thresholds THRESHOLDS = new OperationalAlarms.Thresholds(7, 1500, 75, 85, 70, 20, 150);

    static final String LB = "app/hipaa-prod-alb/50dc6c495c0c9188";
    static final String TG = "targetgroup/hipaa-prod-app/73e2d6bc24d8a067";

    private static OfflineRun.Result everything() {
        return Components.run(opts -> new OperationalAlarms("ops-alarms", new OperationalAlarms.Args(Output.of(TOPIC),
                "hipaa-prod", THRESHOLDS, new OperationalAlarms.Watched(
                Optional.of(new OperationalAlarms.LoadBalancer(Output.of(LB), Output.of(TG))),
                Optional.of(new OperationalAlarms.EcsService(Output.of("hipaa-prod"), Output.of("app"))),
                Optional.of(new OperationalAlarms.Database(Output.of("hipaa-prod-db"))),
                Optional.of(new OperationalAlarms.AutoScalingGroup(Output.of("hipaa-prod-web"), 2)))), opts));
    }

    /** One alarm's defining inputs, as a row to compare. */
    private static List<Object> row(RecordedResource a) {
        var in = a.inputs();
        return List.of(a.name(), in.get("name"), in.get("namespace"), in.get("metricName"),
                in.getOrDefault("statistic", in.get("extendedStatistic")), in.get("dimensions"), in.get("comparisonOperator"),
                in.get("threshold"), in.get("period"), in.get("evaluationPeriods"), in.get("datapointsToAlarm"),
                in.get("treatMissingData"));
    }

    @Test
    void eachAlarmWatchesItsMetricWithTheConfiguredThreshold() {
        var run = everything();
        var lb = Map.of("LoadBalancer", LB);
        var lbTg = Map.of("LoadBalancer", LB, "TargetGroup", TG);
        var ecs = Map.of("ClusterName", "hipaa-prod", "ServiceName", "app");
        var db = Map.of("DBInstanceIdentifier", "hipaa-prod-db");
        assertThat(run.ofType(ALARM)).extracting(OperationalAlarmsTest::row).containsExactlyInAnyOrder(
                List.of("ops-alarms-alb-target-5xx", "hipaa-prod-alb-target-5xx", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count",
                        "Sum", lb, "GreaterThanOrEqualToThreshold", 7.0, 300.0, 1.0, 1.0, "notBreaching"),
                List.of("ops-alarms-alb-elb-5xx", "hipaa-prod-alb-elb-5xx", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count",
                        "Sum", lb, "GreaterThanOrEqualToThreshold", 7.0, 300.0, 1.0, 1.0, "notBreaching"),
                List.of("ops-alarms-alb-target-response-time", "hipaa-prod-alb-target-response-time", "AWS/ApplicationELB",
                        "TargetResponseTime", "p95", lbTg, "GreaterThanThreshold", 1.5, 300.0, 3.0, 3.0, "notBreaching"),
                List.of("ops-alarms-alb-unhealthy-hosts", "hipaa-prod-alb-unhealthy-hosts", "AWS/ApplicationELB",
                        "UnHealthyHostCount", "Maximum", lbTg, "GreaterThanOrEqualToThreshold", 1.0, 60.0, 5.0, 5.0, "notBreaching"),
                List.of("ops-alarms-ecs-cpu", "hipaa-prod-ecs-cpu", "AWS/ECS", "CPUUtilization", "Average", ecs,
                        "GreaterThanThreshold", 75.0, 300.0, 3.0, 3.0, "missing"),
                List.of("ops-alarms-ecs-memory", "hipaa-prod-ecs-memory", "AWS/ECS", "MemoryUtilization", "Average", ecs,
                        "GreaterThanThreshold", 85.0, 300.0, 3.0, 3.0, "missing"),
                List.of("ops-alarms-rds-cpu", "hipaa-prod-rds-cpu", "AWS/RDS", "CPUUtilization", "Average", db,
                        "GreaterThanThreshold", 70.0, 300.0, 3.0, 3.0, "missing"),
                List.of("ops-alarms-rds-free-storage", "hipaa-prod-rds-free-storage", "AWS/RDS", "FreeStorageSpace", "Minimum", db,
                        "LessThanThreshold", 20.0 * 1024 * 1024 * 1024, 300.0, 1.0, 1.0, "missing"),
                List.of("ops-alarms-rds-connections", "hipaa-prod-rds-connections", "AWS/RDS", "DatabaseConnections", "Maximum",
                        db, "GreaterThanThreshold", 150.0, 300.0, 2.0, 2.0, "missing"),
                List.of("ops-alarms-asg-in-service", "hipaa-prod-asg-in-service", "AWS/AutoScaling", "GroupInServiceInstances",
                        "Minimum", Map.of("AutoScalingGroupName", "hipaa-prod-web"), "LessThanThreshold", 2.0, 60.0, 5.0, 5.0,
                        "breaching"));
    }

    @Test
    void everyAlarmNotifiesTheTopicWhenItFiresClearsOrLosesData() {
        assertThat(everything().ofType(ALARM)).hasSize(10).allSatisfy(a -> assertThat(a.inputs())
                .containsEntry("alarmActions", List.of(TOPIC))
                .containsEntry("okActions", List.of(TOPIC))
                .containsEntry("insufficientDataActions", List.of(TOPIC))
                .containsEntry("actionsEnabled", true));
    }

    @Test
    void onlyTheTiersTheStackHasAreWatched() {
        var run = Components.run(opts -> new OperationalAlarms("ops-alarms", new OperationalAlarms.Args(Output.of(TOPIC),
                "hipaa-dev", THRESHOLDS, new OperationalAlarms.Watched(Optional.empty(), Optional.empty(),
                Optional.of(new OperationalAlarms.Database(Output.of("hipaa-dev-db"))), Optional.empty())), opts));
        assertThat(run.ofType(ALARM)).extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("ops-alarms-rds-cpu", "ops-alarms-rds-free-storage", "ops-alarms-rds-connections");
    }

    @Test
    void refusesToWatchNothing() {
        assertThatThrownBy(() -> new OperationalAlarms.Watched(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()))
                .hasMessage("nothing to watch: give at least one of loadBalancer, ecsService, database, autoScalingGroup");
    }
}
