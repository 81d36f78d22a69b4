package hipaa.audit;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import hipaa.App;
import hipaa.offline.OfflineEngine;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every AWS Config rule of every real stack: its name, identifier, parameters and scope, against a table
 * written out here, and every identifier and parameter name against the data file of managed rules AWS
 * documents ({@code config-managed-rules.tsv}), read here independently of the production loader.
 */
class ConfigRulesStackTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    static final String RULE = "aws:cfg/rule:Rule";
    static final String ACCOUNT = OfflineEngine.ACCOUNT_ID;
    static final Path DATA_FILE = Path.of("program/src/main/resources/hipaa/audit/config-managed-rules.tsv");
    static final Gson GSON = new Gson();

    /** One expected rule: name without the stack prefix, identifier, parameters (ordered), scope. */
    record Expected(String name, String identifier, Map<String, String> parameters, List<String> scope) {}

    static Expected rule(String name, String identifier, String... scope) {
        return new Expected(name, identifier, Map.of(), List.of(scope));
    }

    static Expected rule(String name, String identifier, Map<String, String> parameters, String... scope) {
        return new Expected(name, identifier, parameters, List.of(scope));
    }

    static Map<String, String> params(String... kv) {
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The rules a stack must deploy, given what the stack's settings and its other resources are. */
    static List<Expected> expected(OfflineRun.Result run, String stack) {
        var s = Stacks.settings(stack);
        var prefix = s.namePrefix();
        var zones = run.resources().stream().filter(r -> r.type().equals("aws:ec2/subnet:Subnet")
                        && r.name().startsWith("production-public-"))
                .map(r -> r.name().substring("production-public-".length())).sorted().toList();
        var publicTables = Stream.concat(zones.stream().map(z -> "production-public-rt-" + z + "-id"),
                zones.stream().map(z -> "management-public-rt-" + z + "-id")).collect(Collectors.joining(","));
        var dataKey = run.named("aws:kms/key:Key", "kms-data").arn().orElseThrow();
        var secretsKey = run.named("aws:kms/key:Key", "kms-secrets").arn().orElseThrow();
        var archive = prefix + "-audit-archive-" + ACCOUNT;

        var out = new ArrayList<Expected>();
        for (var key : s.requiredTagKeys()) {
            out.add(rule("required-tags-" + key.toLowerCase(java.util.Locale.ROOT), "REQUIRED_TAGS", params("tag1Key", key),
                    "AWS::EC2::Instance", "AWS::EC2::Volume"));
        }
        out.add(rule("restricted-common-ports", "RESTRICTED_INCOMING_TRAFFIC", params("blockedPort1", "20", "blockedPort2", "21",
                "blockedPort3", "3389", "blockedPort4", "3306", "blockedPort5", "4333"), "AWS::EC2::SecurityGroup"));
        // With no approved AMI listed, the approved image is the one the program resolved from AWS's public
        // parameter: offline, the engine's answer.
        var approved = s.approvedAmiIds().isEmpty() ? List.of(OfflineEngine.AMAZON_LINUX_AMI) : s.approvedAmiIds();
        out.add(rule("approved-amis-by-id", "APPROVED_AMIS_BY_ID", params("amiIds", String.join(",", approved)),
                "AWS::EC2::Instance"));
        out.add(rule("cloudtrail-enabled", "CLOUD_TRAIL_ENABLED", params("s3BucketName", archive)));
        out.add(rule("restricted-ssh", "INCOMING_SSH_DISABLED", "AWS::EC2::SecurityGroup"));
        out.add(rule("cloud-trail-cloud-watch-logs-enabled", "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED"));
        out.add(rule("cloud-trail-encryption-enabled", "CLOUD_TRAIL_ENCRYPTION_ENABLED"));
        out.add(rule("cloud-trail-log-file-validation-enabled", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED"));
        out.add(rule("multi-region-cloudtrail-enabled", "MULTI_REGION_CLOUD_TRAIL_ENABLED", params("s3BucketName", archive)));
        // The evidence buckets, whose reads the trail records, then the PHI buckets.
        var dataEventBuckets = new ArrayList<>(List.of(archive, prefix + "-audit-config-" + ACCOUNT, prefix + "-audit-access-logs-" + ACCOUNT));
        dataEventBuckets.addAll(s.audit().phiBucketNames());
        out.add(rule("cloudtrail-s3-dataevents-enabled", "CLOUDTRAIL_S3_DATAEVENTS_ENABLED",
                params("S3BucketNames", String.join(",", dataEventBuckets))));
        out.add(rule("cloudwatch-log-group-encrypted", "CLOUDWATCH_LOG_GROUP_ENCRYPTED"));
        out.add(rule("cloudwatch-alarm-action-check", "CLOUDWATCH_ALARM_ACTION_CHECK", params("alarmActionRequired", "true",
                "insufficientDataActionRequired", "true", "okActionRequired", "false"), "AWS::CloudWatch::Alarm"));
        out.add(rule("vpc-flow-logs-enabled", "VPC_FLOW_LOGS_ENABLED", params("trafficType", "ALL")));
        out.add(rule("vpc-default-security-group-closed", "VPC_DEFAULT_SECURITY_GROUP_CLOSED", "AWS::EC2::SecurityGroup"));
        out.add(rule("vpc-sg-open-only-to-authorized-ports", "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS",
                params("authorizedTcpPorts", "443"), "AWS::EC2::SecurityGroup"));
        out.add(rule("internet-gateway-authorized-vpc-only", "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY",
                params("AuthorizedVpcIds", "production-vpc-id,management-vpc-id"), "AWS::EC2::InternetGateway"));
        out.add(rule("no-unrestricted-route-to-igw", "NO_UNRESTRICTED_ROUTE_TO_IGW", params("routeTableIds", publicTables),
                "AWS::EC2::RouteTable"));
        out.add(rule("subnet-auto-assign-public-ip-disabled", "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", "AWS::EC2::Subnet"));
        out.add(rule("ec2-imdsv2-check", "EC2_IMDSV2_CHECK", "AWS::EC2::Instance"));
        out.add(rule("ec2-instance-no-public-ip", "EC2_INSTANCE_NO_PUBLIC_IP", "AWS::EC2::Instance"));
        out.add(rule("ec2-instance-managed-by-systems-manager", "EC2_INSTANCE_MANAGED_BY_SSM", "AWS::EC2::Instance",
                "AWS::SSM::ManagedInstanceInventory"));
        out.add(rule("ec2-instance-profile-attached", "EC2_INSTANCE_PROFILE_ATTACHED", "AWS::EC2::Instance"));
        out.add(rule("ec2-instances-in-vpc", "INSTANCES_IN_VPC", "AWS::EC2::Instance"));
        out.add(rule("ec2-stopped-instance", "EC2_STOPPED_INSTANCE"));
        out.add(rule("ec2-managedinstance-patch-compliance-status-check", "EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK",
                "AWS::SSM::PatchCompliance"));
        out.add(rule("ec2-ebs-encryption-by-default", "EC2_EBS_ENCRYPTION_BY_DEFAULT"));
        out.add(rule("encrypted-volumes", "ENCRYPTED_VOLUMES", params("kmsId", dataKey), "AWS::EC2::Volume"));
        out.add(rule("ebs-snapshot-public-restorable-check", "EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK"));
        out.add(rule("autoscaling-group-elb-healthcheck-required", "AUTOSCALING_GROUP_ELB_HEALTHCHECK_REQUIRED",
                "AWS::AutoScaling::AutoScalingGroup"));
        out.add(rule("rds-storage-encrypted", "RDS_STORAGE_ENCRYPTED", params("kmsKeyId", dataKey), "AWS::RDS::DBInstance"));
        out.add(rule("rds-instance-public-access-check", "RDS_INSTANCE_PUBLIC_ACCESS_CHECK", "AWS::RDS::DBInstance"));
        out.add(rule("rds-multi-az-support", "RDS_MULTI_AZ_SUPPORT", "AWS::RDS::DBInstance"));
        out.add(rule("rds-snapshot-encrypted", "RDS_SNAPSHOT_ENCRYPTED", "AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot"));
        out.add(rule("rds-snapshots-public-prohibited", "RDS_SNAPSHOTS_PUBLIC_PROHIBITED", "AWS::RDS::DBSnapshot",
                "AWS::RDS::DBClusterSnapshot"));
        out.add(rule("db-instance-backup-enabled", "DB_INSTANCE_BACKUP_ENABLED", "AWS::RDS::DBInstance"));
        out.add(rule("rds-logging-enabled", "RDS_LOGGING_ENABLED", "AWS::RDS::DBInstance"));
        out.add(rule("rds-enhanced-monitoring-enabled", "RDS_ENHANCED_MONITORING_ENABLED", "AWS::RDS::DBInstance"));
        out.add(rule("rds-automatic-minor-version-upgrade-enabled", "RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED",
                "AWS::RDS::DBInstance"));
        out.add(rule("rds-in-backup-plan", "RDS_IN_BACKUP_PLAN"));
        out.add(rule("s3-account-level-public-access-blocks-periodic", "S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC",
                params("BlockPublicAcls", "true", "BlockPublicPolicy", "true", "IgnorePublicAcls", "true",
                        "RestrictPublicBuckets", "true")));
        out.add(rule("s3-bucket-level-public-access-prohibited", "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED", "AWS::S3::Bucket"));
        out.add(rule("s3-bucket-public-read-prohibited", "S3_BUCKET_PUBLIC_READ_PROHIBITED", "AWS::S3::Bucket"));
        out.add(rule("s3-bucket-public-write-prohibited", "S3_BUCKET_PUBLIC_WRITE_PROHIBITED", "AWS::S3::Bucket"));
        out.add(rule("s3-bucket-acl-prohibited", "S3_BUCKET_ACL_PROHIBITED", "AWS::S3::Bucket"));
        out.add(rule("s3-bucket-ssl-requests-only", "S3_BUCKET_SSL_REQUESTS_ONLY", "AWS::S3::Bucket"));
        out.add(rule("s3-bucket-server-side-encryption-enabled", "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", "AWS::S3::Bucket"));
        out.add(rule("s3-bucket-versioning-enabled", "S3_BUCKET_VERSIONING_ENABLED", "AWS::S3::Bucket"));
        out.add(rule("alb-http-to-https-redirection-check", "ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK"));
        out.add(rule("elbv2-acm-certificate-required", "ELBV2_ACM_CERTIFICATE_REQUIRED"));
        out.add(rule("elb-deletion-protection-enabled", "ELB_DELETION_PROTECTION_ENABLED", "AWS::ElasticLoadBalancingV2::LoadBalancer"));
        out.add(rule("elb-logging-enabled", "ELB_LOGGING_ENABLED", "AWS::ElasticLoadBalancing::LoadBalancer",
                "AWS::ElasticLoadBalancingV2::LoadBalancer"));
        out.add(rule("sns-encrypted-kms", "SNS_ENCRYPTED_KMS", "AWS::SNS::Topic"));
        out.add(rule("secretsmanager-rotation-enabled-check", "SECRETSMANAGER_ROTATION_ENABLED_CHECK", "AWS::SecretsManager::Secret"));
        out.add(rule("secretsmanager-using-cmk", "SECRETSMANAGER_USING_CMK", params("kmsKeyArns", secretsKey),
                "AWS::SecretsManager::Secret"));
        out.add(rule("kms-cmk-not-scheduled-for-deletion", "KMS_CMK_NOT_SCHEDULED_FOR_DELETION", "AWS::KMS::Key"));
        out.add(rule("iam-password-policy", "IAM_PASSWORD_POLICY", params("MaxPasswordAge", "90", "MinimumPasswordLength", "14",
                "PasswordReusePrevention", "24", "RequireLowercaseCharacters", "true", "RequireNumbers", "true",
                "RequireSymbols", "true", "RequireUppercaseCharacters", "true")));
        out.add(rule("iam-root-access-key-check", "IAM_ROOT_ACCESS_KEY_CHECK"));
        out.add(rule("root-account-mfa-enabled", "ROOT_ACCOUNT_MFA_ENABLED"));
        out.add(rule("root-account-hardware-mfa-enabled", "ROOT_ACCOUNT_HARDWARE_MFA_ENABLED"));
        out.add(rule("iam-user-mfa-enabled", "IAM_USER_MFA_ENABLED"));
        out.add(rule("mfa-enabled-for-iam-console-access", "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS"));
        out.add(rule("iam-policy-no-statements-with-admin-access", "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", "AWS::IAM::Policy"));
        out.add(rule("iam-user-no-policies-check", "IAM_USER_NO_POLICIES_CHECK", "AWS::IAM::User"));
        out.add(rule("access-keys-rotated", "ACCESS_KEYS_ROTATED", params("maxAccessKeyAge", "90")));
        out.add(rule("iam-user-unused-credentials-check", "IAM_USER_UNUSED_CREDENTIALS_CHECK", params("maxCredentialUsageAge", "90")));
        out.add(rule("iam-customer-policy-blocked-kms-actions", "IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS",
                params("blockedActionsPatterns", "kms:*, kms:Decrypt, kms:ReEncrypt*"), "AWS::IAM::Policy"));
        out.add(rule("iam-inline-policy-blocked-kms-actions", "IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS",
                params("blockedActionsPatterns", "kms:*, kms:Decrypt, kms:ReEncrypt*"),
                "AWS::IAM::Group", "AWS::IAM::Role", "AWS::IAM::User"));
        out.add(rule("guardduty-enabled-centralized", "GUARDDUTY_ENABLED_CENTRALIZED"));
        out.add(rule("securityhub-enabled", "SECURITYHUB_ENABLED"));
        out.add(rule("backup-plan-min-frequency-and-min-retention-check", "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
                "AWS::Backup::BackupPlan"));
        out.add(rule("backup-recovery-point-encrypted", "BACKUP_RECOVERY_POINT_ENCRYPTED", "AWS::Backup::RecoveryPoint"));
        out.add(rule("backup-recovery-point-manual-deletion-disabled", "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
                "AWS::Backup::BackupVault"));
        out.add(rule("ebs-in-backup-plan", "EBS_IN_BACKUP_PLAN"));
        out.add(rule("ec2-resources-protected-by-backup-plan", "EC2_RESOURCES_PROTECTED_BY_BACKUP_PLAN", "AWS::EC2::Instance"));
        return out;
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyRuleHasItsExpectedNameIdentifierParametersAndScope(String stack) {
        var run = Stacks.run(stack);
        assertRules(run, stack);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyIdentifierAndParameterIsOneAwsDocumentsInTheDataFile(String stack) throws IOException {
        var documented = dataFile();
        var rules = Stacks.run(stack).ofType(RULE);
        assertThat(rules).isNotEmpty();
        for (var r : rules) {
            var identifier = String.valueOf(r.map("source").get("sourceIdentifier"));
            assertThat(documented).as(r.name() + ": identifier " + identifier).containsKey(identifier);
            var row = documented.get(identifier);
            // The rule's name is AWS's name for it, except required-tags, which has one rule per tag key.
            var expectedSuffix = identifier.equals("REQUIRED_TAGS") ? "required-tags-" : row.name();
            assertThat(r.name()).as(r.name()).startsWith("audit-config-rule-" + expectedSuffix);
            r.string("inputParameters").ifPresent(p -> assertThat(parameters(p).keySet())
                    .as(r.name() + " parameters").isSubsetOf(row.parameters()));
            assertThat(row.unavailableIn()).as(r.name() + " is not offered in the stack's Region")
                    .doesNotContain(Stacks.settings(stack).region());
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void atLeastTwentyFiveRulesOfTheHipaaPackAndAllFiveOfTheQuickStart(String stack) {
        var rules = Stacks.run(stack).ofType(RULE);
        var pack = rules.stream().filter(r -> r.string("description").orElse("").contains("Operational Best Practices for HIPAA Security"))
                .count();
        assertThat(pack).isGreaterThanOrEqualTo(25);
        var quickStart = rules.stream().filter(r -> r.string("description").orElse("").contains("AWS HIPAA Quick Start"))
                .map(r -> String.valueOf(r.map("source").get("sourceIdentifier"))).collect(Collectors.toSet());
        var expected = Set.of("REQUIRED_TAGS", "RESTRICTED_INCOMING_TRAFFIC", "CLOUD_TRAIL_ENABLED",
                "INCOMING_SSH_DISABLED", "APPROVED_AMIS_BY_ID");
        assertThat(quickStart).isEqualTo(expected);
        assertThat(rules).allSatisfy(r -> assertThat(r.string("description").orElse("")).startsWith("HIPAA 164."));
    }

    @Test
    void requiredTagRulesFollowTheRequiredTagKeysAndApprovedAmisGetTheirRule() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of(
                "hipaa:requiredTagKeys", "[\"Environment\",\"Owner\",\"DataClassification\",\"CostCenter\"]",
                "hipaa:approvedAmiIds", "[\"ami-0123456789abcdef0\",\"ami-12345678\"]")), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(run.named(RULE, "audit-config-rule-required-tags-costcenter").inputs())
                .containsEntry("inputParameters", "{\"tag1Key\":\"CostCenter\"}");
        assertThat(run.named(RULE, "audit-config-rule-approved-amis-by-id").inputs())
                .containsEntry("inputParameters", "{\"amiIds\":\"ami-0123456789abcdef0,ami-12345678\"}")
                .containsEntry("scope", Map.of("complianceResourceTypes", List.of("AWS::EC2::Instance")));
        assertThat(Stacks.run("dev").ofType(RULE)).extracting(RecordedResource::name)
                .doesNotContain("audit-config-rule-required-tags-costcenter");
        // Every host of that stack launches an approved image.
        assertThat(run.named("aws:ec2/instance:Instance", "vpn-instance").inputs()).containsEntry("ami", "ami-0123456789abcdef0");
        assertThat(run.named("aws:ec2/launchTemplate:LaunchTemplate", "bastion-lt").inputs()).containsEntry("imageId", "ami-0123456789abcdef0");
    }

    @Test
    void withNoApprovedAmiTheResolvedAmazonLinuxImageIsTheApprovedOneAndEveryHostRunsIt() {
        var run = Stacks.run("prod");
        var ami = OfflineEngine.AMAZON_LINUX_AMI;
        assertThat(run.named(RULE, "audit-config-rule-approved-amis-by-id").inputs())
                .containsEntry("inputParameters", "{\"amiIds\":\"" + ami + "\"}");
        assertThat(run.named("aws:ec2/instance:Instance", "vpn-instance").inputs()).containsEntry("ami", ami);
        assertThat(run.named("aws:ec2/launchTemplate:LaunchTemplate", "bastion-lt").inputs()).containsEntry("imageId", ami);
        // The EC2 application, which no real stack runs, launches it too unless hipaa:ec2AppImageId names its own.
        var withEc2 = OfflineRun.run(Stacks.with("prod", Map.of("hipaa:ec2AppEnabled", "true", "hipaa:ec2AppUserData",
                hipaa.testing.AppStacks.EC2_APP_USER_DATA, "hipaa:ec2AppPathPatterns", "[\"/legacy/*\"]")), false, hipaa.App::stack);
        assertThat(withEc2.succeeded()).as(withEc2::failure).isTrue();
        assertThat(withEc2.named("aws:ec2/launchTemplate:LaunchTemplate", "app-ec2-template").inputs()).containsEntry("imageId", ami);
        assertThat(withEc2.named(RULE, "audit-config-rule-approved-amis-by-id").inputs())
                .containsEntry("inputParameters", "{\"amiIds\":\"" + ami + "\"}");
    }

    static void assertRules(OfflineRun.Result run, String stack) {
        var prefix = Stacks.settings(stack).namePrefix();
        var expected = expected(run, stack);
        var rules = run.ofType(RULE);
        assertThat(rules).extracting(RecordedResource::name)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(e -> "audit-config-rule-" + e.name()).toList());
        for (var e : expected) {
            var r = run.named(RULE, "audit-config-rule-" + e.name());
            assertThat(r.inputs()).as(e.name()).containsEntry("name", prefix + "-" + e.name())
                    .containsEntry("source", Map.of("owner", "AWS", "sourceIdentifier", e.identifier()));
            if (e.parameters().isEmpty()) {
                assertThat(r.inputs()).as(e.name()).doesNotContainKey("inputParameters");
            } else {
                assertThat(parameters(r.string("inputParameters").orElseThrow())).as(e.name())
                        .containsExactlyEntriesOf(e.parameters());
            }
            if (e.scope().isEmpty()) {
                assertThat(r.inputs()).as(e.name()).doesNotContainKey("scope");
            } else {
                assertThat(r.inputs()).as(e.name()).containsEntry("scope", Map.of("complianceResourceTypes", e.scope()));
            }
        }
    }

    static Map<String, String> parameters(String json) {
        return GSON.fromJson(json, new TypeToken<LinkedHashMap<String, String>>() {}.getType());
    }

    record Row(String name, Set<String> parameters, Set<String> unavailableIn) {}

    /** The data file, parsed here on its own terms: identifier, rule name, parameters, unavailable Regions. */
    static Map<String, Row> dataFile() throws IOException {
        var out = new TreeMap<String, Row>();
        for (var line : Files.readAllLines(DATA_FILE, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var f = line.split("\t");
            out.put(f[0], new Row(f[1], set(f[2]), set(f[3])));
        }
        return out;
    }

    private static Set<String> set(String column) {
        return column.equals("-") ? Set.of() : Arrays.stream(column.split(",")).collect(Collectors.toSet());
    }
}
