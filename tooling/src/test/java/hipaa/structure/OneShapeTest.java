package hipaa.structure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each repeated shape is built in one place: S3 buckets and their parts in {@code storage/PrivateBucket},
 * security groups and their rules in {@code network/SecurityGroups}, TLS-only policy statements in
 * {@code identity/SecureTransport}. A component that creates one of these resources by itself drifts from
 * the others (as the three bucket copies did on {@code forceDestroy}); it states an option instead.
 */
class OneShapeTest {

    static final Path HIPAA = Path.of("program/src/main/java/hipaa");

    static final Pattern BUCKET_PARTS = Pattern.compile("new (BucketV2|BucketOwnershipControls|BucketPublicAccessBlock"
            + "|BucketVersioningV2|BucketServerSideEncryptionConfigurationV2|BucketLifecycleConfigurationV2"
            + "|BucketLoggingV2|BucketPolicy|BucketObjectLockConfigurationV2|BucketReplicationConfig)\\(");
    static final Pattern SECURITY_GROUPS = Pattern.compile(
            "new (SecurityGroup|SecurityGroupIngressRule|SecurityGroupEgressRule|SecurityGroupRule)\\(");
    static final Pattern TLS_DENY = Pattern.compile("aws:SecureTransport|s3:TlsVersion");

    @Test
    void bucketsAreBuiltOnlyByPrivateBucket() throws IOException {
        assertThat(placesOf(BUCKET_PARTS)).as("bucket parts created outside storage/PrivateBucket")
                .allMatch(p -> p.startsWith(HIPAA.resolve("storage/PrivateBucket.java") + ":"));
    }

    @Test
    void securityGroupsAndRulesAreBuiltOnlyBySecurityGroups() throws IOException {
        assertThat(placesOf(SECURITY_GROUPS)).as("security groups or rules created outside network/SecurityGroups")
                .allMatch(p -> p.startsWith(HIPAA.resolve("network/SecurityGroups.java") + ":"));
    }

    @Test
    void tlsOnlyStatementsAreWrittenOnlyBySecureTransport() throws IOException {
        assertThat(placesOf(TLS_DENY)).as("TLS condition keys written outside identity/SecureTransport")
                .allMatch(p -> p.startsWith(HIPAA.resolve("identity/SecureTransport.java") + ":"));
    }

    static List<String> placesOf(Pattern pattern) throws IOException {
        var places = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(HIPAA)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                var lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (pattern.matcher(lines.get(i)).find()) {
                        places.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        return places;
    }
}
