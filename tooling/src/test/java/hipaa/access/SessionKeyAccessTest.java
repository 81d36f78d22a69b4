package hipaa.access;

import com.google.gson.JsonParser;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.AppStacks;
import hipaa.testing.Policies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule for every instance role: Session Manager encrypts session data with the key its preferences name,
 * and the agent on an instance decrypts it as the instance's role, so every role an instance profile carries
 * must be allowed {@code kms:Decrypt} on exactly that key, or sessions to those instances fail. Checked over
 * every instance profile the whole program registers, for every real stack and the fixture that runs the EC2
 * app group too.
 */
class SessionKeyAccessTest {

    static Stream<String> cases() {
        return AppStacks.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyInstanceRoleMayDecryptTheSessionKey(String name) {
        var run = AppStacks.run(name);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        var preferences = AppStacks.one(run, "aws:ssm/document:Document", "ssm-sessions-document");
        var sessionKey = JsonParser.parseString(preferences.string("content").orElseThrow()).getAsJsonObject()
                .getAsJsonObject("inputs").get("kmsKeyId").getAsString();
        assertThat(sessionKey).isEqualTo(AppStacks.one(run, "aws:kms/key:Key", "kms-logs").arn().orElseThrow());

        var profiles = run.ofType("aws:iam/instanceProfile:InstanceProfile");
        var expected = new java.util.ArrayList<>(List.of("bastion-profile", "vpn-profile"));
        if (AppStacks.settings(name).app().ec2().enabled()) {
            expected.add("app-ec2-profile");
        }
        assertThat(profiles).extracting(RecordedResource::name).containsExactlyInAnyOrderElementsOf(expected);
        for (var profile : profiles) {
            var role = roleOf(run, profile);
            var statements = ownStatements(run, role);
            assertThat(statements).as(profile.name() + " -> " + role.name() + ": an Allow of kms:Decrypt on " + sessionKey)
                    .anySatisfy(s -> {
                        assertThat(s.isAllow()).isTrue();
                        assertThat(s.actions()).containsExactly("kms:Decrypt");
                        assertThat(s.resources()).containsExactly(sessionKey);
                        assertThat(s.conditions()).isEmpty();
                    });
            assertThat(statements).as(profile.name() + ": nothing denies it").noneMatch(s -> !s.isAllow());
        }
    }

    static RecordedResource roleOf(OfflineRun.Result run, RecordedResource profile) {
        var roleName = profile.string("role").orElseThrow();
        return run.ofType("aws:iam/role:Role").stream().filter(r -> r.string("name").map(roleName::equals).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError(profile.name() + " names role " + roleName + ", which the stack does not create"));
    }

    /**
     * Every statement of every inline policy on the role and of every customer managed policy of the stack attached
     * to it (RolePermissions); the AWS managed policies grant no customer managed key.
     */
    static List<Policies.St> ownStatements(OfflineRun.Result run, RecordedResource role) {
        var roleName = role.string("name").orElseThrow();
        var keys = List.of(role.id(), roleName);
        var inline = run.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> keys.contains(p.string("role").orElse("")))
                .map(p -> p.string("policy").orElseThrow());
        var attached = run.ofType(Policies.ROLE_ATTACHMENT).stream()
                .filter(a -> roleName.equals(a.string("role").orElse("")))
                .map(a -> a.string("policyArn").orElseThrow())
                .flatMap(arn -> run.ofType(Policies.POLICY).stream().filter(p -> p.arn().map(arn::equals).orElse(false)))
                .map(p -> p.string("policy").orElseThrow());
        return Stream.concat(inline, attached).flatMap(doc -> Policies.statements(doc).stream()).toList();
    }
}
