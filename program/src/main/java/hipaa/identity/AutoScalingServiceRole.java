package hipaa.identity;

import com.pulumi.aws.iam.ServiceLinkedRole;
import com.pulumi.aws.iam.ServiceLinkedRoleArgs;
import com.pulumi.aws.kms.Grant;
import com.pulumi.aws.kms.GrantArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * An Auto Scaling group's own service-linked role, and the KMS grant that lets it launch instances whose
 * volumes are encrypted with a customer managed key.
 *
 * <p>EC2 Auto Scaling launches as a service-linked role whose AWS-defined policy grants no customer managed
 * key. AWS documents two ways to give it one ("Required AWS KMS key policy for use with encrypted volumes",
 * Amazon EC2 Auto Scaling User Guide): name the role in the key policy, or give it a grant. The key policy
 * route needs the role to exist when the key is created, and the account's default role
 * ({@code AWSServiceRoleForAutoScaling}) exists only after its first Auto Scaling group, so a key policy
 * naming it fails on a new account (MalformedPolicyDocumentException). A role with a custom suffix, created
 * here, and a grant created after it work on any account.
 *
 * <p>Children of {@code parent}: {@code <name>-autoscaling-role} and {@code <name>-autoscaling-key-grant}.
 */
public final class AutoScalingServiceRole {
    private AutoScalingServiceRole() {}

    private static final String PREFIX = "AWSServiceRoleForAutoScaling_";

    /** What the role may do with the key: exactly what AWS lists for launching with encrypted volumes. */
    public static final List<String> KEY_GRANT_OPERATIONS = List.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo",
            "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey", "CreateGrant");

    /**
     * @param roleArn the role, for the group's {@code serviceLinkedRoleArn}
     * @param grant   the group must depend on it: without it the first launch fails
     */
    public record Launcher(Output<String> roleArn, Grant grant) {}

    /**
     * @param physical the group's physical name; it names the role's suffix and the grant
     * @param keyArn   the key the group's volumes are encrypted with
     */
    public static Launcher create(Resource parent, String name, String physical, Output<String> keyArn) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        var role = new ServiceLinkedRole(name + "-autoscaling-role", ServiceLinkedRoleArgs.builder()
                .awsServiceName("autoscaling.amazonaws.com")
                .customSuffix(suffix(physical))
                .description("Auto Scaling for " + physical + "; may use the data key for its volumes")
                .build(), child);
        var grant = new Grant(name + "-autoscaling-key-grant", GrantArgs.builder()
                .name(physical + "-ebs")
                .keyId(keyArn)
                .granteePrincipal(role.arn())
                .operations(KEY_GRANT_OPERATIONS)
                .build(), child);
        return new Launcher(role.arn(), grant);
    }

    /** IAM role names end at 64 characters: the suffix keeps what fits after {@code AWSServiceRoleForAutoScaling_}. */
    public static String suffix(String physical) {
        var clean = physical.replaceAll("[^A-Za-z0-9+=,.@_-]", "-");
        return clean.substring(0, Math.min(clean.length(), 64 - PREFIX.length()));
    }
}
