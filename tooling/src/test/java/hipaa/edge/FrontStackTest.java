package hipaa.edge;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.FrontConfig;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static hipaa.testing.Stacks.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole dev stack with the front turned on, through the real App: the front is wired to the real ALB
 * and audit access-log bucket, and its WAF goes through the us-east-1 provider.
 */
class FrontStackTest {

    static OfflineRun.Result run;

    @BeforeAll
    static void build() {
        run = OfflineRun.run(Stacks.with("dev", FrontConfig.on()), false, App::stack);
        assertThat(run.succeeded()).as(run.succeeded() ? "" : run.failure()).isTrue();
    }

    static RecordedResource distribution() {
        return run.named("aws:cloudfront/distribution:Distribution", "front-distribution");
    }

    @Test
    void theFrontIsOneComponentWithOneDistributionOneWebAclAndFourRecords() {
        assertThat(run.ofType(StaticFront.TYPE)).extracting(RecordedResource::name).containsExactly("front");
        assertThat(run.ofType("aws:cloudfront/distribution:Distribution")).hasSize(1);
        assertThat(run.ofType("aws:cloudfront/originAccessControl:OriginAccessControl")).hasSize(1);
        assertThat(run.ofType("aws:route53/record:Record")).extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("front-a", "front-aaaa", "front-api-a", "front-api-aaaa");
    }

    @Test
    void theWebAclAloneGoesThroughATaggedUsEast1Provider() {
        var provider = run.resources().stream().filter(r -> r.type().equals("pulumi:providers:aws")
                && r.name().equals("aws-us-east-1")).findFirst().orElseThrow();
        assertThat(provider.string("region")).hasValue("us-east-1");
        var main = run.resources().stream().filter(r -> r.type().equals("pulumi:providers:aws") && r.name().equals("aws"))
                .findFirst().orElseThrow();
        assertThat(provider.inputs().get("defaultTags")).isEqualTo(main.inputs().get("defaultTags"));
        assertThat(String.valueOf(provider.inputs().get("defaultTags"))).contains("\"Compliance\":\"HIPAA\"", "\"Stack\":\"dev\"");
        var waf = run.named("aws:wafv2/webAcl:WebAcl", "front-waf");
        assertThat(waf.string("scope")).hasValue("CLOUDFRONT");
        assertThat(waf.provider()).contains("aws-us-east-1");
        assertThat(run.resources()).filteredOn(r -> r.provider().contains("aws-us-east-1"))
                .extracting(RecordedResource::name).containsExactly("front-waf");
        assertThat(distribution().string("webAclId")).hasValue(waf.state().get("arn").toString());
    }

    @Test
    void viewersAndTheAlbAreReachedOnlyOverTls12() {
        var d = distribution();
        assertThat(d.map("defaultCacheBehavior")).containsEntry("viewerProtocolPolicy", "redirect-to-https");
        assertThat(maps(d.input("orderedCacheBehaviors").orElseThrow()).get(0))
                .containsEntry("pathPattern", "/api/*").containsEntry("viewerProtocolPolicy", "redirect-to-https");
        assertThat(d.map("viewerCertificate")).containsEntry("minimumProtocolVersion", "TLSv1.2_2021")
                .containsEntry("acmCertificateArn", FrontConfig.CERT);
        var api = maps(d.input("origins").orElseThrow()).stream()
                .filter(o -> StaticFront.API_ORIGIN.equals(o.get("originId"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        var origin = (Map<String, Object>) api.get("customOriginConfig");
        assertThat(origin).containsEntry("originProtocolPolicy", "https-only")
                .containsEntry("originSslProtocols", List.of("TLSv1.2"));
        assertThat(run.named("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "front-security-headers")
                .map("securityHeadersConfig")).containsKeys("strictTransportSecurity", "contentTypeOptions",
                "frameOptions", "referrerPolicy");
    }

    @Test
    void theBucketAdmitsOnlyThisDistributionThroughOriginAccessControl() {
        var s3 = maps(distribution().input("origins").orElseThrow()).stream()
                .filter(o -> StaticFront.STATIC_ORIGIN.equals(o.get("originId"))).findFirst().orElseThrow();
        assertThat(s3.get("originAccessControlId")).isEqualTo("front-oac-id");
        var json = run.named("aws:s3/bucketPolicy:BucketPolicy", "front-content-policy").string("policy").orElseThrow();
        assertThat(Policies.statements(json)).filteredOn(Policies.St::isAllow).singleElement().satisfies(st -> {
            assertThat(st.principals()).isEqualTo(Map.of("Service", List.of("cloudfront.amazonaws.com")));
            assertThat(st.conditions()).isEqualTo(Map.of("StringEquals",
                    Map.of("AWS:SourceArn", List.of(distribution().state().get("arn").toString()))));
        });
        assertThat(Policies.statement(json, "DenyRequestsWithoutTls").conditions())
                .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))));
        assertThat(run.named("aws:s3/bucketLoggingV2:BucketLoggingV2", "front-content-access-logging").string("targetBucket"))
                .hasValue(run.named("aws:s3/bucketV2:BucketV2", "audit-access-logs").state().get("bucket").toString());
    }

    @Test
    void theApiRecordAliasesTheRealLoadBalancer() {
        var alb = run.named("aws:lb/loadBalancer:LoadBalancer", "alb");
        var api = run.named("aws:route53/record:Record", "front-api-a");
        assertThat(api.string("name")).hasValue("api.app.example.com");
        assertThat(api.string("zoneId")).hasValue("Z0123456789ABCDEFGHIJ");
        assertThat(maps(api.input("aliases").orElseThrow())).containsExactly(Map.of(
                "name", alb.state().get("dnsName"), "zoneId", alb.state().get("zoneId"), "evaluateTargetHealth", true));
        assertThat(run.outputs()).containsKeys("frontDistributionId", "frontDistributionDomainName",
                "frontContentBucketName", "frontLogBucketName", "frontRecordNames");
    }

    @ParameterizedTest
    @MethodSource("hipaa.testing.Stacks#names")
    void theRealStacksLeaveTheFrontOffAndRegisterNoneOfIt(String stack) {
        assertThat(Stacks.settings(stack).front().enabled()).isFalse();
        var run = Stacks.run(stack);
        assertThat(run.resources()).filteredOn(r -> r.type().startsWith("aws:cloudfront/") || r.type().startsWith("aws:route53/")
                        || r.type().equals(StaticFront.TYPE) || "CLOUDFRONT".equals(r.inputs().get("scope"))
                        || r.name().startsWith("front") || r.name().equals("aws-us-east-1"))
                .isEmpty();
        assertThat(run.outputs().keySet()).noneMatch(k -> k.startsWith("front"));
    }
}
