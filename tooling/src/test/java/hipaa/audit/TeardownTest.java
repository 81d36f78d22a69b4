package hipaa.audit;

import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static hipaa.testing.AppStacks.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pulumi destroy} of a stack without deletion protection goes through, and a protected stack keeps its
 * evidence. Checked on every real stack for what would stop a destroy:
 * <ul>
 *   <li>a protected resource (the engine refuses to delete it);</li>
 *   <li>a bucket that still holds objects: each bucket is emptied by the provider first ({@code forceDestroy});
 *       versions under a governance-mode Object Lock are deleted with {@code BypassGovernanceRetention}
 *       (terraform-provider-aws, internal/service/s3/delete.go, {@code emptyBucket(..., force)}), which the
 *       destroying administrator needs; compliance mode could never be emptied, so it is refused here;</li>
 *   <li>a bucket policy that denies deleting objects: it names its bucket, so it depends on it and the engine
 *       deletes it before the bucket, and the bucket is emptied once the deny is gone.</li>
 * </ul>
 */
class TeardownTest {

    static final String BUCKET = "aws:s3/bucketV2:BucketV2";

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void anUnprotectedStackCanBeDestroyedAndAProtectedOneKeepsItsBuckets(String stack) {
        var run = Stacks.run(stack);
        boolean protect = Stacks.settings(stack).deletionProtection();
        var buckets = run.ofType(BUCKET);
        assertThat(buckets).extracting(RecordedResource::name)
                .contains("audit-archive", "audit-config-history", "audit-access-logs", "alb-logs");
        if (protect) {
            assertThat(buckets).allSatisfy(b -> {
                assertThat(b.inputs()).as(b.name()).containsEntry("forceDestroy", false);
                assertThat(run.protection(b).protect()).as(b.name()).isTrue();
            });
            return;
        }
        assertThat(run.resources()).filteredOn(r -> run.protection(r).protect()).as("protected resources stop a destroy").isEmpty();
        assertThat(buckets).allSatisfy(b -> assertThat(b.inputs()).as(b.name()).containsEntry("forceDestroy", true));
        for (var lock : run.ofType("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2")) {
            assertThat(map(map(lock.map("rule")).get("defaultRetention"))).as(lock.name()).containsEntry("mode", "GOVERNANCE");
        }
        var bucketIds = buckets.stream().map(RecordedResource::id).toList();
        assertThat(run.ofType("aws:s3/bucketPolicy:BucketPolicy")).allSatisfy(p ->
                assertThat(bucketIds).as(p.name() + " names its bucket, so it is deleted first").contains(p.string("bucket").orElseThrow()));
    }
}
