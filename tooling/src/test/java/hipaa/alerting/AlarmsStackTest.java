package hipaa.alerting;

import hipaa.identity.AwsAccount;
import hipaa.identity.EvidenceNames;
import hipaa.offline.OfflineEngine;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The alarms of every real stack, wired to the real trail, database and topic. */
class AlarmsStackTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everySecurityAlarmWatchesTheTrailAndReachesTheTopicBothWays(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var topic = run.named("aws:sns/topic:Topic", "alerts-topic").arn().orElseThrow();
        var account = new AwsAccount(s.partition(), s.region(), OfflineEngine.ACCOUNT_ID);
        SecurityAlarmChecks.assertEveryAlarm(run, "security-alarms", s.namePrefix(), topic,
                "/" + s.namePrefix() + "/cloudtrail", Optional.empty(),
                Optional.of(new EvidenceNames(account, s.project(), s.namePrefix()).breakGlassRole()));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theDatabaseAlarmsWatchTheRealInstanceAndTheDashboardShowsEveryAlarm(String stack) {
        var run = Stacks.run(stack);
        var identifier = run.named("aws:rds/instance:Instance", "db-instance").string("identifier").orElseThrow();
        var rdsAlarms = run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                .filter(a -> a.name().startsWith("operational-alarms-rds-")).toList();
        assertThat(rdsAlarms).extracting(a -> a.name()).containsExactlyInAnyOrder(
                "operational-alarms-rds-connections", "operational-alarms-rds-cpu", "operational-alarms-rds-free-storage");
        assertThat(rdsAlarms).allSatisfy(a -> assertThat(a.map("dimensions")).containsEntry("DBInstanceIdentifier", identifier));

        var body = run.ofType("aws:cloudwatch/dashboard:Dashboard").get(0).string("dashboardBody").orElseThrow();
        run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                .filter(a -> a.parent().map(p -> p.name().endsWith("alarms")).orElse(false))
                .forEach(a -> assertThat(body).as(a.name()).contains(a.arn().orElseThrow()));
        assertThat(run.outputs().get("operationsDashboardName").value()).isEqualTo(Stacks.settings(stack).namePrefix() + "-operations");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void loadBalancerAndServiceAlarmsWatchTheRealAlbAndCluster(String stack) {
        var run = Stacks.run(stack);
        var alarms = run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        var albAlarms = alarms.stream().filter(a -> a.name().startsWith("operational-alarms-alb-")).toList();
        assertThat(albAlarms).isNotEmpty().allSatisfy(a ->
                assertThat(String.valueOf(a.map("dimensions").get("LoadBalancer"))).isNotBlank().isNotEqualTo("null"));
        if (Stacks.settings(stack).app().fargate().enabled()) {
            assertThat(alarms.stream().filter(a -> a.name().startsWith("operational-alarms-ecs-")))
                    .extracting(a -> a.name()).containsExactlyInAnyOrder("operational-alarms-ecs-cpu", "operational-alarms-ecs-memory");
        }
        assertThat(alarms.stream().anyMatch(a -> a.name().equals("operational-alarms-asg-in-service")))
                .isEqualTo(Stacks.settings(stack).app().ec2().enabled());
    }
}
