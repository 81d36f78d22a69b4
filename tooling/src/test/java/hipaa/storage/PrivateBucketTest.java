package hipaa.storage;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.storage.PrivateBucket.Encryption;
import hipaa.storage.PrivateBucket.Lifecycle;
import hipaa.storage.PrivateBucket.OnDestroy;
import hipaa.testing.Components;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The options of the one bucket shape: each does what it says, and what an owner does not state stays unset. */
class PrivateBucketTest {

    static final String BUCKET = "aws:s3/bucketV2:BucketV2";

    /** Stands in for the component that owns the buckets (LogBucket, AccessLogBucket, StaticFront). */
    static final class Owner extends ComponentResource {
        Owner(ComponentResourceOptions opts, Consumer<Owner> build) {
            super("test:storage:Owner", "owner", opts);
            build.accept(this);
        }
    }

    static PrivateBucket.Builder minimal(ComponentResource owner, String name) {
        return PrivateBucket.builder(owner, name)
                .bucketName(name + "-physical", "aws")
                .tags(Map.of("Name", name))
                .lifecycle(Lifecycle.keepCurrent("keep", 30))
                .encryption(Encryption.s3Managed())
                .grants(List.of());
    }

    static OfflineRun.Result run(Consumer<Owner> build) {
        return Components.run(opts -> new Owner(opts, build));
    }

    @Test
    void forceDestroyIsWhatTheOwnerStatesAndTheBucketAloneIsProtected() {
        var run = run(o -> {
            for (var protect : List.of(true, false)) {
                for (var onDestroy : OnDestroy.values()) {
                    minimal(o, onDestroy.name().toLowerCase().replace('_', '-') + "-" + protect)
                            .protect(protect).onDestroy(onDestroy).create();
                }
            }
        });
        assertThat(run.ofType(BUCKET)).extracting(RecordedResource::name, r -> r.inputs().get("forceDestroy"),
                        r -> run.protection(r))
                .containsExactlyInAnyOrder(
                        tuple("keep-objects-true", false, new OfflineRun.Protection(true, true)),
                        tuple("keep-objects-false", false, OfflineRun.Protection.NONE),
                        tuple("empty-unless-protected-true", false, new OfflineRun.Protection(true, true)),
                        tuple("empty-unless-protected-false", true, OfflineRun.Protection.NONE));
        assertThat(run.resources()).filteredOn(r -> r.type().startsWith("aws:s3/") && !r.type().equals(BUCKET))
                .hasSize(4 * 6)
                .allSatisfy(r -> assertThat(run.protection(r)).isEqualTo(OfflineRun.Protection.NONE));
        assertThat(run.resources()).filteredOn(r -> r.type().startsWith("aws:s3/"))
                .allSatisfy(r -> assertThat(r.parent()).contains(new RecordedResource.Parent("test:storage:Owner", "owner")));
    }

    @Test
    void everyBucketIsPrivateVersionedAndTlsOnly() {
        var run = run(o -> minimal(o, "b").onDestroy(OnDestroy.KEEP_OBJECTS).create());
        assertThat(run.named("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "b-public-access-block").inputs())
                .containsEntry("blockPublicAcls", true).containsEntry("blockPublicPolicy", true)
                .containsEntry("ignorePublicAcls", true).containsEntry("restrictPublicBuckets", true);
        assertThat(run.named("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "b-ownership").map("rule"))
                .containsEntry("objectOwnership", "BucketOwnerEnforced");
        assertThat(run.named("aws:s3/bucketVersioningV2:BucketVersioningV2", "b-versioning").map("versioningConfiguration"))
                .containsEntry("status", "Enabled");
        assertThat(run.named("aws:s3/bucketPolicy:BucketPolicy", "b-policy").string("policy").orElseThrow()).contains(
                "{\"Sid\":\"DenyRequestsWithoutTls\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                        + "\"Resource\":[\"arn:aws:s3:::b-physical\",\"arn:aws:s3:::b-physical/*\"],"
                        + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}},"
                        + "{\"Sid\":\"DenyTlsOlderThan12\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                        + "\"Resource\":[\"arn:aws:s3:::b-physical\",\"arn:aws:s3:::b-physical/*\"],"
                        + "\"Condition\":{\"NumericLessThan\":{\"s3:TlsVersion\":\"1.2\"}}}");
    }

    @Test
    void unstatedOptionsStayUnsetAndStatedOnesAreSent() {
        var run = run(o -> {
            minimal(o, "plain").onDestroy(OnDestroy.KEEP_OBJECTS).create();
            minimal(o, "stated").onDestroy(OnDestroy.KEEP_OBJECTS)
                    .objectLock(Optional.empty())
                    .encryption(Encryption.s3Managed().statingBucketKey(false))
                    .create();
            minimal(o, "locked").onDestroy(OnDestroy.KEEP_OBJECTS)
                    .objectLock(Optional.of(new PrivateBucket.DefaultRetention("COMPLIANCE", 365)))
                    .encryption(Encryption.kms(Output.of("arn:aws:kms:us-east-1:123456789012:key/k")))
                    .lifecycle(Lifecycle.expire("archive", 400, 400).transition(90, "STANDARD_IA"))
                    .tlsVersionSid("OlderSid")
                    .serverAccessLogs(Optional.of(new PrivateBucket.ServerAccessLogs(Output.of("target"), "s3-access/locked/")))
                    .grants(List.of(Statement.allow("Extra").principal("Service", "logging.s3.amazonaws.com")
                            .actions("s3:PutObject").resources("arn:aws:s3:::locked-physical/*")))
                    .create();
        });
        assertThat(run.named(BUCKET, "plain").inputs()).doesNotContainKey("objectLockEnabled");
        assertThat(run.named(BUCKET, "stated").inputs()).containsEntry("objectLockEnabled", false);
        assertThat(run.named(BUCKET, "locked").inputs()).containsEntry("objectLockEnabled", true);
        assertThat(run.ofType("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"))
                .extracting(RecordedResource::name).containsExactly("locked-object-lock");

        var sse = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
        assertThat(rule(run.named(sse, "plain-encryption"))).isEqualTo(Map.of(
                "applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "AES256")));
        assertThat(rule(run.named(sse, "stated-encryption"))).isEqualTo(Map.of(
                "applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "AES256"), "bucketKeyEnabled", false));
        assertThat(rule(run.named(sse, "locked-encryption"))).isEqualTo(Map.of(
                "applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "aws:kms",
                        "kmsMasterKeyId", "arn:aws:kms:us-east-1:123456789012:key/k"), "bucketKeyEnabled", true));

        var lifecycle = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
        assertThat(rule(run.named(lifecycle, "plain-lifecycle"))).doesNotContainKeys("expiration", "transitions")
                .containsEntry("noncurrentVersionExpiration", Map.of("noncurrentDays", 30.0))
                .containsEntry("abortIncompleteMultipartUpload", Map.of("daysAfterInitiation", 7.0));
        assertThat(rule(run.named(lifecycle, "locked-lifecycle")))
                .containsEntry("expiration", Map.of("days", 400.0))
                .containsEntry("transitions", List.of(Map.of("days", 90.0, "storageClass", "STANDARD_IA")));

        assertThat(run.ofType("aws:s3/bucketLoggingV2:BucketLoggingV2")).extracting(RecordedResource::name,
                r -> r.inputs().get("targetBucket"), r -> r.inputs().get("targetPrefix"))
                .containsExactly(tuple("locked-access-logging", "target", "s3-access/locked/"));
        assertThat(run.named("aws:s3/bucketPolicy:BucketPolicy", "locked-policy").string("policy").orElseThrow())
                .contains("\"Sid\":\"OlderSid\"").doesNotContain("DenyTlsOlderThan12")
                .endsWith("{\"Sid\":\"Extra\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},"
                        + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::locked-physical/*\"}]}");
    }

    @Test
    void replicationIsSetUpOnlyForSseKmsBucketsUnderTheOwner() {
        var replica = new PrivateBucket.Replication("arn:aws:s3:::replica", Output.of("key-arn"), Output.of("role-arn"),
                List.of());
        assertThatThrownBy(() -> run(o -> minimal(o, "b").onDestroy(OnDestroy.KEEP_OBJECTS)
                .replication(Optional.of(replica)).create()))
                .hasMessageContaining("b: replication is only set up for SSE-KMS buckets");
        var run = run(o -> minimal(o, "b").onDestroy(OnDestroy.KEEP_OBJECTS).encryption(Encryption.kms(Output.of("k")))
                .replication(Optional.of(replica)).create());
        var config = run.named("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "b-replication");
        assertThat(config.inputs()).containsEntry("role", "role-arn");
        assertThat(config.parent()).hasValue(new RecordedResource.Parent("test:storage:Owner", "owner"));
        assertThat(run(o -> minimal(o, "plain").onDestroy(OnDestroy.KEEP_OBJECTS).create())
                .ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")).isEmpty();
    }

    @Test
    void anOwnerMustStateWhatADestroyDoes() {
        assertThatThrownBy(() -> run(o -> PrivateBucket.builder(o, "b").bucketName("b", "aws").tags(Map.of())
                .lifecycle(Lifecycle.keepCurrent("keep", 30)).encryption(Encryption.s3Managed()).grants(List.of()).create()))
                .hasMessageContaining("b: onDestroy");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> rule(RecordedResource r) {
        var rules = r.inputs().containsKey("rules") ? r.list("rules") : List.of(r.inputs().get("rule"));
        return (Map<String, Object>) rules.get(0);
    }
}
