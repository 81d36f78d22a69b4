package hipaa.organization;

import com.google.gson.JsonParser;
import hipaa.identity.PolicySimulator;
import hipaa.identity.PolicySimulator.Question;
import hipaa.identity.PolicySimulator.Verdict;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SCPs the management stack registers, asked of AWS's policy evaluation logic (@cloud-copilot/iam-simulate) with
 * the SCPs in force at a workload account: an administrator with {@code AdministratorAccess} is explicitly denied
 * every action of the evidence guard, the deployer and break-glass roles are not (but break-glass cannot touch the
 * exempt roles), ordinary work stays allowed, and nothing but global services runs outside the approved Regions.
 * The documents are read from the registered {@code aws:organizations/policy:Policy} resources of the real stack run.
 */
class ScpSimulationTest {
    private static final String WORKLOAD = "444444444444";
    private static final String ADMIN = "arn:aws:iam::" + WORKLOAD + ":role/admin";
    private static final String DEPLOYER = "arn:aws:iam::" + WORKLOAD + ":role/hipaa-org-prod-deployer";
    private static final String BREAK_GLASS = "arn:aws:iam::" + WORKLOAD + ":role/hipaa-org-prod-break-glass";
    private static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String HOME = "us-east-1";

    /** The archive as the log-archive stack's run names it; the trail and key of a workload account. */
    private static String archiveObject;
    private static String archiveBucket;
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:" + WORKLOAD + ":trail/hipaa-organization-trail";
    private static final String KEY = "arn:aws:kms:us-east-1:" + WORKLOAD + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String DETECTOR = "arn:aws:guardduty:us-east-1:" + WORKLOAD + ":detector/12abc34d567e8fa901bc2d34e56789f0";
    private static final String HUB = "arn:aws:securityhub:us-east-1:" + WORKLOAD + ":hub/default";
    private static final String ANALYZER = "arn:aws:access-analyzer:us-east-1:" + WORKLOAD + ":analyzer/hipaa-org-prod";
    private static final String ROLE_PREFIX = "arn:aws:iam::" + WORKLOAD + ":role/";

    private static final String DEFAULT_KEY_POLICY = "default-key-policy";
    private static Map<String, Object> documents;
    private static List<List<String>> scps;

    @BeforeAll
    static void readTheRegisteredPolicies() {
        var run = Stacks.run("org-management");
        documents = new LinkedHashMap<>();
        var level = new ArrayList<String>();
        level.add("FullAWSAccess");
        for (var p : run.ofType("aws:organizations/policy:Policy")) {
            documents.put(p.name(), JsonParser.parseString(p.string("content").orElseThrow()));
            level.add(p.name());
        }
        assertThat(level).hasSize(1 + ServiceControlPolicies.POLICY_COUNT);
        // "Default key policy" (AWS KMS Developer Guide): the account's IAM policies decide.
        documents.put(DEFAULT_KEY_POLICY, JsonParser.parseString("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                + "\"EnableIAMUserPermissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + WORKLOAD
                + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"));
        // Attached to the account (one level); the root and OUs above it hold only FullAWSAccess.
        scps = List.of(List.of("FullAWSAccess"), List.copyOf(level));
        archiveBucket = "arn:aws:s3:::" + Stacks.run("org-log-archive").outputs()
                .get(OrganizationOutputs.ARCHIVE_BUCKET_NAME).value();
        archiveObject = archiveBucket + "/AWSLogs/o-a1b2c3d4e5/" + WORKLOAD + "/CloudTrail/us-east-1/2026/01/01/x.json.gz";
    }

    /** Every action the evidence guard denies, on a resource it takes, with the statement that denies it. */
    private static List<String[]> guarded() {
        return List.of(
                new String[]{"cloudtrail:StopLogging", TRAIL}, new String[]{"cloudtrail:DeleteTrail", TRAIL},
                new String[]{"cloudtrail:UpdateTrail", TRAIL}, new String[]{"cloudtrail:PutEventSelectors", TRAIL},
                new String[]{"cloudtrail:PutInsightSelectors", TRAIL},
                new String[]{"s3:DeleteObject", archiveObject}, new String[]{"s3:DeleteObjectVersion", archiveObject},
                new String[]{"s3:PutObject", archiveObject}, new String[]{"s3:PutObjectRetention", archiveObject},
                new String[]{"s3:PutObjectLegalHold", archiveObject}, new String[]{"s3:BypassGovernanceRetention", archiveObject},
                new String[]{"s3:DeleteBucket", archiveBucket}, new String[]{"s3:PutBucketPolicy", archiveBucket},
                new String[]{"s3:DeleteBucketPolicy", archiveBucket}, new String[]{"s3:PutLifecycleConfiguration", archiveBucket},
                new String[]{"s3:PutBucketObjectLockConfiguration", archiveBucket},
                new String[]{"s3:PutReplicationConfiguration", archiveBucket},
                new String[]{"s3:PutBucketVersioning", archiveBucket}, new String[]{"s3:PutEncryptionConfiguration", archiveBucket},
                new String[]{"kms:ScheduleKeyDeletion", KEY}, new String[]{"kms:DisableKey", KEY},
                new String[]{"kms:DisableKeyRotation", KEY}, new String[]{"kms:PutKeyPolicy", KEY},
                new String[]{"guardduty:DeleteDetector", DETECTOR}, new String[]{"guardduty:UpdateDetector", DETECTOR},
                new String[]{"guardduty:DisassociateFromAdministratorAccount", "*"},
                new String[]{"guardduty:CreateFilter", "*"},
                new String[]{"securityhub:DisableSecurityHub", HUB},
                new String[]{"securityhub:DisassociateFromAdministratorAccount", HUB},
                new String[]{"access-analyzer:DeleteAnalyzer", ANALYZER},
                new String[]{"access-analyzer:CreateArchiveRule", "*"},
                new String[]{"config:StopConfigurationRecorder", "*"}, new String[]{"config:DeleteConfigurationRecorder", "*"},
                new String[]{"config:DeleteDeliveryChannel", "*"}, new String[]{"config:PutConfigurationRecorder", "*"},
                new String[]{"config:PutDeliveryChannel", "*"},
                new String[]{"ec2:DisableEbsEncryptionByDefault", "*"},
                new String[]{"iam:CreateUser", "arn:aws:iam::" + WORKLOAD + ":user/someone"},
                new String[]{"iam:CreateAccessKey", "arn:aws:iam::" + WORKLOAD + ":user/someone"},
                new String[]{"organizations:LeaveOrganization", "*"});
    }

    /** What would let anyone claim the exception: a role of an exempt name, or rewriting one. */
    private static List<String[]> exemptRoleChanges() {
        return List.of(
                new String[]{"iam:CreateRole", ROLE_PREFIX + "hipaa-evil-deployer"},
                new String[]{"iam:CreateRole", ROLE_PREFIX + "hipaa-evil-break-glass"},
                new String[]{"iam:UpdateAssumeRolePolicy", DEPLOYER}, new String[]{"iam:UpdateAssumeRolePolicy", BREAK_GLASS},
                new String[]{"iam:AttachRolePolicy", BREAK_GLASS}, new String[]{"iam:PutRolePolicy", DEPLOYER},
                new String[]{"iam:DeleteRolePermissionsBoundary", BREAK_GLASS}, new String[]{"iam:TagRole", BREAK_GLASS});
    }

    private static Question ask(String id, String principal, String action, String resource, String region) {
        var context = new LinkedHashMap<String, Object>();
        context.put("aws:PrincipalArn", principal);
        context.put("aws:RequestedRegion", region);
        // A KMS key answers only through its key policy: AWS's default one, which leaves the decision to IAM.
        var keyPolicy = resource.startsWith("arn:aws:kms:") ? DEFAULT_KEY_POLICY : null;
        return new Question(id, principal, action, resource, WORKLOAD, context, List.of(ADMINISTRATOR_ACCESS), null, keyPolicy,
                List.of("aws:PrincipalArn", "aws:RequestedRegion"), scps);
    }

    private static Map<String, PolicySimulator.Answer> answers(List<Question> questions) {
        var answers = PolicySimulator.ask(documents, questions);
        assertThat(answers.values()).filteredOn(a -> a.verdict() == Verdict.Error).isEmpty();
        assertThat(answers).hasSize(questions.size());
        return answers;
    }

    @Test
    void aWorkloadAdministratorIsDeniedEveryGuardedActionAndTheExemptRolesAreNot() {
        var questions = new ArrayList<Question>();
        for (var a : guarded()) {
            questions.add(ask("admin " + a[0] + " " + a[1], ADMIN, a[0], a[1], HOME));
            questions.add(ask("deployer " + a[0] + " " + a[1], DEPLOYER, a[0], a[1], HOME));
            questions.add(ask("break-glass " + a[0] + " " + a[1], BREAK_GLASS, a[0], a[1], HOME));
        }
        var answers = answers(questions);
        for (var a : guarded()) {
            var what = a[0] + " " + a[1];
            assertThat(answers.get("admin " + what).verdict()).as("admin " + what).isEqualTo(Verdict.ExplicitlyDenied);
            assertThat(answers.get("deployer " + what).verdict()).as("deployer " + what).isEqualTo(Verdict.Allowed);
            assertThat(answers.get("break-glass " + what).verdict()).as("break-glass " + what).isEqualTo(Verdict.Allowed);
        }
    }

    @Test
    void onlyTheDeployerCreatesOrChangesARoleWithAnExemptName() {
        var questions = new ArrayList<Question>();
        for (var a : exemptRoleChanges()) {
            questions.add(ask("admin " + a[0] + " " + a[1], ADMIN, a[0], a[1], HOME));
            questions.add(ask("break-glass " + a[0] + " " + a[1], BREAK_GLASS, a[0], a[1], HOME));
            questions.add(ask("deployer " + a[0] + " " + a[1], DEPLOYER, a[0], a[1], HOME));
        }
        // An ordinary role stays the administrators'.
        questions.add(ask("admin ordinary role", ADMIN, "iam:CreateRole", ROLE_PREFIX + "app-team-role", HOME));
        var answers = answers(questions);
        for (var a : exemptRoleChanges()) {
            var what = a[0] + " " + a[1];
            assertThat(answers.get("admin " + what).verdict()).as("admin " + what).isEqualTo(Verdict.ExplicitlyDenied);
            assertThat(answers.get("break-glass " + what).verdict()).as("break-glass " + what).isEqualTo(Verdict.ExplicitlyDenied);
            assertThat(answers.get("deployer " + what).verdict()).as("deployer " + what).isEqualTo(Verdict.Allowed);
        }
        assertThat(answers.get("admin ordinary role").verdict()).isEqualTo(Verdict.Allowed);
    }

    @Test
    void ordinaryWorkStaysAllowedInTheApprovedRegionsAndOnlyGlobalServicesRunOutsideThem() {
        var approved = Stacks.settings("org-management").organization().approvedRegions();
        assertThat(approved).containsExactly("us-east-1", "us-west-2");
        var questions = new ArrayList<Question>();
        for (var region : approved) {
            questions.add(ask("run " + region, ADMIN, "ec2:RunInstances",
                    "arn:aws:ec2:" + region + ":" + WORKLOAD + ":instance/*", region));
        }
        questions.add(ask("read app object", ADMIN, "s3:GetObject", "arn:aws:s3:::hipaa-org-prod-app-data/report.pdf", HOME));
        questions.add(ask("read evidence", ADMIN, "s3:GetObject", archiveObject, HOME));
        questions.add(ask("describe trails", ADMIN, "cloudtrail:DescribeTrails", "*", HOME));
        questions.add(ask("app key", ADMIN, "kms:CreateKey", "*", HOME));
        questions.add(ask("run elsewhere", ADMIN, "ec2:RunInstances", "arn:aws:ec2:eu-west-1:" + WORKLOAD + ":instance/*",
                "eu-west-1"));
        questions.add(ask("bucket elsewhere", ADMIN, "s3:CreateBucket", "arn:aws:s3:::hipaa-org-prod-elsewhere", "eu-west-1"));
        questions.add(ask("deployer elsewhere", DEPLOYER, "ec2:RunInstances",
                "arn:aws:ec2:eu-west-1:" + WORKLOAD + ":instance/*", "eu-west-1"));
        questions.add(ask("global elsewhere", ADMIN, "iam:GetRole", ROLE_PREFIX + "app-team-role", "eu-west-1"));
        var answers = answers(questions);
        for (var region : approved) {
            assertThat(answers.get("run " + region).verdict()).as(region).isEqualTo(Verdict.Allowed);
        }
        assertThat(answers.get("read app object").verdict()).isEqualTo(Verdict.Allowed);
        assertThat(answers.get("read evidence").verdict()).isEqualTo(Verdict.Allowed);
        assertThat(answers.get("describe trails").verdict()).isEqualTo(Verdict.Allowed);
        assertThat(answers.get("app key").verdict()).isEqualTo(Verdict.Allowed);
        assertThat(answers.get("run elsewhere").verdict()).isEqualTo(Verdict.ExplicitlyDenied);
        assertThat(answers.get("bucket elsewhere").verdict()).isEqualTo(Verdict.ExplicitlyDenied);
        assertThat(answers.get("deployer elsewhere").verdict()).isEqualTo(Verdict.Allowed);
        assertThat(answers.get("global elsewhere").verdict()).isEqualTo(Verdict.Allowed);
    }

    @Test
    void withoutFullAwsAccessALevelAllowsNothing() {
        // The simulator adds no SCP of its own: the allow comes from FullAWSAccess, as in AWS.
        var q = new Question("no full access", ADMIN, "ec2:RunInstances", "arn:aws:ec2:us-east-1:" + WORKLOAD + ":instance/*",
                WORKLOAD, Map.of("aws:PrincipalArn", ADMIN, "aws:RequestedRegion", HOME), List.of(ADMINISTRATOR_ACCESS),
                null, null, List.of(), List.of(scps.get(1).subList(1, scps.get(1).size())));
        assertThat(PolicySimulator.ask(documents, List.of(q)).get("no full access").verdict()).isEqualTo(Verdict.ImplicitlyDenied);
    }
}
