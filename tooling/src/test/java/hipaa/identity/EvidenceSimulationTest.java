package hipaa.identity;

import hipaa.App;
import hipaa.audit.AuditTrail;
import hipaa.compute.AppInstancePolicy;
import hipaa.identity.AccountPolicies.Mfa;
import hipaa.identity.AccountPolicies.Principal;
import hipaa.identity.PolicySimulator.Verdict;
import hipaa.offline.OfflineRun;
import hipaa.offline.StackFiles;
import hipaa.testing.FrontConfig;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every policy the real stacks register, put to an IAM policy simulator ({@link PolicySimulator}): each way
 * around the evidence protection that issue 16 lists must be DENIED, each duty people and services have must
 * be ALLOWED. Asked of each stack file, of prod with the static front, and of dev and prod sharing one
 * account (the offline runs already share one account id). The whole table, with the simulator's verdicts,
 * is written to {@code tooling/target/iam-simulation.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceSimulationTest {

    enum Expect { ALLOWED, DENIED }

    /** One row of the table. */
    record Case(String scenario, String id, Principal who, String action, String resource, Map<String, Object> context,
                Expect expect) {}

    private final List<Case> cases = new ArrayList<>();
    private final Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
    private Map<String, PolicySimulator.Answer> answers;

    static StackFiles.StackConfig prodWithFront() {
        return FrontConfig.prod();
    }

    @BeforeAll
    void askTheSimulator() throws IOException {
        PolicySimulator.requireInstalled();
        for (var stack : Stacks.names().toList()) {
            var account = new AccountPolicies(List.of(Stacks.run(stack)));
            singleStack(stack, account, new Names(stack));
        }
        var front = OfflineRun.run(prodWithFront(), false, App::stack);
        assertThat(front.succeeded()).as(front.failure()).isTrue();
        var frontAccount = new AccountPolicies(List.of(front));
        singleStack("prod-front", frontAccount, new Names("prod"));
        frontOnly(frontAccount, new Names("prod"));
        sharedAccount(new AccountPolicies(List.of(Stacks.run("dev"), Stacks.run("prod"))), new Names("dev"), new Names("prod"));

        var all = new LinkedHashMap<String, Object>();
        var questions = new ArrayList<PolicySimulator.Question>();
        for (var c : cases) {
            var account = scenarioAccounts.get(c.scenario());
            questions.add(account.question(c.scenario() + "/" + c.id(), c.who(), c.action(), c.resource(), c.context()));
        }
        scenarioAccounts.values().forEach(a -> all.putAll(a.documents));
        answers = PolicySimulator.ask(all, questions);
        writeReport();
    }

    private final Map<String, AccountPolicies> scenarioAccounts = new LinkedHashMap<>();

    /** The physical names of one stack, as the program derives them. */
    record Names(String stack, String p, String region) {
        Names(String stack) {
            this(stack, Stacks.settings(stack).namePrefix(), Stacks.settings(stack).region());
        }

        String arn(String service, String resource) {
            return "arn:aws:" + service + ":" + region + ":" + AccountPolicies.ACCOUNT + ":" + resource;
        }

        String logGroup(String name) {
            return arn("logs", "log-group:" + name);
        }

        String logStream(String group, String stream) {
            return logGroup(group) + ":log-stream:" + stream;
        }

        String bucket(String purpose) {
            return "arn:aws:s3:::" + p + "-" + purpose + "-" + AccountPolicies.ACCOUNT;
        }

        String trail() {
            return arn("cloudtrail", "trail/" + AuditTrail.trailName(p));
        }

        String trailLogGroup() {
            return AuditTrail.logGroupName(p);
        }

        String role(String name) {
            return AccountPolicies.iam("role/" + p + "-" + name);
        }

        String policy(String name) {
            return AccountPolicies.iam("policy/" + p + "-" + name);
        }

        String group(String name) {
            return p + "-" + name;
        }

        String alarm(String id) {
            return arn("cloudwatch", "alarm:" + p + "-" + id);
        }

        Map<String, Object> stackTags() {
            return Map.of("aws:ResourceTag/Project", "hipaa", "aws:ResourceTag/Stack", stack);
        }
    }

    private void allowed(String scenario, String id, Principal who, String action, String resource, Map<String, Object> ctx) {
        cases.add(new Case(scenario, id, who, action, resource, ctx, Expect.ALLOWED));
    }

    private void denied(String scenario, String id, Principal who, String action, String resource, Map<String, Object> ctx) {
        cases.add(new Case(scenario, id, who, action, resource, ctx, Expect.DENIED));
    }

    private void allowed(String scenario, String id, Principal who, String action, String resource) {
        allowed(scenario, id, who, action, resource, Map.of());
    }

    private void denied(String scenario, String id, Principal who, String action, String resource) {
        denied(scenario, id, who, action, resource, Map.of());
    }

    /** The table for one stack alone in its account. */
    private void singleStack(String sc, AccountPolicies acct, Names n) {
        scenarioAccounts.put(sc, acct);
        var admin = acct.person(n.group("admins"), "alice", Mfa.SIGNED_IN_WITH_MFA);
        var sysadmin = acct.person(n.group("sysadmins"), "sam", Mfa.SIGNED_IN_WITH_MFA);
        var auditor = acct.person(n.group("auditors"), "audrey", Mfa.SIGNED_IN_WITH_MFA);
        var breakGlass = acct.session(n.p() + "-break-glass");
        var deployer = acct.deployer(n.p());
        var created = acct.createdByAdmin(n.policy("permissions-boundary"));
        // The EC2 app group (and its instance role) exists only where hipaa:ec2AppEnabled is true (prod).
        var appInstance = acct.hasRole(n.p() + "-app-instance") ? acct.session(n.p() + "-app-instance") : null;
        var boundary = Map.<String, Object>of("iam:PermissionsBoundary", n.policy("permissions-boundary"));
        var dataKey = acct.key("alias/" + n.p() + "-data");
        var secretsKey = acct.key("alias/" + n.p() + "-secrets");
        var logsKey = acct.key("alias/" + n.p() + "-logs");
        var archive = n.bucket("audit-archive");
        var history = n.bucket("audit-config");
        var accessLogs = n.bucket("audit-access-logs");
        var albLogs = n.bucket("audit-alb");
        var trailGroup = n.trailLogGroup();
        var flowLogs = "/" + n.p() + "/vpc/production/flow-logs";
        var sshLogs = "/" + n.p() + "/access/bastion/secure";
        var appLogs = "/" + n.p() + "/app/containers";
        var viaSecretsManager = Map.<String, Object>of("kms:ViaService", "secretsmanager." + n.region() + ".amazonaws.com");
        var topic = n.arn("sns", n.p() + "-alerts");

        // ---- issue 16, first bullet: an admin makes a principal without the deny, or edits a role
        denied(sc, "admin-creates-user-without-boundary", admin, "iam:CreateUser", AccountPolicies.iam("user/eve"));
        denied(sc, "admin-attaches-AdministratorAccess-to-unbounded-user", admin, "iam:AttachUserPolicy",
                AccountPolicies.iam("user/eve"), Map.of("iam:PolicyARN", AccountPolicies.managed("AdministratorAccess")));
        var ownBoundary = Map.<String, Object>of("iam:PermissionsBoundary", AccountPolicies.iam("policy/open-boundary"));
        denied(sc, "admin-creates-user-with-a-boundary-of-its-own", admin, "iam:CreateUser", AccountPolicies.iam("user/eve"), ownBoundary);
        denied(sc, "admin-creates-role-with-a-boundary-of-its-own", admin, "iam:CreateRole", AccountPolicies.iam("role/escape"), ownBoundary);
        denied(sc, "admin-swaps-the-boundary-of-a-created-user", admin, "iam:PutUserPermissionsBoundary",
                AccountPolicies.iam("user/automation"), ownBoundary);
        denied(sc, "admin-puts-inline-policy-on-unbounded-user", admin, "iam:PutUserPolicy", AccountPolicies.iam("user/alice"));
        denied(sc, "admin-creates-role-without-boundary", admin, "iam:CreateRole", AccountPolicies.iam("role/escape"));
        denied(sc, "admin-attaches-policy-to-existing-unbounded-role", admin, "iam:AttachRolePolicy",
                AccountPolicies.iam("role/legacy-ops"), Map.of("iam:PolicyARN", AccountPolicies.managed("AdministratorAccess")));
        denied(sc, "admin-rewrites-trust-of-existing-unbounded-role", admin, "iam:UpdateAssumeRolePolicy",
                AccountPolicies.iam("role/legacy-ops"));
        denied(sc, "admin-rewrites-trust-of-stack-role", admin, "iam:UpdateAssumeRolePolicy", n.role("app-instance"));
        denied(sc, "admin-edits-stack-role-policy", admin, "iam:PutRolePolicy", n.role("cloudtrail-logs"));
        denied(sc, "admin-passes-stack-role", admin, "iam:PassRole", n.role("cloudtrail-logs"));
        denied(sc, "admin-edits-break-glass-trust", admin, "iam:UpdateAssumeRolePolicy", n.role("break-glass"));
        denied(sc, "admin-edits-deployer-role", admin, "iam:AttachRolePolicy", n.role("deployer"));
        denied(sc, "admin-removes-boundary-from-created-user", admin, "iam:DeleteUserPermissionsBoundary",
                AccountPolicies.iam("user/automation"), boundary);
        denied(sc, "admin-rewrites-the-boundary", admin, "iam:CreatePolicyVersion", n.policy("permissions-boundary"));
        // Machine roles' permissions are customer managed policies <prefix>-<role> (RolePermissions): out of reach too.
        denied(sc, "admin-rewrites-a-machine-roles-policy", admin, "iam:CreatePolicyVersion", n.policy("cloudtrail-logs"));
        denied(sc, "admin-detaches-a-machine-roles-policy", admin, "iam:DetachRolePolicy", n.role("cloudtrail-logs"),
                Map.of("iam:PolicyARN", n.policy("cloudtrail-logs")));
        denied(sc, "admin-rewrites-any-managed-policy-in-place", admin, "iam:CreatePolicyVersion",
                AccountPolicies.iam("policy/legacy-ops"));
        denied(sc, "admin-gives-a-new-group-AdministratorAccess", admin, "iam:AttachGroupPolicy",
                AccountPolicies.iam("group/shadow-admins"), Map.of("iam:PolicyARN", AccountPolicies.managed("AdministratorAccess")));
        denied(sc, "admin-joins-a-group-outside-the-stack", admin, "iam:AddUserToGroup", AccountPolicies.iam("group/shadow-admins"));
        denied(sc, "admin-detaches-evidence-protection-from-admins", admin, "iam:DetachGroupPolicy",
                AccountPolicies.iam("group/" + n.group("admins")));
        // ... and what a principal made with the boundary can do: nothing the guards deny
        denied(sc, "created-principal-stops-the-trail", created, "cloudtrail:StopLogging", n.trail());
        denied(sc, "created-principal-deletes-trail-log-group", created, "logs:DeleteLogGroup", n.logGroup(trailGroup));
        denied(sc, "created-principal-schedules-key-deletion", created, "kms:ScheduleKeyDeletion", logsKey);
        denied(sc, "created-principal-rewrites-archive-policy", created, "s3:PutBucketPolicy", archive);
        denied(sc, "created-principal-creates-user-without-boundary", created, "iam:CreateUser", AccountPolicies.iam("user/eve2"));
        denied(sc, "created-principal-creates-user-with-a-boundary-of-its-own", created, "iam:CreateUser",
                AccountPolicies.iam("user/eve2"), ownBoundary);
        denied(sc, "created-principal-removes-own-boundary", created, "iam:DeleteUserPermissionsBoundary",
                AccountPolicies.iam("user/automation"), boundary);
        denied(sc, "created-principal-leaves-the-organization", created, "organizations:LeaveOrganization", "*");

        // ---- the escalation's payload, tried by an admin directly
        denied(sc, "admin-stops-the-trail", admin, "cloudtrail:StopLogging", n.trail());
        denied(sc, "admin-redirects-the-trail", admin, "cloudtrail:UpdateTrail", n.trail());
        denied(sc, "admin-deletes-trail-log-group", admin, "logs:DeleteLogGroup", n.logGroup(trailGroup));
        denied(sc, "admin-shortens-flow-log-retention", admin, "logs:PutRetentionPolicy", n.logGroup(flowLogs));
        denied(sc, "admin-forges-ssh-log-events", admin, "logs:PutLogEvents", n.logStream(sshLogs, "i-0abc"));
        denied(sc, "admin-schedules-logs-key-deletion", admin, "kms:ScheduleKeyDeletion", logsKey);
        denied(sc, "admin-disables-data-key", admin, "kms:DisableKey", dataKey);
        denied(sc, "admin-rewrites-data-key-policy", admin, "kms:PutKeyPolicy", dataKey);
        denied(sc, "admin-rewrites-archive-policy", admin, "s3:PutBucketPolicy", archive);
        denied(sc, "admin-rewrites-archive-lifecycle", admin, "s3:PutLifecycleConfiguration", archive);
        denied(sc, "admin-suspends-archive-versioning", admin, "s3:PutBucketVersioning", archive);
        denied(sc, "admin-rewrites-archive-object-lock", admin, "s3:PutBucketObjectLockConfiguration", archive);
        denied(sc, "admin-deletes-archived-log", admin, "s3:DeleteObjectVersion", archive + "/AWSLogs/x.json.gz");
        denied(sc, "admin-overwrites-archived-log", admin, "s3:PutObject", archive + "/AWSLogs/x.json.gz");
        // Issue 16, seventh bullet: the unlocked buckets' configuration and the load balancer log bucket
        denied(sc, "admin-rewrites-config-history-lifecycle", admin, "s3:PutLifecycleConfiguration", history);
        denied(sc, "admin-rewrites-access-log-lifecycle", admin, "s3:PutLifecycleConfiguration", accessLogs);
        denied(sc, "admin-turns-off-access-logging-of-archive", admin, "s3:PutBucketLogging", archive);
        denied(sc, "admin-deletes-load-balancer-log", admin, "s3:DeleteObject", albLogs + "/access-logs/x.log.gz");
        denied(sc, "break-glass-deletes-load-balancer-log", breakGlass, "s3:DeleteObject", albLogs + "/access-logs/x.log.gz");
        // The bucket and key policies hold even for a principal outside every IAM guard.
        var legacy = acct.legacyAdmin();
        denied(sc, "unguarded-admin-rewrites-access-log-lifecycle", legacy, "s3:PutLifecycleConfiguration", accessLogs);
        denied(sc, "unguarded-admin-rewrites-config-history-policy", legacy, "s3:PutBucketPolicy", history);
        denied(sc, "unguarded-admin-turns-off-archive-versioning", legacy, "s3:PutBucketVersioning", archive);
        denied(sc, "unguarded-admin-rewrites-load-balancer-log-lifecycle", legacy, "s3:PutLifecycleConfiguration", albLogs);
        denied(sc, "unguarded-admin-deletes-load-balancer-log", legacy, "s3:DeleteObjectVersion", albLogs + "/access-logs/x.log.gz",
                Map.of());
        denied(sc, "unguarded-admin-decrypts-with-secrets-key-directly", legacy, "kms:Decrypt", secretsKey);

        // ---- issue 16, fifth bullet: admins silence detection
        denied(sc, "admin-overwrites-an-alarm", admin, "cloudwatch:PutMetricAlarm", n.alarm("root-activity"));
        denied(sc, "admin-disables-alarm-actions", admin, "cloudwatch:DisableAlarmActions", n.alarm("break-glass-used"));
        denied(sc, "admin-deletes-an-alarm", admin, "cloudwatch:DeleteAlarms", n.alarm("iam-policy-changes"));
        denied(sc, "admin-forces-alarm-ok", admin, "cloudwatch:SetAlarmState", n.alarm("root-activity"));
        denied(sc, "admin-overwrites-a-metric-filter", admin, "logs:PutMetricFilter", n.logGroup(trailGroup));
        denied(sc, "admin-deletes-a-metric-filter", admin, "logs:DeleteMetricFilter", n.logGroup(trailGroup));
        denied(sc, "admin-disables-the-config-event-rule", admin, "events:DisableRule",
                n.arn("events", "rule/" + n.p() + "-config-noncompliant"));
        denied(sc, "admin-retargets-the-config-event-rule", admin, "events:RemoveTargets",
                n.arn("events", "rule/" + n.p() + "-config-noncompliant"));
        denied(sc, "admin-deletes-a-config-rule", admin, "config:DeleteConfigRule", n.arn("config", "config-rule/config-rule-a1b2c3"));
        denied(sc, "admin-stops-the-config-recorder", admin, "config:StopConfigurationRecorder",
                n.arn("config", "configuration-recorder/" + n.p() + "/abc123"));
        denied(sc, "admin-suspends-guardduty", admin, "guardduty:UpdateDetector", n.arn("guardduty", "detector/abc123"));
        denied(sc, "admin-adds-guardduty-suppression-filter", admin, "guardduty:CreateFilter",
                n.arn("guardduty", "detector/abc123/filter/quiet"));
        denied(sc, "admin-disables-security-hub", admin, "securityhub:DisableSecurityHub", n.arn("securityhub", "hub/default"));
        denied(sc, "admin-disables-security-hub-standard", admin, "securityhub:BatchDisableStandards", n.arn("securityhub", "hub/default"));
        denied(sc, "admin-deletes-access-analyzer", admin, "access-analyzer:DeleteAnalyzer",
                n.arn("access-analyzer", "analyzer/" + n.p() + "-account"));
        denied(sc, "admin-archives-access-analyzer-findings", admin, "access-analyzer:CreateArchiveRule",
                n.arn("access-analyzer", "analyzer/" + n.p() + "-account/archive-rule/quiet"));
        denied(sc, "admin-deletes-the-alert-topic", admin, "sns:DeleteTopic", topic);
        denied(sc, "admin-unsubscribes-the-alert-topic", admin, "sns:Unsubscribe", topic);

        // ---- issue 16, sixth bullet: break-glass is bounded
        denied(sc, "break-glass-edits-its-own-policy", breakGlass, "iam:PutRolePolicy", n.role("break-glass"));
        denied(sc, "break-glass-edits-its-own-trust", breakGlass, "iam:UpdateAssumeRolePolicy", n.role("break-glass"));
        denied(sc, "break-glass-deletes-its-own-alarm", breakGlass, "cloudwatch:DeleteAlarms", n.alarm("break-glass-used"));
        denied(sc, "break-glass-deletes-its-alarm-filter", breakGlass, "logs:DeleteMetricFilter", n.logGroup(trailGroup));
        denied(sc, "break-glass-rewrites-a-key-policy", breakGlass, "kms:PutKeyPolicy", dataKey);
        denied(sc, "break-glass-deletes-the-alert-topic", breakGlass, "sns:DeleteTopic", topic);
        denied(sc, "break-glass-rewrites-the-boundary", breakGlass, "iam:CreatePolicyVersion", n.policy("permissions-boundary"));
        denied(sc, "break-glass-rewrites-its-own-managed-policy", breakGlass, "iam:CreatePolicyVersion", n.policy("break-glass"));
        denied(sc, "break-glass-creates-a-user", breakGlass, "iam:CreateUser", AccountPolicies.iam("user/eve"));

        // ---- issue 16, eighth bullet: auditors and break-glass read evidence, not PHI
        denied(sc, "auditor-reads-a-phi-object", auditor, "s3:GetObject", "arn:aws:s3:::" + n.p() + "-patient-records/chart.pdf");
        denied(sc, "auditor-reads-application-logs", auditor, "logs:GetLogEvents", n.logStream(appLogs, "app/web/1"));
        denied(sc, "auditor-queries-database-logs", auditor, "logs:FilterLogEvents",
                n.logGroup("/aws/rds/instance/" + n.p() + "-db/postgresql"));
        denied(sc, "auditor-downloads-database-log-file", auditor, "rds:DownloadDBLogFilePortion", n.arn("rds", "db:" + n.p() + "-db"));
        denied(sc, "auditor-reads-session-transcripts", auditor, "logs:GetLogEvents",
                n.logStream("/" + n.p() + "/access/ssm-sessions", "alice-0abc"));
        denied(sc, "auditor-reads-a-secret", auditor, "secretsmanager:GetSecretValue",
                n.arn("secretsmanager", "secret:rds!db-1234-AbCdEf"));
        denied(sc, "auditor-scans-a-table", auditor, "dynamodb:Scan", n.arn("dynamodb", "table/patients"));
        denied(sc, "break-glass-reads-a-phi-object", breakGlass, "s3:GetObject", "arn:aws:s3:::" + n.p() + "-patient-records/chart.pdf");
        denied(sc, "break-glass-reads-application-logs", breakGlass, "logs:GetLogEvents", n.logStream(appLogs, "app/web/1"));

        // ---- issue 16, third bullet: the internet-facing app instance role
        if (appInstance != null) {
            denied(sc, "app-instance-shortens-flow-log-retention", appInstance, "logs:PutRetentionPolicy", n.logGroup(flowLogs));
            denied(sc, "app-instance-forges-ssh-logs", appInstance, "logs:PutLogEvents", n.logStream(sshLogs, "i-0abc"));
            denied(sc, "app-instance-forges-trail-logs", appInstance, "logs:PutLogEvents", n.logStream(trailGroup, "x_CloudTrail_us"));
            denied(sc, "app-instance-creates-a-log-group", appInstance, "logs:CreateLogGroup", n.logGroup("/anything"));
            denied(sc, "app-instance-publishes-into-security-metrics", appInstance, "cloudwatch:PutMetricData", "*",
                    Map.of("cloudwatch:namespace", n.p() + "/SecurityEvents"));
        }

        // ---- issue 16, fourth bullet: MFA enrollment
        var keyOnly = acct.person(n.group("admins"), "alice", Mfa.ACCESS_KEY);
        var noMfa = acct.person(n.group("admins"), "alice", Mfa.CONSOLE_WITHOUT_MFA);
        denied(sc, "stolen-access-key-enables-own-mfa-device", keyOnly, "iam:EnableMFADevice", AccountPolicies.iam("user/alice"));
        denied(sc, "stolen-access-key-creates-virtual-mfa-device", keyOnly, "iam:CreateVirtualMFADevice", AccountPolicies.iam("mfa/evil"));
        denied(sc, "stolen-access-key-does-anything-else", keyOnly, "ec2:DescribeInstances", "*");
        denied(sc, "password-only-enables-mfa-on-another-user", noMfa, "iam:EnableMFADevice", AccountPolicies.iam("user/bob"));
        denied(sc, "password-only-deactivates-own-mfa", noMfa, "iam:DeactivateMFADevice", AccountPolicies.iam("user/alice"));
        denied(sc, "password-only-administers", noMfa, "iam:CreateUser", AccountPolicies.iam("user/eve"), boundary);
        denied(sc, "password-only-assumes-break-glass", noMfa, "sts:AssumeRole", n.role("break-glass"));
        denied(sc, "member-creates-an-access-key", admin, "iam:CreateAccessKey", AccountPolicies.iam("user/alice"));

        // ---- issue 16, ninth bullet: the data and secrets keys only through their services
        denied(sc, "admin-decrypts-with-data-key-directly", admin, "kms:Decrypt", dataKey);
        denied(sc, "admin-decrypts-with-secrets-key-directly", admin, "kms:Decrypt", secretsKey);
        denied(sc, "admin-grants-itself-secrets-key-use", admin, "kms:CreateGrant", secretsKey);

        // ---- duties: an admin operating the app
        allowed(sc, "admin-scales-the-service", admin, "ecs:UpdateService", n.arn("ecs", "service/" + n.p() + "-app/" + n.p() + "-app"));
        allowed(sc, "admin-reboots-the-database", admin, "rds:RebootDBInstance", n.arn("rds", "db:" + n.p() + "-db"));
        allowed(sc, "admin-reads-application-logs", admin, "logs:GetLogEvents", n.logStream(appLogs, "app/web/1"));
        allowed(sc, "admin-reads-the-db-secret-through-secrets-manager", admin, "kms:Decrypt", secretsKey, viaSecretsManager);
        allowed(sc, "admin-creates-user-with-boundary", admin, "iam:CreateUser", AccountPolicies.iam("user/automation"), boundary);
        allowed(sc, "admin-attaches-policy-to-bounded-user", admin, "iam:AttachUserPolicy", AccountPolicies.iam("user/automation"), boundary);
        allowed(sc, "admin-creates-role-with-boundary", admin, "iam:CreateRole", AccountPolicies.iam("role/app-helper"), boundary);
        allowed(sc, "admin-adds-member-to-sysadmins", admin, "iam:AddUserToGroup", AccountPolicies.iam("group/" + n.group("sysadmins")));
        allowed(sc, "admin-assumes-break-glass-with-recent-mfa", admin, "sts:AssumeRole", n.role("break-glass"));
        allowed(sc, "admin-lists-findings", admin, "guardduty:ListDetectors", "*");
        allowed(sc, "created-principal-does-its-job", created, "s3:GetObject", "arn:aws:s3:::" + n.p() + "-app-uploads/report.pdf");
        allowed(sc, "sysadmin-scales-the-service", sysadmin, "ecs:UpdateService",
                n.arn("ecs", "service/" + n.p() + "-app/" + n.p() + "-app"), n.stackTags());
        allowed(sc, "sysadmin-reads-application-logs", sysadmin, "logs:FilterLogEvents", n.logGroup(appLogs));
        allowed(sc, "sysadmin-starts-instance-with-encrypted-volume", sysadmin, "kms:CreateGrant", dataKey,
                Map.of("kms:ViaService", "ec2." + n.region() + ".amazonaws.com"));
        // ---- duties: an auditor reading the trail and the evidence
        allowed(sc, "auditor-looks-up-trail-events", auditor, "cloudtrail:LookupEvents", "*");
        allowed(sc, "auditor-reads-trail-status", auditor, "cloudtrail:GetTrailStatus", n.trail());
        allowed(sc, "auditor-reads-archived-trail-file", auditor, "s3:GetObject",
                archive + "/AWSLogs/" + AccountPolicies.ACCOUNT + "/CloudTrail/" + n.region() + "/2026/01/01/x.json.gz");
        allowed(sc, "auditor-decrypts-archived-file-through-s3", auditor, "kms:Decrypt", logsKey,
                Map.of("kms:ViaService", "s3." + n.region() + ".amazonaws.com", "kms:EncryptionContext:aws:s3:arn", archive));
        denied(sc, "auditor-decrypts-a-phi-object-through-s3", auditor, "kms:Decrypt", logsKey,
                Map.of("kms:ViaService", "s3." + n.region() + ".amazonaws.com",
                        "kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::" + n.p() + "-patient-records"));
        allowed(sc, "auditor-queries-the-trail-log-group", auditor, "logs:FilterLogEvents", n.logGroup(trailGroup));
        allowed(sc, "auditor-reads-flow-logs", auditor, "logs:GetLogEvents", n.logStream(flowLogs, "eni-0abc-all"));
        allowed(sc, "auditor-reads-config-history", auditor, "s3:GetObject",
                history + "/AWSLogs/" + AccountPolicies.ACCOUNT + "/Config/x.json.gz");
        allowed(sc, "auditor-reads-config-compliance", auditor, "config:GetComplianceDetailsByConfigRule",
                n.arn("config", "config-rule/config-rule-a1b2c3"));
        allowed(sc, "auditor-reads-load-balancer-logs", auditor, "s3:GetObject", albLogs + "/access-logs/x.log.gz");
        // ---- duties: break-glass, on its own stack
        allowed(sc, "break-glass-updates-the-trail", breakGlass, "cloudtrail:UpdateTrail", n.trail());
        allowed(sc, "break-glass-changes-flow-log-retention", breakGlass, "logs:PutRetentionPolicy", n.logGroup(flowLogs));
        allowed(sc, "break-glass-fixes-archive-policy", breakGlass, "s3:PutBucketPolicy", archive);
        allowed(sc, "break-glass-reads-the-archive", breakGlass, "s3:GetObject", archive + "/AWSLogs/x.json.gz");
        // ---- duties: the deployer applying the stack
        allowed(sc, "deployer-puts-archive-policy", deployer, "s3:PutBucketPolicy", archive);
        allowed(sc, "deployer-puts-access-log-lifecycle", deployer, "s3:PutLifecycleConfiguration", accessLogs);
        allowed(sc, "deployer-puts-load-balancer-log-policy", deployer, "s3:PutBucketPolicy", albLogs);
        allowed(sc, "deployer-puts-data-key-policy", deployer, "kms:PutKeyPolicy", dataKey);
        allowed(sc, "deployer-creates-an-alias", deployer, "kms:CreateAlias", dataKey);
        allowed(sc, "deployer-updates-the-trail", deployer, "cloudtrail:UpdateTrail", n.trail());
        allowed(sc, "deployer-puts-a-stack-role-policy", deployer, "iam:PutRolePolicy", n.role("app-instance"));
        allowed(sc, "deployer-updates-the-boundary", deployer, "iam:CreatePolicyVersion", n.policy("permissions-boundary"));
        allowed(sc, "deployer-puts-an-alarm", deployer, "cloudwatch:PutMetricAlarm", n.alarm("root-activity"));
        allowed(sc, "deployer-puts-a-config-rule", deployer, "config:PutConfigRule", n.arn("config", "config-rule/config-rule-a1b2c3"));
        // ---- duties: services delivering logs
        var trailArn = n.trail();
        allowed(sc, "cloudtrail-delivers-to-the-archive", acct.service("cloudtrail.amazonaws.com"), "s3:PutObject",
                archive + "/AWSLogs/" + AccountPolicies.ACCOUNT + "/CloudTrail/" + n.region() + "/x.json.gz",
                Map.of("aws:SourceArn", trailArn, "aws:SourceAccount", AccountPolicies.ACCOUNT, "s3:x-amz-acl", "bucket-owner-full-control"));
        allowed(sc, "cloudtrail-encrypts-with-the-logs-key", acct.service("cloudtrail.amazonaws.com"), "kms:GenerateDataKey",
                logsKey, Map.of("aws:SourceArn", trailArn, "kms:EncryptionContext:aws:cloudtrail:arn", trailArn));
        allowed(sc, "s3-delivers-server-access-logs", acct.service("logging.s3.amazonaws.com"), "s3:PutObject",
                accessLogs + "/s3-access/x", Map.of("aws:SourceAccount", AccountPolicies.ACCOUNT));
        allowed(sc, "cloudwatch-logs-encrypts-with-the-logs-key", acct.service("logs." + n.region() + ".amazonaws.com"),
                "kms:GenerateDataKey", logsKey, Map.of("kms:EncryptionContext:aws:logs:arn", n.logGroup(trailGroup)));
        allowed(sc, "trail-role-delivers-to-its-log-group", acct.session(n.p() + "-cloudtrail-logs"), "logs:PutLogEvents",
                n.logStream(trailGroup, AccountPolicies.ACCOUNT + "_CloudTrail_" + n.region()));
        allowed(sc, "flow-logs-role-delivers", acct.session(n.p() + "-production-flow-logs"), "logs:PutLogEvents",
                n.logStream(flowLogs, "eni-0abc-all"));
        allowed(sc, "config-recorder-delivers-history", acct.session(n.p() + "-config-recorder"), "s3:PutObject",
                history + "/AWSLogs/" + AccountPolicies.ACCOUNT + "/Config/x.json.gz", Map.of("s3:x-amz-acl", "bucket-owner-full-control"));
        if (appInstance != null) {
            allowed(sc, "app-instance-writes-its-own-log-group", appInstance, "logs:PutLogEvents",
                    n.logStream(AppInstancePolicy.logGroupPrefix(n.p()) + "web", "i-0abc"));
            allowed(sc, "app-instance-publishes-its-metrics", appInstance, "cloudwatch:PutMetricData", "*",
                    Map.of("cloudwatch:namespace", AppInstancePolicy.metricNamespace(n.p())));
            allowed(sc, "app-instance-talks-to-session-manager", appInstance, "ssmmessages:OpenDataChannel", "*");
        }
        // ---- duties: the first MFA enrollment (a console session without MFA: the user has no device yet)
        allowed(sc, "new-member-creates-first-mfa-device", noMfa, "iam:CreateVirtualMFADevice", AccountPolicies.iam("mfa/alice"));
        allowed(sc, "new-member-enables-first-mfa-device", noMfa, "iam:EnableMFADevice", AccountPolicies.iam("user/alice"));
        allowed(sc, "new-member-changes-password", noMfa, "iam:ChangePassword", AccountPolicies.iam("user/alice"));
    }

    /** The CloudFront log bucket and content key exist only with the front. */
    private void frontOnly(AccountPolicies acct, Names n) {
        var sc = "prod-front";
        var admin = acct.person(n.group("admins"), "alice", Mfa.SIGNED_IN_WITH_MFA);
        var cdnLogs = n.bucket("cdn-logs");
        var contentKey = acct.key("alias/" + n.p() + "-static-content");
        denied(sc, "admin-deletes-cdn-log", admin, "s3:DeleteObject", cdnLogs + "/x.gz");
        denied(sc, "admin-rewrites-cdn-log-lifecycle", admin, "s3:PutLifecycleConfiguration", cdnLogs);
        denied(sc, "created-principal-rewrites-cdn-log-policy", acct.createdByAdmin(n.policy("permissions-boundary")),
                "s3:PutBucketPolicy", cdnLogs);
        denied(sc, "admin-schedules-content-key-deletion", admin, "kms:ScheduleKeyDeletion", contentKey);
        allowed(sc, "deployer-puts-cdn-log-policy", acct.deployer(n.p()), "s3:PutBucketPolicy", cdnLogs);
    }

    /** dev and prod in one account: each stack's people and roles against the other's evidence. */
    private void sharedAccount(AccountPolicies acct, Names dev, Names prod) {
        var sc = "dev+prod";
        scenarioAccounts.put(sc, acct);
        var devAdmin = acct.person(dev.group("admins"), "dana", Mfa.SIGNED_IN_WITH_MFA);
        var prodAdmin = acct.person(prod.group("admins"), "alice", Mfa.SIGNED_IN_WITH_MFA);
        var devBreakGlass = acct.session(dev.p() + "-break-glass");
        var devCreated = acct.createdByAdmin(dev.policy("permissions-boundary"));
        var prodSecretsKey = acct.key("alias/" + prod.p() + "-secrets");
        var prodDataKey = acct.key("alias/" + prod.p() + "-data");
        var viaSecretsManager = Map.<String, Object>of("kms:ViaService", "secretsmanager." + prod.region() + ".amazonaws.com");

        denied(sc, "dev-admin-stops-prod-trail", devAdmin, "cloudtrail:StopLogging", prod.trail());
        denied(sc, "dev-admin-deletes-prod-trail-log-group", devAdmin, "logs:DeleteLogGroup", prod.logGroup(prod.trailLogGroup()));
        denied(sc, "dev-admin-shortens-prod-flow-logs", devAdmin, "logs:PutRetentionPolicy",
                prod.logGroup("/" + prod.p() + "/vpc/production/flow-logs"));
        denied(sc, "dev-admin-schedules-prod-key-deletion", devAdmin, "kms:ScheduleKeyDeletion", prodDataKey);
        denied(sc, "dev-admin-rewrites-prod-archive-policy", devAdmin, "s3:PutBucketPolicy", prod.bucket("audit-archive"));
        denied(sc, "dev-admin-rewrites-prod-access-log-lifecycle", devAdmin, "s3:PutLifecycleConfiguration",
                prod.bucket("audit-access-logs"));
        denied(sc, "dev-admin-deletes-prod-alarm", devAdmin, "cloudwatch:DeleteAlarms", prod.alarm("root-activity"));
        denied(sc, "dev-admin-reads-prod-secret-through-secrets-manager", devAdmin, "kms:Decrypt", prodSecretsKey, viaSecretsManager);
        denied(sc, "dev-admin-restores-prod-data-through-rds", devAdmin, "kms:CreateGrant", prodDataKey,
                Map.of("kms:ViaService", "rds." + prod.region() + ".amazonaws.com"));
        denied(sc, "dev-admin-assumes-prod-break-glass", devAdmin, "sts:AssumeRole", prod.role("break-glass"));
        denied(sc, "dev-admin-joins-prod-admins", devAdmin, "iam:AddUserToGroup", AccountPolicies.iam("group/" + prod.group("admins")));
        denied(sc, "dev-admin-edits-prod-role", devAdmin, "iam:PutRolePolicy", prod.role("app-task-execution"));
        denied(sc, "dev-admin-edits-prod-evidence-protection", devAdmin, "iam:CreatePolicyVersion", prod.policy("evidence-protection"));
        denied(sc, "dev-break-glass-stops-prod-trail", devBreakGlass, "cloudtrail:StopLogging", prod.trail());
        denied(sc, "dev-break-glass-rewrites-prod-archive-policy", devBreakGlass, "s3:PutBucketPolicy", prod.bucket("audit-archive"));
        denied(sc, "dev-created-principal-stops-prod-trail", devCreated, "cloudtrail:StopLogging", prod.trail());
        denied(sc, "dev-created-principal-reads-prod-secret", devCreated, "kms:Decrypt", prodSecretsKey, viaSecretsManager);
        denied(sc, "dev-deployer-rewrites-prod-archive-policy", acct.deployer(dev.p()), "s3:PutBucketPolicy", prod.bucket("audit-archive"));
        denied(sc, "prod-admin-stops-dev-trail", prodAdmin, "cloudtrail:StopLogging", dev.trail());
        denied(sc, "prod-admin-assumes-dev-break-glass", prodAdmin, "sts:AssumeRole", dev.role("break-glass"));
        allowed(sc, "dev-admin-reads-dev-secret-through-secrets-manager", devAdmin, "kms:Decrypt",
                acct.key("alias/" + dev.p() + "-secrets"), Map.of("kms:ViaService", "secretsmanager." + dev.region() + ".amazonaws.com"));
        allowed(sc, "dev-admin-assumes-dev-break-glass", devAdmin, "sts:AssumeRole", dev.role("break-glass"));
        allowed(sc, "prod-admin-assumes-prod-break-glass", prodAdmin, "sts:AssumeRole", prod.role("break-glass"));
        allowed(sc, "prod-deployer-puts-prod-archive-policy", acct.deployer(prod.p()), "s3:PutBucketPolicy", prod.bucket("audit-archive"));
        allowed(sc, "dev-break-glass-updates-dev-trail", devBreakGlass, "cloudtrail:UpdateTrail", dev.trail());
    }

    private String verdictOf(Case c) {
        var a = answers.get(c.scenario() + "/" + c.id());
        return a == null ? "no answer" : a.verdict() + (a.errors().isEmpty() ? "" : " " + a.errors())
                + (a.note().isEmpty() ? "" : " (" + a.note() + ")");
    }

    private boolean holds(Case c) {
        var a = answers.get(c.scenario() + "/" + c.id());
        return a != null && (c.expect() == Expect.ALLOWED ? a.verdict() == Verdict.Allowed : a.verdict().denied());
    }

    private void assertScenario(String scenario) {
        var rows = cases.stream().filter(c -> c.scenario().equals(scenario)).toList();
        assertThat(rows).isNotEmpty();
        var wrong = rows.stream().filter(c -> !holds(c))
                .map(c -> c.id() + ": expected " + c.expect() + ", simulator says " + verdictOf(c) + " (" + c.who().label()
                        + " " + c.action() + " " + c.resource() + ")")
                .toList();
        assertThat(wrong).as("questions whose verdict is wrong in " + scenario).isEmpty();
    }

    @Test
    void dev() {
        assertScenario("dev");
    }

    @Test
    void prod() {
        assertScenario("prod");
    }

    @Test
    void prodWithTheStaticFront() {
        assertScenario("prod-front");
    }

    @Test
    void devAndProdSharingOneAccount() {
        assertScenario("dev+prod");
    }

    @Test
    void everyStackFileIsInTheTable() {
        for (var stack : Stacks.names().toList()) {
            assertThat(cases).as(stack).anyMatch(c -> c.scenario().equals(stack));
        }
    }

    private void writeReport() throws IOException {
        var out = new StringBuilder("# IAM policy simulation\n\n| scenario | question | principal | action | resource | expected | simulator |\n|---|---|---|---|---|---|---|\n");
        for (var c : cases) {
            out.append("| ").append(c.scenario()).append(" | ").append(c.id()).append(" | ").append(c.who().label()).append(" | ")
                    .append(c.action()).append(" | ").append(c.resource()).append(" | ").append(c.expect()).append(" | ")
                    .append(verdictOf(c)).append(holds(c) ? "" : " **WRONG**").append(" |\n");
        }
        var path = Path.of("tooling", "target", "iam-simulation.md");
        Files.createDirectories(path.getParent());
        Files.writeString(path, out);
    }
}
