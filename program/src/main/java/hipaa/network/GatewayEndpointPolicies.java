package hipaa.network;

import hipaa.identity.AwsAccount;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.List;

/**
 * What the S3 and DynamoDB gateway endpoints let through. A gateway endpoint takes every request from the
 * route tables it serves to the service in the Region, and with no policy it allows any bucket or table of
 * any account: a path for PHI to leave through a bucket someone else owns. These policies allow this
 * account's resources, plus the AWS-owned buckets the app and data tiers must read, each listed below with
 * its reason and source. Everything else is refused at the endpoint, whatever the caller's credentials.
 *
 * <p>An endpoint policy grants nothing by itself: identity and resource policies still decide; it only bounds
 * what passes (AWS PrivateLink guide, "Control access to VPC endpoints using endpoint policies").
 */
public final class GatewayEndpointPolicies {
    private GatewayEndpointPolicies() {}

    /**
     * An AWS-owned bucket that instances or tasks behind the endpoint read, and why.
     *
     * @param name   the bucket
     * @param reason who reads it, for what
     * @param source the AWS page that lists it
     */
    public record AwsOwnedBucket(String name, String reason, String source) {}

    static final String SSM_BUCKETS = "https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-minimum-s3-permissions.html";

    /**
     * The AWS-owned buckets reached through the S3 endpoint, which AWS reads unauthenticated or with presigned
     * URLs of its own accounts (so no condition on the caller can admit them). The Windows and macOS buckets of
     * the SSM list are left out: nothing here runs either. The same list, with AWS's own reasons, is in
     * aws-samples/data-perimeter-policy-examples, vpc_endpoint_policies/README.md ("AllowRequestsToAWSOwnedResources").
     */
    public static List<AwsOwnedBucket> awsOwnedBuckets(String region) {
        return List.of(
                new AwsOwnedBucket("al2023-repos-" + region + "-de612dc2",
                        "dnf on Amazon Linux 2023 (bastion, VPN server, app instances): the package repositories its mirrorlist names",
                        "https://docs.aws.amazon.com/linux/al2023/ug/live-patching.html"),
                new AwsOwnedBucket("prod-" + region + "-starport-layer-bucket",
                        "Fargate tasks pulling the app image: Amazon ECR serves image layers from it",
                        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms"),
                new AwsOwnedBucket("aws-ssm-" + region,
                        "SSM Agent: AWS-owned SSM documents and Patch Manager's modules", SSM_BUCKETS),
                new AwsOwnedBucket("amazon-ssm-" + region, "SSM Agent updates", SSM_BUCKETS),
                new AwsOwnedBucket("amazon-ssm-packages-" + region,
                        "AWS packages installed through Systems Manager (AWS-ConfigureAWSPackage)", SSM_BUCKETS),
                new AwsOwnedBucket(region + "-birdwatcher-prod", "Systems Manager Distributor", SSM_BUCKETS),
                new AwsOwnedBucket("aws-ssm-distributor-file-" + region, "Systems Manager Distributor", SSM_BUCKETS),
                new AwsOwnedBucket("aws-ssm-document-attachments-" + region,
                        "attachments of AWS-owned SSM documents", SSM_BUCKETS),
                new AwsOwnedBucket("patch-baseline-snapshot-" + region,
                        "Patch Manager: the patch baseline an instance scans against", SSM_BUCKETS));
    }

    /**
     * S3: any action on the buckets of this account (aws:ResourceAccount, which S3 supports for every bucket and
     * object action), and reading objects of {@link #awsOwnedBuckets}.
     */
    public static PolicyDocument s3(AwsAccount account) {
        return PolicyDocument.of(
                Statement.allow("ThisAccountsBucketsOnly").principal("*", "*")
                        .actions("s3:*").resources("*")
                        .condition("StringEquals", "aws:ResourceAccount", account.accountId()),
                Statement.allow("ReadTheAwsOwnedBucketsTheTiersNeed").principal("*", "*")
                        .actions("s3:GetObject")
                        .resources(awsOwnedBuckets(account.region()).stream()
                                .map(b -> "arn:" + account.partition() + ":s3:::" + b.name() + "/*").toList()));
    }

    /**
     * DynamoDB: this account's tables in this Region, and their indexes, streams and backups (all under
     * {@code table/}). The ARN names the account, so no condition is needed to pin it; nothing here needs an
     * AWS-owned table.
     */
    public static PolicyDocument dynamodb(AwsAccount account) {
        return PolicyDocument.of(
                Statement.allow("ThisAccountsTablesOnly").principal("*", "*")
                        .actions("dynamodb:*").resources(account.arn("dynamodb", "table/*")));
    }
}
