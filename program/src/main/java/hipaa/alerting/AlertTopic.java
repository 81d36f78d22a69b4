package hipaa.alerting;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.AwsAccount;
import hipaa.identity.KeyPolicies;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.identity.SecureTransport;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The topic every alarm of the stack notifies, and the people subscribed to it.
 *
 * <p>Children: {@code <name>-key} (customer managed KMS key, alias {@code <name>-key-alias} =
 * {@code alias/<prefix>-alerts}), {@code <name>-topic} ({@code <prefix>-alerts}, encrypted with that key),
 * {@code <name>-topic-policy}, and one {@code <name>-email-<address slug>} subscription per address
 * (the slug is the address with {@code @} as {@code -at-} and other punctuation as {@code -}, so adding or
 * removing one address never renames another).
 *
 * <p>Fixed posture: the topic is encrypted with its own key ({@link KeyPolicies#alerts}); its policy lets
 * only CloudWatch alarms, EventBridge rules and AWS Config of this account publish (each held by
 * {@code aws:SourceAccount}), gives the account what a topic owner has by default, and denies any publish
 * that is not over TLS. AWS documents that Config's delivery channel does not support encrypted topics:
 * Config compliance changes reach people through an EventBridge rule targeting this topic, and the
 * Config grant (held to this account) only matters if that changes. Email subscriptions stay pending
 * until each person confirms. Supports
 * 164.308(a)(1)(ii)(D) (information system activity review), 164.308(a)(6)(ii) (response and reporting)
 * and 164.312(e)(2)(ii) (encryption).
 */
public final class AlertTopic extends ComponentResource {

    public static final String TYPE = "hipaa:alerting:AlertTopic";

    /**
     * @param naming  the account (the topic's policies name it) and the name prefix: topic {@code <prefix>-alerts},
     *                alias {@code alias/<prefix>-alerts}
     * @param emails  addresses subscribed by email; validated by the settings, unique
     * @param protect keep the key through {@code pulumi destroy} and replacements
     */
    public record Args(Naming naming, List<String> emails, boolean protect) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            emails = List.copyOf(emails);
            var slugs = new HashSet<String>();
            for (var e : emails) {
                if (!slugs.add(slug(e))) {
                    throw new IllegalArgumentException("emails: two addresses share the child name " + slug(e) + ": " + emails);
                }
            }
        }
    }

    public final String topicName;
    public final Output<String> topicArn;
    public final Output<String> keyArn;

    /**
     * Who may publish to an alert topic, and how it presents itself: the stack's own alarms and rules
     * ({@link #ofThisStack}), or another audience (the organization's security topic).
     *
     * @param purpose     the key's {@code Purpose} tag
     * @param description the key's description
     * @param displayName the topic's display name
     * @param keyPolicy   who may use the key
     * @param topicPolicy given the topic's ARN, who may publish
     */
    public record Audience(String purpose, String description, String displayName, PolicyDocument keyPolicy,
                           Function<String, PolicyDocument> topicPolicy) {
        public Audience {
            Objects.requireNonNull(keyPolicy, "keyPolicy");
            Objects.requireNonNull(topicPolicy, "topicPolicy");
        }
    }

    /** The stack's own alarms, EventBridge rules and AWS Config ({@link KeyPolicies#alerts}, {@link #policy}). */
    public static Audience ofThisStack(Naming naming) {
        var account = naming.account();
        return new Audience("alerts",
                naming.namePrefix() + " alerts key. The alert topic: alarms, EventBridge and Config notifications",
                naming.namePrefix() + " alerts", KeyPolicies.alerts(account), arn -> policy(account, arn));
    }

    public AlertTopic(String name, Args args, ComponentResourceOptions opts) {
        this(name, args, ofThisStack(args.naming()), opts);
    }

    public AlertTopic(String name, Args args, Audience audience, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        this.topicName = args.naming().namePrefix() + "-alerts";

        // A key of its own: disabling another purpose's key must never silence the alarms about it.
        var key = new Key(name + "-key", KeyArgs.builder()
                .description(audience.description())
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(audience.keyPolicy().toJson())
                .tags(Map.of("Name", topicName, "Purpose", audience.purpose()))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        new Alias(name + "-key-alias", AliasArgs.builder()
                .name("alias/" + topicName)
                .targetKeyId(key.keyId())
                .build(), child);

        var topic = new Topic(name + "-topic", TopicArgs.builder()
                .name(topicName)
                .displayName(audience.displayName())
                .kmsMasterKeyId(key.arn())
                .tags(Map.of("Name", topicName))
                .build(), child);

        new TopicPolicy(name + "-topic-policy", TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(audience.topicPolicy().apply(account.arn("sns", topicName)).toJson())
                .build(), child);

        for (var email : args.emails()) {
            new TopicSubscription(name + "-email-" + slug(email), TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(email)
                    .build(), child);
        }

        this.topicArn = topic.arn();
        this.keyArn = key.arn();
        registerOutputs(Map.of("topicArn", topicArn, "keyArn", keyArn, "topicName", Output.of(topicName)));
    }

    /** The topic policy: publishers by service and account, the owner's rights, TLS only. */
    public static PolicyDocument policy(AwsAccount account, String topicArn) {
        return PolicyDocument.of(
                Statement.allow("TopicOwnerThisAccount").principal("AWS", account.root())
                        .actions("sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission",
                                "sns:RemovePermission", "sns:DeleteTopic", "sns:Subscribe",
                                "sns:ListSubscriptionsByTopic", "sns:Publish")
                        .resources(topicArn),
                Statement.allow("CloudWatchAlarmsOfThisAccountPublish").principal("Service", "cloudwatch.amazonaws.com")
                        .actions("sns:Publish").resources(topicArn)
                        .condition("StringEquals", "aws:SourceAccount", account.accountId())
                        .condition("ArnLike", "aws:SourceArn", account.arn("cloudwatch", "alarm:*")),
                // Only this stack's rules: Config non-compliance and the forwarded findings (FindingAlerts), by ARN.
                Statement.allow("EventBridgeRulesOfThisStackPublish").principal("Service", "events.amazonaws.com")
                        .actions("sns:Publish").resources(topicArn)
                        .condition("StringEquals", "aws:SourceAccount", account.accountId())
                        .condition("ArnEquals", "aws:SourceArn", eventRules(account, topicArn)),
                Statement.allow("ConfigOfThisAccountPublishes").principal("Service", "config.amazonaws.com")
                        .actions("sns:Publish").resources(topicArn)
                        .condition("StringEquals", "aws:SourceAccount", account.accountId()),
                SecureTransport.denyWithoutTls("DenyPublishWithoutTls", List.of("sns:Publish"), topicArn));
    }

    /** The EventBridge rules of the stack that may publish: {@code <prefix>-config-noncompliant} and the findings rules. */
    static String[] eventRules(AwsAccount account, String topicArn) {
        var prefix = topicArn.substring(topicArn.lastIndexOf(':') + 1).replaceFirst("-alerts$", "");
        var names = new java.util.ArrayList<String>();
        names.add(prefix + "-config-noncompliant");
        names.addAll(FindingAlerts.ruleNames(prefix));
        return names.stream().map(n -> account.arn("events", "rule/" + n)).toArray(String[]::new);
    }

    /** A stable child-name suffix for an address: {@code Ops.Team@example.com} becomes {@code ops-team-at-example-com}. */
    public static String slug(String email) {
        return email.toLowerCase(Locale.ROOT).replace("@", "-at-").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
    }
}
