package hipaa.settings;

import hipaa.App;
import hipaa.data.Engine;
import hipaa.offline.OfflineRun;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The database keys: what the real stack files yield, and every bad value refused with its key, the value
 * found and what is allowed, before any resource exists.
 */
class DatabaseSettingsTest {

    private static List<String> problems(String stack, Map<String, String> overrides) {
        var e = catchThrowableOfType(SettingsException.class,
                () -> Stacks.settings(Stacks.with(stack, overrides)));
        assertThat(e).as("settings with " + overrides).isNotNull();
        return e.problems().stream().map(Problem::render).toList();
    }

    private static Map<String, String> pairs(String... kv) {
        var m = new HashMap<String, String>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void realStackFilesYieldTheirDatabases() {
        var dev = Stacks.settings("dev").database();
        assertThat(dev).isEqualTo(new DatabaseSettings(Engine.POSTGRES, "17", "db.t4g.micro", 20, 50, 7,
                "03:00-04:00", "sun:08:00-sun:09:00", false, "app", "rds-ca-rsa2048-g1", 365, 35, Optional.empty()));
        var prod = Stacks.settings("prod").database();
        assertThat(prod).isEqualTo(new DatabaseSettings(Engine.POSTGRES, "17", "db.m6g.large", 100, 500, 35,
                "03:00-04:00", "sun:08:00-sun:09:00", true, "app", "rds-ca-rsa2048-g1", 365, 35, Optional.empty()));
        assertThat(prod.family()).isEqualTo("postgres17");
    }

    @Test
    void safeDefaultsApplyWhenAStackSetsNothing() {
        var nothing = new HashMap<String, String>();
        for (var key : List.of("dbEngine", "dbEngineVersion", "dbInstanceClass", "dbAllocatedStorageGiB",
                "dbMaxAllocatedStorageGiB", "dbBackupRetentionDays", "dbMultiAz", "backupRetentionDays", "dbLogRetentionDays")) {
            nothing.put("hipaa:" + key, null);
        }
        var db = Stacks.settings(Stacks.with("dev", nothing)).database();
        assertThat(db.multiAz()).isTrue();
        assertThat(db.dbBackupRetentionDays()).isEqualTo(35);
        assertThat(db.backupRetentionDays()).isEqualTo(35);
        assertThat(db.engine()).isEqualTo(Engine.POSTGRES);
        assertThat(db.engineVersion()).isEqualTo("17");
        assertThat(db.logRetentionDays()).isEqualTo(365);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            dbEngine                 | mariadb           | hipaa:dbEngine: found "mariadb"; one of postgres, mysql
            dbEngineVersion          | 14                | hipaa:dbEngineVersion: found "14"; one of 15, 16, 17, 8.4
            dbEngineVersion          | 17.2              | hipaa:dbEngineVersion: found "17.2"; one of 15, 16, 17, 8.4
            dbEngineVersion          | 8.4               | hipaa:dbEngineVersion: found "8.4"; is not a postgres version; with hipaa:dbEngine postgres use one of 15, 16, 17
            dbEngineVersion          | 8.0               | hipaa:dbEngineVersion: found "8.0"; one of 15, 16, 17, 8.4
            dbInstanceClass          | m6g.large         | hipaa:dbInstanceClass: found "m6g.large"; an RDS DB instance class such as db.m6g.large or db.t4g.micro
            dbAllocatedStorageGiB    | 10                | hipaa:dbAllocatedStorageGiB: found "10"; an integer from 20 to 65536
            dbMaxAllocatedStorageGiB | 21                | hipaa:dbMaxAllocatedStorageGiB: found "21"; must be at least 10% above hipaa:dbAllocatedStorageGiB (20), so at least 22, for storage autoscaling to work
            dbBackupRetentionDays    | 0                 | hipaa:dbBackupRetentionDays: found "0"; an integer from 7 to 35
            dbBackupRetentionDays    | 6                 | hipaa:dbBackupRetentionDays: found "6"; an integer from 7 to 35
            dbBackupRetentionDays    | 36                | hipaa:dbBackupRetentionDays: found "36"; an integer from 7 to 35
            backupRetentionDays      | 0                 | hipaa:backupRetentionDays: found "0"; an integer from 7 to 36500
            dbMultiAz                | yes               | hipaa:dbMultiAz: found "yes"; true or false
            dbPubliclyAccessible     | true              | hipaa:dbPubliclyAccessible: found "true"; must be false: the database holds PHI and lives in isolated data subnets with no route to the internet; reach it through the bastion or the VPN
            dbName                   | postgres          | hipaa:dbName: found "postgres"; a lower-case letter, then up to 62 lower-case letters, digits or _; not one of the names the engines reserve (information_schema, mysql, performance_schema, postgres, rdsadmin, sys, template0, template1)
            dbName                   | App-Db            | hipaa:dbName: found "App-Db"; a lower-case letter, then up to 62 lower-case letters, digits or _; not one of the names the engines reserve (information_schema, mysql, performance_schema, postgres, rdsadmin, sys, template0, template1)
            dbCaCertIdentifier       | rds-ca-2019       | hipaa:dbCaCertIdentifier: found "rds-ca-2019"; one of rds-ca-rsa2048-g1, rds-ca-rsa4096-g1, rds-ca-ecc384-g1
            dbLogRetentionDays       | 90                | hipaa:dbLogRetentionDays: found "90"; one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653
            dbBackupWindow           | 3am-4am           | hipaa:dbBackupWindow: found "3am-4am"; a daily UTC window hh:mm-hh:mm of at least 30 minutes, such as 03:00-04:00
            dbBackupWindow           | 03:00-03:15       | hipaa:dbBackupWindow: found "03:00-03:15"; must last at least 30 minutes (RDS minimum)
            dbMaintenanceWindow      | sunday 05:00      | hipaa:dbMaintenanceWindow: found "sunday 05:00"; a weekly UTC window ddd:hh:mm-ddd:hh:mm (ddd is mon to sun) of at least 30 minutes, such as sun:08:00-sun:09:00
            dbMaintenanceWindow      | wed:03:30-wed:04:30 | hipaa:dbMaintenanceWindow: found "wed:03:30-wed:04:30"; overlaps hipaa:dbBackupWindow 03:00-04:00 on some day; RDS requires the two windows to be disjoint
            dbMaintenanceWindow      | sat:23:00-sun:03:30 | hipaa:dbMaintenanceWindow: found "sat:23:00-sun:03:30"; overlaps hipaa:dbBackupWindow 03:00-04:00 on some day; RDS requires the two windows to be disjoint
            dbMaintenanceWindow      | sun:05:00-sun:06:00 | hipaa:dbMaintenanceWindow: found "sun:05:00-sun:06:00"; leaves the daily AWS Backup job (it starts between 05:00-06:00 UTC) no time to start: AWS Backup starts no database backup from an hour before the maintenance window to its end, so that day's recovery point would be missing; begin the window at 07:00 or later, or end it by 05:00, such as sun:08:00-sun:09:00
            dbMaintenanceWindow      | tue:06:30-tue:07:30 | hipaa:dbMaintenanceWindow: found "tue:06:30-tue:07:30"; leaves the daily AWS Backup job (it starts between 05:00-06:00 UTC) no time to start: AWS Backup starts no database backup from an hour before the maintenance window to its end, so that day's recovery point would be missing; begin the window at 07:00 or later, or end it by 05:00, such as sun:08:00-sun:09:00
            backupCopyVaultArn       | my-other-vault    | hipaa:backupCopyVaultArn: found "my-other-vault"; the ARN of an existing backup vault in another Region or account, arn:aws:backup:<region>:<account>:backup-vault:<name>
            """)
    void badValueIsRefusedWithItsKeyValueAndRule(String key, String value, String expected) {
        assertThat(problems("dev", Map.of("hipaa:" + key, value))).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sun:07:00-sun:08:00", "wed:04:15-wed:05:00", "sat:22:00-sat:23:00"})
    void maintenanceWindowsClearOfTheBackupJobAreAccepted(String window) {
        var db = Stacks.settings(Stacks.with("dev", Map.of("hipaa:dbMaintenanceWindow", window))).database();
        assertThat(db.maintenanceWindow()).isEqualTo(window);
    }

    @Test
    void windowsThatOnlyTouchAreAccepted() {
        var db = Stacks.settings(Stacks.with("dev", Map.of("hipaa:dbMaintenanceWindow", "mon:04:00-mon:05:00"))).database();
        assertThat(db.maintenanceWindow()).isEqualTo("mon:04:00-mon:05:00");
    }

    @Test
    void mysqlOnAClassWithoutPerformanceInsightsIsRefused() {
        assertThat(problems("dev", pairs("hipaa:dbEngine", "mysql", "hipaa:dbEngineVersion", "8.4")))
                .containsExactly("hipaa:dbInstanceClass: found \"db.t4g.micro\"; is too small for Performance Insights on "
                        + "MySQL, which this program always turns on; use db.t4g.medium or larger");
    }

    @Test
    void prodMayNotRelaxBackupsOrAvailability() {
        assertThat(problems("prod", pairs("hipaa:dbBackupRetentionDays", "34", "hipaa:backupRetentionDays", "30",
                "hipaa:dbMultiAz", "false"))).containsExactly(
                "hipaa:dbBackupRetentionDays: found \"34\"; prod stacks keep automated backups 35 days (the RDS maximum); "
                        + "only non-production stacks may keep fewer",
                "hipaa:backupRetentionDays: found \"30\"; prod stacks keep daily recovery points 35 days or more; "
                        + "only non-production stacks may keep fewer",
                "hipaa:dbMultiAz: found \"false\"; prod stacks run a Multi-AZ standby (true) so losing an AZ loses no "
                        + "committed data; only non-production stacks may run a single instance");
    }

    @Test
    void devMayRelaxWhatProdMayNot() {
        var db = Stacks.settings(Stacks.with("dev", pairs("hipaa:dbMultiAz", "false", "hipaa:dbBackupRetentionDays", "7")))
                .database();
        assertThat(db.multiAz()).isFalse();
        assertThat(db.dbBackupRetentionDays()).isEqualTo(7);
    }

    @Test
    void everyProblemIsReportedInOneRun() {
        assertThat(problems("dev", pairs("hipaa:dbBackupRetentionDays", "0", "hipaa:dbPubliclyAccessible", "true",
                "hipaa:dbEngineVersion", "14"))).hasSize(3);
    }

    // ------------------------------------------------------------------ acceptance: nothing is created

    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            dev  | hipaa:dbBackupRetentionDays | 0     | hipaa:dbBackupRetentionDays: found "0"; an integer from 7 to 35
            dev  | hipaa:backupRetentionDays   | 0     | hipaa:backupRetentionDays: found "0"; an integer from 7 to 36500
            dev  | hipaa:dbPubliclyAccessible  | true  | hipaa:dbPubliclyAccessible: found "true"; must be false: the database holds PHI and lives in isolated data subnets with no route to the internet; reach it through the bastion or the VPN
            dev  | hipaa:dbEngineVersion       | 13    | hipaa:dbEngineVersion: found "13"; one of 15, 16, 17, 8.4
            prod | hipaa:deletionProtection    | false | hipaa:deletionProtection: found "false"; prod stacks must keep deletion protection on (true); only non-production stacks may relax it
            """)
    void theProgramStopsBeforeRegisteringAnything(String stack, String key, String value, String expected) {
        var run = OfflineRun.run(Stacks.with(stack, Map.of(key, value)), false, App::stack);
        assertThat(run.result().exitCode()).isNotZero();
        assertThat(run.result().errors()).anySatisfy(e -> assertThat(e).contains("  - " + expected + "\n")
                .contains("has 1 configuration problem; nothing was created."));
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void argsRefuseWhatSettingsWouldHaveCaught() {
        assertThatThrownBy(() -> Engine.POSTGRES.family("14")).hasMessage("postgres 14 is not supported; use one of [15, 16, 17]");
    }
}
