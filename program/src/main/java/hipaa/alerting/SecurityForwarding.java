package hipaa.alerting;

import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.identity.RolePermissions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workload account's security events, sent to the organization's security topic in the security account: each
 * forwarded EventBridge rule gets a second target, that topic, which EventBridge reaches through an execution role
 * of this account (Amazon EventBridge User Guide, "Sending and receiving events between AWS accounts in Amazon
 * EventBridge": a target in another account of the same Region, other than an event bus, is invoked with a role
 * of the rule's account; https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-cross-account.html).
 * The topic's own policy admits the organization's accounts (security stack).
 *
 * <p>Children: {@code <name>-role} (IAM {@code <prefix>-security-events}), its policy {@code <name>-publish}
 * ({@code <prefix>-security-events-publish}, attached by {@code <name>-publish-attachment}), and one target
 * {@code <name>-<id>} per forwarded rule.
 *
 * <p>Supports 164.308(a)(1)(ii)(D) information system activity review and 164.308(a)(6)(ii) response and
 * reporting: the security team sees what the workload's administrators could otherwise silence.
 */
public final class SecurityForwarding extends ComponentResource {

    public static final String TYPE = "hipaa:alerting:SecurityForwarding";
    public static final String TARGET_ID = "security-topic";

    /**
     * @param naming          this account, its Region and the name prefix
     * @param securityAccount the security account's id (the topic's and its key's account)
     * @param topicArn        the security topic, read from the security stack
     * @param rules           forwarded rules by a stable id: their physical names, resolved once each rule exists
     */
    public record Args(Naming naming, String securityAccount, Output<String> topicArn, Map<String, Output<String>> rules) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(securityAccount, "securityAccount");
            Objects.requireNonNull(topicArn, "topicArn");
            rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("rules: nothing to forward");
            }
        }
    }

    public final Output<String> roleArn;

    public SecurityForwarding(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();
        var ruleNames = List.copyOf(args.rules().values());
        var role = new Role(name + "-role", RoleArgs.builder()
                .name(prefix + "-security-events")
                .description("EventBridge rules of " + prefix + " publish security events to the organization's security topic")
                .assumeRolePolicy(Output.all(ruleNames).applyValue(names -> trust(account, names).toJson()))
                .build(), child);
        var permissions = RolePermissions.attach(name + "-publish", prefix + "-security-events-publish",
                "Publish to the organization's security topic, and only to it", role.name(),
                args.topicArn().applyValue(topic -> publish(account, args.securityAccount(), topic).toJson()), child);
        // The role must hold its permissions before EventBridge first assumes it.
        var targetOpts = CustomResourceOptions.builder().parent(this).dependsOn(permissions.attachment()).build();
        args.rules().forEach((id, rule) -> new EventTarget(name + "-" + id, EventTargetArgs.builder()
                .rule(rule)
                .targetId(TARGET_ID)
                .arn(args.topicArn())
                .roleArn(role.arn())
                .build(), targetOpts));
        this.roleArn = role.arn();
        registerOutputs(Map.of("roleArn", roleArn));
    }

    /**
     * Only EventBridge, for the forwarded rules of this account (aws:SourceAccount, aws:SourceArn: EventBridge
     * User Guide, "Preventing the cross-service confused deputy problem").
     */
    public static PolicyDocument trust(AwsAccount account, List<String> ruleNames) {
        return PolicyDocument.of(Statement.assumeRole("EventBridgeRulesOfThisStack", "Service", "events.amazonaws.com")
                .condition("StringEquals", "aws:SourceAccount", account.accountId())
                .condition("ArnEquals", "aws:SourceArn",
                        ruleNames.stream().map(n -> account.arn("events", "rule/" + n)).toArray(String[]::new)));
    }

    /**
     * sns:Publish on the security topic alone. The topic is encrypted with a customer managed key of the security
     * account, and a publisher to an encrypted topic needs kms:GenerateDataKey* and kms:Decrypt on its key (Amazon SNS
     * Developer Guide, "Key management", publisher permissions): allowed only through SNS in this Region and only
     * for that topic's encryption context, so the role can use no key for anything but publishing there.
     */
    public static PolicyDocument publish(AwsAccount account, String securityAccount, String topicArn) {
        return PolicyDocument.of(
                Statement.allow("PublishToTheSecurityTopic").actions("sns:Publish").resources(topicArn),
                Statement.allow("EncryptForTheSecurityTopicThroughSns").actions("kms:GenerateDataKey*", "kms:Decrypt")
                        .resources("arn:" + account.partition() + ":kms:" + account.region() + ":" + securityAccount + ":key/*")
                        .condition("StringEquals", "kms:ViaService", account.regionalService("sns"))
                        .condition("StringEquals", "kms:EncryptionContext:aws:sns:topicArn", topicArn));
    }
}
