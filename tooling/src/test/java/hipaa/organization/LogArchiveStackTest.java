package hipaa.organization;

import com.google.gson.Gson;
import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log-archive stack as its real stack file builds it ({@code Pulumi.org-log-archive.yaml}): the evidence
 * buckets with single mode's lifecycle and retention, compliance-mode Object Lock on the trail archive, SSE-KMS
 * with the archive key, the replica, deletion protection, and the outputs the management and workload stacks read.
 */
class LogArchiveStackTest {
    static final String STACK = "org-log-archive";
    static final String ACCOUNT = "222222222222";
    static final String WORKLOAD = "444444444444";
    static final String PREFIX = "hipaa-org-log-archive";
    static final String TRAIL_BUCKET = PREFIX + "-audit-archive-" + ACCOUNT;
    static final String CONFIG_BUCKET = PREFIX + "-audit-config-" + ACCOUNT;
    static final String ACCESS_LOG_BUCKET = PREFIX + "-audit-access-logs-" + ACCOUNT;
    private static final Gson GSON = new Gson();

    static OfflineRun.Result run() {
        var run = Stacks.run(STACK);
        assertThat(run.succeeded()).as(run.failure()).isTrue();
        return run;
    }

    private static RecordedResource bucket(OfflineRun.Result run, String name) {
        return run.named("aws:s3/bucketV2:BucketV2", name);
    }

    private static String keyArn(OfflineRun.Result run) {
        return run.named("aws:kms/key:Key", "audit-key").arn().orElseThrow();
    }

    @Test
    void theArchiveIsLockedInComplianceModeForSixYearsAndTheConfigHistoryIsNot() {
        var run = run();
        assertThat(bucket(run, "audit-archive").inputs()).containsEntry("bucket", TRAIL_BUCKET).containsEntry("objectLockEnabled", true);
        var lock = run.named("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "audit-archive-object-lock");
        assertThat(lock.map("rule")).isEqualTo(Map.of("defaultRetention", Map.of("mode", "COMPLIANCE", "days", 2190.0)));
        // AWS Config does not deliver to a bucket with Object Lock (AWS::Config::DeliveryChannel).
        assertThat(bucket(run, "audit-config-history").inputs()).containsEntry("bucket", CONFIG_BUCKET)
                .containsEntry("objectLockEnabled", false);
        assertThat(bucket(run, "audit-access-logs").inputs()).containsEntry("bucket", ACCESS_LOG_BUCKET)
                .containsEntry("objectLockEnabled", false);
        assertThat(run.ofType("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"))
                .extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("audit-archive-object-lock", "audit-replica-archive-object-lock");
    }

    @Test
    void theEvidenceIsEncryptedWithTheArchiveKeyAndTheAccessLogsWithS3ManagedKeys() {
        var run = run();
        var key = keyArn(run);
        assertThat(key).startsWith("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/");
        assertThat(run.named("aws:kms/key:Key", "audit-key").inputs()).containsEntry("enableKeyRotation", true)
                .containsEntry("deletionWindowInDays", 30.0);
        for (var name : List.of("audit-archive", "audit-config-history")) {
            var enc = run.named("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", name + "-encryption");
            assertThat(enc.list("rules")).as(name).containsExactly(Map.of("bucketKeyEnabled", true,
                    "applyServerSideEncryptionByDefault", Map.of("kmsMasterKeyId", key, "sseAlgorithm", "aws:kms")));
        }
        var enc = run.named("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "audit-access-logs-encryption");
        assertThat(enc.list("rules")).containsExactly(Map.of("bucketKeyEnabled", false,
                "applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "AES256")));
        assertThat(run.named("aws:kms/alias:Alias", "audit-key-alias").inputs()).containsEntry("name", "alias/" + PREFIX + "-archive");
    }

    @Test
    void everyEvidenceBucketKeepsSingleModesLifecycle() {
        var run = run();
        for (var name : List.of("audit-archive", "audit-config-history", "audit-access-logs")) {
            var rules = Stacks.maps(run.named("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", name + "-lifecycle")
                    .inputs().get("rules"));
            assertThat(rules).as(name).hasSize(1);
            var rule = rules.get(0);
            assertThat(rule).containsEntry("expiration", Map.of("days", 2190.0))
                    .containsEntry("noncurrentVersionExpiration", Map.of("noncurrentDays", 2190.0))
                    .containsEntry("transitions", List.of(Map.of("storageClass", "STANDARD_IA", "days", 90.0),
                            Map.of("storageClass", "GLACIER", "days", 180.0)));
        }
        // Both logged buckets send their S3 server access logs to the access-log bucket.
        for (var name : List.of("audit-archive", "audit-config-history")) {
            assertThat(run.named("aws:s3/bucketLoggingV2:BucketLoggingV2", name + "-access-logging").inputs())
                    .containsEntry("targetBucket", ACCESS_LOG_BUCKET);
        }
    }

    @Test
    void theArchiveAndTheConfigHistoryReplicateToTheSecondRegionWhenReplicationIsOn() {
        var run = run();
        var replicas = Map.of("audit-archive", PREFIX + "-audit-archive-replica-" + ACCOUNT,
                "audit-config-history", PREFIX + "-audit-config-replica-" + ACCOUNT);
        replicas.forEach((source, replica) -> {
            var rules = Stacks.maps(run.named("aws:s3/bucketReplicationConfig:BucketReplicationConfig", source + "-replication")
                    .inputs().get("rules"));
            assertThat(rules).as(source).hasSize(1);
            @SuppressWarnings("unchecked")
            var destination = (Map<String, Object>) rules.get(0).get("destination");
            assertThat(destination).containsEntry("bucket", "arn:aws:s3:::" + replica);
        });
        var replicaProvider = run.ofType("pulumi:providers:aws").stream().filter(p -> p.name().equals("aws-audit-replica")).findFirst().orElseThrow();
        assertThat(replicaProvider.inputs()).containsEntry("region", "us-west-2");

        var off = OfflineRun.run(Stacks.with(STACK, Map.of("hipaa:auditReplication", "false")), false, App::stack);
        assertThat(off.succeeded()).as(off.failure()).isTrue();
        assertThat(off.ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")).isEmpty();
        assertThat(off.ofType("hipaa:audit:AuditReplica")).isEmpty();
        assertThat(off.ofType("aws:s3/bucketV2:BucketV2")).hasSize(3);
    }

    @Test
    void theEvidenceAndItsKeyAreProtectedAndRetained() {
        var run = run();
        var stateful = new ArrayList<RecordedResource>(run.ofType("aws:s3/bucketV2:BucketV2"));
        stateful.add(run.named("aws:kms/key:Key", "audit-key"));
        assertThat(stateful).hasSize(7);
        for (var r : stateful) {
            assertThat(run.protection(r)).as(r.label()).isEqualTo(new OfflineRun.Protection(true, true));
        }
        // The replica's key is single mode's AuditReplica key: protected.
        assertThat(run.protection(run.named("aws:kms/key:Key", "audit-replica-key")).protect()).isTrue();
        for (var b : run.ofType("aws:s3/bucketV2:BucketV2")) {
            assertThat(b.inputs()).as(b.label()).containsEntry("forceDestroy", false);
        }
    }

    @Test
    void exportsWhatTheManagementAndWorkloadStacksRead() {
        var run = run();
        assertThat(run.outputs().get(OrganizationOutputs.ARCHIVE_BUCKET_NAME).value()).isEqualTo(TRAIL_BUCKET);
        assertThat(run.outputs().get(OrganizationOutputs.CONFIG_BUCKET_NAME).value()).isEqualTo(CONFIG_BUCKET);
        assertThat(run.outputs().get(OrganizationOutputs.ARCHIVE_KEY_ARN).value()).isEqualTo(keyArn(run));
    }

    /** Every statement of every bucket and key policy the stack registers. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(OfflineRun.Result run) {
        var out = new ArrayList<Map<String, Object>>();
        var docs = new ArrayList<String>();
        run.ofType("aws:s3/bucketPolicy:BucketPolicy").forEach(p -> docs.add(p.string("policy").orElseThrow()));
        run.ofType("aws:kms/key:Key").forEach(k -> docs.add(k.string("policy").orElseThrow()));
        run.ofType("aws:iam/role:Role").forEach(r -> docs.add(r.string("assumeRolePolicy").orElseThrow()));
        for (var d : docs) {
            var doc = (Map<String, Object>) GSON.fromJson(d, Map.class);
            var st = doc.get("Statement");
            if (st instanceof List<?> l) {
                l.forEach(s -> out.add((Map<String, Object>) s));
            } else {
                out.add((Map<String, Object>) st);
            }
        }
        return out;
    }

    @Test
    void noStatementsPrincipalNamesAWorkloadAccount() {
        var run = run();
        var statements = statements(run);
        // 8 buckets' policies, 2 key policies, 1 trust policy.
        assertThat(run.ofType("aws:s3/bucketPolicy:BucketPolicy")).hasSize(6);
        assertThat(statements).hasSizeGreaterThan(40);
        for (var st : statements) {
            assertThat(GSON.toJson(st.get("Principal"))).as(String.valueOf(st.get("Sid"))).doesNotContain(WORKLOAD);
            assertThat(st).as(String.valueOf(st.get("Sid"))).doesNotContainKey("NotPrincipal");
        }
        // The workload account appears only where its principals are denied, and as an account AWS Config
        // encrypts for (its delivery channel writes here as the Config service principal).
        var naming = statements.stream().filter(st -> GSON.toJson(st).contains(WORKLOAD)).toList();
        var denies = naming.stream().filter(st -> "Deny".equals(st.get("Effect"))).toList();
        assertThat(denies).allSatisfy(st -> assertThat(st.get("Sid")).isEqualTo("DenyEveryPrincipalOfTheWorkloadAccounts"));
        // Every evidence bucket in the log-archive Region and the archive key carry that deny.
        assertThat(denies).hasSize(4);
        assertThat(naming).filteredOn(st -> !"Deny".equals(st.get("Effect"))).singleElement().satisfies(st -> {
            assertThat(st.get("Sid")).isEqualTo("ConfigEncryptsForTheOrganizationsAccounts");
            assertThat(st.get("Principal")).isEqualTo(Map.of("Service", "config.amazonaws.com"));
        });
    }
}
