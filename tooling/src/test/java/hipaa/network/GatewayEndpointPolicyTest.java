package hipaa.network;

import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 and DynamoDB gateway endpoints of every real stack let through only this account's buckets and tables,
 * plus reads of the AWS-owned buckets the tiers need: no statement allows a resource of another account
 * without naming it, so PHI cannot leave through a bucket or table someone else owns.
 */
class GatewayEndpointPolicyTest {

    static final String ACCOUNT = "123456789012";

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyGatewayEndpointAllowsOnlyThisAccountsResourcesAndTheNamedAwsBuckets(String stack) {
        var run = Stacks.run(stack);
        var region = Stacks.settings(stack).region();
        var gateways = run.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").stream()
                .filter(e -> "Gateway".equals(e.string("vpcEndpointType").orElse(""))).toList();
        assertThat(gateways).extracting(e -> e.string("serviceName").orElseThrow())
                .containsExactlyInAnyOrder("com.amazonaws." + region + ".s3", "com.amazonaws." + region + ".dynamodb");
        for (var endpoint : gateways) {
            var statements = Policies.statements(endpoint.string("policy")
                    .orElseThrow(() -> new AssertionError(endpoint.name() + " has no policy: it lets through every bucket or table of every account")));
            // The general rule: no Allow reaches an unnamed resource unless it is held to this account.
            for (var s : statements) {
                assertThat(s.isAllow()).isTrue();
                if (s.resources().contains("*")) {
                    assertThat(s.conditions()).as(endpoint.name() + " " + s.sid())
                            .isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceAccount", List.of(ACCOUNT))));
                } else {
                    assertThat(s.resources()).as(endpoint.name() + " " + s.sid()).allSatisfy(r ->
                            assertThat(r.contains(":" + ACCOUNT + ":") || r.startsWith("arn:aws:s3:::")).isTrue());
                }
            }
        }
        var s3 = Policies.statements(one(run, "production-endpoints-s3"));
        assertThat(s3).extracting(Policies.St::sid).containsExactly("ThisAccountsBucketsOnly", "ReadTheAwsOwnedBucketsTheTiersNeed");
        assertThat(s3.get(0).actions()).containsExactly("s3:*");
        assertThat(s3.get(0).principals()).isEqualTo(Map.of("*", List.of("*")));
        // Reads only, of exactly these AWS-owned buckets (each one's reason is in GatewayEndpointPolicies).
        assertThat(s3.get(1).actions()).containsExactly("s3:GetObject");
        assertThat(s3.get(1).conditions()).isEmpty();
        assertThat(s3.get(1).resources()).containsExactly(
                "arn:aws:s3:::al2023-repos-" + region + "-de612dc2/*",
                "arn:aws:s3:::prod-" + region + "-starport-layer-bucket/*",
                "arn:aws:s3:::aws-ssm-" + region + "/*",
                "arn:aws:s3:::amazon-ssm-" + region + "/*",
                "arn:aws:s3:::amazon-ssm-packages-" + region + "/*",
                "arn:aws:s3:::" + region + "-birdwatcher-prod/*",
                "arn:aws:s3:::aws-ssm-distributor-file-" + region + "/*",
                "arn:aws:s3:::aws-ssm-document-attachments-" + region + "/*",
                "arn:aws:s3:::patch-baseline-snapshot-" + region + "/*");
        assertThat(GatewayEndpointPolicies.awsOwnedBuckets(region)).allSatisfy(b -> {
            assertThat(b.reason()).isNotBlank();
            assertThat(b.source()).startsWith("https://docs.aws.amazon.com/");
        });
        var dynamodb = Policies.statements(one(run, "production-endpoints-dynamodb"));
        assertThat(dynamodb).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("dynamodb:*");
            assertThat(s.resources()).containsExactly("arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/*");
            assertThat(s.conditions()).isEmpty();
        });
    }

    static String one(hipaa.offline.OfflineRun.Result run, String name) {
        return run.named("aws:ec2/vpcEndpoint:VpcEndpoint", name).string("policy").orElseThrow();
    }
}
