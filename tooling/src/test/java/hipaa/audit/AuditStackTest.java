package hipaa.audit;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import hipaa.App;
import hipaa.offline.OfflineEngine;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static hipaa.testing.Stacks.integer;
import static hipaa.testing.Stacks.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The audit pipeline of every real stack, checked input by input against the stack's own settings:
 * the archive and its neighbours, the trail, the Config recorder, the remediation and the account
 * baseline. Expected policies are written out here, not rebuilt with the production helpers, so a
 * wrong grant in the code cannot be mirrored by the test.
 */
class AuditStackTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    static final String ACCOUNT = OfflineEngine.ACCOUNT_ID;
    static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    static final String POLICY = "aws:s3/bucketPolicy:BucketPolicy";
    static final String LOCK = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
    static final String SSE = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    static final String LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    static final String LOGGING = "aws:s3/bucketLoggingV2:BucketLoggingV2";
    static final String ROLE = "aws:iam/role:Role";
    static final String TRAIL = "aws:cloudtrail/trail:Trail";
    static final String RULE = "aws:cfg/rule:Rule";
    static final Gson GSON = new Gson();

    // ------------------------------------------------------------------ the archive and its neighbours

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void threeLogBucketsNamedByStackPurposeAndAccount(String stack) {
        var run = Stacks.run(stack);
        var prefix = Stacks.settings(stack).namePrefix();
        // Emptied by `pulumi destroy` only where the stack does not protect state (TeardownTest).
        boolean emptiedOnDestroy = !Stacks.settings(stack).deletionProtection();
        assertThat(run.ofType(BUCKET).stream().filter(AuditStackTest::homeRegion))
                .extracting(RecordedResource::name, b -> b.inputs().get("bucket"), b -> b.inputs().get("objectLockEnabled"),
                        b -> b.inputs().get("forceDestroy"))
                .containsExactlyInAnyOrder(
                        tuple("audit-archive", prefix + "-audit-archive-" + ACCOUNT, true, emptiedOnDestroy),
                        tuple("audit-config-history", prefix + "-audit-config-" + ACCOUNT, false, emptiedOnDestroy),
                        tuple("audit-access-logs", prefix + "-audit-access-logs-" + ACCOUNT, false, emptiedOnDestroy));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void objectLockOnlyOnTheArchiveWithTheStacksModeAndDays(String stack) {
        var run = Stacks.run(stack);
        var audit = Stacks.settings(stack).audit();
        var locks = run.ofType(LOCK).stream().filter(AuditStackTest::homeRegion).toList();
        assertThat(locks).extracting(RecordedResource::name).containsExactly("audit-archive-object-lock");
        var retention = (Map<?, ?>) locks.get(0).map("rule").get("defaultRetention");
        assertThat(retention.get("mode")).isEqualTo(audit.objectLockMode().name());
        assertThat(integer(retention.get("days"))).isEqualTo(audit.objectLockDays());
        assertThat(locks.get(0).inputs()).containsEntry("bucket", "audit-archive-id");
        // Prod's evidence cannot be deleted by anyone; dev may be cleaned up by a bypass-governance admin.
        if (stack.equals("prod")) {
            assertThat(retention.get("mode")).isEqualTo("COMPLIANCE");
            assertThat(integer(retention.get("days"))).isEqualTo(2190);
        }
        if (stack.equals("dev")) {
            assertThat(retention.get("mode")).isEqualTo("GOVERNANCE");
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void logsKeyWhereTheWriterSupportsItSseS3ForAccessLogs(String stack) {
        var run = Stacks.run(stack);
        var logsKey = run.named("aws:kms/key:Key", "kms-logs").arn().orElseThrow();
        assertThat(run.ofType(SSE).stream().filter(AuditStackTest::homeRegion))
                .extracting(RecordedResource::name, r -> maps(r.inputs().get("rules")))
                .containsExactlyInAnyOrder(
                        tuple("audit-archive-encryption", List.of(Map.of("bucketKeyEnabled", true,
                                "applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "aws:kms", "kmsMasterKeyId", logsKey)))),
                        tuple("audit-config-history-encryption", List.of(Map.of("bucketKeyEnabled", true,
                                "applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "aws:kms", "kmsMasterKeyId", logsKey)))),
                        tuple("audit-access-logs-encryption", List.of(Map.of("bucketKeyEnabled", false,
                                "applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "AES256")))));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyLogBucketIsVersionedPrivateOwnerEnforcedAndExpiresAfterTheRetention(String stack) {
        var run = Stacks.run(stack);
        var audit = Stacks.settings(stack).audit();
        for (var bucket : List.of("audit-archive", "audit-config-history", "audit-access-logs")) {
            var id = bucket + "-id";
            assertThat(run.named("aws:s3/bucketVersioningV2:BucketVersioningV2", bucket + "-versioning").inputs())
                    .containsEntry("bucket", id).containsEntry("versioningConfiguration", Map.of("status", "Enabled"));
            assertThat(run.named("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", bucket + "-public-access-block").inputs())
                    .isEqualTo(Map.of("bucket", id, "blockPublicAcls", true, "blockPublicPolicy", true,
                            "ignorePublicAcls", true, "restrictPublicBuckets", true));
            assertThat(run.named("aws:s3/bucketOwnershipControls:BucketOwnershipControls", bucket + "-ownership").inputs())
                    .isEqualTo(Map.of("bucket", id, "rule", Map.of("objectOwnership", "BucketOwnerEnforced")));

            var lifecycle = run.named(LIFECYCLE, bucket + "-lifecycle");
            assertThat(lifecycle.inputs()).containsEntry("bucket", id);
            var rules = maps(lifecycle.inputs().get("rules"));
            assertThat(rules).hasSize(1);
            var rule = rules.get(0);
            assertThat(rule).containsEntry("id", "archive-then-expire").containsEntry("status", "Enabled")
                    .containsEntry("filter", Map.of("prefix", ""));
            assertThat(maps(rule.get("transitions"))).extracting(t -> t.get("storageClass"), t -> integer(t.get("days")))
                    .containsExactly(tuple("STANDARD_IA", audit.archiveTransitionIaDays()),
                            tuple("GLACIER", audit.archiveTransitionGlacierDays()));
            assertThat(integer(((Map<?, ?>) rule.get("expiration")).get("days"))).isEqualTo(audit.archiveRetentionDays());
            assertThat(integer(((Map<?, ?>) rule.get("noncurrentVersionExpiration")).get("noncurrentDays")))
                    .isEqualTo(audit.archiveRetentionDays());
            assertThat(integer(((Map<?, ?>) rule.get("abortIncompleteMultipartUpload")).get("daysAfterInitiation"))).isEqualTo(7);
        }
        if (stack.equals("prod")) {
            assertThat(audit.archiveRetentionDays()).as("six years, HIPAA's documentation retention").isEqualTo(2190);
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theArchiveAndHistoryLogTheirAccessToTheAccessLogBucketWhichDoesNotLogItself(String stack) {
        var run = Stacks.run(stack);
        var prefix = Stacks.settings(stack).namePrefix();
        var target = prefix + "-audit-access-logs-" + ACCOUNT;
        assertThat(run.ofType(LOGGING).stream().filter(AuditStackTest::homeRegion))
                .extracting(RecordedResource::name, r -> r.inputs().get("bucket"), r -> r.inputs().get("targetBucket"),
                        r -> r.inputs().get("targetPrefix"))
                .containsExactlyInAnyOrder(
                        tuple("audit-archive-access-logging", "audit-archive-id", target,
                                "s3-access/" + prefix + "-audit-archive-" + ACCOUNT + "/"),
                        tuple("audit-config-history-access-logging", "audit-config-history-id", target,
                                "s3-access/" + prefix + "-audit-config-" + ACCOUNT + "/"));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void archivePolicyIsTlsOnlyDeniesDeletesAndLetsOnlyThisTrailWriteItsPath(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var bucketArn = "arn:aws:s3:::" + s.namePrefix() + "-audit-archive-" + ACCOUNT;
        var trailArn = "arn:aws:cloudtrail:" + s.region() + ":" + ACCOUNT + ":trail/" + s.namePrefix() + "-trail";
        var policy = run.named(POLICY, "audit-archive-policy");
        assertThat(policy.inputs()).containsEntry("bucket", "audit-archive-id");
        assertThat(statements(policy)).containsExactly(
                tlsDeny(bucketArn), tls12Deny(bucketArn), deleteDeny(bucketArn),
                statement("CloudTrailChecksTheBucketAcl", "Allow", Map.of("Service", "cloudtrail.amazonaws.com"),
                        "s3:GetBucketAcl", bucketArn, Map.of("StringEquals", Map.of("aws:SourceArn", trailArn))),
                statement("CloudTrailWritesThisAccountsLogs", "Allow", Map.of("Service", "cloudtrail.amazonaws.com"),
                        "s3:PutObject", bucketArn + "/AWSLogs/" + ACCOUNT + "/*",
                        Map.of("StringEquals", Map.of("s3:x-amz-acl", "bucket-owner-full-control", "aws:SourceArn", trailArn))),
                configurationGuard(bucketArn, s.namePrefix()));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void historyAndAccessLogPoliciesCarryTheSameDenialsAndOnlyTheirWritersGrants(String stack) {
        var run = Stacks.run(stack);
        var prefix = Stacks.settings(stack).namePrefix();
        var history = "arn:aws:s3:::" + prefix + "-audit-config-" + ACCOUNT;
        // Config writes with its recorder role's IAM policy (same account), so the bucket grants nobody.
        assertThat(statements(run.named(POLICY, "audit-config-history-policy")))
                .containsExactly(tlsDeny(history), tls12Deny(history), deleteDeny(history), configurationGuard(history, prefix));
        var accessLogs = "arn:aws:s3:::" + prefix + "-audit-access-logs-" + ACCOUNT;
        assertThat(statements(run.named(POLICY, "audit-access-logs-policy"))).containsExactly(
                tlsDeny(accessLogs), tls12Deny(accessLogs), deleteDeny(accessLogs),
                statement("S3ServerAccessLogsFromThisAccount", "Allow", Map.of("Service", "logging.s3.amazonaws.com"),
                        "s3:PutObject", accessLogs + "/s3-access/*", Map.of("StringEquals", Map.of("aws:SourceAccount", ACCOUNT))),
                configurationGuard(accessLogs, prefix));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theAccountBlocksPublicAccessToEveryBucket(String stack) {
        var blocks = Stacks.run(stack).ofType("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");
        assertThat(blocks).extracting(RecordedResource::name).containsExactly("audit-baseline-s3-public-access-block");
        assertThat(blocks.get(0).inputs()).isEqualTo(Map.of("accountId", ACCOUNT, "blockPublicAcls", true,
                "blockPublicPolicy", true, "ignorePublicAcls", true, "restrictPublicBuckets", true));
    }

    // ------------------------------------------------------------------ the trail

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void oneMultiRegionValidatedTrailEncryptedWithTheLogsKeyIntoTheArchiveAndCloudWatch(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var trails = run.ofType(TRAIL);
        assertThat(trails).extracting(RecordedResource::name).containsExactly("audit-trail");
        var trail = trails.get(0).inputs();
        var group = run.named("aws:cloudwatch/logGroup:LogGroup", "audit-trail-logs");
        assertThat(trail).containsEntry("name", s.namePrefix() + "-trail")
                .containsEntry("isMultiRegionTrail", true)
                .containsEntry("includeGlobalServiceEvents", true)
                .containsEntry("enableLogFileValidation", true)
                .containsEntry("enableLogging", true)
                .containsEntry("isOrganizationTrail", false)
                .containsEntry("kmsKeyId", run.named("aws:kms/key:Key", "kms-logs").arn().orElseThrow())
                .containsEntry("s3BucketName", s.namePrefix() + "-audit-archive-" + ACCOUNT)
                .containsEntry("cloudWatchLogsGroupArn", group.arn().orElseThrow() + ":*")
                .containsEntry("cloudWatchLogsRoleArn", run.named(ROLE, "audit-trail-logs-role").arn().orElseThrow())
                .doesNotContainKeys("snsTopicName", "s3KeyPrefix", "eventSelectors");
        // With the second-Region replica, reads of the replicas are audit events too.
        var evidenceBuckets = s.audit().replicaRegion().isPresent()
                ? Stream.of("audit-archive", "audit-config", "audit-access-logs", "audit-archive-replica",
                        "audit-config-replica", "audit-access-logs-replica")
                : Stream.of("audit-archive", "audit-config", "audit-access-logs");
        var evidence = evidenceBuckets.map(b -> "arn:aws:s3:::" + s.namePrefix() + "-" + b + "-" + ACCOUNT + "/").toList();
        assertThat(maps(trail.get("advancedEventSelectors"))).containsExactly(
                Map.of("name", "Management events, read and write",
                        "fieldSelectors", List.of(Map.of("field", "eventCategory", "equals", List.of("Management")))),
                Map.of("name", "Reads of the audit evidence", "fieldSelectors", List.of(
                        Map.of("field", "eventCategory", "equals", List.of("Data")),
                        Map.of("field", "resources.type", "equals", List.of("AWS::S3::Object")),
                        Map.of("field", "readOnly", "equals", List.of("true")),
                        Map.of("field", "resources.ARN", "startsWiths", evidence))));
        assertThat(maps(trail.get("insightSelectors"))).extracting(m -> m.get("insightType"))
                .containsExactlyElementsOf(s.audit().trailInsights() ? List.of("ApiCallRateInsight", "ApiErrorRateInsight") : List.of());
        assertThat(group.inputs()).containsEntry("name", "/" + s.namePrefix() + "/cloudtrail")
                .containsEntry("kmsKeyId", run.named("aws:kms/key:Key", "kms-logs").arn().orElseThrow());
        assertThat(integer(group.inputs().get("retentionInDays"))).isEqualTo(s.audit().trailLogRetentionDays());
        assertThat(run.outputs().get("trailArn").value())
                .isEqualTo("arn:aws:cloudtrail:" + s.region() + ":" + ACCOUNT + ":trail/" + s.namePrefix() + "-trail");
        assertThat(run.outputs().get("trailLogGroupName").value()).isEqualTo("/" + s.namePrefix() + "/cloudtrail");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theTrailsLogRoleTrustsCloudTrailAsAwsDocumentsItAndWritesOnlyItsStreams(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var role = run.named(ROLE, "audit-trail-logs-role");
        assertThat(role.inputs()).containsEntry("name", s.namePrefix() + "-cloudtrail-logs");
        // No source conditions: CloudTrail's guide says this role's trust does not support them.
        assertThat(statements(role.string("assumeRolePolicy").orElseThrow())).containsExactly(Map.of(
                "Sid", "CloudTrail", "Effect", "Allow", "Principal", Map.of("Service", "cloudtrail.amazonaws.com"),
                "Action", "sts:AssumeRole"));
        var policy = Policies.rolePermissions(run, "audit-trail-logs-policy", "audit-trail-logs-role");
        assertThat(policy.inputs()).containsEntry("name", s.namePrefix() + "-cloudtrail-logs");
        assertThat(statements(policy)).containsExactly(Map.of("Sid", "WriteThisTrailsStreamsOnly", "Effect", "Allow",
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource", "arn:aws:logs:" + s.region() + ":" + ACCOUNT + ":log-group:/" + s.namePrefix()
                        + "/cloudtrail:log-stream:" + ACCOUNT + "_CloudTrail_*"));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theLogsKeyLetsCloudTrailEncryptOnlyThisAccountsTrails(String stack) {
        var run = Stacks.run(stack);
        var region = Stacks.settings(stack).region();
        var statements = statements(run.named("aws:kms/key:Key", "kms-logs").string("policy").orElseThrow());
        var trails = "arn:aws:cloudtrail:" + region + ":" + ACCOUNT + ":trail/*";
        assertThat(statements).contains(
                Map.of("Sid", "AllowCloudTrailToEncryptThisAccountsTrails", "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudtrail.amazonaws.com"), "Action", "kms:GenerateDataKey*", "Resource", "*",
                        "Condition", Map.of(
                                "StringLike", Map.of("kms:EncryptionContext:aws:cloudtrail:arn", "arn:aws:cloudtrail:*:" + ACCOUNT + ":trail/*"),
                                "ArnLike", Map.of("aws:SourceArn", trails))),
                Map.of("Sid", "AllowCloudTrailToDescribeTheKey", "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudtrail.amazonaws.com"), "Action", "kms:DescribeKey", "Resource", "*",
                        "Condition", Map.of("ArnLike", Map.of("aws:SourceArn", trails))));
        // No other key gives CloudTrail anything.
        for (var other : List.of("kms-data", "kms-secrets")) {
            assertThat(run.named("aws:kms/key:Key", other).string("policy").orElseThrow()).doesNotContain("cloudtrail");
        }
    }

    @Test
    void phiBucketsGetReadAndWriteDataEventsAndTheDataEventsRuleChecksThemWithTheEvidenceBuckets() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:phiBucketNames", "[\"phi-claims\",\"phi-images\"]")),
                false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        var selectors = maps(run.named(TRAIL, "audit-trail").inputs().get("advancedEventSelectors"));
        assertThat(selectors).extracting(m -> m.get("name")).containsExactly("Management events, read and write",
                "Reads of the audit evidence", "Reads and writes of PHI objects");
        // Reads and writes: no readOnly field.
        assertThat(selectors.get(2).get("fieldSelectors")).isEqualTo(List.of(
                Map.of("field", "eventCategory", "equals", List.of("Data")),
                Map.of("field", "resources.type", "equals", List.of("AWS::S3::Object")),
                Map.of("field", "resources.ARN", "startsWiths", List.of("arn:aws:s3:::phi-claims/", "arn:aws:s3:::phi-images/"))));
        assertThat(maps(Stacks.run("dev").named(TRAIL, "audit-trail").inputs().get("advancedEventSelectors"))).hasSize(2);
        // The trail records data events on the evidence buckets (reads) and the PHI buckets (reads and writes): the
        // deployed rule checks it keeps doing so for exactly those, not for every bucket of the account.
        var evidence = "hipaa-dev-audit-archive-" + ACCOUNT + ",hipaa-dev-audit-config-" + ACCOUNT + ",hipaa-dev-audit-access-logs-" + ACCOUNT;
        assertThat(run.named(RULE, "audit-config-rule-cloudtrail-s3-dataevents-enabled").inputs())
                .containsEntry("inputParameters", "{\"S3BucketNames\":\"" + evidence + ",phi-claims,phi-images\"}");
        assertThat(Stacks.run("dev").named(RULE, "audit-config-rule-cloudtrail-s3-dataevents-enabled").inputs())
                .containsEntry("inputParameters", "{\"S3BucketNames\":\"" + evidence + "\"}");
    }

    // ------------------------------------------------------------------ AWS Config

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void recorderRecordsEverythingAndDeliversEncryptedToTheHistoryBucket(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var logsKey = run.named("aws:kms/key:Key", "kms-logs").arn().orElseThrow();
        var history = s.namePrefix() + "-audit-config-" + ACCOUNT;
        assertThat(run.ofType("aws:cfg/recorder:Recorder")).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("audit-config-recorder");
            assertThat(r.inputs()).containsEntry("name", s.namePrefix())
                    .containsEntry("roleArn", "arn:aws:iam::" + ACCOUNT + ":role/" + s.namePrefix() + "-config-recorder")
                    .containsEntry("recordingGroup", Map.of("allSupported", true,
                            "includeGlobalResourceTypes", s.account().manageAccountBaseline()));
        });
        assertThat(run.named("aws:cfg/deliveryChannel:DeliveryChannel", "audit-config-delivery").inputs())
                .isEqualTo(Map.of("name", s.namePrefix(), "s3BucketName", history, "s3KmsKeyArn", logsKey,
                        "snapshotDeliveryProperties", Map.of("deliveryFrequency", "TwentyFour_Hours")));
        assertThat(run.named("aws:cfg/recorderStatus:RecorderStatus", "audit-config-recorder-status").inputs())
                .isEqualTo(Map.of("name", s.namePrefix(), "isEnabled", true));

        var role = run.named(ROLE, "audit-config-recorder-role");
        assertThat(statements(role.string("assumeRolePolicy").orElseThrow())).containsExactly(Map.of(
                "Sid", "ConfigOfThisAccount", "Effect", "Allow", "Principal", Map.of("Service", "config.amazonaws.com"),
                "Action", "sts:AssumeRole", "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", ACCOUNT))));
        assertThat(run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream().filter(AuditStackTest::homeRegion))
                .as("the audit component's attachments: AWS's recorder policy and its roles' own customer managed policies")
                .extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("audit-config-recorder-read", "audit-config-recorder-delivery-attachment",
                        "audit-trail-logs-policy-attachment", "audit-config-remediate-open-ssh-policy-attachment");
        assertThat(run.named("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "audit-config-recorder-read").inputs())
                .isEqualTo(Map.of("role", s.namePrefix() + "-config-recorder",
                        "policyArn", "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"));
        var bucketArn = "arn:aws:s3:::" + history;
        assertThat(statements(Policies.rolePermissions(run, "audit-config-recorder-delivery", "audit-config-recorder-role")))
                .containsExactly(
                Map.of("Sid", "CheckTheHistoryBucketAcl", "Effect", "Allow", "Action", "s3:GetBucketAcl", "Resource", bucketArn),
                Map.of("Sid", "WriteThisAccountsConfigHistory", "Effect", "Allow", "Action", "s3:PutObject",
                        "Resource", bucketArn + "/AWSLogs/" + ACCOUNT + "/Config/*",
                        "Condition", Map.of("StringEquals", Map.of("s3:x-amz-acl", "bucket-owner-full-control"))),
                Map.of("Sid", "EncryptWithTheLogsKey", "Effect", "Allow", "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"),
                        "Resource", logsKey));
        assertThat(run.outputs().get("configRecorderName").value()).isEqualTo(s.namePrefix());
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void openSshIsRemediatedWithAwsRunbookThroughALeastPrivilegeRole(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var roleArn = "arn:aws:iam::" + ACCOUNT + ":role/" + s.namePrefix() + "-remediate-open-ssh";
        var remediations = run.ofType("aws:cfg/remediationConfiguration:RemediationConfiguration");
        assertThat(remediations).extracting(RecordedResource::name).containsExactly("audit-config-remediate-open-ssh");
        var r = remediations.get(0).inputs();
        assertThat(r).containsEntry("configRuleName", s.namePrefix() + "-restricted-ssh")
                .containsEntry("resourceType", "AWS::EC2::SecurityGroup")
                .containsEntry("targetType", "SSM_DOCUMENT")
                .containsEntry("targetId", "AWS-DisableIncomingSSHOnPort22")
                .containsEntry("automatic", s.audit().autoRemediateOpenSsh())
                .containsEntry("parameters", List.of(Map.of("name", "AutomationAssumeRole", "staticValue", roleArn),
                        Map.of("name", "SecurityGroupIds", "resourceValue", "RESOURCE_ID")))
                .containsEntry("executionControls", Map.of("ssmControls",
                        Map.of("concurrentExecutionRatePercentage", 25.0, "errorPercentage", 20.0)));
        assertThat(integer(r.get("maximumAutomaticAttempts"))).isEqualTo(5);
        assertThat(integer(r.get("retryAttemptSeconds"))).isEqualTo(60);
        if (stack.equals("prod")) {
            assertThat(r).containsEntry("automatic", true);
        }

        var role = run.named(ROLE, "audit-config-remediate-open-ssh-role");
        assertThat(role.arn()).contains(roleArn);
        assertThat(statements(role.string("assumeRolePolicy").orElseThrow())).containsExactly(Map.of(
                "Sid", "SsmAutomationOfThisAccount", "Effect", "Allow", "Principal", Map.of("Service", "ssm.amazonaws.com"),
                "Action", "sts:AssumeRole", "Condition", Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", ACCOUNT),
                        "ArnLike", Map.of("aws:SourceArn", "arn:aws:ssm:" + s.region() + ":" + ACCOUNT + ":automation-execution/*"))));
        var policy = Policies.rolePermissions(run, "audit-config-remediate-open-ssh-policy", "audit-config-remediate-open-ssh-role");
        assertThat(policy.inputs()).containsEntry("name", s.namePrefix() + "-remediate-open-ssh");
        assertThat(statements(policy)).containsExactly(
                Map.of("Sid", "DescribeSecurityGroups", "Effect", "Allow", "Action", "ec2:DescribeSecurityGroups", "Resource", "*"),
                Map.of("Sid", "RevokeIngressOnThisAccountsSecurityGroups", "Effect", "Allow",
                        "Action", "ec2:RevokeSecurityGroupIngress",
                        "Resource", "arn:aws:ec2:" + s.region() + ":" + ACCOUNT + ":security-group/*"));
    }

    @Test
    void remediationWaitsForAPersonWhenANonProductionStackTurnsAutomaticOff() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:autoRemediateOpenSsh", "false")), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(run.named("aws:cfg/remediationConfiguration:RemediationConfiguration", "audit-config-remediate-open-ssh")
                .inputs()).containsEntry("automatic", false);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void nonCompliantChangesOfThisStacksRulesReachTheAlertTopicThroughEventBridge(String stack) {
        var run = Stacks.run(stack);
        var prefix = Stacks.settings(stack).namePrefix();
        var rule = run.named("aws:cloudwatch/eventRule:EventRule", "audit-config-noncompliant");
        assertThat(rule.inputs()).containsEntry("name", prefix + "-config-noncompliant");
        // The stack's prefix is matched on the evaluation's rule name; the $or that skips the exempted (rule,
        // resource) pairs is checked pair by pair with AWS's event-ruler in DeployedRulesTest.
        var pattern = new java.util.LinkedHashMap<String, Object>(GSON.fromJson(rule.string("eventPattern").orElseThrow(), Map.class));
        var detail = new java.util.LinkedHashMap<String, Object>((Map<String, Object>) pattern.get("detail"));
        assertThat(detail.remove("$or")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isNotEmpty();
        pattern.put("detail", detail);
        assertThat(pattern).isEqualTo(Map.of(
                "source", List.of("aws.config"),
                "detail-type", List.of("Config Rules Compliance Change"),
                "detail", Map.of(
                        "messageType", List.of("ComplianceChangeNotification"),
                        "newEvaluationResult", Map.of("complianceType", List.of("NON_COMPLIANT"),
                                "evaluationResultIdentifier", Map.of("evaluationResultQualifier",
                                        Map.of("configRuleName", List.of(Map.of("prefix", prefix + "-"))))))));
        var topic = run.named("aws:sns/topic:Topic", "alerts-topic").arn().orElseThrow();
        assertThat(run.ofType("aws:cloudwatch/eventTarget:EventTarget").stream().filter(t -> t.name().startsWith("audit-")))
                .singleElement().satisfies(t -> {
                    assertThat(t.name()).isEqualTo("audit-config-noncompliant-alert");
                    assertThat(t.inputs()).isEqualTo(Map.of("rule", prefix + "-config-noncompliant", "targetId", "alert-topic",
                            "arn", topic));
                });
        assertThat(run.outputs().get("alertEventRuleName").value()).isEqualTo(prefix + "-config-noncompliant");
    }

    // ------------------------------------------------------------------ detection baseline

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void guardDutySecurityHubAccessAnalyzerAndEbsEncryptionByDefaultWithTheDataKey(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        assertThat(run.ofType("aws:guardduty/detector:Detector")).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("audit-baseline-guardduty");
            assertThat(d.inputs()).containsEntry("enable", true).containsEntry("findingPublishingFrequency", "FIFTEEN_MINUTES");
        });
        assertThat(run.ofType("aws:guardduty/detectorFeature:DetectorFeature"))
                .extracting(RecordedResource::name, f -> f.inputs().get("detectorId"), f -> f.inputs().get("name"),
                        f -> f.inputs().get("status"))
                .containsExactlyInAnyOrder(
                        tuple("audit-baseline-guardduty-s3", "audit-baseline-guardduty-id", "S3_DATA_EVENTS",
                                s.audit().guardDutyS3Protection() ? "ENABLED" : "DISABLED"),
                        tuple("audit-baseline-guardduty-ebs-malware", "audit-baseline-guardduty-id", "EBS_MALWARE_PROTECTION",
                                s.audit().guardDutyEbsMalwareProtection() ? "ENABLED" : "DISABLED"));
        assertThat(run.outputs().get("guardDutyDetectorId").value()).isEqualTo("audit-baseline-guardduty-id");

        assertThat(run.named("aws:securityhub/account:Account", "audit-baseline-securityhub").inputs()).isEqualTo(Map.of(
                "enableDefaultStandards", false, "autoEnableControls", true, "controlFindingGenerator", "SECURITY_CONTROL"));
        assertThat(run.ofType("aws:securityhub/standardsSubscription:StandardsSubscription"))
                .extracting(r -> r.inputs().get("standardsArn"))
                .containsExactly("arn:aws:securityhub:" + s.region() + "::standards/aws-foundational-security-best-practices/v/1.0.0");
        assertThat(run.named("aws:accessanalyzer/analyzer:Analyzer", "audit-baseline-access-analyzer").inputs())
                .isEqualTo(Map.of("analyzerName", s.namePrefix() + "-account", "type", "ACCOUNT"));
        assertThat(run.named("aws:ebs/encryptionByDefault:EncryptionByDefault", "audit-baseline-ebs-encryption").inputs())
                .isEqualTo(Map.of("enabled", true));
        // The Region's own default EBS key, not the stack's data key (EbsDefaultKeyTest).
        assertThat(run.named("aws:ebs/defaultKmsKey:DefaultKmsKey", "audit-baseline-ebs-default-key").inputs())
                .isEqualTo(Map.of("keyArn", run.named("aws:kms/key:Key", "audit-baseline-ebs-key").arn().orElseThrow()));
    }

    @Test
    void aStackThatDoesNotOwnTheRegionsBaselineCreatesNoSingletonButKeepsItsRules() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:manageRegionalBaseline", "false",
                "hipaa:manageAccountBaseline", "false")), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        for (var type : List.of("aws:cfg/recorder:Recorder", "aws:cfg/deliveryChannel:DeliveryChannel",
                "aws:cfg/recorderStatus:RecorderStatus", "aws:guardduty/detector:Detector",
                "aws:guardduty/detectorFeature:DetectorFeature", "aws:securityhub/account:Account",
                "aws:securityhub/standardsSubscription:StandardsSubscription", "aws:accessanalyzer/analyzer:Analyzer",
                "aws:ebs/encryptionByDefault:EncryptionByDefault", "aws:ebs/defaultKmsKey:DefaultKmsKey",
                "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock")) {
            assertThat(run.ofType(type)).as(type).isEmpty();
        }
        assertThat(run.ofType(ROLE)).extracting(RecordedResource::name).doesNotContain("audit-config-recorder-role");
        assertThat(run.ofType("aws:kms/key:Key")).extracting(RecordedResource::name).doesNotContain("audit-baseline-ebs-key");
        assertThat(run.ofType(RULE)).hasSameSizeAs(Stacks.run("dev").ofType(RULE));
        assertThat(run.ofType(TRAIL)).hasSize(1);
        assertThat(run.outputs()).doesNotContainKeys("configRecorderName", "guardDutyDetectorId")
                .containsKeys("trailArn", "archiveBucketName", "accessLogBucketName", "alertEventRuleName");
    }

    @Test
    void onlyTheAccountBaselineOwnerRecordsGlobalResources() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:manageAccountBaseline", "false")), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(run.named("aws:cfg/recorder:Recorder", "audit-config-recorder").inputs())
                .containsEntry("recordingGroup", Map.of("allSupported", true, "includeGlobalResourceTypes", false));
        assertThat(run.ofType("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock")).isEmpty();
        assertThat(run.ofType("aws:guardduty/detector:Detector")).hasSize(1);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void outputsNameTheArchiveBucketsRecorderAndDetector(String stack) {
        var run = Stacks.run(stack);
        var prefix = Stacks.settings(stack).namePrefix();
        var outputs = new LinkedHashMap<String, Object>();
        run.outputs().forEach((k, v) -> outputs.put(k, v.value()));
        assertThat(outputs).containsEntry("archiveBucketName", prefix + "-audit-archive-" + ACCOUNT)
                .containsEntry("configHistoryBucketName", prefix + "-audit-config-" + ACCOUNT)
                .containsEntry("accessLogBucketName", prefix + "-audit-access-logs-" + ACCOUNT)
                .containsEntry("configRecorderName", prefix)
                .containsEntry("guardDutyDetectorId", "audit-baseline-guardduty-id");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void evidenceIsProtectedAndRetainedWhereTheStackProtectsStateAndNothingStatelessIsPinned(String stack) {
        var run = Stacks.run(stack);
        boolean p = Stacks.settings(stack).deletionProtection();
        var both = new OfflineRun.Protection(p, p);
        var pinned = new OfflineRun.Protection(p, false);
        var expected = new LinkedHashMap<String, OfflineRun.Protection>();
        expected.put(BUCKET + "::audit-archive", both);
        expected.put(BUCKET + "::audit-config-history", both);
        expected.put(BUCKET + "::audit-access-logs", both);
        expected.put("aws:cloudwatch/logGroup:LogGroup::audit-trail-logs", both);
        expected.put("aws:guardduty/detector:Detector::audit-baseline-guardduty", both);
        expected.put(TRAIL + "::audit-trail", pinned);
        expected.put("aws:cfg/recorder:Recorder::audit-config-recorder", pinned);
        expected.put("aws:cfg/deliveryChannel:DeliveryChannel::audit-config-delivery", pinned);
        expected.put("aws:securityhub/account:Account::audit-baseline-securityhub", pinned);
        // Deleting any stack must never reopen public access for the whole account.
        expected.put("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock::audit-baseline-s3-public-access-block",
                new OfflineRun.Protection(false, true));
        // Volumes anywhere in the Region may be encrypted with the default EBS key: it outlives every stack.
        expected.put("aws:kms/key:Key::audit-baseline-ebs-key", new OfflineRun.Protection(p, true));
        // The second-Region copy is evidence too: protected and kept like the buckets it copies.
        if (Stacks.settings(stack).audit().replicaRegion().isPresent()) {
            expected.put(BUCKET + "::audit-replica-archive", both);
            expected.put(BUCKET + "::audit-replica-config-history", both);
            expected.put(BUCKET + "::audit-replica-access-logs", both);
            expected.put("aws:kms/key:Key::audit-replica-key", pinned);
        }
        var audit = run.resources().stream().filter(RecordedResource::isCustomAws)
                .filter(r -> r.name().startsWith("audit-")).toList();
        for (var r : audit) {
            var want = expected.getOrDefault(r.type() + "::" + r.name(), OfflineRun.Protection.NONE);
            assertThat(run.protection(r)).as(r.label()).isEqualTo(want);
        }
        assertThat(audit.stream().map(r -> r.type() + "::" + r.name()).toList()).containsAll(expected.keySet());
    }

    // ------------------------------------------------------------------ helpers

    /** An audit resource of the stack's own Region (the second-Region replica is AuditReplicaStackTest's). */
    static boolean homeRegion(RecordedResource r) {
        return r.name().startsWith("audit-") && !r.name().startsWith("audit-replica");
    }

    static List<Map<String, Object>> statements(RecordedResource withPolicy) {
        return statements(withPolicy.string("policy").orElseThrow());
    }

    static List<Map<String, Object>> statements(String json) {
        Map<String, Object> doc = GSON.fromJson(json, new TypeToken<Map<String, Object>>() {}.getType());
        assertThat(doc).containsEntry("Version", "2012-10-17");
        return maps(doc.get("Statement"));
    }

    static Map<String, Object> statement(String sid, String effect, Object principal, Object action, Object resource,
                                         Map<String, ?> condition) {
        var m = new LinkedHashMap<String, Object>();
        m.put("Sid", sid);
        m.put("Effect", effect);
        m.put("Principal", principal);
        m.put("Action", action);
        m.put("Resource", resource);
        if (!condition.isEmpty()) {
            m.put("Condition", condition);
        }
        return m;
    }

    static Map<String, Object> tlsDeny(String bucketArn) {
        return statement("DenyRequestsWithoutTls", "Deny", "*", "s3:*", List.of(bucketArn, bucketArn + "/*"),
                Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    }

    static Map<String, Object> tls12Deny(String bucketArn) {
        return statement("DenyTlsOlderThan12", "Deny", "*", "s3:*", List.of(bucketArn, bucketArn + "/*"),
                Map.of("NumericLessThan", Map.of("s3:TlsVersion", "1.2")));
    }

    /**
     * Issue 16: every log bucket keeps its own configuration (policy, lifecycle, versioning, Object Lock, logging)
     * from everyone, the account's own principals included, but the deployer and break-glass roles.
     */
    static Map<String, Object> configurationGuard(String bucketArn, String prefix) {
        return statement("DenyConfigurationChangesButByTheDeployerAndBreakGlass", "Deny", "*",
                List.of("s3:PutBucket*", "s3:DeleteBucket*", "s3:PutLifecycleConfiguration", "s3:PutEncryptionConfiguration",
                        "s3:PutReplicationConfiguration"), bucketArn,
                Map.of("ArnNotLike", Map.of("aws:PrincipalArn", List.of("arn:aws:iam::" + ACCOUNT + ":role/" + prefix + "-deployer",
                        "arn:aws:iam::" + ACCOUNT + ":role/" + prefix + "-break-glass"))));
    }

    static Map<String, Object> deleteDeny(String bucketArn) {
        return statement("DenyDeletingLogObjects", "Deny", "*", List.of("s3:DeleteObject", "s3:DeleteObjectVersion"),
                bucketArn + "/*", Map.of());
    }
}
