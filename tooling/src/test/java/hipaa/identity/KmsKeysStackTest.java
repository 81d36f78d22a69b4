package hipaa.identity;

import hipaa.audit.AuditTrail;
import hipaa.offline.OfflineEngine;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static hipaa.testing.Stacks.integer;
import static org.assertj.core.api.Assertions.assertThat;

class KmsKeysStackTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void threeRotatingKeysWithAThirtyDayWindowAndPurposePolicies(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var account = new AwsAccount(s.partition(), s.region(), OfflineEngine.ACCOUNT_ID);
        var keys = run.ofType("aws:kms/key:Key");
        assertThat(keys).extracting(k -> k.name()).contains("kms-logs", "kms-data", "kms-secrets");
        for (var purpose : new String[]{"logs", "data", "secrets"}) {
            var key = run.named("aws:kms/key:Key", "kms-" + purpose);
            assertThat(key.inputs()).containsEntry("enableKeyRotation", true)
                    .containsEntry("keyUsage", "ENCRYPT_DECRYPT")
                    .containsEntry("customerMasterKeySpec", "SYMMETRIC_DEFAULT");
            assertThat(integer(key.inputs().get("deletionWindowInDays"))).isEqualTo(30);
            var expected = switch (purpose) {
                case "logs" -> KeyPolicies.logs(account, AuditTrail.trailArn(account, s.namePrefix()));
                case "data" -> KeyPolicies.data(account, s.namePrefix());
                default -> KeyPolicies.secrets(account);
            };
            assertThat(key.inputs()).containsEntry("policy", expected.toJson());
            assertThat(run.named("aws:kms/alias:Alias", "kms-" + purpose + "-alias").inputs())
                    .containsEntry("name", "alias/" + s.namePrefix() + "-" + purpose)
                    .containsEntry("targetKeyId", key.id());
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void keysAreProtectedExactlyWhenTheStackAsksForDeletionProtection(String stack) {
        var run = Stacks.run(stack);
        boolean protect = Stacks.settings(stack).deletionProtection();
        for (var purpose : new String[]{"logs", "data", "secrets"}) {
            var key = run.named("aws:kms/key:Key", "kms-" + purpose);
            assertThat(run.protection(key).protect()).as(key.label()).isEqualTo(protect);
            // Aliases and other stateless children are never pinned.
            assertThat(run.protection(run.named("aws:kms/alias:Alias", "kms-" + purpose + "-alias")).protect()).isFalse();
        }
    }
}
