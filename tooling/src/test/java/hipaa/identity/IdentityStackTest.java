package hipaa.identity;

import hipaa.offline.OfflineEngine;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People's access in every real stack: each group's exact policies, MFA and the evidence-protection
 * deny on every group, no `*` on `*` outside admins, the break-glass role, the password policy.
 */
class IdentityStackTest {

    static java.util.stream.Stream<String> stacks() {
        return Stacks.names();
    }

    static final String ACCOUNT = OfflineEngine.ACCOUNT_ID;
    static final String GROUP = "aws:iam/group:Group";
    static final String POLICY = "aws:iam/policy:Policy";
    static final String ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";

    private static String prefix(String stack) {
        return Stacks.settings(stack).namePrefix();
    }

    private static String managed(String name) {
        return "arn:aws:iam::aws:policy/" + name;
    }

    private static String customer(String stack, String role) {
        return "arn:aws:iam::" + ACCOUNT + ":policy/" + prefix(stack) + "-" + role;
    }

    /** Policy ARNs attached to a group, read from the attachments that name it. */
    private static Set<String> attached(OfflineRun.Result run, String groupName) {
        return run.ofType(ATTACHMENT).stream().filter(a -> groupName.equals(a.inputs().get("group")))
                .map(a -> (String) a.inputs().get("policyArn")).collect(Collectors.toSet());
    }

    private static String document(OfflineRun.Result run, String policyArn) {
        var policy = run.ofType(POLICY).stream().filter(p -> p.arn().orElse("").equals(policyArn)).findFirst()
                .orElseThrow(() -> new AssertionError("no customer managed policy " + policyArn));
        return (String) policy.inputs().get("policy");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void eachGroupHoldsExactlyItsPolicies(String stack) {
        var run = Stacks.run(stack);
        var p = prefix(stack);
        assertThat(run.ofType(GROUP)).extracting(g -> g.inputs().get("name"))
                .containsExactlyInAnyOrder(p + "-admins", p + "-sysadmins", p + "-auditors");
        var mfa = customer(stack, "require-mfa");
        var evidence = customer(stack, "evidence-protection");
        var expected = Map.of(
                p + "-admins", Set.of(managed("AdministratorAccess"), mfa, evidence, customer(stack, "delegation-guard")),
                p + "-sysadmins", Set.of(customer(stack, "sysadmin"), mfa, evidence),
                // Evidence, not PHI: no ReadOnlyAccess.
                p + "-auditors", Set.of(managed("SecurityAudit"), customer(stack, "audit-archive-read"), mfa, evidence));
        expected.forEach((group, policies) -> {
            assertThat(attached(run, group)).as(group).isEqualTo(policies);
            var exclusive = run.ofType("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive").stream()
                    .filter(e -> group.equals(e.inputs().get("groupName"))).toList();
            assertThat(exclusive).as(group).singleElement()
                    .satisfies(e -> assertThat(Set.copyOf(e.list("policyArns"))).isEqualTo(Set.copyOf(policies)));
            var inline = run.ofType("aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive").stream()
                    .filter(e -> group.equals(e.inputs().get("groupName"))).toList();
            assertThat(inline).as(group).singleElement().satisfies(e -> assertThat(e.list("policyNames")).isEmpty());
        });
        assertThat(run.ofType(ATTACHMENT)).hasSize(11);
        // The boundary exists for admins to attach to what they create; the stack attaches it to nothing.
        assertThat(run.ofType(POLICY)).extracting(r -> r.inputs().get("name")).contains(p + "-permissions-boundary");
        assertThat(run.resources()).noneMatch(r -> customer(stack, "permissions-boundary").equals(r.inputs().get("policyArn")));
        assertThat(run.ofType("aws:iam/groupPolicy:GroupPolicy")).isEmpty();
        assertThat(run.ofType("aws:iam/user:User")).isEmpty();
        assertThat(run.outputs().get("adminsGroupName").value()).isEqualTo(p + "-admins");
        assertThat(run.outputs().get("sysadminsGroupName").value()).isEqualTo(p + "-sysadmins");
        assertThat(run.outputs().get("auditorsGroupName").value()).isEqualTo(p + "-auditors");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyGroupDeniesEverythingButOwnMfaUntilSignedInWithMfa(String stack) {
        var run = Stacks.run(stack);
        var doc = document(run, customer(stack, "require-mfa"));
        var deny = Policies.statement(doc, HumanPolicies.DENY_WITHOUT_MFA);
        assertThat(deny.effect()).isEqualTo("Deny");
        assertThat(deny.actions()).isEmpty();
        assertThat(deny.notActions()).containsExactlyInAnyOrder("iam:CreateVirtualMFADevice", "iam:EnableMFADevice",
                "iam:GetUser", "iam:GetMFADevice", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",
                "iam:ChangePassword", "iam:GetAccountPasswordPolicy", "sts:GetSessionToken");
        assertThat(deny.resources()).containsExactly("*");
        assertThat(deny.conditions()).isEqualTo(Map.of("BoolIfExists", Map.of("aws:MultiFactorAuthPresent", List.of("false"))));
        // Self-service is about one's own user only.
        assertThat(Policies.statement(doc, "ManageOwnMfa").resources())
                .containsExactly("arn:aws:iam::" + ACCOUNT + ":user/${aws:username}");
        assertThat(Policies.statement(doc, "ManageOwnMfa").actions()).doesNotContain("iam:CreateUser", "iam:AttachUserPolicy");
        for (var g : List.of("-admins", "-sysadmins", "-auditors")) {
            assertThat(attached(run, prefix(stack) + g)).as(g).contains(customer(stack, "require-mfa"));
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyGroupIsDeniedTamperingWithEvidenceOfEveryStackInTheAccount(String stack) {
        var run = Stacks.run(stack);
        var p = prefix(stack);
        var evidenceArn = customer(stack, "evidence-protection");
        for (var g : List.of("-admins", "-sysadmins", "-auditors")) {
            assertThat(attached(run, p + g)).as(g).contains(evidenceArn);
        }
        var statements = Policies.statements(document(run, evidenceArn));
        assertThat(statements).allSatisfy(s -> assertThat(s.effect()).isEqualTo("Deny"));
        // Every stack of the project in the account ("hipaa-*"), not this stack's prefix alone; trails account-wide.
        assertDenied(statements, "DenyStopOrRedirectTrails", "arn:aws:cloudtrail:*:" + ACCOUNT + ":trail/*",
                "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:Put*");
        assertDenied(statements, "DenyDeleteOrOverwriteLogObjects", "arn:aws:s3:::hipaa-*-audit-*/*",
                "s3:DeleteObject*", "s3:PutObject*", "s3:BypassGovernanceRetention");
        assertDenied(statements, "DenyDeleteOrOverwriteLogObjects", "arn:aws:s3:::hipaa-*-cdn-logs-*/*", "s3:DeleteObject*");
        assertDenied(statements, "DenyChangeLogBucketConfiguration", "arn:aws:s3:::hipaa-*-audit-*",
                "s3:PutBucket*", "s3:DeleteBucket*", "s3:PutLifecycleConfiguration");
        assertDenied(statements, "DenyStopOrRewriteConfig", "*", "config:Stop*", "config:Delete*", "config:Put*");
        assertDenied(statements, "DenyDeleteRewriteOrForgeAuditLogs", "arn:aws:logs:*:" + ACCOUNT + ":log-group:/hipaa-*/*",
                "logs:Delete*", "logs:Put*", "logs:CreateLogStream", "logs:DisassociateKmsKey");
        assertDenied(statements, "DenyDisableOrDeleteKeys", "arn:aws:kms:*:" + ACCOUNT + ":key/*",
                "kms:Disable*", "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy");
        assertThat(Policies.statement(document(run, evidenceArn), "DenyDisableOrDeleteKeys").conditions())
                .isEqualTo(Map.of("ForAnyValue:StringLike", Map.of("kms:ResourceAliases", List.of("alias/hipaa-*-*"))));
        assertDenied(statements, "DenyRepointKeyAliases", "arn:aws:kms:*:" + ACCOUNT + ":alias/hipaa-*-*",
                "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias");
        assertDenied(statements, "DenySilenceAlarms", "arn:aws:cloudwatch:*:" + ACCOUNT + ":alarm:hipaa-*-*",
                "cloudwatch:DeleteAlarms", "cloudwatch:DisableAlarmActions", "cloudwatch:Put*Alarm", "cloudwatch:SetAlarmState");
        assertDenied(statements, "DenySilenceEventRules", "arn:aws:events:*:" + ACCOUNT + ":rule/hipaa-*-*",
                "events:DisableRule", "events:PutRule", "events:RemoveTargets");
        assertDenied(statements, "DenySilenceThreatDetection", "*", "guardduty:Update*", "securityhub:Disable*",
                "access-analyzer:DeleteAnalyzer", "access-analyzer:CreateArchiveRule");
        assertDenied(statements, "DenyChangeTheStacksIam", "arn:aws:iam::" + ACCOUNT + ":role/hipaa-*-*",
                "iam:Update*", "iam:Put*", "iam:Attach*", "iam:PassRole");
        assertDenied(statements, "DenyOtherStacksBreakGlass", "arn:aws:iam::" + ACCOUNT + ":role/hipaa-*-break-glass", "sts:AssumeRole");
        assertThat(Policies.statement(document(run, evidenceArn), "DenyOtherStacksBreakGlass").conditions())
                .isEqualTo(Map.of("StringNotEquals", Map.of("iam:ResourceTag/Name", List.of(p + "-break-glass"))));
        assertThat(Policies.statement(document(run, evidenceArn), "DenyUsingOtherStacksDataAndSecretsKeys").conditions())
                .isEqualTo(Map.of("ForAnyValue:StringLike", Map.of("kms:ResourceAliases", List.of("alias/hipaa-*-data", "alias/hipaa-*-secrets")),
                        "ForAllValues:StringNotLike", Map.of("kms:ResourceAliases", List.of("alias/" + p + "-*"))));
        // Every KMS key the stack has is covered by the alias pattern the deny keys on.
        var keys = run.ofType("aws:kms/key:Key").stream().map(RecordedResource::id).collect(Collectors.toSet());
        var aliased = run.ofType("aws:kms/alias:Alias").stream().filter(a -> ((String) a.inputs().get("name")).startsWith("alias/" + p + "-"))
                .map(a -> (String) a.inputs().get("targetKeyId")).collect(Collectors.toSet());
        assertThat(aliased).as("keys with an alias/" + p + "-* alias").isEqualTo(keys);
        // Every log group the stack has is under a protected pattern: the stack's prefix, or the names
        // AWS imposes (database exports, WAF logs, Container Insights) with the stack's prefix in them.
        assertDenied(statements, "DenyDeleteRewriteOrForgeAuditLogs",
                "arn:aws:logs:*:" + ACCOUNT + ":log-group:/aws/rds/instance/hipaa-*-*", "logs:Delete*");
        assertDenied(statements, "DenyDeleteRewriteOrForgeAuditLogs", "arn:aws:logs:*:" + ACCOUNT + ":log-group:aws-waf-logs-hipaa-*", "logs:Delete*");
        assertDenied(statements, "DenyDeleteRewriteOrForgeAuditLogs",
                "arn:aws:logs:*:" + ACCOUNT + ":log-group:/aws/ecs/containerinsights/hipaa-*-*", "logs:Delete*");
        assertThat(run.ofType("aws:cloudwatch/logGroup:LogGroup")).extracting(a -> (String) a.inputs().get("name"))
                .isNotEmpty().allSatisfy(name -> assertThat(name).satisfiesAnyOf(
                        n -> assertThat(n).startsWith("/" + p + "/"),
                        n -> assertThat(n).startsWith("/aws/rds/instance/" + p + "-"),
                        n -> assertThat(n).startsWith("aws-waf-logs-" + p),
                        n -> assertThat(n).startsWith("/aws/ecs/containerinsights/" + p + "-")));
        // The trail's group, where the security alarms' filters live, is the one break-glass may not touch.
        assertThat(run.ofType("aws:cloudwatch/logGroup:LogGroup")).extracting(a -> (String) a.inputs().get("name"))
                .contains(new EvidenceNames(new AwsAccount("aws", Stacks.settings(stack).region(), ACCOUNT), "hipaa", p).trailLogGroupName());
    }

    private static void assertDenied(List<Policies.St> statements, String sid, String resource, String... actions) {
        var st = statements.stream().filter(s -> s.sid().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
        assertThat(st.effect()).as(sid).isEqualTo("Deny");
        assertThat(st.resources()).as(sid).contains(resource);
        assertThat(st.actions()).as(sid).contains(actions);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void noPolicyOutsideAdminsAllowsEverythingOnEverything(String stack) {
        var run = Stacks.run(stack);
        var p = prefix(stack);
        var outside = new java.util.HashSet<String>();
        outside.addAll(attached(run, p + "-sysadmins"));
        outside.addAll(attached(run, p + "-auditors"));
        var awsManaged = outside.stream().filter(a -> a.startsWith("arn:aws:iam::aws:")).collect(Collectors.toSet());
        assertThat(awsManaged).isEqualTo(Set.of(managed("SecurityAudit")));
        var documents = new java.util.ArrayList<String>();
        outside.stream().filter(a -> !a.startsWith("arn:aws:iam::aws:")).forEach(a -> documents.add(document(run, a)));
        documents.add((String) Policies.rolePermissions(run, "identity-break-glass-policy", "identity-break-glass").inputs().get("policy"));
        // Identity's own attachments; service roles elsewhere carry AWS service-role policies (backup, RDS
        // monitoring, the Config recorder's AWS_ConfigRole), each checked in its own package's tests.
        assertThat(run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(r -> r.name().startsWith("identity-"))).extracting(r -> r.inputs().get("policyArn"))
                .containsExactlyInAnyOrder(managed("SecurityAudit"), customer(stack, "audit-archive-read"),
                        run.named("aws:iam/policy:Policy", "identity-break-glass-policy").arn().orElseThrow());
        for (var doc : documents) {
            assertThat(Policies.statements(doc)).filteredOn(Policies.St::isAllow)
                    .noneSatisfy(s -> {
                        assertThat(s.actions()).contains("*");
                        assertThat(s.resources()).contains("*");
                    })
                    .allSatisfy(s -> assertThat(s.notActions()).as(s.sid() + " allows with NotAction").isEmpty());
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void sysadminsOperateButCannotChangeIamKeysOrTrails(String stack) {
        var run = Stacks.run(stack);
        var doc = document(run, customer(stack, "sysadmin"));
        var statements = Policies.statements(doc);
        assertThat(statements).filteredOn(Policies.St::isAllow).flatExtracting(Policies.St::actions)
                .noneMatch(a -> a.startsWith("iam:") || a.startsWith("cloudtrail:") || a.equals("kms:*")
                        || a.startsWith("kms:Disable") || a.startsWith("kms:Schedule") || a.startsWith("kms:Put")
                        || a.startsWith("kms:Create") && !a.equals("kms:CreateGrant"));
        assertThat(statements).filteredOn(s -> !s.isAllow()).extracting(Policies.St::sid).containsExactly("DenyKeyAdministration",
                "DenyCloudTrailChanges", "DenyIamOnRolesGroupsPoliciesAndProviders", "DenyIamUserAdministration");
        // Operating verbs act only on what carries this stack's tags.
        var tags = Map.of("aws:ResourceTag/Project", List.of("hipaa"), "aws:ResourceTag/Stack", List.of(stack));
        assertThat(statements).filteredOn(s -> s.sid().startsWith("Operate")).hasSize(5)
                .allSatisfy(s -> assertThat(s.conditions().get("StringEquals")).isEqualTo(tags));
        // "*" appears on an allow only where the actions take no resource ARN.
        assertThat(statements).filteredOn(s -> s.isAllow() && s.resources().contains("*")).extracting(Policies.St::sid)
                .containsExactly("ReadOperationalState");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void auditorsReadAndDecryptTheEvidenceNotTheData(String stack) {
        var p = prefix(stack);
        var region = Stacks.settings(stack).region();
        var doc = document(Stacks.run(stack), customer(stack, "audit-archive-read"));
        assertThat(Policies.statements(doc)).filteredOn(s -> !s.isAllow()).extracting(Policies.St::sid)
                .containsExactly("DenyDatabaseLogFiles");
        assertThat(Policies.statement(doc, "ReadArchivedObjects").resources())
                .containsExactly("arn:aws:s3:::" + p + "-audit-*/*", "arn:aws:s3:::" + p + "-cdn-logs-*/*");
        assertThat(Policies.statement(doc, "ReadArchivedObjects").actions()).containsExactly("s3:GetObject", "s3:GetObjectVersion");
        var decrypt = Policies.statement(doc, "DecryptArchivedObjectsThroughS3");
        assertThat(decrypt.actions()).containsExactly("kms:Decrypt");
        assertThat(decrypt.conditions()).isEqualTo(Map.of(
                "StringEquals", Map.of("kms:ViaService", List.of("s3." + region + ".amazonaws.com")),
                "StringLike", Map.of("kms:EncryptionContext:aws:s3:arn", List.of("arn:aws:s3:::" + p + "-audit-*"))));
        // The activity logs, never the application's, the database's or the session transcripts.
        var groups = "arn:aws:logs:*:" + ACCOUNT + ":log-group:/" + p;
        assertThat(Policies.statement(doc, "ReadActivityLogGroups").resources()).containsExactly(groups + "/cloudtrail*",
                groups + "/vpc/*", groups + "/access/bastion/*", groups + "/access/vpn*");
        assertThat(Policies.statement(doc, "DenyDatabaseLogFiles").actions())
                .containsExactly("rds:DownloadDBLogFilePortion", "rds:DownloadCompleteDBLogFile");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theBreakGlassRoleNeedsRecentMfaAndMayDoOnItsStackWhatTheGroupsAreDeniedButNotOnItself(String stack) {
        var run = Stacks.run(stack);
        var p = prefix(stack);
        var role = run.named("aws:iam/role:Role", "identity-break-glass");
        assertThat(role.inputs()).containsEntry("name", p + "-break-glass").containsEntry("maxSessionDuration", 3600.0);
        var trust = Policies.statements((String) role.inputs().get("assumeRolePolicy"));
        assertThat(trust).singleElement().satisfies(t -> {
            assertThat(t.principals()).isEqualTo(Map.of("AWS", List.of("arn:aws:iam::" + ACCOUNT + ":root")));
            assertThat(t.actions()).containsExactly("sts:AssumeRole");
            assertThat(t.conditions()).isEqualTo(Map.of(
                    "Bool", Map.of("aws:MultiFactorAuthPresent", List.of("true")),
                    "NumericLessThan", Map.of("aws:MultiFactorAuthAge", List.of("3600"))));
        });
        var policy = Policies.statements((String) Policies.rolePermissions(run, "identity-break-glass-policy",
                "identity-break-glass").inputs().get("policy"));
        var denied = Policies.statements(document(run, customer(stack, "evidence-protection")));
        var allowed = policy.stream().filter(Policies.St::isAllow).toList();
        // Each allow is a guard, with the same actions, narrowed to this stack; never IAM or the alert topic.
        assertThat(allowed).extracting(Policies.St::sid).containsExactly("AllowStopOrRedirectTrails",
                "AllowDeleteOrOverwriteLogObjects", "AllowChangeLogBucketConfiguration", "AllowStopOrRewriteConfig",
                "AllowDeleteRewriteOrForgeAuditLogs", "AllowDisableOrDeleteKeys", "AllowRepointKeyAliases", "AllowSilenceAlarms",
                "AllowSilenceEventRules", "AllowSilenceThreatDetection", "AllowWeakenPasswordPolicy");
        for (var a : allowed) {
            var d = denied.stream().filter(x -> x.sid().equals("Deny" + a.sid().substring("Allow".length()))).findFirst().orElseThrow();
            assertThat(a.actions()).as(a.sid()).isEqualTo(d.actions());
            assertThat(a.resources()).as(a.sid()).allSatisfy(r -> assertThat(r.equals("*") || r.contains(p)
                    || r.endsWith(":key/*") && a.conditions().equals(Map.of("ForAnyValue:StringLike",
                    Map.of("kms:ResourceAliases", List.of("alias/" + p + "-*"))))).as(r).isTrue());
        }
        assertThat(policy).filteredOn(s -> !s.isAllow()).extracting(Policies.St::sid, Policies.St::resources).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DenyKeyPolicies", List.of("*")),
                org.assertj.core.groups.Tuple.tuple("DenySilencingItsOwnAlarm", List.of("arn:aws:cloudwatch:*:" + ACCOUNT + ":alarm:" + p + "-break-glass-used")),
                org.assertj.core.groups.Tuple.tuple("DenyTheTrailGroupsFilters", List.of("arn:aws:logs:*:" + ACCOUNT + ":log-group:/" + p + "/cloudtrail")),
                org.assertj.core.groups.Tuple.tuple("DenyChangingItself", List.of("arn:aws:iam::" + ACCOUNT + ":role/" + p + "-break-glass")));
        // The alarm it may not touch is the one the stack raises on its use.
        assertThat(run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).extracting(a -> a.inputs().get("name")).contains(p + "-break-glass-used");
        assertThat(run.outputs().get("breakGlassRoleArn").value()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/" + p + "-break-glass");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theAccountPasswordPolicyMeetsCisAndTheHipaaPack(String stack) {
        var policies = Stacks.run(stack).ofType("aws:iam/accountPasswordPolicy:AccountPasswordPolicy");
        assertThat(policies).extracting(RecordedResource::name).containsExactly("identity-password-policy");
        assertThat(policies.get(0).inputs()).isEqualTo(Map.of(
                "minimumPasswordLength", 14.0, "passwordReusePrevention", 24.0, "maxPasswordAge", 90.0,
                "requireLowercaseCharacters", true, "requireUppercaseCharacters", true, "requireNumbers", true,
                "requireSymbols", true, "allowUsersToChangePassword", true, "hardExpiry", false));
    }
}
