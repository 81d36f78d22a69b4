package hipaa.identity;

import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM documents that keep people to least privilege, as data. {@link IdentityBaseline} attaches them;
 * tests read them back statement by statement.
 *
 * <p>Where a statement names resource {@code *} on an allow, it is because the actions in it accept no
 * other resource (AWS's Service Authorization Reference lists no resource type for them); the comment
 * at each such place says so. Denies may be broader than needed: over-denying costs nothing.
 */
public final class HumanPolicies {
    private HumanPolicies() {}

    /** The sid of the deny that {@link #requireMfa} renders with {@code NotAction}. */
    public static final String DENY_WITHOUT_MFA = "DenyEverythingExceptOwnMfaUntilSignedInWithMfa";

    /** What a person may do before signing in with MFA: set up MFA and a password, nothing else. */
    static final List<String> ALLOWED_WITHOUT_MFA = List.of("iam:CreateVirtualMFADevice", "iam:EnableMFADevice",
            "iam:GetUser", "iam:GetMFADevice", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",
            "iam:ChangePassword", "iam:GetAccountPasswordPolicy", "sts:GetSessionToken");

    /** An AWS managed policy's ARN in the stack's partition. */
    public static String awsManaged(String partition, String name) {
        return "arn:" + partition + ":iam::aws:policy/" + name;
    }

    // ---------------------------------------------------------------- MFA

    /**
     * Until a person signs in with MFA they may only see their own user, set up their own MFA device and
     * change their own password; everything else is denied. Deactivating MFA needs MFA.
     */
    public static NotActionPolicy requireMfa(AwsAccount a) {
        var self = iam(a, "user/${aws:username}");
        var doc = PolicyDocument.of(
                // Neither action accepts a resource ARN: AWS requires "*".
                Statement.allow("ViewAccountPasswordPolicyAndMfaDevices")
                        .actions("iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices").resources("*"),
                Statement.allow("ManageOwnPassword").actions("iam:ChangePassword", "iam:GetUser").resources(self),
                // A virtual device is named freely, so the device ARN cannot carry the user name.
                Statement.allow("CreateOwnVirtualMfaDevice").actions("iam:CreateVirtualMFADevice").resources(iam(a, "mfa/*")),
                Statement.allow("ManageOwnMfa").actions("iam:DeactivateMFADevice", "iam:EnableMFADevice",
                        "iam:GetMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice").resources(self),
                Statement.deny(DENY_WITHOUT_MFA).actions(ALLOWED_WITHOUT_MFA.toArray(String[]::new)).resources("*")
                        .condition("BoolIfExists", "aws:MultiFactorAuthPresent", "false"));
        return new NotActionPolicy(doc, Set.of(DENY_WITHOUT_MFA));
    }

    // ---------------------------------------------------------------- evidence

    /** One protected thing: the actions that would destroy or blind it, on the resources that hold it. */
    private record Guard(String name, List<String> actions, List<String> resources, Map<String, Map<String, String>> conditions) {
        Statement as(Statement base) {
            var st = base.actions(actions.toArray(String[]::new)).resources(resources);
            for (var c : conditions.entrySet()) {
                for (var kv : c.getValue().entrySet()) {
                    st = st.condition(c.getKey(), kv.getKey(), kv.getValue());
                }
            }
            return st;
        }
    }

    private static List<Guard> guards(EvidenceNames n) {
        return List.of(
                new Guard("StopOrRedirectTrails", List.of("cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
                        "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors", "cloudtrail:PutInsightSelectors"),
                        List.of(n.trails()), Map.of()),
                new Guard("DeleteOrOverwriteArchivedLogs", List.of("s3:DeleteObject", "s3:DeleteObjectVersion",
                        "s3:PutObject", "s3:PutObjectRetention", "s3:PutObjectLegalHold", "s3:BypassGovernanceRetention"),
                        List.of(n.archiveObjects()), Map.of()),
                // s3:PutLifecycleConfiguration also authorizes DeleteBucketLifecycle.
                new Guard("ChangeArchivePolicyOrLifecycle", List.of("s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
                        "s3:PutLifecycleConfiguration", "s3:PutBucketVersioning", "s3:PutBucketObjectLockConfiguration",
                        "s3:PutReplicationConfiguration", "s3:PutEncryptionConfiguration", "s3:PutBucketPublicAccessBlock",
                        "s3:DeleteBucket"), List.of(n.archiveBuckets()), Map.of()),
                // One recorder and one delivery channel per account and Region: "*" denies exactly those.
                new Guard("StopOrRedirectConfig", List.of("config:StopConfigurationRecorder",
                        "config:DeleteConfigurationRecorder", "config:PutConfigurationRecorder",
                        "config:DeleteDeliveryChannel", "config:PutDeliveryChannel"), List.of("*"), Map.of()),
                new Guard("DeleteOrShortenAuditLogs", List.of("logs:DeleteLogGroup", "logs:DeleteLogStream",
                        "logs:PutRetentionPolicy", "logs:DisassociateKmsKey", "logs:DeleteMetricFilter"),
                        concat(List.of(n.logGroups(), n.databaseLogGroups()), n.serviceNamedLogGroups()), Map.of()),
                // Key ARNs carry no name; the stack's keys are the ones its aliases point at.
                new Guard("DisableOrDeleteKeys", List.of("kms:DisableKey", "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy",
                        "kms:DisableKeyRotation"), List.of(n.keys()),
                        Map.of("ForAnyValue:StringLike", Map.of("kms:ResourceAliases", n.keyAliasPattern()))),
                // Moving an alias would take its key out of the condition above.
                new Guard("RepointKeyAliases", List.of("kms:DeleteAlias", "kms:UpdateAlias"), List.of(n.keyAliases()), Map.of()),
                new Guard("SilenceAlertTopics", List.of("sns:DeleteTopic", "sns:SetTopicAttributes", "sns:RemovePermission"),
                        List.of(n.topics()), Map.of()),
                new Guard("SilenceAlarms", List.of("cloudwatch:DeleteAlarms", "cloudwatch:DisableAlarmActions"),
                        List.of(n.alarms()), Map.of()),
                new Guard("LoosenHumanAccess", List.of("iam:PutGroupPolicy", "iam:DeleteGroupPolicy", "iam:AttachGroupPolicy",
                        "iam:DetachGroupPolicy", "iam:DeleteGroup", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion",
                        "iam:SetDefaultPolicyVersion", "iam:DeletePolicy", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole",
                        "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
                        "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"),
                        List.of(n.groups(), n.policies(), n.breakGlassRole()), Map.of()),
                // The password policy is one per account: AWS requires "*".
                new Guard("WeakenPasswordPolicy", List.of("iam:UpdateAccountPasswordPolicy", "iam:DeleteAccountPasswordPolicy"),
                        List.of("*"), Map.of()));
    }

    /**
     * The explicit deny on every group: nobody in a group can stop, redirect, delete, overwrite or shorten
     * the audit trail, its archive, its log groups and keys, silence the alarms, or loosen these groups and
     * the break-glass role. An explicit deny beats any allow, {@code AdministratorAccess} included.
     */
    public static PolicyDocument evidenceProtection(EvidenceNames n) {
        return new PolicyDocument(guards(n).stream().map(g -> g.as(Statement.deny("Deny" + g.name()))).toList());
    }

    /** The break-glass role may do exactly what {@link #evidenceProtection} denies, and nothing else. */
    public static PolicyDocument breakGlassPermissions(EvidenceNames n) {
        return new PolicyDocument(guards(n).stream().map(g -> g.as(Statement.allow("Allow" + g.name()))).toList());
    }

    /** Assumable by principals of this account signed in with MFA in the last hour (IAM grants it to admins). */
    public static PolicyDocument breakGlassTrust(AwsAccount a) {
        return PolicyDocument.of(Statement.assumeRole("AccountPrincipalsWithRecentMfa", "AWS", a.root())
                .condition("Bool", "aws:MultiFactorAuthPresent", "true")
                .condition("NumericLessThan", "aws:MultiFactorAuthAge", "3600"));
    }

    // ---------------------------------------------------------------- sysadmins

    /**
     * Operate EC2, ECS, RDS, load balancers, Auto Scaling and CloudWatch of this stack: see their state,
     * read the stack's logs, start, stop and reboot, scale, move targets. Changes go through the
     * program, not the console, so nothing here creates, deletes or reconfigures. Explicitly denied: IAM
     * (beyond one's own MFA), KMS key administration and CloudTrail changes.
     *
     * @param scopeTags tags every resource of the stack carries (the provider's default tags), e.g.
     *                  {@code Project} and {@code Stack}: operating verbs apply only where all match
     */
    public static PolicyDocument sysadmin(AwsAccount a, String prefix, Map<String, String> scopeTags) {
        var r = a.region();
        var statements = new ArrayList<Statement>();
        // Describe/List/Get of these services accept no resource ARN: AWS requires "*".
        statements.add(Statement.allow("ReadOperationalState").actions("ec2:Describe*", "ecs:Describe*", "ecs:List*",
                "rds:Describe*", "rds:ListTagsForResource", "elasticloadbalancing:Describe*", "autoscaling:Describe*",
                "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "logs:DescribeLogGroups",
                "logs:DescribeQueries", "logs:GetQueryResults", "logs:StopQuery").resources("*"));
        statements.add(Statement.allow("ReadThisStacksLogs").actions("logs:DescribeLogStreams", "logs:GetLogEvents",
                "logs:FilterLogEvents", "logs:StartQuery", "logs:GetLogGroupFields")
                .resources(a.arn("logs", "log-group:/" + prefix + "/*")));
        statements.add(tagged(Statement.allow("OperateInstances")
                .actions("ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances")
                .resources(a.arn("ec2", "instance/*")), scopeTags));
        statements.add(tagged(Statement.allow("OperateEcsServices").actions("ecs:UpdateService", "ecs:StopTask")
                .resources(a.arn("ecs", "service/*"), a.arn("ecs", "task/*")), scopeTags));
        statements.add(tagged(Statement.allow("OperateDatabases")
                .actions("rds:RebootDBInstance", "rds:StartDBInstance", "rds:StopDBInstance")
                .resources(a.arn("rds", "db:*")), scopeTags));
        statements.add(tagged(Statement.allow("OperateLoadBalancerTargets")
                .actions("elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets")
                .resources(a.arn("elasticloadbalancing", "targetgroup/*/*")), scopeTags));
        statements.add(tagged(Statement.allow("OperateAutoScalingGroups").actions("autoscaling:SetDesiredCapacity",
                "autoscaling:SetInstanceHealth", "autoscaling:TerminateInstanceInAutoScalingGroup",
                "autoscaling:StartInstanceRefresh", "autoscaling:CancelInstanceRefresh", "autoscaling:SuspendProcesses",
                "autoscaling:ResumeProcesses").resources(a.arn("autoscaling", "autoScalingGroup:*:autoScalingGroupName/*")),
                scopeTags));
        // Starting an instance with encrypted volumes needs the caller's grant on the volume key, via EC2 only.
        statements.add(Statement.allow("UseStackKeysThroughEc2ForVolumes").actions("kms:CreateGrant", "kms:Decrypt",
                        "kms:DescribeKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncrypt*")
                .resources(a.arn("kms", "key/*"))
                .condition("StringEquals", "kms:ViaService", a.regionalService("ec2"))
                .condition("ForAnyValue:StringLike", "kms:ResourceAliases", "alias/" + prefix + "-*"));
        statements.add(Statement.deny("DenyKeyAdministration").actions("kms:CreateKey", "kms:CreateAlias",
                "kms:DeleteAlias", "kms:UpdateAlias", "kms:PutKeyPolicy", "kms:EnableKey", "kms:DisableKey",
                "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:EnableKeyRotation", "kms:DisableKeyRotation",
                "kms:UpdateKeyDescription", "kms:RevokeGrant", "kms:RetireGrant", "kms:ImportKeyMaterial",
                "kms:DeleteImportedKeyMaterial", "kms:TagResource", "kms:UntagResource").resources("*"));
        statements.add(Statement.deny("DenyCloudTrailChanges").actions("cloudtrail:Create*", "cloudtrail:Delete*",
                "cloudtrail:Update*", "cloudtrail:Put*", "cloudtrail:StopLogging", "cloudtrail:StartLogging",
                "cloudtrail:AddTags", "cloudtrail:RemoveTags").resources("*"));
        // IAM is denied on everything but users, so one's own MFA and password stay manageable (require-mfa policy).
        statements.add(Statement.deny("DenyIamOnRolesGroupsPoliciesAndProviders").actions("iam:*").resources(
                iam(a, "role/*"), iam(a, "group/*"), iam(a, "policy/*"), iam(a, "instance-profile/*"),
                iam(a, "saml-provider/*"), iam(a, "oidc-provider/*"), iam(a, "server-certificate/*")));
        statements.add(Statement.deny("DenyIamUserAdministration").actions("iam:CreateUser", "iam:DeleteUser",
                "iam:UpdateUser", "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:CreateLoginProfile",
                "iam:UpdateLoginProfile", "iam:DeleteLoginProfile", "iam:AttachUserPolicy", "iam:DetachUserPolicy",
                "iam:PutUserPolicy", "iam:DeleteUserPolicy", "iam:AddUserToGroup", "iam:RemoveUserFromGroup",
                "iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary").resources(iam(a, "user/*")));
        return new PolicyDocument(statements);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    private static Statement tagged(Statement st, Map<String, String> scopeTags) {
        for (var tag : new java.util.TreeMap<>(scopeTags).entrySet()) {
            st = st.condition("StringEquals", "aws:ResourceTag/" + tag.getKey(), tag.getValue());
        }
        return st;
    }

    // ---------------------------------------------------------------- auditors

    /**
     * Read the log archive, on top of ReadOnlyAccess and SecurityAudit: list and get archived objects,
     * and decrypt them, only through S3 for objects of the archive buckets or for log files of the
     * stack's trails.
     */
    public static PolicyDocument auditArchiveRead(EvidenceNames n) {
        var a = n.account();
        return PolicyDocument.of(
                Statement.allow("ListArchive").actions("s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation")
                        .resources(n.archiveBuckets()),
                Statement.allow("ReadArchivedObjects").actions("s3:GetObject", "s3:GetObjectVersion")
                        .resources(n.archiveObjects()),
                Statement.allow("DecryptArchivedObjectsThroughS3").actions("kms:Decrypt").resources(a.arn("kms", "key/*"))
                        .condition("StringEquals", "kms:ViaService", a.regionalService("s3"))
                        .condition("StringLike", "kms:EncryptionContext:aws:s3:arn", n.archiveBuckets()),
                Statement.allow("DecryptTrailLogFiles").actions("kms:Decrypt").resources(a.arn("kms", "key/*"))
                        .condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn", n.trails()));
    }

    private static String iam(AwsAccount a, String resource) {
        return "arn:" + a.partition() + ":iam::" + a.accountId() + ":" + resource;
    }
}
