package hipaa.alerting;

import hipaa.offline.OfflineEngine;
import hipaa.offline.RecordedResource;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert topic in every real stack: encrypted with its own key whose policy lets exactly CloudWatch,
 * EventBridge and Config use it, a topic policy that lets only those services of this account and the
 * account publish and refuses plain HTTP, and one email subscription per configured address.
 */
class AlertingStackTest {

    static java.util.stream.Stream<String> stacks() {
        return Stacks.names();
    }

    private static String prefix(String stack) {
        return Stacks.settings(stack).namePrefix();
    }

    private static String topicArn(String stack) {
        return "arn:aws:sns:" + Stacks.settings(stack).region() + ":" + OfflineEngine.ACCOUNT_ID + ":" + prefix(stack) + "-alerts";
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theTopicIsEncryptedWithItsOwnCustomerManagedKey(String stack) {
        var run = Stacks.run(stack);
        var key = run.named("aws:kms/key:Key", "alerts-key");
        var topic = run.named("aws:sns/topic:Topic", "alerts-topic");
        assertThat(run.ofType("aws:sns/topic:Topic")).hasSize(1);
        assertThat(topic.inputs()).containsEntry("name", prefix(stack) + "-alerts")
                .containsEntry("kmsMasterKeyId", key.arn().orElseThrow());
        assertThat(topic.arn()).contains(topicArn(stack));
        assertThat(key.inputs()).containsEntry("enableKeyRotation", true).containsEntry("keyUsage", "ENCRYPT_DECRYPT")
                .containsEntry("deletionWindowInDays", 30.0);
        assertThat(run.named("aws:kms/alias:Alias", "alerts-key-alias").inputs())
                .containsEntry("name", "alias/" + prefix(stack) + "-alerts").containsEntry("targetKeyId", key.id());
        assertThat(run.outputs().get("alertTopicArn").value()).isEqualTo(topicArn(stack));
        // Like every key of the stack: kept through destroy and replacement wherever deletion protection is on.
        assertThat(run.protection(key).protect()).isEqualTo(Stacks.settings(stack).deletionProtection());
        assertThat(run.protection(topic).protect()).isFalse();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theKeyLetsCloudWatchEventBridgeAndConfigEncryptAndNoOtherService(String stack) {
        var policy = (String) Stacks.run(stack).named("aws:kms/key:Key", "alerts-key").inputs().get("policy");
        var account = OfflineEngine.ACCOUNT_ID;
        var region = Stacks.settings(stack).region();
        assertThat(Policies.statements(policy)).extracting(Policies.St::sid).containsExactly("EnableIamPoliciesInThisAccount",
                "AllowCloudWatchAlarmsOfThisAccount", "AllowEventBridgeRules", "AllowConfigOfThisAccount");
        var services = Policies.statements(policy).stream().filter(s -> s.principals().containsKey("Service")).toList();
        assertThat(services).extracting(s -> s.principals().get("Service"), Policies.St::actions).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("cloudwatch.amazonaws.com"), List.of("kms:GenerateDataKey*", "kms:Decrypt")),
                org.assertj.core.groups.Tuple.tuple(List.of("events.amazonaws.com"), List.of("kms:GenerateDataKey*", "kms:Decrypt")),
                org.assertj.core.groups.Tuple.tuple(List.of("config.amazonaws.com"), List.of("kms:GenerateDataKey*", "kms:Decrypt")));
        assertThat(Policies.statement(policy, "AllowCloudWatchAlarmsOfThisAccount").conditions()).isEqualTo(Map.of(
                "StringEquals", Map.of("aws:SourceAccount", List.of(account)),
                "ArnLike", Map.of("aws:SourceArn", List.of("arn:aws:cloudwatch:" + region + ":" + account + ":alarm:*"))));
        assertThat(Policies.statement(policy, "AllowConfigOfThisAccount").conditions())
                .isEqualTo(Map.of("StringEquals", Map.of("aws:SourceAccount", List.of(account))));
        assertThat(Policies.statement(policy, "EnableIamPoliciesInThisAccount").principals())
                .isEqualTo(Map.of("AWS", List.of("arn:aws:iam::" + account + ":root")));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void onlyTheThreeServicesOfThisAccountAndTheAccountMayPublishAndOnlyOverTls(String stack) {
        var run = Stacks.run(stack);
        var tp = run.named("aws:sns/topicPolicy:TopicPolicy", "alerts-topic-policy");
        assertThat(tp.inputs()).containsEntry("arn", topicArn(stack));
        var statements = Policies.statements((String) tp.inputs().get("policy"));
        var account = OfflineEngine.ACCOUNT_ID;
        var sourceAccount = Map.of("StringEquals", Map.of("aws:SourceAccount", List.of(account)));

        assertThat(statements).allSatisfy(s -> assertThat(s.resources()).containsExactly(topicArn(stack)));
        assertThat(statements).filteredOn(Policies.St::isAllow).extracting(s -> s.principals())
                .containsExactly(Map.of("AWS", List.of("arn:aws:iam::" + account + ":root")),
                        Map.of("Service", List.of("cloudwatch.amazonaws.com")),
                        Map.of("Service", List.of("events.amazonaws.com")),
                        Map.of("Service", List.of("config.amazonaws.com")));
        var services = statements.stream().filter(s -> s.isAllow() && s.principals().containsKey("Service")).toList();
        assertThat(services).allSatisfy(s -> {
            assertThat(s.actions()).containsExactly("sns:Publish");
            assertThat(s.conditions()).containsEntry("StringEquals", sourceAccount.get("StringEquals"));
        });
        var tls = Policies.statement((String) tp.inputs().get("policy"), "DenyPublishWithoutTls");
        assertThat(tls.effect()).isEqualTo("Deny");
        assertThat(tls.principals()).isEqualTo(Map.of("*", List.of("*")));
        assertThat(tls.actions()).containsExactly("sns:Publish");
        assertThat(tls.conditions()).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyConfiguredAddressIsSubscribedByEmailAndNoOneElse(String stack) {
        var run = Stacks.run(stack);
        var emails = Stacks.settings(stack).alerting().alertEmails();
        var subs = run.ofType("aws:sns/topicSubscription:TopicSubscription");
        assertThat(subs).extracting(r -> r.inputs().get("endpoint")).containsExactlyInAnyOrderElementsOf(emails);
        assertThat(subs).extracting(RecordedResource::name)
                .containsExactlyInAnyOrderElementsOf(emails.stream().map(e -> "alerts-email-" + AlertTopic.slug(e)).toList());
        assertThat(subs).allSatisfy(s -> assertThat(s.inputs()).containsEntry("protocol", "email")
                .containsEntry("topic", topicArn(stack)));
        if (stack.equals("prod")) {
            assertThat(subs).extracting(RecordedResource::name).containsExactly("alerts-email-security-alerts-at-example-com");
        }
    }
}
