package hipaa.organization;

import hipaa.identity.AwsAccount;
import hipaa.identity.KeyPolicies;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Who may use the organization's evidence in the log-archive account: the bucket grants and the archive key's
 * policy. Only AWS services acting for the organization write (CloudTrail for the management account's
 * organization trail, AWS Config for the organization's accounts); only principals of the log-archive account
 * read or administer; every principal of a workload account is denied by name of its account, whatever a grant
 * elsewhere might say.
 *
 * @param archive            the log-archive account (its partition and Region)
 * @param organizationId     the organization ({@code o-...})
 * @param managementAccountId the account whose organization trail delivers here
 * @param memberAccountIds   every account of the organization whose AWS Config delivers here (management,
 *                           log-archive, security and the workloads)
 * @param workloadAccountIds the accounts whose principals must never reach the evidence
 */
public record ArchivePolicies(AwsAccount archive, String organizationId, String managementAccountId,
                              List<String> memberAccountIds, List<String> workloadAccountIds) {

    public ArchivePolicies {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(managementAccountId, "managementAccountId");
        memberAccountIds = List.copyOf(new LinkedHashSet<>(memberAccountIds));
        workloadAccountIds = List.copyOf(workloadAccountIds);
        if (workloadAccountIds.isEmpty()) {
            throw new IllegalArgumentException("workloadAccountIds: at least one workload account is denied");
        }
    }

    private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
    private static final String CONFIG = "config.amazonaws.com";

    /** Every trail of the management account: the organization trail lives there (also when a delegated administrator creates it). */
    String managementTrails() {
        return "arn:" + archive.partition() + ":cloudtrail:*:" + managementAccountId + ":trail/*";
    }

    /**
     * The CloudTrail archive's grants: AWS's bucket policy for an organization trail (AWS CloudTrail User Guide,
     * "Amazon S3 bucket policy for CloudTrail", organization trail: the management account's own log files under
     * {@code AWSLogs/<management account id>/}, the members' under {@code AWSLogs/<organization id>/}), each held
     * to the management account's trails by {@code aws:SourceArn} (confused-deputy guard the same page
     * recommends). No Config grant: AWS Config cannot deliver to a bucket with Object Lock
     * (AWS::Config::DeliveryChannel, CloudFormation Template Reference), so it has a bucket of its own.
     */
    List<Statement> trailGrants(String bucketArn) {
        return List.of(
                Statement.allow("CloudTrailChecksTheBucketAcl").principal("Service", CLOUDTRAIL)
                        .actions("s3:GetBucketAcl")
                        .resources(bucketArn)
                        .condition("ArnLike", "aws:SourceArn", managementTrails()),
                Statement.allow("CloudTrailWritesTheManagementAccountsLogs").principal("Service", CLOUDTRAIL)
                        .actions("s3:PutObject")
                        .resources(bucketArn + "/AWSLogs/" + managementAccountId + "/*")
                        .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                        .condition("ArnLike", "aws:SourceArn", managementTrails()),
                Statement.allow("CloudTrailWritesTheOrganizationsLogs").principal("Service", CLOUDTRAIL)
                        .actions("s3:PutObject")
                        .resources(bucketArn + "/AWSLogs/" + organizationId + "/*")
                        .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                        .condition("ArnLike", "aws:SourceArn", managementTrails()));
    }

    /**
     * The Config history's grants: what AWS Config needs of a bucket in another account ("Permissions for the
     * Amazon S3 Bucket for the AWS Config Delivery Channel", AWS Config Developer Guide: GetBucketAcl, ListBucket
     * for the existence check, PutObject under {@code AWSLogs/<account>/Config/} with
     * {@code bucket-owner-full-control}), held to the organization with {@code aws:SourceOrgID} as AWS Control
     * Tower does for its central bucket (AWS Control Tower User Guide, "Amazon S3 bucket policy in the audit
     * account": an aws:SourceOrgID condition on every write). The delivery channels use no key prefix.
     */
    List<Statement> configGrants(String bucketArn) {
        return List.of(
                Statement.allow("ConfigChecksTheBucketAcl").principal("Service", CONFIG)
                        .actions("s3:GetBucketAcl")
                        .resources(bucketArn)
                        .condition("StringEquals", "aws:SourceOrgID", organizationId),
                Statement.allow("ConfigChecksTheBucketExists").principal("Service", CONFIG)
                        .actions("s3:ListBucket")
                        .resources(bucketArn)
                        .condition("StringEquals", "aws:SourceOrgID", organizationId),
                Statement.allow("ConfigDeliversForTheOrganizationsAccounts").principal("Service", CONFIG)
                        .actions("s3:PutObject")
                        .resources(bucketArn + "/AWSLogs/*/Config/*")
                        .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                        .condition("StringEquals", "aws:SourceOrgID", organizationId));
    }

    /**
     * Every principal of a workload account is refused everything on the bucket and its objects. Sound because
     * the services that write here act as their service principal, which carries no {@code aws:PrincipalAccount}
     * (IAM User Guide, "AWS global condition context keys": aws:PrincipalAccount is the account of the requesting
     * principal); a workload's Config role, which AWS Config tries first, is refused and Config retries as its
     * service principal, as the Config page above describes.
     */
    Statement denyWorkloads(String bucketArn) {
        return Statement.deny("DenyEveryPrincipalOfTheWorkloadAccounts").principal("*", "*")
                .actions("s3:*")
                .resources(bucketArn, bucketArn + "/*")
                .condition("StringEquals", "aws:PrincipalAccount", workloadAccountIds.toArray(String[]::new));
    }

    /**
     * The archive key: administered through IAM of the log-archive account without any use
     * ({@link KeyPolicies#administerOnly}); used by principals of that account only through its S3 (auditors'
     * reads, the replication role); CloudTrail encrypts for the management account's trails ("Configure AWS KMS key
     * policies for CloudTrail", AWS CloudTrail User Guide: kms:GenerateDataKey* with
     * kms:EncryptionContext:aws:cloudtrail:arn and aws:SourceArn, kms:DescribeKey, and kms:Decrypt when the bucket
     * uses an S3 Bucket Key); AWS Config encrypts for the organization's accounts ("Permissions for the KMS Key
     * for the AWS Config Delivery Channel", AWS Config Developer Guide: kms:Decrypt and kms:GenerateDataKey for
     * config.amazonaws.com with aws:SourceAccount, which is what that page documents for a key policy); and every
     * principal of a workload account is denied every KMS action.
     */
    public PolicyDocument keyPolicy() {
        return PolicyDocument.of(
                KeyPolicies.administerOnly(archive),
                KeyPolicies.useOnlyThrough(archive, "AllowUseThroughS3OfThisAccountOnly", "s3"),
                Statement.allow("CloudTrailEncryptsTheOrganizationTrail").principal("Service", CLOUDTRAIL)
                        .actions("kms:GenerateDataKey*").resources("*")
                        .condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn", managementTrails())
                        .condition("ArnLike", "aws:SourceArn", managementTrails()),
                Statement.allow("CloudTrailDescribesTheKey").principal("Service", CLOUDTRAIL)
                        .actions("kms:DescribeKey").resources("*")
                        .condition("ArnLike", "aws:SourceArn", managementTrails()),
                Statement.allow("CloudTrailDecryptsForTheBucketKey").principal("Service", CLOUDTRAIL)
                        .actions("kms:Decrypt").resources("*")
                        .condition("ArnLike", "aws:SourceArn", managementTrails()),
                Statement.allow("ConfigEncryptsForTheOrganizationsAccounts").principal("Service", CONFIG)
                        .actions("kms:Decrypt", "kms:GenerateDataKey").resources("*")
                        .condition("StringEquals", "aws:SourceAccount", memberAccountIds.toArray(String[]::new)),
                Statement.deny("DenyEveryPrincipalOfTheWorkloadAccounts").principal("*", "*")
                        .actions("kms:*").resources("*")
                        .condition("StringEquals", "aws:PrincipalAccount", workloadAccountIds.toArray(String[]::new)));
    }
}
