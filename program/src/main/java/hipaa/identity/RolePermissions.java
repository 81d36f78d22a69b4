package hipaa.identity;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * A role's own permissions as a customer managed policy attached to it, never an inline role policy.
 *
 * <p>Why not inline: AWS Config {@code iam-no-inline-policy-check} reports every role with an inline policy
 * NON_COMPLIANT, and cdk-nag's {@code IAMNoInlinePolicy} (HIPAA Security pack) flags it. A managed policy is
 * versioned (the previous five documents stay readable and can be restored), listed and reviewable on its own,
 * and, because its name starts with the stack's prefix, covered by the guard {@code ChangeTheStacksIam} of the
 * evidence protection and the permissions boundary ({@link HumanPolicies}: every IAM change to policies named
 * {@code <project>-*-*}, {@link EvidenceNames}), so no person can rewrite or detach it.
 *
 * <p>Children, both under the caller's parent: the policy {@code <name>} and the attachment
 * {@code <name>-attachment}.
 */
public final class RolePermissions {
    private RolePermissions() {}

    /**
     * @param policy     the customer managed policy
     * @param attachment its attachment to the role: resources that need the permissions depend on this, since the
     *                   role holds them only once it exists
     */
    public record Attached(Policy policy, RolePolicyAttachment attachment) {}

    /**
     * @param name         logical name of the policy; the attachment is {@code <name>-attachment}
     * @param physicalName the policy's name in IAM, unique in the account: {@code <prefix>-...}
     * @param description  what the role may do, shown in the IAM console
     * @param roleName     the role's name
     * @param document     the policy document (JSON)
     * @param opts         options of both children (their parent)
     */
    public static Attached attach(String name, String physicalName, String description, Output<String> roleName,
                                  Output<String> document, CustomResourceOptions opts) {
        var policy = new Policy(name, PolicyArgs.builder()
                .name(physicalName)
                .description(description)
                .policy(document)
                .tags(Map.of("Name", physicalName))
                .build(), opts);
        var attachment = new RolePolicyAttachment(name + "-attachment", RolePolicyAttachmentArgs.builder()
                .role(roleName)
                .policyArn(policy.arn())
                .build(), opts);
        return new Attached(policy, attachment);
    }
}
