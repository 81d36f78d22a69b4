package hipaa.organization;

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
import hipaa.alerting.AlertTopic;
import hipaa.identity.AwsAccount;
import hipaa.identity.KmsKeys;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.identity.SecureTransport;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The security team's topic: where the organization's findings and the workloads' security events go.
 *
 * <p>Children: {@code <name>-key} (customer managed key, alias {@code <name>-key-alias} =
 * {@code alias/<prefix>-alerts}), {@code <name>-topic} ({@code <prefix>-alerts}, encrypted with that key),
 * {@code <name>-topic-policy}, and one {@code <name>-email-<address slug>} subscription per address (the slug
 * of {@link AlertTopic}).
 *
 * <p>Publishers, in the topic policy and the key policy alike, and nobody else: this account's EventBridge rules
 * that forward the organization's findings ({@link SecurityFindings}, by {@code aws:SourceArn}); and IAM roles of
 * the organization's accounts ({@code aws:PrincipalOrgID}), which is how a workload account's EventBridge rule
 * delivers to a topic of another account in the same Region: through an execution role of the source account,
 * admitted by the topic's resource policy (EventBridge User Guide, "Sending and receiving events between AWS
 * accounts in Amazon EventBridge", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-cross-account.html;
 * IAM User Guide, "AWS global condition context keys", aws:PrincipalOrgID). SNS encrypts what a publisher sends
 * under the publisher's identity, so the key policy admits the same publishers for {@code kms:GenerateDataKey*} and
 * {@code kms:Decrypt} (SNS Developer Guide, "Configuring AWS KMS permissions"); an organization role only through
 * SNS in this Region ({@code kms:ViaService}), and its own account's IAM policy must allow it too, as for any use
 * of another account's key. The account administers both; publishing without TLS is denied.
 *
 * <p>Supports 164.308(a)(1)(ii)(D), 164.308(a)(6)(ii) and 164.312(e)(2)(ii).
 */
public final class SecurityTopic extends ComponentResource {

    public static final String TYPE = "hipaa:organization:SecurityTopic";
    /** What SNS needs of the key for each publisher (SNS Developer Guide, "Configuring AWS KMS permissions"). */
    static final String[] PUBLISHER_KEY_USE = {"kms:GenerateDataKey*", "kms:Decrypt"};
    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");

    /**
     * @param naming         the account and the name prefix: topic {@code <prefix>-alerts}
     * @param organizationId the organization whose roles may publish ({@code hipaa:organizationId})
     * @param emails         the security team's addresses ({@code hipaa:alertEmails})
     * @param protect        keep the key through {@code pulumi destroy} and replacements
     */
    public record Args(Naming naming, String organizationId, List<String> emails, boolean protect) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            if (organizationId == null || !ORGANIZATION_ID.matcher(organizationId).matches()) {
                throw new IllegalArgumentException("organizationId: not an organization id: " + organizationId);
            }
            emails = List.copyOf(emails);
            var slugs = new HashSet<String>();
            for (var e : emails) {
                if (!slugs.add(AlertTopic.slug(e))) {
                    throw new IllegalArgumentException("emails: two addresses share the child name " + AlertTopic.slug(e) + ": " + emails);
                }
            }
        }
    }

    public final String topicName;
    public final Output<String> topicArn;
    public final Output<String> keyArn;

    public SecurityTopic(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();
        this.topicName = prefix + "-alerts";

        var key = new Key(name + "-key", KeyArgs.builder()
                .description(prefix + " security topic key: the organization's findings and security events")
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(KmsKeys.DELETION_WINDOW_DAYS)
                .policy(keyPolicy(account, args.organizationId()).toJson())
                .tags(Map.of("Name", topicName, "Purpose", "security-alerts"))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        KmsKeys.alias(name + "-key-alias", topicName, key.keyId(), this);

        var topic = new Topic(name + "-topic", TopicArgs.builder()
                .name(topicName)
                .displayName(prefix + " security alerts")
                .kmsMasterKeyId(key.arn())
                .tags(Map.of("Name", topicName))
                .build(), child);
        new TopicPolicy(name + "-topic-policy", TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(policy(account, args.organizationId(), account.arn("sns", topicName), ruleArns(account, prefix)).toJson())
                .build(), child);
        for (var email : args.emails()) {
            new TopicSubscription(name + "-email-" + AlertTopic.slug(email), TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(email)
                    .build(), child);
        }

        this.topicArn = topic.arn();
        this.keyArn = key.arn();
        registerOutputs(Map.of("topicArn", topicArn, "keyArn", keyArn));
    }

    /** This account's findings rules, by ARN: the only EventBridge rules of this account that may publish. */
    public static List<String> ruleArns(AwsAccount account, String namePrefix) {
        return SecurityFindings.ruleNames(namePrefix).stream().map(n -> account.arn("events", "rule/" + n)).toList();
    }

    /** The topic policy: the owner administers; this account's findings rules and the organization's roles publish. */
    public static PolicyDocument policy(AwsAccount account, String organizationId, String topicArn, List<String> ruleArns) {
        return PolicyDocument.of(
                // What a topic owner has by default, except publishing: that is the two statements below only.
                Statement.allow("TopicOwnerThisAccount").principal("AWS", account.root())
                        .actions("sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission",
                                "sns:RemovePermission", "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic")
                        .resources(topicArn),
                Statement.allow("FindingsRulesOfThisAccountPublish").principal("Service", "events.amazonaws.com")
                        .actions("sns:Publish").resources(topicArn)
                        .condition("StringEquals", "aws:SourceAccount", account.accountId())
                        .condition("ArnEquals", "aws:SourceArn", ruleArns.toArray(String[]::new)),
                // EventBridge of another account delivers as its execution role (eb-service-cross-account.html):
                // any role of the organization, nothing outside it, no IAM user or root user.
                Statement.allow("OrganizationRolesPublish").principal("AWS", "*")
                        .actions("sns:Publish").resources(topicArn)
                        .condition("StringEquals", "aws:PrincipalOrgID", organizationId)
                        .condition("ArnLike", "aws:PrincipalArn", "arn:" + account.partition() + ":iam::*:role/*"),
                SecureTransport.denyWithoutTls("DenyPublishWithoutTls", List.of("sns:Publish"), topicArn));
    }

    /**
     * The key policy: the account administers it (AWS's default statement); EventBridge of this account and the
     * organization's roles may encrypt and decrypt what they publish. EventBridge's statement carries no source
     * condition: SNS does not pass aws:SourceAccount/aws:SourceArn to KMS for EventBridge (see
     * hipaa.identity.KeyPolicies#alerts), so the topic policy is what holds EventBridge to this account's rules.
     */
    public static PolicyDocument keyPolicy(AwsAccount account, String organizationId) {
        return PolicyDocument.of(
                Statement.allow("EnableIamPoliciesInThisAccount").principal("AWS", account.root())
                        .actions("kms:*").resources("*"),
                Statement.allow("AllowEventBridgeRulesToPublish").principal("Service", "events.amazonaws.com")
                        .actions(PUBLISHER_KEY_USE).resources("*"),
                Statement.allow("AllowOrganizationRolesToPublishThroughSns").principal("AWS", "*")
                        .actions(PUBLISHER_KEY_USE).resources("*")
                        .condition("StringEquals", "aws:PrincipalOrgID", organizationId)
                        .condition("ArnLike", "aws:PrincipalArn", "arn:" + account.partition() + ":iam::*:role/*")
                        .condition("StringEquals", "kms:ViaService", account.regionalService("sns")));
    }
}
