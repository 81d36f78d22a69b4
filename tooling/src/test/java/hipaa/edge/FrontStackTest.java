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
    void theFrontIsOneComponentWithOneDistributionOneWebAclAndThreeRecords() {
        assertThat(run.ofType(StaticFront.TYPE)).extracting(RecordedResource::name).containsExactly("front");
        assertThat(run.ofType("aws:cloudfront/distribution:Distribution")).hasSize(1);
        assertThat(run.ofType("aws:cloudfront/originAccessControl:OriginAccessControl")).hasSize(1);
        // The distribution answers over IPv6 (front-aaaa); the load balancer is IPv4 only, so the API has no AAAA.
        assertThat(distribution().inputs()).containsEntry("isIpv6Enabled", true);
        assertThat(run.named("aws:lb/loadBalancer:LoadBalancer", "alb").string("ipAddressType")).hasValue("ipv4");
        assertThat(run.ofType("aws:route53/record:Record")).extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("front-a", "front-aaaa", "front-api-a");
    }

    @Test
    void theWebAclLimitsEachClientAndLogsEveryVerdictToAnEncryptedAwsWafLogsGroupInUsEast1() {
        var s = Stacks.settings(Stacks.with("dev", FrontConfig.on()));
        var waf = run.named("aws:wafv2/webAcl:WebAcl", "front-waf");
        assertThat(maps(waf.input("rules").orElseThrow())).extracting(r -> r.get("name"), r -> r.get("priority"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AWSManagedRulesCommonRuleSet", 0.0),
                        org.assertj.core.groups.Tuple.tuple("AWSManagedRulesKnownBadInputsRuleSet", 1.0),
                        org.assertj.core.groups.Tuple.tuple("AWSManagedRulesAmazonIpReputationList", 2.0),
                        org.assertj.core.groups.Tuple.tuple(WebFirewall.RATE_LIMIT_RULE, 3.0));
        var rate = maps(waf.input("rules").orElseThrow()).get(3);
        assertThat(rate.get("action")).isEqualTo(Map.of("block", Map.of()));
        assertThat(rate.get("statement")).isEqualTo(Map.of("rateBasedStatement", Map.of("aggregateKeyType", "IP",
                "evaluationWindowSec", 300.0, "limit", (double) s.app().edge().wafRateLimit())));

        var group = run.named("aws:cloudwatch/logGroup:LogGroup", "front-waf-logs");
        var key = run.named("aws:kms/key:Key", "front-waf-logs-key");
        assertThat(group.inputs()).containsEntry("name", "aws-waf-logs-hipaa-dev-front")
                .containsEntry("retentionInDays", (double) s.app().edge().wafLogRetentionDays())
                .containsEntry("kmsKeyId", key.arn().orElseThrow());
        var logging = run.named("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "front-waf-logging");
        assertThat(logging.inputs()).containsEntry("resourceArn", waf.state().get("arn"))
                .containsEntry("logDestinationConfigs", List.of(group.arn().orElseThrow()))
                .containsEntry("redactedFields", List.of(Map.of("singleHeader", Map.of("name", "authorization")),
                        Map.of("singleHeader", Map.of("name", "cookie"))));
        // us-east-1's CloudWatch Logs may use the key, for this account's log groups there only.
        assertThat(Policies.statement(key.string("policy").orElseThrow(), "AllowCloudWatchLogsForThisAccountsLogGroups"))
                .satisfies(st -> {
                    assertThat(st.principals()).isEqualTo(Map.of("Service", List.of("logs.us-east-1.amazonaws.com")));
                    assertThat(st.conditions()).isEqualTo(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                            List.of("arn:aws:logs:us-east-1:123456789012:log-group:*"))));
                });
        assertThat(key.inputs()).containsEntry("enableKeyRotation", true);
        assertThat(run.named("aws:kms/alias:Alias", "front-waf-logs-key-alias").inputs())
                .containsEntry("name", "alias/hipaa-dev-front-waf-logs").containsEntry("targetKeyId", key.state().get("keyId"));
    }

    @Test
    void theLoadBalancerAcceptsOnlyCloudFrontsOriginFacingServersAndLeavesRateLimitingToTheFront() {
        var sgId = run.named("aws:ec2/securityGroup:SecurityGroup", "alb-sg").id();
        var ingress = run.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(r -> sgId.equals(r.inputs().get("securityGroupId"))).toList();
        assertThat(ingress).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("alb-sg-in-https-cloudfront");
            assertThat(r.inputs()).containsEntry("prefixListId", hipaa.offline.OfflineEngine.CLOUDFRONT_PREFIX_LIST_ID)
                    .containsEntry("ipProtocol", "tcp").containsEntry("fromPort", 443.0).containsEntry("toPort", 443.0)
                    .doesNotContainKeys("cidrIpv4", "cidrIpv6");
        });
        assertThat(run.engine().invokes()).contains("aws:ec2/getManagedPrefixList:getManagedPrefixList");
        assertThat(HttpsLoadBalancer.CLOUDFRONT_ORIGIN_FACING).isEqualTo("com.amazonaws.global.cloudfront.origin-facing");
        // Every request reaching the load balancer comes from a CloudFront server: a per-IP limit there would
        // throttle every viewer behind one edge server, so only the front's ACL counts clients.
        assertThat(maps(run.named("aws:wafv2/webAcl:WebAcl", "waf").input("rules").orElseThrow()))
                .extracting(r -> r.get("name")).doesNotContain(WebFirewall.RATE_LIMIT_RULE)
                .contains(WebFirewall.IP_REPUTATION);
    }

    @Test
    void theStandardLogBucketIsEncryptedUnderAKeyOnlyLogDeliveryMayUse() {
        var key = run.named("aws:kms/key:Key", "front-logs-key");
        var sse = run.named("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "front-logs-encryption");
        assertThat(maps(sse.input("rules").orElseThrow())).containsExactly(Map.of("applyServerSideEncryptionByDefault",
                Map.of("sseAlgorithm", "aws:kms", "kmsMasterKeyId", key.arn().orElseThrow()), "bucketKeyEnabled", true));
        assertThat(Policies.statements(key.string("policy").orElseThrow())).extracting(Policies.St::sid)
                .containsExactly("EnableIamPoliciesInThisAccount", "AllowCloudFrontToUseTheKeyToDeliverLogs");
        assertThat(Policies.statement(key.string("policy").orElseThrow(), "AllowCloudFrontToUseTheKeyToDeliverLogs"))
                .satisfies(st -> {
                    assertThat(st.principals()).isEqualTo(Map.of("Service", List.of("delivery.logs.amazonaws.com")));
                    assertThat(st.actions()).containsExactly("kms:GenerateDataKey*");
                });
        assertThat(key.provider()).doesNotContain("aws-us-east-1");
    }

    @Test
    void theWebAclAndItsLoggingAloneGoThroughATaggedUsEast1Provider() {
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
                .extracting(RecordedResource::name).containsExactlyInAnyOrder("front-waf", "front-waf-logs-key",
                        "front-waf-logs-key-alias", "front-waf-logs", "front-waf-logging");
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

    /**
     * What ./plan judges (exit 3 on an unexempted failure), for prod with the front on: the guardrails pass, and
     * the front's buckets are exempted only for Object Lock and replication, with their reasons.
     */
    @Test
    void prodWithTheFrontOnPlansCleanWithOnlyTheFrontsBucketExemptions() {
        var config = Stacks.with("prod", FrontConfig.on());
        var prod = OfflineRun.run(config, false, App::stack);
        assertThat(prod.succeeded()).as(prod.succeeded() ? "" : prod.failure()).isTrue();
        var settings = Stacks.settings(config);
        var report = hipaa.guardrails.Guardrails.evaluate(prod.resources(),
                hipaa.audit.Exemptions.load(java.nio.file.Path.of("guardrails/exemptions.yaml")),
                hipaa.guardrails.GuardrailContext.of(settings, java.time.LocalDate.now()));
        assertThat(report.failureLines()).as(report.render()).isEmpty();
        assertThat(report.hasUnexemptedFailures()).isFalse();
        var frontExempt = report.results().stream().flatMap(r -> r.exempted().stream()
                        .filter(e -> e.finding().name().startsWith("front-")).map(e -> r.rule().id() + " " + e.finding().name())).toList();
        assertThat(frontExempt).containsExactlyInAnyOrder(
                "s3-bucket-default-lock-enabled front-content", "s3-bucket-default-lock-enabled front-logs",
                "s3-bucket-replication-enabled front-content", "s3-bucket-replication-enabled front-logs");
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
