package hipaa.organization;

import com.google.gson.Gson;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workload account of the example organization ({@code Pulumi.org-prod.yaml}): the prod environment with the
 * trail, the archive and detection left to the organization's accounts, its AWS Config delivering to the log-archive
 * account, and its Config NON_COMPLIANT changes sent to the security account's topic.
 */
class WorkloadAccountTest {

    static final String WORKLOAD = "444444444444";
    static final String PREFIX = "hipaa-org-prod";

    static OfflineRun.Result workload() {
        var run = Stacks.run("org-prod");
        assertThat(run.succeeded()).as(run::failure).isTrue();
        return run;
    }

    static String output(String stack, String name) {
        var run = Stacks.run(stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(run.outputs()).containsKey(name);
        return String.valueOf(run.outputs().get(name).value());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return new Gson().fromJson(text, Map.class);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(RecordedResource policyHolder, String key) {
        return (List<Map<String, Object>>) json(policyHolder.string(key).orElseThrow()).get("Statement");
    }

    @Test
    void theOrganizationOwnsTheTrailTheArchiveAndDetection() {
        var run = workload();
        assertThat(run.resources()).extracting(RecordedResource::type).doesNotContain(
                "aws:cloudtrail/trail:Trail", "hipaa:audit:AuditTrail",
                "aws:guardduty/detector:Detector", "aws:guardduty/detectorFeature:DetectorFeature",
                "aws:securityhub/account:Account", "aws:securityhub/standardsSubscription:StandardsSubscription",
                "aws:accessanalyzer/analyzer:Analyzer",
                // no trail, so no alarm on its log group
                "hipaa:alerting:SecurityAlarms", "hipaa:audit:AuditReplica");
        // Metric filters remain only on the access hosts' own logs (the bastion's SSH alarm).
        assertThat(run.ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.string("logGroupName").orElseThrow()).doesNotContain("cloudtrail"));
        // The only evidence bucket left is the S3 server access logs', which S3 requires in the source's account and Region.
        assertThat(run.ofType("hipaa:audit:LogBucket")).extracting(RecordedResource::name).containsExactly("audit-access-logs");
        assertThat(run.outputs()).doesNotContainKeys("trailArn", "trailLogGroupName", "archiveBucketName",
                "configHistoryBucketName", "guardDutyDetectorId");
        // What is still the account's own: EBS default encryption, the Config recorder and the rules.
        assertThat(run.named("aws:ebs/encryptionByDefault:EncryptionByDefault", "audit-baseline-ebs-encryption").isTrue("enabled")).isTrue();
        assertThat(run.ofType("aws:cfg/recorder:Recorder")).hasSize(1);
        assertThat(run.ofType("aws:cfg/rule:Rule")).hasSameSizeAs(Stacks.run("prod").ofType("aws:cfg/rule:Rule"));
    }

    @Test
    void configDeliversToTheLogArchiveBucketWithTheArchiveKey() {
        var run = workload();
        var bucket = output("org-log-archive", OrganizationOutputs.CONFIG_BUCKET_NAME);
        var key = output("org-log-archive", OrganizationOutputs.ARCHIVE_KEY_ARN);
        assertThat(bucket).endsWith("-222222222222");
        var channel = run.named("aws:cfg/deliveryChannel:DeliveryChannel", "audit-config-delivery");
        assertThat(channel.string("s3BucketName")).contains(bucket);
        assertThat(channel.string("s3KmsKeyArn")).contains(key);
        // The recorder's role writes this account's prefix of that bucket under that key, and nothing else.
        assertThat(statements(run.named("aws:iam/policy:Policy", "audit-config-recorder-delivery"), "policy"))
                .extracting(s -> s.get("Resource"))
                .containsExactly("arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/AWSLogs/" + WORKLOAD + "/Config/*", key);
        // The trail rules look for the organization trail's bucket.
        assertThat(run.named("aws:cfg/rule:Rule", "audit-config-rule-cloudtrail-enabled").string("inputParameters"))
                .contains("{\"s3BucketName\":\"" + output("org-log-archive", OrganizationOutputs.ARCHIVE_BUCKET_NAME) + "\"}");
    }

    @Test
    void configNonCompliantChangesReachTheSecurityTopicThroughARoleOfThisAccount() {
        var run = workload();
        var topic = output("org-security", OrganizationOutputs.SECURITY_TOPIC_ARN);
        assertThat(topic).startsWith("arn:aws:sns:us-east-1:333333333333:");
        var role = run.named("aws:iam/role:Role", "security-events-role");
        var target = run.named("aws:cloudwatch/eventTarget:EventTarget", "security-events-config-noncompliant");
        assertThat(target.inputs()).containsEntry("rule", PREFIX + "-config-noncompliant")
                .containsEntry("arn", topic).containsEntry("targetId", "security-topic")
                .containsEntry("roleArn", role.arn().orElseThrow());
        // The local alert topic keeps its target: the workload's own team sees what to fix.
        assertThat(run.named("aws:cloudwatch/eventTarget:EventTarget", "audit-config-noncompliant-alert").inputs())
                .containsEntry("rule", PREFIX + "-config-noncompliant").containsEntry("targetId", "alert-topic");

        assertThat(json(role.string("assumeRolePolicy").orElseThrow()).get("Statement")).isEqualTo(List.of(Map.of(
                "Sid", "EventBridgeRulesOfThisStack", "Effect", "Allow",
                "Principal", Map.of("Service", "events.amazonaws.com"), "Action", "sts:AssumeRole",
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", WORKLOAD),
                        "ArnEquals", Map.of("aws:SourceArn", "arn:aws:events:us-east-1:" + WORKLOAD + ":rule/" + PREFIX + "-config-noncompliant")))));
        // sns:Publish on that topic and nothing else; its key only through SNS, for that topic.
        assertThat(statements(run.named("aws:iam/policy:Policy", "security-events-publish"), "policy")).isEqualTo(List.of(
                Map.of("Sid", "PublishToTheSecurityTopic", "Effect", "Allow", "Action", "sns:Publish", "Resource", topic),
                Map.of("Sid", "EncryptForTheSecurityTopicThroughSns", "Effect", "Allow",
                        "Action", List.of("kms:GenerateDataKey*", "kms:Decrypt"),
                        "Resource", "arn:aws:kms:us-east-1:333333333333:key/*",
                        "Condition", Map.of("StringEquals", Map.of("kms:ViaService", "sns.us-east-1.amazonaws.com",
                                "kms:EncryptionContext:aws:sns:topicArn", topic)))));
        assertThat(run.named("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "security-events-publish-attachment")
                .string("role")).contains(PREFIX + "-security-events");
    }

    @Test
    void theGuardsDropOnlyTheTrailThatIsNotHere() {
        var org = statements(workload().named("aws:iam/policy:Policy", "identity-evidence-protection"), "policy");
        var single = statements(Stacks.run("prod").named("aws:iam/policy:Policy", "identity-evidence-protection"), "policy");
        assertThat(single).extracting(s -> s.get("Sid")).contains("DenyStopOrRedirectTrails");
        var kept = single.stream().map(s -> s.get("Sid")).filter(s -> !"DenyStopOrRedirectTrails".equals(s)).toList();
        assertThat(org).extracting(s -> s.get("Sid")).containsExactlyElementsOf(kept)
                .contains("DenyStopOrRewriteConfig", "DenySilenceThreatDetection", "DenyDisableOrDeleteKeys",
                        "DenyChangeLogBucketConfiguration");
        var auditors = statements(workload().named("aws:iam/policy:Policy", "identity-audit-archive-read"), "policy");
        assertThat(auditors).extracting(s -> s.get("Sid")).doesNotContain("DecryptTrailLogFiles");
        assertThat(auditors.stream().filter(s -> s.get("Sid").equals("ReadActivityLogGroups")).findFirst().orElseThrow()
                .get("Resource").toString()).doesNotContain("cloudtrail");
    }

    @Test
    void archiveKeysAreNotAWorkloadsToSet() {
        var run = OfflineRun.run(Stacks.PROJECT, Stacks.with("org-prod", Map.of("hipaa:objectLockMode", "compliance",
                "hipaa:auditReplication", "true")), false, hipaa.App::stack);
        assertThat(run.succeeded()).isFalse();
        assertThat(run.failure()).contains("hipaa:objectLockMode").contains("hipaa:auditReplication");
    }
}
