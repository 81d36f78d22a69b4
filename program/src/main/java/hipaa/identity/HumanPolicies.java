package hipaa.identity;

import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The IAM documents that keep people to least privilege, as data. {@link IdentityBaseline} attaches them;
 * tests read them back statement by statement and ask a policy simulator about them.
 *
 * <p>Where a statement names resource {@code *} on an allow, it is because the actions in it accept no
 * other resource (AWS's Service Authorization Reference lists no resource type for them); the comment
 * at each such place says so. Denies may be broader than needed: over-denying costs nothing.
 *
 * <p>The guards ({@link #evidenceProtection}, {@link #delegationGuard}, {@link #permissionsBoundary}) are
 * written for every stack of the project in the account ({@link EvidenceNames#everyStack()}), so stacks that
 * share an account protect each other; the break-glass role may act on its own stack only. The guard
 * statements carry no principal: the same list is what an AWS Organizations service control policy would
 * hold ({@link #guardStatements}), with an exception for the deployer and break-glass roles.
 */
public final class HumanPolicies {
    private HumanPolicies() {}

    /** The sid of the deny that {@link #requireMfa} renders with {@code NotAction}. */
    public static final String DENY_WITHOUT_MFA = "DenyEverythingExceptOwnMfaUntilSignedInWithMfa";
    /** The sid of the deny, rendered with {@code NotResource}, that keeps MFA self-service to oneself before MFA. */
    public static final String DENY_OTHERS_WITHOUT_MFA = "DenyMfaSelfServiceOnOtherUsersUntilSignedInWithMfa";
    /** The sid of the boundary's allow, rendered with {@code NotAction}. */
    public static final String BOUNDARY_CEILING = "AllowEverythingButOrganizationAndAccountSettings";
    /** The sid of the deny that keeps admins to adding members to this stack's groups ({@code NotResource}). */
    public static final String MEMBERS_ONLY_HERE = "DenyAddingMembersToGroupsOfOtherStacksOrOutsideTheStack";

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
     *
     * <p>Enrolling a device without MFA is possible only in a console session: AWS asks for the MFA code at
     * console sign-in as soon as a user has a device, so a console session without MFA belongs to a user
     * with none registered (IAM User Guide, "Sign in to the AWS Management Console as an IAM user" with
     * MFA). Every other credential without MFA is refused: long-term access keys carry no
     * {@code aws:MultiFactorAuthPresent} at all (IAM User Guide, "AWS global condition context keys"), so
     * a stolen key cannot add a device of its own, and people may not create access keys or change their
     * status (they sign in through the console or IAM Identity Center), which closes the path through
     * {@code sts:GetSessionToken} too. UpdateAccessKey cannot tell deactivating from reactivating, so a
     * compromised key is deleted. The console-sign-in-without-MFA alarm pages on every such session.
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
                        .condition("BoolIfExists", "aws:MultiFactorAuthPresent", "false"),
                // What stays allowed without MFA is one's own: AdministratorAccess must not extend it to others.
                Statement.deny(DENY_OTHERS_WITHOUT_MFA).actions("iam:EnableMFADevice", "iam:ResyncMFADevice",
                                "iam:GetMFADevice", "iam:ListMFADevices", "iam:GetUser", "iam:ChangePassword").resources(self)
                        .condition("BoolIfExists", "aws:MultiFactorAuthPresent", "false"),
                Statement.deny("DenyMfaChangesWithLongTermAccessKeys").actions("iam:CreateVirtualMFADevice",
                                "iam:EnableMFADevice", "iam:DeactivateMFADevice", "iam:ResyncMFADevice").resources("*")
                        .condition("Null", "aws:MultiFactorAuthPresent", "true"),
                Statement.deny("DenyAccessKeysForPeople").actions("iam:CreateAccessKey", "iam:UpdateAccessKey")
                        .resources("*"));
        return new NotActionPolicy(doc, Set.of(DENY_WITHOUT_MFA), Set.of(DENY_OTHERS_WITHOUT_MFA), false);
    }

    // ---------------------------------------------------------------- evidence and detection

    /**
     * One protected thing: the actions that would destroy, blind or forge it, on the resources that hold it.
     *
     * @param name      what it guards, in the sid ({@code Deny<name>}, {@code Allow<name>})
     * @param breakGlass whether the break-glass role may do it (on its own stack)
     */
    private record Guard(String name, List<String> actions, List<String> resources, UnaryOperator<Statement> conditions,
                         boolean breakGlass) {
        Statement as(Statement base) {
            return conditions.apply(base.actions(actions.toArray(String[]::new)).resources(resources));
        }
    }

    private static Guard guard(String name, List<String> actions, List<String> resources) {
        return new Guard(name, actions, resources, UnaryOperator.identity(), true);
    }

    /**
     * Everything that holds or raises the evidence, for the names of one scope. {@code trails} is every
     * trail of the account for the denies, the stack's own for break-glass.
     */
    private static List<Guard> guards(EvidenceNames.Names n, Optional<String> trails) {
        var all = new ArrayList<Guard>();
        // cloudtrail:Put* covers PutEventSelectors and PutInsightSelectors. No local trail, no guard: the organization
        // trail is the management account's, out of reach of this account and held by the SCPs.
        trails.ifPresent(t -> all.add(guard("StopOrRedirectTrails", List.of("cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
                "cloudtrail:UpdateTrail", "cloudtrail:Put*"), List.of(t))));
        all.addAll(List.of(
                guard("DeleteOrOverwriteLogObjects", List.of("s3:DeleteObject*", "s3:PutObject*",
                        "s3:BypassGovernanceRetention"), n.logObjects()),
                // s3:PutBucket* covers the policy, versioning, Object Lock, logging, ownership, ACL and public access
                // block; s3:PutLifecycleConfiguration also authorizes DeleteBucketLifecycle.
                guard("ChangeLogBucketConfiguration", List.of("s3:PutBucket*", "s3:DeleteBucket*",
                        "s3:PutLifecycleConfiguration", "s3:PutEncryptionConfiguration", "s3:PutReplicationConfiguration"),
                        n.logBuckets()),
                // One recorder and delivery channel per account and Region, and Config rule ARNs carry an id
                // AWS picks, not the name: "*" denies exactly those and every rule and remediation.
                guard("StopOrRewriteConfig", List.of("config:Stop*", "config:Delete*", "config:Put*"), List.of("*")),
                // logs:Put* covers retention, metric and subscription filters, data protection and log events
                // (forging evidence); logs:Delete* the groups, streams, filters and retention.
                guard("DeleteRewriteOrForgeAuditLogs", List.of("logs:Delete*", "logs:Put*", "logs:CreateLogStream",
                        "logs:AssociateKmsKey", "logs:DisassociateKmsKey"), n.logGroups()),
                new Guard("DisableOrDeleteKeys", List.of("kms:Disable*", "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy",
                        "kms:DeleteImportedKeyMaterial"), List.of(keys(n.account())),
                        st -> st.condition("ForAnyValue:StringLike", "kms:ResourceAliases", n.keyAliasPattern()), true),
                // Moving an alias would take its key out of the condition above.
                guard("RepointKeyAliases", List.of("kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"),
                        List.of(n.keyAliases())),
                new Guard("SilenceAlertTopics", List.of("sns:DeleteTopic", "sns:SetTopicAttributes", "sns:AddPermission",
                        "sns:RemovePermission", "sns:SetSubscriptionAttributes", "sns:Unsubscribe",
                        "sns:PutDataProtectionPolicy"), List.of(n.topics()), UnaryOperator.identity(), false),
                guard("SilenceAlarms", List.of("cloudwatch:DeleteAlarms", "cloudwatch:DisableAlarmActions",
                        "cloudwatch:Put*Alarm", "cloudwatch:SetAlarmState"), List.of(n.alarms())),
                guard("SilenceEventRules", List.of("events:DeleteRule", "events:DisableRule", "events:PutRule",
                        "events:PutTargets", "events:RemoveTargets"), List.of(n.eventRules())),
                // One detector, hub and account analyzer per account and Region: "*". Filters, trusted IP lists,
                // automation and archive rules suppress findings as surely as disabling the service.
                guard("SilenceThreatDetection", List.of("guardduty:Create*", "guardduty:Update*", "guardduty:Delete*",
                        "guardduty:Disassociate*", "guardduty:StopMonitoringMembers", "securityhub:Disable*",
                        "securityhub:Delete*", "securityhub:Update*", "securityhub:Disassociate*",
                        "securityhub:BatchDisableStandards", "securityhub:CreateAutomationRule",
                        "securityhub:BatchUpdateAutomationRules", "access-analyzer:DeleteAnalyzer",
                        "access-analyzer:CreateArchiveRule", "access-analyzer:UpdateArchiveRule",
                        "access-analyzer:ApplyArchiveRule"), List.of("*")),
                // The stack's groups, policies (the guards and the boundary among them), roles (break-glass and
                // the deployer among them) and instance profiles change only through the stack. Membership
                // (AddUserToGroup, RemoveUserFromGroup) stays with admins.
                new Guard("ChangeTheStacksIam", List.of("iam:Create*", "iam:Put*", "iam:Attach*", "iam:Detach*",
                        "iam:Delete*", "iam:Update*", "iam:SetDefaultPolicyVersion", "iam:Tag*", "iam:Untag*",
                        "iam:PassRole", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile"),
                        List.of(n.groups(), n.policies(), n.roles(), n.instanceProfiles()), UnaryOperator.identity(), false),
                // The password policy is one per account: AWS requires "*".
                guard("WeakenPasswordPolicy", List.of("iam:UpdateAccountPasswordPolicy", "iam:DeleteAccountPasswordPolicy"),
                        List.of("*"))));
        return List.copyOf(all);
    }

    /**
     * The guards as deny statements for every stack of the project in the account, plus the two that only
     * a stack's own view can state: no one assumes another stack's break-glass role, or uses another stack's
     * data or secrets key. These are what an AWS Organizations service control policy would deny (with an
     * {@code aws:PrincipalArn} exception for the deployer and break-glass roles): the seam for organization mode.
     */
    public static List<Statement> guardStatements(EvidenceNames n) {
        var all = new ArrayList<Statement>();
        guards(n.everyStack(), n.localTrail() ? Optional.of(n.allTrails()) : Optional.empty()).forEach(g -> all.add(g.as(Statement.deny("Deny" + g.name()))));
        var every = n.everyStack();
        // sts:AssumeRole reads the role's tags as iam:ResourceTag (Service Authorization Reference, AWS STS).
        all.add(Statement.deny("DenyOtherStacksBreakGlass").actions("sts:AssumeRole")
                .resources(n.iam("role/" + every.p() + "-break-glass"))
                .condition("StringNotEquals", "iam:ResourceTag/Name", n.breakGlassRoleName()));
        all.add(Statement.deny("DenyUsingOtherStacksDataAndSecretsKeys").actions("kms:Decrypt", "kms:Encrypt",
                        "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:CreateGrant").resources(n.keys())
                .condition("ForAnyValue:StringLike", "kms:ResourceAliases", "alias/" + every.p() + "-data",
                        "alias/" + every.p() + "-secrets")
                .condition("ForAllValues:StringNotLike", "kms:ResourceAliases", n.own().keyAliasPattern()));
        return List.copyOf(all);
    }

    /**
     * The explicit deny on every group: nobody in a group can stop, redirect, delete, overwrite, forge or
     * shorten the audit trail, its archive, the log buckets, log groups and keys; silence the alarms, event
     * rules, Config, GuardDuty, Security Hub or Access Analyzer; change the stack's IAM; or reach into another
     * stack of the account. An explicit deny beats any allow, {@code AdministratorAccess} included.
     */
    public static PolicyDocument evidenceProtection(EvidenceNames n) {
        return new PolicyDocument(guardStatements(n));
    }

    /**
     * What keeps admins from making a principal without the guards (attached to admins; the same statements
     * sit in the boundary): users and roles are created, given policies, given a trust or a boundary only when
     * they carry this stack's boundary ({@code iam:PermissionsBoundary}, IAM User Guide, "Permissions boundaries
     * for IAM entities"), which nobody removes; no customer managed policy changes in place (it may be attached
     * to a principal without the boundary); group policies come only from the stack; and members go only into
     * this stack's groups.
     */
    public static NotActionPolicy delegationGuard(EvidenceNames n) {
        var doc = new PolicyDocument(delegation(n)).with(
                // Groups have no boundary: a group given AdministratorAccess would free whoever joins it.
                Statement.deny("DenyGroupPoliciesOutsideTheStack").actions("iam:AttachGroupPolicy", "iam:PutGroupPolicy")
                        .resources(n.iam("group/*")),
                Statement.deny(MEMBERS_ONLY_HERE).actions("iam:AddUserToGroup").resources(n.own().groups()));
        return new NotActionPolicy(doc, Set.of(), Set.of(MEMBERS_ONLY_HERE), false);
    }

    private static List<Statement> delegation(EvidenceNames n) {
        // iam:Put*, Attach* and Detach* are the user, role and group policy and boundary verbs; a group has no
        // boundary, so its verbs are always denied here.
        return List.of(
                Statement.deny("DenyPrincipalsWithoutTheBoundary").actions("iam:CreateUser", "iam:CreateRole",
                                "iam:Put*", "iam:Attach*", "iam:Detach*", "iam:DeleteUserPolicy", "iam:DeleteRolePolicy",
                                "iam:DeleteGroupPolicy", "iam:UpdateAssumeRolePolicy").resources("*")
                        .condition("StringNotEquals", "iam:PermissionsBoundary", n.permissionsBoundary()),
                Statement.deny("DenyRemovingTheBoundary").actions("iam:DeleteUserPermissionsBoundary",
                        "iam:DeleteRolePermissionsBoundary").resources("*"),
                Statement.deny("DenyRewritingPoliciesInPlace").actions("iam:CreatePolicyVersion",
                        "iam:SetDefaultPolicyVersion").resources("*"));
    }

    /**
     * The permissions boundary every user and role that a person creates must carry: a ceiling, granting
     * nothing by itself. It allows everything but AWS Organizations and account settings (a principal made in a
     * workload account has no business leaving the organization or closing the account), minus every guard and
     * the delegation rules, so what such a principal can do, and what it can create, stays inside them.
     */
    public static NotActionPolicy permissionsBoundary(EvidenceNames n) {
        var all = new ArrayList<Statement>();
        all.add(Statement.allow(BOUNDARY_CEILING).actions("organizations:*", "account:*").resources("*"));
        all.addAll(guardStatements(n));
        all.addAll(delegation(n));
        return new NotActionPolicy(new PolicyDocument(all), Set.of(BOUNDARY_CEILING), Set.of(), true);
    }

    /**
     * The break-glass role may do what the guards deny, on its own stack, except what would let it outlive
     * or hide its use: it cannot change IAM (its own role and policies, the guards, the boundary), the alert
     * topic, any key policy, its own alarm or the trail group's metric filters that raise it.
     */
    public static PolicyDocument breakGlassPermissions(EvidenceNames n) {
        var all = new ArrayList<Statement>();
        guards(n.own(), n.localTrail() ? Optional.of(n.own().trails()) : Optional.empty()).stream().filter(Guard::breakGlass)
                .forEach(g -> all.add(g.as(Statement.allow("Allow" + g.name()))));
        all.add(Statement.deny("DenyKeyPolicies").actions("kms:PutKeyPolicy").resources("*"));
        all.add(Statement.deny("DenySilencingItsOwnAlarm").actions("cloudwatch:*").resources(n.breakGlassAlarm()));
        if (n.localTrail()) {
            all.add(Statement.deny("DenyTheTrailGroupsFilters").actions("logs:DeleteLogGroup", "logs:DeleteMetricFilter",
                    "logs:PutMetricFilter").resources(n.trailLogGroup()));
        }
        all.add(Statement.deny("DenyChangingItself").actions("iam:*", "sts:TagSession")
                .resources(n.breakGlassRole()));
        return new PolicyDocument(all);
    }

    /** Assumable by principals of this account signed in with MFA in the last hour (IAM grants it to admins). */
    public static PolicyDocument breakGlassTrust(AwsAccount a) {
        return PolicyDocument.of(Statement.assumeRole("AccountPrincipalsWithRecentMfa", "AWS", a.root())
                .condition("Bool", "aws:MultiFactorAuthPresent", "true")
                .condition("NumericLessThan", "aws:MultiFactorAuthAge", "3600"));
    }

    private static String keys(AwsAccount a) {
        return "arn:" + a.partition() + ":kms:*:" + a.accountId() + ":key/*";
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

    private static Statement tagged(Statement st, Map<String, String> scopeTags) {
        for (var tag : new java.util.TreeMap<>(scopeTags).entrySet()) {
            st = st.condition("StringEquals", "aws:ResourceTag/" + tag.getKey(), tag.getValue());
        }
        return st;
    }

    // ---------------------------------------------------------------- auditors

    /**
     * What auditors (and the break-glass role) read, on top of SecurityAudit: the evidence, not the data.
     * The log buckets and their objects (decrypted only through S3, or as the trail's log files), and the
     * log groups that record who did what: the trail's, the flow logs, the bastion's and VPN's access logs.
     * Application, database and session logs may hold PHI and are left out; SecurityAudit's one read of data,
     * the database's log files, is denied.
     */
    public static PolicyDocument auditArchiveRead(EvidenceNames n) {
        var a = n.account();
        var own = n.own();
        var groups = "arn:" + a.partition() + ":logs:*:" + a.accountId() + ":log-group:/" + n.prefix();
        var activity = new ArrayList<String>();
        if (n.localTrail()) {
            activity.add(groups + "/cloudtrail*");
        }
        activity.addAll(List.of(groups + "/vpc/*", groups + "/access/bastion/*", groups + "/access/vpn*"));
        var statements = new ArrayList<Statement>();
        statements.add(Statement.allow("ListArchive").actions("s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation")
                        .resources(own.logBuckets()));
        statements.add(Statement.allow("ReadArchivedObjects").actions("s3:GetObject", "s3:GetObjectVersion")
                        .resources(own.logObjects()));
        statements.add(Statement.allow("DecryptArchivedObjectsThroughS3").actions("kms:Decrypt").resources(a.arn("kms", "key/*"))
                        .condition("StringEquals", "kms:ViaService", a.regionalService("s3"))
                        .condition("StringLike", "kms:EncryptionContext:aws:s3:arn", own.archiveBuckets()));
        // The organization trail's log files are the log-archive account's to share, not this account's.
        if (n.localTrail()) {
            statements.add(Statement.allow("DecryptTrailLogFiles").actions("kms:Decrypt").resources(a.arn("kms", "key/*"))
                    .condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn", own.trails()));
        }
        statements.add(Statement.allow("ReadActivityLogGroups").actions("logs:GetLogEvents", "logs:FilterLogEvents",
                        "logs:StartQuery", "logs:GetQueryResults", "logs:GetLogGroupFields")
                        .resources(activity.toArray(String[]::new)));
        // Neither action accepts a resource ARN: AWS requires "*".
        statements.add(Statement.allow("ManageOwnQueries").actions("logs:DescribeQueries", "logs:StopQuery").resources("*"));
        statements.add(Statement.deny("DenyDatabaseLogFiles").actions("rds:DownloadDBLogFilePortion",
                        "rds:DownloadCompleteDBLogFile").resources("*"));
        return new PolicyDocument(statements);
    }

    private static String iam(AwsAccount a, String resource) {
        return "arn:" + a.partition() + ":iam::" + a.accountId() + ":" + resource;
    }
}
