package hipaa.data;

import hipaa.App;
import hipaa.network.NetworkAclPlans;
import hipaa.offline.OfflineRun;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static hipaa.testing.Stacks.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the real stack files do not exercise: the MySQL engine, a second backup vault, and the engine
 * table itself. The stack runs reuse a real stack file with a few keys changed.
 */
class DataVariantsTest {

    static final String COPY_VAULT = "arn:aws:backup:us-west-2:123456789012:backup-vault:hipaa-prod-dr";

    private static OfflineRun.Result mysql;
    private static OfflineRun.Result prodWithCopy;

    @BeforeAll
    static void run() {
        mysql = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:dbEngine", "mysql", "hipaa:dbEngineVersion", "8.4",
                "hipaa:dbInstanceClass", "db.t4g.medium")), false, App::stack);
        prodWithCopy = OfflineRun.run(Stacks.with("prod", Map.of("hipaa:backupCopyVaultArn", COPY_VAULT)), false, App::stack);
        assertThat(mysql.succeeded()).as(mysql::failure).isTrue();
        assertThat(prodWithCopy.succeeded()).as(prodWithCopy::failure).isTrue();
    }

    @Test
    void mysqlRequiresSecureTransportAndLogsConnectionsThroughTheAuditPluginOnly() {
        var params = mysql.named("aws:rds/parameterGroup:ParameterGroup", "db-params");
        assertThat(params.inputs()).containsEntry("family", "mysql8.4").containsEntry("name", "hipaa-dev-db-mysql8-4");
        assertThat(maps(params.inputs().get("parameters"))).containsExactly(
                Map.of("name", "require_secure_transport", "value", "1", "applyMethod", "immediate"));

        var options = mysql.named("aws:rds/optionGroup:OptionGroup", "db-options");
        assertThat(options.inputs()).containsEntry("engineName", "mysql").containsEntry("majorEngineVersion", "8.4");
        assertThat(maps(options.inputs().get("options"))).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("optionName", "MARIADB_AUDIT_PLUGIN");
            // CONNECT only: QUERY would copy PHI from statements into the logs.
            assertThat(maps(o.get("optionSettings"))).containsExactly(Map.of("name", "SERVER_AUDIT_EVENTS", "value", "CONNECT"));
        });

        var instance = mysql.named("aws:rds/instance:Instance", "db-instance");
        assertThat(instance.inputs()).containsEntry("engine", "mysql")
                .containsEntry("engineVersion", "8.4")
                .containsEntry("optionGroupName", "hipaa-dev-db-mysql8-4")
                .containsEntry("enabledCloudwatchLogsExports", List.of("audit", "error"))
                .containsEntry("storageEncrypted", true)
                .containsEntry("manageMasterUserPassword", true);
        assertThat(Stacks.children(mysql, "db").stream().filter(r -> r.type().equals("aws:cloudwatch/logGroup:LogGroup")))
                .extracting(r -> r.inputs().get("name"))
                .containsExactlyInAnyOrder("/aws/rds/instance/hipaa-dev-db/audit", "/aws/rds/instance/hipaa-dev-db/error");
        assertThat(mysql.outputs().get("dbPort").value()).isEqualTo(3306);
        assertThat((String) mysql.outputs().get("dbConnectionStringTemplate").value())
                .startsWith("mysql://{username}:{password}@hipaa-dev-db.")
                .endsWith(":3306/app?ssl-mode=VERIFY_IDENTITY&ssl-ca=us-west-2-bundle.pem");
    }

    @Test
    void aNamedSecondVaultReceivesACopyOfEveryDailyRecoveryPointForTheSameRetention() {
        var plan = prodWithCopy.named("aws:backup/plan:Plan", "backup-plan");
        var rule = maps(plan.inputs().get("rules")).get(0);
        assertThat(maps(rule.get("copyActions"))).containsExactly(
                Map.of("destinationVaultArn", COPY_VAULT, "lifecycle", Map.of("deleteAfter", 35.0)));
    }

    @Test
    void enginesUseOnlyThePortsTheDataTierAclAdmits() {
        assertThat(List.of(Engine.POSTGRES.port(), Engine.MYSQL.port()))
                .containsExactlyInAnyOrderElementsOf(NetworkAclPlans.DATABASE_PORTS);
    }

    @Test
    void familiesFollowEngineAndMajorVersion() {
        assertThat(Engine.POSTGRES.versions()).containsExactly("15", "16", "17");
        assertThat(Engine.MYSQL.versions()).containsExactly("8.4");
        assertThat(Engine.POSTGRES.family("16")).isEqualTo("postgres16");
        assertThat(Engine.MYSQL.family("8.4")).isEqualTo("mysql8.4");
        assertThat(Engine.MYSQL.familySlug("8.4")).isEqualTo("mysql8-4");
        assertThatThrownBy(() -> Engine.MYSQL.family("17")).hasMessage("mysql 17 is not supported; use one of [8.4]");
    }

    @Test
    void govCloudApplicationsFetchTheCaBundleFromTheGovCloudTrustStore() {
        assertThat(Database.caBundleUrl("aws-us-gov", "us-gov-east-1"))
                .isEqualTo("https://truststore.pki.us-gov-west-1.rds.amazonaws.com/us-gov-east-1/us-gov-east-1-bundle.pem");
        assertThat(Database.caBundleUrl("aws", "eu-west-1"))
                .isEqualTo("https://truststore.pki.rds.amazonaws.com/eu-west-1/eu-west-1-bundle.pem");
    }
}
