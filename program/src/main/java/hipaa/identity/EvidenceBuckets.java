package hipaa.identity;

import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements every log bucket's own policy carries so that it protects itself, whatever its name and
 * whoever asks: the identity guards ({@link HumanPolicies}) stop people by name pattern, these stop every
 * principal of every account at the bucket, the account's root user included, except the two roles meant
 * to change evidence: the deployer ({@code pulumi up}) and the stack's break-glass role.
 *
 * <p>Lock-out safety: S3 always lets the bucket owner's root user read, replace and delete a bucket policy,
 * whatever the policy says (Amazon S3 User Guide, "Bucket policies": the root user can delete a policy that
 * denies everyone), so a wrong deployer name is recoverable. The bucket components add these statements to
 * their policies; this class owns what they say.
 */
public final class EvidenceBuckets {
    private EvidenceBuckets() {}

    /** Bucket-level actions that change how evidence is kept: policy, lifecycle, versioning, Object Lock, logging. */
    static final List<String> CONFIGURATION = List.of("s3:PutBucket*", "s3:DeleteBucket*", "s3:PutLifecycleConfiguration",
            "s3:PutEncryptionConfiguration", "s3:PutReplicationConfiguration");

    /**
     * Only the deployer and break-glass may change the bucket's configuration (policy, lifecycle, versioning,
     * Object Lock, logging, ownership, public access block, encryption, replication) or delete it.
     *
     * @param namePrefix the stack's prefix, e.g. {@code hipaa-prod}: names the two roles
     * @param bucketArn      the bucket
     */
    public static Statement configurationGuard(AwsAccount account, String namePrefix, String bucketArn) {
        return Statement.deny("DenyConfigurationChangesButByTheDeployerAndBreakGlass").principal("*", "*")
                .actions(CONFIGURATION.toArray(String[]::new))
                .resources(bucketArn)
                .condition("ArnNotLike", "aws:PrincipalArn", deployer(account, namePrefix),
                        EvidenceNames.iam(account, "role/" + EvidenceNames.breakGlassRoleName(namePrefix)));
    }

    /**
     * Nobody deletes a log object or version. In a stack without deletion protection the deployer still may,
     * so {@code pulumi destroy} can empty the bucket (docs/DEPLOY.md); protected stacks have no exception.
     */
    public static Statement deleteGuard(AwsAccount account, String namePrefix, String bucketArn, boolean protect) {
        var st = Statement.deny("DenyDeletingLogObjects").principal("*", "*")
                .actions("s3:DeleteObject", "s3:DeleteObjectVersion")
                .resources(bucketArn + "/*");
        return protect ? st : st.condition("ArnNotLike", "aws:PrincipalArn", deployer(account, namePrefix));
    }

    /** {@code statements} followed by both guards: the policy of a log bucket that has no delete deny of its own. */
    public static List<Statement> guarded(List<Statement> statements, AwsAccount account, String namePrefix,
                                          String bucketArn, boolean protect) {
        var all = new ArrayList<>(statements);
        all.add(deleteGuard(account, namePrefix, bucketArn, protect));
        all.add(configurationGuard(account, namePrefix, bucketArn));
        return List.copyOf(all);
    }

    private static String deployer(AwsAccount account, String namePrefix) {
        return EvidenceNames.iam(account, "role/" + EvidenceNames.deployerRoleName(namePrefix));
    }
}
