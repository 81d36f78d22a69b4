package hipaa;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import hipaa.identity.AutoScalingServiceRole;
import hipaa.offline.AwsCreateChecks;
import hipaa.offline.OfflineEngine;
import hipaa.offline.OfflineRun;
import hipaa.offline.Quotas;
import hipaa.offline.RecordedResource;
import hipaa.offline.StackGraph;
import hipaa.settings.Placeholders;
import hipaa.testing.AppStacks;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first {@code pulumi up} on a new AWS account (issue #15, items 1 to 6 and 15): over the real stacks,
 * what AWS would refuse at creation, the order AWS needs, trust policies as AWS documents them, and the
 * placeholders the stack files still hold.
 */
class FirstDeployTest {

    static final String ACCOUNT = OfflineEngine.ACCOUNT_ID;
    static final String KEY = "aws:kms/key:Key";
    static final String ROLE = "aws:iam/role:Role";

    static Stream<String> stacks() {
        return Stacks.names();
    }

    /** The real stacks and the dev variant with both workloads, whose EC2 group adds SSH flows across the peering. */
    static Stream<String> cases() {
        return AppStacks.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void awsWouldAcceptEveryResourceOfTheStack(String name) {
        var run = AppStacks.run(name);
        assertThat(run.refusals()).extracting(AwsCreateChecks.Refusal::message).isEmpty();
        assertThat(run.succeeded()).as(run::failure).isTrue();
    }

    // ------------------------------------------------------------------ 1. CloudTrail and the bucket key

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theTrailMayDecryptWithTheLogsKeyAsTheArchivesBucketKeyRequires(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var trail = run.named("aws:cloudtrail/trail:Trail", "audit-trail");
        var trailArn = "arn:aws:cloudtrail:" + s.region() + ":" + ACCOUNT + ":trail/" + s.namePrefix() + "-trail";
        assertThat(trail.arn()).contains(trailArn);
        var logsKey = run.named(KEY, "kms-logs");
        assertThat(trail.inputs()).containsEntry("kmsKeyId", logsKey.arn().orElseThrow())
                .containsEntry("s3BucketName", s.namePrefix() + "-audit-archive-" + ACCOUNT);
        // The archive keeps its bucket key, so CloudTrail needs kms:Decrypt, for this trail only.
        var encryption = run.named("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "audit-archive-encryption");
        assertThat(Stacks.maps(encryption.inputs().get("rules"))).singleElement()
                .satisfies(rule -> assertThat(rule).containsEntry("bucketKeyEnabled", true));
        assertThat(statements(logsKey.string("policy").orElseThrow())).contains(JsonParser.parseString(
                "{\"Sid\":\"AllowThisStacksTrailToDecryptForTheBucketKey\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:SourceArn\":\"" + trailArn + "\"}}}"));
        assertThat(run.refusals()).extracting(AwsCreateChecks.Refusal::rule).doesNotContain("cloudtrail-bucket-key");
    }

    // ------------------------------------------------------------------ 2. principals that may not exist

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noPolicyNamesAPrincipalTheStackDoesNotCreateBeforeIt(String name) {
        var run = AppStacks.run(name);
        assertThat(run.refusals()).extracting(AwsCreateChecks.Refusal::rule).doesNotContain("principals");
        // Every AWS principal of every key, bucket, topic and trust policy: everyone ("*", in deny statements), an
        // account root, or a role the stack creates.
        var roles = run.ofType(ROLE).stream().map(r -> r.arn().orElseThrow()).collect(Collectors.toSet());
        var principals = new TreeSet<String>();
        for (var r : run.resources()) {
            var policy = r.type().equals(ROLE) ? r.string("assumeRolePolicy") : r.string("policy");
            policy.filter(p -> p.startsWith("{")).ifPresent(p -> statements(p).forEach(st -> {
                var principal = st.getAsJsonObject().get("Principal");
                if (principal != null && principal.isJsonObject() && principal.getAsJsonObject().has("AWS")) {
                    var aws = principal.getAsJsonObject().get("AWS");
                    (aws.isJsonArray() ? aws.getAsJsonArray().asList() : List.of(aws)).forEach(a -> principals.add(a.getAsString()));
                }
            }));
        }
        assertThat(principals).isNotEmpty().allSatisfy(p -> assertThat(p.equals("*") || p.matches("arn:aws:iam::\\d{12}:root") || roles.contains(p))
                .as(p).isTrue());
        assertThat(run.named(KEY, "kms-data").string("policy").orElseThrow()).doesNotContain("AWSServiceRoleForAutoScaling\"");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theBastionGroupLaunchesAsItsOwnServiceLinkedRoleGrantedTheDataKey(String stack) {
        var run = Stacks.run(stack);
        var physical = Stacks.settings(stack).namePrefix() + "-bastion";
        var role = run.named("aws:iam/serviceLinkedRole:ServiceLinkedRole", "bastion-autoscaling-role");
        assertThat(role.inputs()).containsEntry("awsServiceName", "autoscaling.amazonaws.com").containsEntry("customSuffix", physical);
        var roleArn = "arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_"
                + physical;
        assertThat(role.arn()).contains(roleArn);
        var grant = run.named("aws:kms/grant:Grant", "bastion-autoscaling-key-grant");
        assertThat(grant.inputs()).containsEntry("name", physical + "-ebs")
                .containsEntry("keyId", run.named(KEY, "kms-data").arn().orElseThrow())
                .containsEntry("granteePrincipal", roleArn)
                .containsEntry("operations", List.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey",
                        "GenerateDataKeyWithoutPlaintext", "DescribeKey", "CreateGrant"));
        assertThat(AutoScalingServiceRole.KEY_GRANT_OPERATIONS).isEqualTo(grant.inputs().get("operations"));
        var group = run.named("aws:autoscaling/group:Group", "bastion-asg");
        assertThat(group.inputs()).containsEntry("serviceLinkedRoleArn", roleArn);
        assertThat(run.dependenciesOf(group)).contains("aws:kms/grant:Grant::bastion-autoscaling-key-grant",
                "aws:iam/serviceLinkedRole:ServiceLinkedRole::bastion-autoscaling-role");
    }

    // ------------------------------------------------------------------ 3. rules across the peering

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRuleBetweenTheTwoVpcsWaitsForThePeeringAndItsOptions(String name) {
        var run = AppStacks.run(name);
        var across = run.resources().stream().filter(r -> r.type().startsWith("aws:vpc/securityGroup"))
                .filter(r -> r.input("referencedSecurityGroupId").isPresent())
                .filter(r -> !vpcOf(run, r.inputs().get("securityGroupId")).equals(vpcOf(run, r.inputs().get("referencedSecurityGroupId"))))
                .toList();
        // The administrators' flows from the management VPC: to the database, and SSH to the EC2 app instances when they run.
        var expected = new TreeSet<>(List.of("bastion-to-database-in", "bastion-to-database-out", "vpn-to-database-in",
                "vpn-to-database-out"));
        if (AppStacks.settings(name).app().ec2().enabled()) {
            expected.addAll(List.of("bastion-to-app-ec2-ssh-in", "bastion-to-app-ec2-ssh-out", "vpn-to-app-ec2-ssh-in",
                    "vpn-to-app-ec2-ssh-out"));
        }
        assertThat(across).extracting(RecordedResource::name).containsExactlyInAnyOrderElementsOf(expected);
        for (var rule : across) {
            assertThat(run.dependenciesOf(rule)).as(rule.name()).contains(
                    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection::management-production",
                    "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions::management-production-options");
        }
    }

    private static String vpcOf(OfflineRun.Result run, Object groupId) {
        return run.ofType("aws:ec2/securityGroup:SecurityGroup").stream().filter(g -> g.id().equals(groupId))
                .map(g -> String.valueOf(g.inputs().get("vpcId"))).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ 4. quotas

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyQuotaBoundCountFitsAwsDefaultOnANewAccount(String name) {
        var run = AppStacks.run(name);
        var uses = Quotas.uses(run.graph(), AppStacks.settings(name).region());
        assertThat(uses).filteredOn(Quotas.Use::overDefault).isEmpty();
        assertThat(run.resources().stream().filter(r -> r.type().startsWith("aws:servicequotas/"))).isEmpty();
    }

    @Test
    void prodTakesExactlyTheFiveElasticIpsARegionAllowsByDefault() {
        var uses = Quotas.uses(Stacks.run("prod").graph(), "us-east-1");
        assertThat(uses).filteredOn(u -> u.quota() == Quotas.Quota.ELASTIC_IPS).singleElement().satisfies(u -> {
            assertThat(u.scope()).isEqualTo("us-east-1");
            assertThat(u.resources()).containsExactly("bastion-eip", "production-nat-eip-a", "production-nat-eip-b",
                    "production-nat-eip-c", "vpn-eip");
            assertThat(u.total()).isEqualTo(Quotas.Quota.ELASTIC_IPS.awsDefault).isEqualTo(5);
        });
        assertThat(Stacks.run("prod").ofType("aws:ec2/natGateway:NatGateway")).extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("production-nat-a", "production-nat-b", "production-nat-c");
    }

    // ------------------------------------------------------------------ 5. trust policies

    /**
     * The trust each role gets, as AWS documents it for its service (the program's comments cite each page):
     * source conditions exactly where AWS documents them, none where it says they do not apply.
     */
    static Map<String, String> documentedTrust(String region, String prefix) {
        var account = "\"aws:SourceAccount\":\"" + ACCOUNT + "\"";
        return Map.ofEntries(
                Map.entry("audit-trail-logs-role", service("cloudtrail.amazonaws.com", null)),
                Map.entry("bastion-role", service("ec2.amazonaws.com", null)),
                Map.entry("vpn-role", service("ec2.amazonaws.com", null)),
                Map.entry("app-ec2-role", service("ec2.amazonaws.com", null)),
                Map.entry("app-execution-role", service("ecs-tasks.amazonaws.com", null)),
                Map.entry("app-task-role", service("ecs-tasks.amazonaws.com", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:ecs:"
                        + region + ":" + ACCOUNT + ":*\"},\"StringEquals\":{" + account + "}}")),
                Map.entry("backup-role", service("backup.amazonaws.com", null)),
                Map.entry("audit-config-recorder-role", service("config.amazonaws.com", "{\"StringEquals\":{" + account + "}}")),
                Map.entry("audit-config-remediate-open-ssh-role", service("ssm.amazonaws.com", "{\"StringEquals\":{" + account
                        + "},\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:ssm:" + region + ":" + ACCOUNT + ":automation-execution/*\"}}")),
                Map.entry("db-monitoring-role", service("monitoring.rds.amazonaws.com", "{\"StringEquals\":{" + account
                        + "},\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:rds:" + region + ":" + ACCOUNT + ":db:" + prefix + "-db\"}}")),
                Map.entry("production-flow-logs-role", service("vpc-flow-logs.amazonaws.com", "{\"StringEquals\":{" + account
                        + "},\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:ec2:" + region + ":" + ACCOUNT + ":vpc-flow-log/*\"}}")),
                Map.entry("management-flow-logs-role", service("vpc-flow-logs.amazonaws.com", "{\"StringEquals\":{" + account
                        + "},\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:ec2:" + region + ":" + ACCOUNT + ":vpc-flow-log/*\"}}")),
                // S3 User Guide, "Setting up permissions for live replication": the trust may name the source
                // account and buckets (aws:SourceAccount, aws:SourceArn).
                Map.entry("audit-replica-role", service("s3.amazonaws.com", "{\"StringEquals\":{" + account
                        + "},\"ArnLike\":{\"aws:SourceArn\":[\"arn:aws:s3:::" + prefix + "-audit-archive-" + ACCOUNT
                        + "\",\"arn:aws:s3:::" + prefix + "-audit-config-" + ACCOUNT + "\"]}}")),
                // Not a service: people of this account, with MFA.
                Map.entry("identity-break-glass", "{\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},"
                        + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},\"NumericLessThan\":"
                        + "{\"aws:MultiFactorAuthAge\":\"3600\"}}}"));
    }

    private static String service(String principal, String condition) {
        return "{\"Principal\":{\"Service\":\"" + principal + "\"}" + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRoleTrustsItsServiceExactlyAsAwsDocumentsIt(String name) {
        var run = AppStacks.run(name);
        var s = AppStacks.settings(name);
        var documented = documentedTrust(s.region(), s.namePrefix());
        var roles = run.ofType(ROLE);
        assertThat(roles).isNotEmpty();
        for (var role : roles) {
            assertThat(documented).as("a documented trust for " + role.name()).containsKey(role.name());
            var trust = statements(role.string("assumeRolePolicy").orElseThrow());
            assertThat(trust).as(role.name()).hasSize(1);
            var statement = trust.get(0).getAsJsonObject();
            assertThat(statement.get("Effect").getAsString()).isEqualTo("Allow");
            assertThat(statement.get("Action").getAsString()).isEqualTo("sts:AssumeRole");
            statement.remove("Sid");
            statement.remove("Effect");
            statement.remove("Action");
            assertThat(statement).as(role.name()).isEqualTo(JsonParser.parseString(documented.get(role.name())));
        }
    }

    // ------------------------------------------------------------------ 6. ordering

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void eachFlowLogWaitsForItsRolesPolicy(String stack) {
        var run = Stacks.run(stack);
        for (var vpc : List.of("production", "management")) {
            var flowLog = run.named("aws:ec2/flowLog:FlowLog", vpc + "-flow-log");
            var role = run.named(ROLE, vpc + "-flow-logs-role");
            Policies.rolePermissions(run, vpc + "-flow-logs-policy", vpc + "-flow-logs-role");
            var attachment = run.named(Policies.ROLE_ATTACHMENT, vpc + "-flow-logs-policy-attachment");
            assertThat(flowLog.inputs()).containsEntry("iamRoleArn", role.arn().orElseThrow());
            assertThat(run.dependenciesOf(flowLog)).contains(StackGraph.key(role), StackGraph.key(attachment));
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theTrailsFirstDeliveryWaitsForTheArchivesObjectLockAndPolicy(String stack) {
        var run = Stacks.run(stack);
        var trail = run.named("aws:cloudtrail/trail:Trail", "audit-trail");
        var lock = run.named("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "audit-archive-object-lock");
        assertThat(lock.inputs()).containsEntry("bucket", run.named("aws:s3/bucketV2:BucketV2", "audit-archive").id());
        assertThat(run.dependenciesOf(trail)).contains(StackGraph.key(lock),
                "aws:s3/bucketPolicy:BucketPolicy::audit-archive-policy", Policies.ROLE_ATTACHMENT + "::audit-trail-logs-policy-attachment");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyConfigRuleWaitsForTheRecorderToBeOn(String stack) {
        var run = Stacks.run(stack);
        var status = run.named("aws:cfg/recorderStatus:RecorderStatus", "audit-config-recorder-status");
        assertThat(status.inputs()).containsEntry("isEnabled", true);
        var rules = run.ofType("aws:cfg/rule:Rule");
        assertThat(rules).hasSizeGreaterThan(10)
                .allSatisfy(rule -> assertThat(run.dependenciesOf(rule)).as(rule.name()).contains(StackGraph.key(status)));
    }

    // ------------------------------------------------------------------ 15. placeholders

    static final Map<String, List<List<String>>> PLACEHOLDERS = Map.of(
            "prod", List.of(
                    List.of("hipaa:alertEmails", "security-alerts@example.com"),
                    List.of("hipaa:adminCidrs", "203.0.113.0/24"),
                    List.of("hipaa:vpnClientCidrs", "198.51.100.0/24"),
                    List.of("hipaa:certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"),
                    List.of("hipaa:containerImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/hipaa-app:replace-me")),
            "dev", List.of(
                    List.of("hipaa:adminCidrs", "203.0.113.0/24"),
                    List.of("hipaa:vpnClientCidrs", "198.51.100.0/24"),
                    List.of("hipaa:vpnClientCidrs", "203.0.113.0/24"),
                    List.of("hipaa:certificateArn", "arn:aws:acm:us-west-2:123456789012:certificate/00000000-0000-0000-0000-000000000000"),
                    List.of("hipaa:containerImage", "123456789012.dkr.ecr.us-west-2.amazonaws.com/hipaa-app:replace-me")));

    static List<Placeholders.Placeholder> placeholders(String stack) {
        var config = hipaa.offline.StackFiles.load(Stacks.PROJECT, stack);
        return Placeholders.find(stack, config.project(), k -> Optional.ofNullable(config.values().get("hipaa:" + k)),
                k -> Optional.ofNullable(config.values().get("aws:" + k)));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyPlaceholderInTheStackFileIsFound(String stack) {
        assertThat(PLACEHOLDERS).as("expected placeholders of " + stack).containsKey(stack);
        assertThat(placeholders(stack)).extracting(p -> List.of(p.key(), p.value())).containsExactlyElementsOf(PLACEHOLDERS.get(stack));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theProgramWarnsAboutEachPlaceholderWhenItRuns(String stack) {
        var warnings = Stacks.run(stack).warnings();
        assertThat(warnings).containsExactlyElementsOf(placeholders(stack).stream().map(p -> p.warning(stack)).toList());
        assertThat(warnings).hasSize(PLACEHOLDERS.get(stack).size());
    }

    @Test
    void eachKindOfPlaceholderSaysWhyItCannotWork() {
        var byValue = placeholders("prod").stream().collect(Collectors.toMap(Placeholders.Placeholder::value, p -> p));
        assertThat(byValue.get("security-alerts@example.com").warning("prod")).isEqualTo("Stack 'prod': hipaa:alertEmails "
                + "still holds the placeholder security-alerts@example.com: an address at a domain reserved for documentation "
                + "(RFC 2606) receives no mail, so its SNS subscription is never confirmed and alerts reach no one; replace it "
                + "in Pulumi.prod.yaml before relying on this stack.");
        assertThat(byValue.get("203.0.113.0/24").why())
                .isEqualTo("an address range reserved for documentation (RFC 5737), which no real network uses");
        assertThat(byValue.get("arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000").why())
                .isEqualTo("the all-zero certificate id, which no ACM certificate has; it names 123456789012, the account id "
                        + "AWS's documentation uses in examples");
        assertThat(byValue.get("123456789012.dkr.ecr.us-east-1.amazonaws.com/hipaa-app:replace-me").why())
                .isEqualTo("marked replace-me; it names 123456789012, the account id AWS's documentation uses in examples");
    }

    @Test
    void realValuesAreNotPlaceholders() {
        var config = Stacks.with("prod", Map.of("hipaa:alertEmails", "[\"soc@hospital.org\"]",
                "hipaa:adminCidrs", "[\"192.0.3.0/24\"]", "hipaa:vpnClientCidrs", "[\"198.51.101.0/24\"]",
                "hipaa:containerImage", "210987654321.dkr.ecr.us-east-1.amazonaws.com/hipaa-app@sha256:"
                        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "hipaa:certificateArn", "arn:aws:acm:us-east-1:210987654321:certificate/4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d"));
        var found = Placeholders.find("prod", config.project(), k -> Optional.ofNullable(config.values().get("hipaa:" + k)),
                k -> Optional.ofNullable(config.values().get("aws:" + k)));
        assertThat(found).isEmpty();
    }

    @Test
    void theDeployGuideSaysWhatAFreshAccountNeedsWithTheNumbersTheStackUses() throws java.io.IOException {
        var guide = java.nio.file.Files.readString(java.nio.file.Path.of("docs/DEPLOY.md"));
        var section = guide.substring(guide.indexOf("## First deploy on a fresh account\n"), guide.indexOf("## First deploy\n"));
        var eips = Quotas.uses(Stacks.run("prod").graph(), "us-east-1").stream()
                .filter(u -> u.quota() == Quotas.Quota.ELASTIC_IPS).findFirst().orElseThrow();
        assertThat(section).contains("1. **Certificates.**", "2. **The application image.**", "3. **People and networks.**",
                        "4. **Quotas the stack does not request.**", "6. **Plan, then deploy.**")
                .contains("A new account has " + Quotas.Quota.ELASTIC_IPS.awsDefault + " Elastic IPs per Region; prod uses all "
                        + eips.used() + " in\n   `us-east-1`")
                .contains("--service-code " + Quotas.Quota.ELASTIC_IPS.serviceCode + " --quota-code " + Quotas.Quota.ELASTIC_IPS.code)
                .contains("security-alerts@example.com", "`192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`");
    }

    static List<JsonElement> statements(String policy) {
        var s = JsonParser.parseString(policy).getAsJsonObject().get("Statement");
        return s.isJsonArray() ? s.getAsJsonArray().asList() : List.of(s);
    }
}
