package hipaa.settings;

import hipaa.App;
import hipaa.offline.OfflineEngine;
import hipaa.offline.OfflineRun;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks that need the AWS account run once the account lookup answers and before any component: they end
 * the run with the same one settings message as every other problem, and only the provider the lookup needs
 * is registered. (The lookup needs the explicit provider: the stack files disable the default one.)
 */
class AccountChecksTest {

    private static final String OTHER_ACCOUNT_CERT =
            "arn:aws:acm:us-west-2:210987654321:certificate/00000000-0000-0000-0000-000000000000";

    @Test
    void aCertificateOfAnotherAccountIsOneLineOfTheSettingsMessage() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:certificateArn", OTHER_ACCOUNT_CERT)), false, App::stack);
        assertThat(run.result().exitCode()).isNotZero();
        assertThat(run.result().exceptions()).allSatisfy(e -> assertThat(e).satisfiesAnyOf(
                x -> assertThat(x).isInstanceOf(SettingsException.class),
                x -> assertThat(x).hasCauseInstanceOf(SettingsException.class)));
        assertThat(String.join("\n", run.result().errors())).isEqualTo("""
                Stack 'dev' has 1 configuration problem; nothing was created.
                  - hipaa:certificateArn: found "%s"; belongs to account 210987654321 but the stack deploys to account \
                123456789012; request or import the certificate in ACM in this account and Region and set its ARN
                Fix them in Pulumi.dev.yaml, or with `pulumi config set <key> <value> --stack dev`; docs/CONFIG.md lists every key."""
                .formatted(OTHER_ACCOUNT_CERT));
        assertThat(run.resources()).extracting(r -> r.type()).containsOnly("pulumi:providers:aws");
    }

    @Test
    void aCopyVaultInTheStacksOwnRegionAndAccountIsRefusedWithTheCertificateAtOnce() {
        var sameRegionAndAccount = "arn:aws:backup:us-west-2:" + OfflineEngine.ACCOUNT_ID + ":backup-vault:copies";
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:certificateArn", OTHER_ACCOUNT_CERT,
                "hipaa:backupCopyVaultArn", sameRegionAndAccount)), false, App::stack);
        assertThat(String.join("\n", run.result().errors()))
                .startsWith("Stack 'dev' has 2 configuration problems; nothing was created.")
                .contains("  - hipaa:certificateArn: found \"" + OTHER_ACCOUNT_CERT + "\"; belongs to account 210987654321")
                .contains("  - hipaa:backupCopyVaultArn: found \"" + sameRegionAndAccount + "\"; is in this stack's own Region "
                        + "us-west-2 and account 123456789012, so a Regional outage or a compromised account loses both copies; "
                        + "name a vault in another Region or another account\n");
        assertThat(run.resources()).extracting(r -> r.type()).containsOnly("pulumi:providers:aws");
    }

    @Test
    void aCopyVaultInAnotherRegionOrAnotherAccountIsAccepted() {
        for (var vault : new String[]{"arn:aws:backup:us-east-2:" + OfflineEngine.ACCOUNT_ID + ":backup-vault:copies",
                "arn:aws:backup:us-west-2:210987654321:backup-vault:copies"}) {
            var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:backupCopyVaultArn", vault)), false, App::stack);
            assertThat(run.succeeded()).as(vault + ": " + run.failure()).isTrue();
        }
    }
}
