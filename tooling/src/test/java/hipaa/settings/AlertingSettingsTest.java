package hipaa.settings;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerting and account keys: every bad value stops the program before anything is registered and
 * says which key, what was found and what is allowed.
 */
class AlertingSettingsTest {

    private static OfflineRun.Result run(String stack, Map<String, String> overrides) {
        return OfflineRun.run(Stacks.with(stack, overrides), false, App::stack);
    }

    private static void assertRejected(OfflineRun.Result run, String problemLine) {
        assertThat(run.result().exitCode()).isNotZero();
        assertThat(String.join("\n", run.result().errors())).contains("  - " + problemLine + "\n");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void prodRejectsAnInvalidAlertEmailAndRegistersNothing() {
        var run = run("prod", Map.of("hipaa:alertEmails", "[\"security-alerts@example.com\",\"not-an-address\"]"));
        assertRejected(run, "hipaa:alertEmails: found [\"security-alerts@example.com\",\"not-an-address\"]; a list of up to 20 "
                + "email addresses such as security-alerts@example.com; not valid: not-an-address");
        // The unreadable list is not reported a second time as empty.
        assertThat(String.join("\n", run.result().errors())).doesNotContain("prod stacks need at least one address");
    }

    @Test
    void prodRejectsAnEmptySubscriptionListAndRegistersNothing() {
        assertRejected(run("prod", Map.of("hipaa:alertEmails", "[]")),
                "hipaa:alertEmails: found []; prod stacks need at least one address: an alarm nobody receives protects "
                        + "nothing; add the security team's address, e.g. [security-alerts@example.com]");
    }

    @Test
    void prodRejectsAMissingSubscriptionListToo() {
        var overrides = new HashMap<String, String>();
        overrides.put("hipaa:alertEmails", null);
        assertRejected(run("prod", overrides), "hipaa:alertEmails: found []; prod stacks need at least one address: an alarm "
                + "nobody receives protects nothing; add the security team's address, e.g. [security-alerts@example.com]");
    }

    @Test
    void devMayRunWithoutSubscribers() {
        var run = run("dev", Map.of("hipaa:alertEmails", "[]"));
        assertThat(run.succeeded()).as(run::failure).isTrue();
    }

    @Test
    void theSameAddressTwiceIsRejectedWhateverItsCase() {
        assertRejected(run("dev", Map.of("hipaa:alertEmails", "[\"ops@example.com\",\"OPS@example.com\"]")),
                "hipaa:alertEmails: found [ops@example.com, OPS@example.com]; lists OPS@example.com twice; list each address once");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "alarmAlb5xxCount|0|an integer from 1 to 100000",
            "alarmTargetResponseTimeMs|10|an integer from 50 to 60000",
            "alarmEcsCpuPercent|101|an integer from 10 to 100",
            "alarmEcsMemoryPercent|five|an integer from 10 to 100",
            "alarmRdsCpuPercent|5|an integer from 10 to 100",
            "alarmRdsFreeStorageGiB|0|an integer from 1 to 65536",
            "alarmRdsConnections|-1|an integer from 1 to 100000",
            "manageAccountBaseline|yes|true or false",
    })
    void rejectsABadValue(String key, String value, String allowed) {
        assertRejected(run("dev", Map.of("hipaa:" + key, value)), "hipaa:" + key + ": found \"" + value + "\"; " + allowed);
    }

    @Test
    void readsTheStackFilesValues() {
        assertThat(Stacks.settings("prod").alerting().alertEmails()).containsExactly("security-alerts@example.com");
        assertThat(Stacks.settings("dev").alerting().alertEmails()).isEmpty();
        var t = Stacks.settings("prod").alerting().thresholds();
        assertThat(t).isEqualTo(new hipaa.alerting.OperationalAlarms.Thresholds(10, 1000, 80, 80, 80, 10, 100));
        assertThat(Stacks.settings("prod").account().manageAccountBaseline()).isTrue();
    }
}
