package hipaa.audit;

import hipaa.data.RegistrationOptions;
import hipaa.offline.OfflineEngine;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static hipaa.testing.Stacks.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit evidence's second Region, over every real stack: prod replicates the CloudTrail archive and the
 * Config history into buckets of hipaa:auditReplicaRegion with the same encryption (a key of that Region),
 * Object Lock (archive) and retention, through an explicit tagged provider there (HIPAA 164.308(a)(7)(ii)(B));
 * dev replicates nothing. Expected values are written out from the stack's settings, not rebuilt with the
 * production helpers.
 */
class AuditReplicaStackTest {

    static final String ACCOUNT = OfflineEngine.ACCOUNT_ID;
    static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    static final String REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
    static final String PROVIDER = "pulumi:providers:aws";

    static Stream<String> stacks() {
        return Stacks.names();
    }

    private static RecordedResource provider(OfflineRun.Result run, String name) {
        return run.resources().stream().filter(r -> r.type().equals(PROVIDER) && r.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void prodReplicatesToItsSecondRegionAndDevDoesNot(String stack) {
        var run = Stacks.run(stack);
        var audit = Stacks.settings(stack).audit();
        if (stack.equals("dev")) {
            assertThat(audit.replicaRegion()).isEmpty();
            assertThat(run.ofType(REPLICATION)).isEmpty();
            assertThat(run.ofType(AuditReplica.TYPE)).isEmpty();
            assertThat(run.resources()).noneMatch(r -> r.name().equals("aws-audit-replica"));
            return;
        }
        assertThat(audit.replicaRegion()).contains("us-west-2");
        assertThat(run.ofType(AuditReplica.TYPE)).extracting(RecordedResource::name).containsExactly("audit-replica");
        // An explicit provider for that Region, tagged exactly like the main one.
        var replica = provider(run, "aws-audit-replica");
        var main = provider(run, "aws");
        assertThat(replica.string("region")).hasValue("us-west-2");
        assertThat(replica.inputs().get("defaultTags")).isEqualTo(main.inputs().get("defaultTags"));
        // Every resource of the replica goes through it, and nothing else does.
        var children = run.resources().stream().filter(RecordedResource::isCustomAws)
                .filter(r -> r.name().startsWith("audit-replica")).toList();
        assertThat(children).extracting(RecordedResource::name).contains("audit-replica-key", "audit-replica-key-alias",
                "audit-replica-archive", "audit-replica-config-history", "audit-replica-access-logs", "audit-replica-role",
                "audit-replica-policy", "audit-replica-policy-attachment", "audit-replica-archive-object-lock");
        assertThat(children).allSatisfy(r -> assertThat(r.provider()).as(r.label()).contains("aws-audit-replica"));
        assertThat(run.resources().stream().filter(r -> r.provider().contains("aws-audit-replica")))
                .allSatisfy(r -> assertThat(r.name()).startsWith("audit-replica"));
    }

    @org.junit.jupiter.api.Test
    void replicationIsOnByDefaultInProdOnlyAndEachRegionPairHasADefault() {
        var prodWithoutKeys = new java.util.HashMap<String, String>();
        prodWithoutKeys.put("hipaa:auditReplication", null);
        prodWithoutKeys.put("hipaa:auditReplicaRegion", null);
        assertThat(Stacks.settings(Stacks.with("prod", prodWithoutKeys)).audit().replicaRegion()).contains("us-west-2");
        assertThat(Stacks.settings("dev").audit().replicaRegion()).isEmpty();
        assertThat(Stacks.settings(Stacks.with("dev", Map.of("hipaa:auditReplication", "true"))).audit().replicaRegion())
                .contains("us-east-1");
        assertThat(Stacks.settings(Stacks.with("prod", Map.of("hipaa:auditReplicaRegion", "us-east-2"))).audit().replicaRegion())
                .contains("us-east-2");
        assertThat(Stacks.settings(Stacks.with("prod", Map.of("hipaa:auditReplication", "false"))).audit().replicaRegion()).isEmpty();
        // Every default pair stays within its partition and never points at itself.
        hipaa.settings.AuditSettings.DEFAULT_REPLICA_REGIONS.forEach((home, replica) -> {
            assertThat(replica).isNotEqualTo(home);
            assertThat(hipaa.settings.Regions.find(replica)).as(replica).isPresent();
            assertThat(hipaa.settings.Regions.find(replica).get().partition()).isEqualTo(hipaa.settings.Regions.find(home).get().partition());
        });
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theArchiveAndTheConfigHistoryReplicateEveryObjectReencryptedUnderTheReplicaKey(String stack) {
        var run = Stacks.run(stack);
        if (Stacks.settings(stack).audit().replicaRegion().isEmpty()) {
            return;
        }
        var prefix = Stacks.settings(stack).namePrefix();
        var key = run.named("aws:kms/key:Key", "audit-replica-key").arn().orElseThrow();
        var role = run.named("aws:iam/role:Role", "audit-replica-role").arn().orElseThrow();
        assertThat(run.ofType(REPLICATION)).extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("audit-archive-replication", "audit-config-history-replication");
        for (var pair : List.of(List.of("audit-archive", "audit-archive-replica"), List.of("audit-config-history", "audit-config-replica"))) {
            var replication = run.named(REPLICATION, pair.get(0) + "-replication");
            assertThat(replication.inputs()).containsEntry("bucket", pair.get(0) + "-id").containsEntry("role", role);
            assertThat(maps(replication.inputs().get("rules"))).containsExactly(Map.of(
                    "id", "replicate-everything", "status", "Enabled", "priority", 1.0,
                    "filter", Map.of("prefix", ""),
                    "deleteMarkerReplication", Map.of("status", "Disabled"),
                    "sourceSelectionCriteria", Map.of("sseKmsEncryptedObjects", Map.of("status", "Enabled")),
                    "destination", Map.of("bucket", "arn:aws:s3:::" + prefix + "-" + pair.get(1) + "-" + ACCOUNT,
                            "storageClass", "STANDARD", "encryptionConfiguration", Map.of("replicaKmsKeyId", key))));
            // S3 needs both buckets versioned, and the role's permissions, before it accepts the rule.
            var deps = RegistrationOptions.of(stack, REPLICATION, pair.get(0) + "-replication");
            assertThat(deps.dependsOnName(pair.get(0) + "-versioning")).isTrue();
            assertThat(deps.dependsOnName("audit-replica-policy-attachment")).isTrue();
            assertThat(deps.dependsOnName(pair.get(0).replace("audit-", "audit-replica-"))).isTrue();
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theReplicasKeepTheSourcesEncryptionObjectLockAndRetention(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        if (s.audit().replicaRegion().isEmpty()) {
            return;
        }
        var prefix = s.namePrefix();
        assertThat(run.ofType(BUCKET).stream().filter(b -> b.name().startsWith("audit-replica")))
                .extracting(RecordedResource::name, b -> b.inputs().get("bucket"), b -> b.inputs().get("objectLockEnabled"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("audit-replica-archive", prefix + "-audit-archive-replica-" + ACCOUNT, true),
                        org.assertj.core.groups.Tuple.tuple("audit-replica-config-history", prefix + "-audit-config-replica-" + ACCOUNT, false),
                        org.assertj.core.groups.Tuple.tuple("audit-replica-access-logs", prefix + "-audit-access-logs-replica-" + ACCOUNT, false));
        var key = run.named("aws:kms/key:Key", "audit-replica-key");
        for (var bucket : List.of("audit-replica-archive", "audit-replica-config-history")) {
            assertThat(maps(run.named(AuditStackTest.SSE, bucket + "-encryption").inputs().get("rules"))).containsExactly(Map.of(
                    "bucketKeyEnabled", true,
                    "applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "aws:kms", "kmsMasterKeyId", key.arn().orElseThrow())));
            // The same lifecycle as the bucket it copies: same transitions, same expiry.
            assertThat(run.named(AuditStackTest.LIFECYCLE, bucket + "-lifecycle").inputs().get("rules"))
                    .isEqualTo(run.named(AuditStackTest.LIFECYCLE, bucket.replace("audit-replica-", "audit-") + "-lifecycle")
                            .inputs().get("rules"));
            assertThat(Policies.statement(run.named(AuditStackTest.POLICY, bucket + "-policy").string("policy").orElseThrow(),
                    "DenyDeletingLogObjects").actions()).containsExactly("s3:DeleteObject", "s3:DeleteObjectVersion");
            assertThat(run.named(AuditStackTest.LOGGING, bucket + "-access-logging").inputs())
                    .containsEntry("targetBucket", prefix + "-audit-access-logs-replica-" + ACCOUNT);
        }
        // Each replica guards its own configuration like the buckets it copies: only the deployer and break-glass.
        for (var pair : List.of(List.of("audit-replica-archive", "audit-archive-replica"),
                List.of("audit-replica-config-history", "audit-config-replica"),
                List.of("audit-replica-access-logs", "audit-access-logs-replica"))) {
            var arn = "arn:aws:s3:::" + prefix + "-" + pair.get(1) + "-" + ACCOUNT;
            assertThat(AuditStackTest.statements(run.named(AuditStackTest.POLICY, pair.get(0) + "-policy")))
                    .as(pair.get(0)).contains(AuditStackTest.configurationGuard(arn, prefix));
        }
        // Object Lock: exactly the archive's mode and days (S3 replicates locked objects only into a locked bucket).
        assertThat(run.named(AuditStackTest.LOCK, "audit-replica-archive-object-lock").inputs().get("rule"))
                .isEqualTo(run.named(AuditStackTest.LOCK, "audit-archive-object-lock").inputs().get("rule"));
        assertThat(((Map<?, ?>) run.named(AuditStackTest.LOCK, "audit-replica-archive-object-lock").map("rule").get("defaultRetention")))
                .isEqualTo(Map.of("mode", "COMPLIANCE", "days", (double) s.audit().objectLockDays()));
        // The key: rotated, usable only through that Region's S3, aliased under the prefix the evidence deny covers.
        assertThat(key.inputs()).containsEntry("enableKeyRotation", true);
        var use = Policies.statement(key.string("policy").orElseThrow(), "AllowUseThroughS3Only");
        assertThat(use.conditions()).isEqualTo(Map.of("StringEquals", Map.of("kms:CallerAccount", List.of(ACCOUNT),
                "kms:ViaService", List.of("s3.us-west-2.amazonaws.com"))));
        assertThat(run.named("aws:kms/alias:Alias", "audit-replica-key-alias").inputs())
                .containsEntry("name", "alias/" + prefix + "-audit-replica");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void s3AloneMayReplicateAndOnlyTheseBucketsThroughS3OfEachRegion(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        if (s.audit().replicaRegion().isEmpty()) {
            return;
        }
        var p = s.namePrefix();
        var archive = "arn:aws:s3:::" + p + "-audit-archive-" + ACCOUNT;
        var history = "arn:aws:s3:::" + p + "-audit-config-" + ACCOUNT;
        var archiveReplica = "arn:aws:s3:::" + p + "-audit-archive-replica-" + ACCOUNT;
        var historyReplica = "arn:aws:s3:::" + p + "-audit-config-replica-" + ACCOUNT;
        var role = run.named("aws:iam/role:Role", "audit-replica-role");
        assertThat(role.inputs()).containsEntry("name", p + "-audit-replication");
        var trust = Policies.statements(role.string("assumeRolePolicy").orElseThrow());
        assertThat(trust).singleElement().satisfies(st -> {
            assertThat(st.principals()).isEqualTo(Map.of("Service", List.of("s3.amazonaws.com")));
            assertThat(st.actions()).containsExactly("sts:AssumeRole");
            assertThat(st.conditions()).isEqualTo(Map.of("StringEquals", Map.of("aws:SourceAccount", List.of(ACCOUNT)),
                    "ArnLike", Map.of("aws:SourceArn", List.of(archive, history))));
        });
        var doc = Policies.rolePermissions(run, "audit-replica-policy", "audit-replica-role").string("policy").orElseThrow();
        var st = Policies.statements(doc);
        assertThat(st).extracting(Policies.St::sid).containsExactly("ReadTheSourcesReplicationConfiguration",
                "ReadTheSourcesObjectVersions", "WriteTheReplicas", "DecryptTheSourcesThroughS3", "EncryptTheReplicasThroughS3");
        assertThat(st).allSatisfy(x -> assertThat(x.isAllow()).isTrue());
        assertThat(st.get(0).resources()).containsExactly(archive, history);
        assertThat(st.get(1).actions()).containsExactly("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold");
        assertThat(st.get(1).resources()).containsExactly(archive + "/*", history + "/*");
        assertThat(st.get(2).actions()).containsExactly("s3:ReplicateObject", "s3:ReplicateTags");
        assertThat(st.get(2).resources()).containsExactly(archiveReplica + "/*", historyReplica + "/*");
        assertThat(st.get(3).actions()).containsExactly("kms:Decrypt");
        assertThat(st.get(3).resources()).containsExactly(run.named("aws:kms/key:Key", "kms-logs").arn().orElseThrow());
        assertThat(st.get(3).conditions()).isEqualTo(Map.of(
                "StringEquals", Map.of("kms:ViaService", List.of("s3." + s.region() + ".amazonaws.com")),
                "StringLike", Map.of("kms:EncryptionContext:aws:s3:arn", List.of(archive, archive + "/*", history, history + "/*"))));
        assertThat(st.get(4).actions()).containsExactly("kms:Encrypt", "kms:GenerateDataKey");
        assertThat(st.get(4).resources()).containsExactly(run.named("aws:kms/key:Key", "audit-replica-key").arn().orElseThrow());
        assertThat(st.get(4).conditions()).isEqualTo(Map.of(
                "StringEquals", Map.of("kms:ViaService", List.of("s3.us-west-2.amazonaws.com")),
                "StringLike", Map.of("kms:EncryptionContext:aws:s3:arn",
                        List.of(archiveReplica, archiveReplica + "/*", historyReplica, historyReplica + "/*"))));
        assertThat(doc).doesNotContain("ReplicateDelete", "\"*\"");
    }
}
