package hipaa.alerting;

import com.pulumi.core.Output;
import hipaa.offline.OfflineRun;
import hipaa.testing.Components;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static hipaa.alerting.SecurityAlarmChecks.ALARM;
import static hipaa.alerting.SecurityAlarmChecks.FILTER;
import static org.assertj.core.api.Assertions.assertThat;

/** The security alarms built on their own from fixture log groups, as the trail and bastion will hand them over. */
class SecurityAlarmsTest {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:hipaa-prod-alerts";
    static final String TRAIL_GROUP = "/hipaa-prod/audit/cloudtrail";
    static final String SSH_GROUP = "/hipaa-prod/bastion/secure";
    static final String BREAK_GLASS = "arn:aws:iam::123456789012:role/hipaa-prod-break-glass";

    private static OfflineRun.Result build(Optional<String> ssh, Optional<String> breakGlass) {
        return Components.run(opts -> new SecurityAlarms("security-alarms", new SecurityAlarms.Args(
                Output.of(TRAIL_GROUP), ssh.map(Output::of), breakGlass, Output.of(TOPIC), "hipaa-prod"), opts));
    }

    @Test
    void everyTrailEventHasAFilterAndAnAlarmThatReachesTheTopicAndClears() {
        var run = build(Optional.empty(), Optional.empty());
        SecurityAlarmChecks.assertEveryAlarm(run, "security-alarms", "hipaa-prod", TOPIC, TRAIL_GROUP,
                Optional.empty(), Optional.empty());
        assertThat(run.ofType(ALARM)).hasSize(15);
        assertThat(run.ofType(FILTER)).hasSize(15);
    }

    @Test
    void theBastionAndTheBreakGlassRoleAddTheirAlarms() {
        var run = build(Optional.of(SSH_GROUP), Optional.of(BREAK_GLASS));
        SecurityAlarmChecks.assertEveryAlarm(run, "security-alarms", "hipaa-prod", TOPIC, TRAIL_GROUP,
                Optional.of(SSH_GROUP), Optional.of(BREAK_GLASS));
        assertThat(run.ofType(ALARM)).hasSize(17);
        assertThat(run.named(FILTER, "security-alarms-bastion-ssh-failures-filter").inputs())
                .containsEntry("logGroupName", SSH_GROUP)
                .containsEntry("pattern", "?\"Failed password\" ?\"Invalid user\"");
        assertThat(run.named(ALARM, "security-alarms-bastion-ssh-failures").inputs()).containsEntry("threshold", 5.0);
        assertThat((String) run.named(FILTER, "security-alarms-break-glass-used-filter").inputs().get("pattern"))
                .contains("($.requestParameters.roleArn = \"" + BREAK_GLASS + "\")");
    }

    @Test
    void seedAlarmsKeepTheQuickStartsMetricNamesAndThresholds() {
        var run = build(Optional.empty(), Optional.empty());
        assertThat(run.named(ALARM, "security-alarms-unauthorized-api-calls").inputs())
                .containsEntry("metricName", "UnauthorizedAttemptCount").containsEntry("threshold", 5.0);
        assertThat(run.named(ALARM, "security-alarms-root-activity").inputs())
                .containsEntry("metricName", "RootUserEventCount").containsEntry("threshold", 1.0);
        assertThat(run.named(FILTER, "security-alarms-new-access-key-filter").inputs())
                .containsEntry("pattern", "{ ($.eventName = CreateAccessKey) }");
    }
}
