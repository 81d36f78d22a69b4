package hipaa.organization;

import com.pulumi.resources.ComponentResourceOptions;
import hipaa.alerting.AlertTopic;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.identity.SecureTransport;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The security team's topic: where the organization's findings and the workloads' security events go.
 *
 * <p>It is an {@link AlertTopic} (its children, names and e-mail subscriptions) with other publishers.
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
public final class SecurityTopic {
    private SecurityTopic() {}

    /** What SNS needs of the key for each publisher (SNS Developer Guide, "Configuring AWS KMS permissions"). */
    static final String[] PUBLISHER_KEY_USE = {"kms:GenerateDataKey*", "kms:Decrypt"};
    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");

    /**
     * @param naming         the security account and the name prefix: topic {@code <prefix>-alerts}
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
        }
    }

    /** The security team's topic: an {@link AlertTopic} whose publishers are the organization's, not one stack's. */
    public static AlertTopic create(String name, Args args, ComponentResourceOptions opts) {
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();
        var audience = new AlertTopic.Audience("security-alerts",
                prefix + " security topic key: the organization's findings and security events", prefix + " security alerts",
                keyPolicy(account, args.organizationId()),
                topicArn -> policy(account, args.organizationId(), topicArn, ruleArns(account, prefix)));
        return new AlertTopic(name, new AlertTopic.Args(args.naming(), args.emails(), args.protect()), audience, opts);
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
