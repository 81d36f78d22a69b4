package hipaa.edge;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Components;
import hipaa.testing.Policies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static hipaa.testing.Stacks.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front on its own, fed with fixture ALB and access-log outputs the way App would feed it: what an
 * auditor asks of it (who can read the bucket, over what, which TLS, which WAF, which records).
 */
class StaticFrontTest {

    static final AwsAccount ACCOUNT = new AwsAccount("aws", "us-west-2", "123456789012");
    static final String CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    static final String ALB_DNS = "hipaa-prod-alb-1234567890.us-west-2.elb.amazonaws.com";
    static final String ALB_ZONE = "Z1H1FL5HABSF5";
    static final String ACCESS_LOGS = "hipaa-prod-audit-access-logs-123456789012";
    static final String CONTENT = "hipaa-prod-static-content-123456789012";
    static final int RATE_LIMIT = 750;
    static final int WAF_LOG_DAYS = 400;

    static OfflineRun.Result run;

    static StaticFront.Args args(String viewerPolicy, boolean protect, Provider usEast1) {
        return new StaticFront.Args(new Naming("hipaa-prod", ACCOUNT),
                new StaticFront.Site("app.example.com", "Z0123456789ABCDEFGHIJ", CERT,
                        List.of("app.example.com", "www.example.com"), viewerPolicy, "index.html"),
                new StaticFront.Api("/api/*", Output.of(ALB_DNS), Output.of(ALB_ZONE), false),
                new StaticFront.Firewall(RATE_LIMIT, WAF_LOG_DAYS), Output.of(ACCESS_LOGS), usEast1, protect);
    }

    @BeforeAll
    static void build() {
        run = Components.run(opts -> {
            var usEast1 = new Provider("aws-us-east-1", ProviderArgs.builder().region("us-east-1").build());
            new StaticFront("front", StaticFrontTest.args("https-only", true, usEast1), opts);
        });
    }

    static RecordedResource distribution() {
        return run.named("aws:cloudfront/distribution:Distribution", "front-distribution");
    }

    static Map<String, Object> origin(String id) {
        return maps(distribution().input("origins").orElseThrow()).stream()
                .filter(o -> id.equals(o.get("originId"))).findFirst().orElseThrow();
    }

    @Test
    void theBucketIsReadOnlyThroughOriginAccessControlSignedWithSigV4() {
        var oac = run.named("aws:cloudfront/originAccessControl:OriginAccessControl", "front-oac");
        assertThat(oac.string("originAccessControlOriginType")).hasValue("s3");
        assertThat(oac.string("signingBehavior")).hasValue("always");
        assertThat(oac.string("signingProtocol")).hasValue("sigv4");
        var s3 = origin(StaticFront.STATIC_ORIGIN);
        assertThat(s3.get("originAccessControlId")).isEqualTo("front-oac-id");
        assertThat(s3.get("domainName")).isEqualTo(CONTENT + ".s3.us-east-1.amazonaws.com");
        // No legacy origin access identity anywhere.
        assertThat(s3).doesNotContainKey("s3OriginConfig");
        assertThat(run.ofType("aws:cloudfront/originAccessIdentity:OriginAccessIdentity")).isEmpty();
        assertThat(maps(distribution().input("origins").orElseThrow())).hasSize(2);
    }

    @Test
    void theBucketPolicyAdmitsOnlyThisDistributionAndOnlyOverTls() {
        var json = run.named("aws:s3/bucketPolicy:BucketPolicy", "front-content-policy").string("policy").orElseThrow();
        var arn = "arn:aws:s3:::" + CONTENT;
        var statements = Policies.statements(json);
        assertThat(statements).extracting(Policies.St::sid)
                .containsExactly("DenyRequestsWithoutTls", "DenyTlsOlderThan12", "AllowThisDistributionToReadObjects");
        var read = Policies.statement(json, "AllowThisDistributionToReadObjects");
        assertThat(read.principals()).isEqualTo(Map.of("Service", List.of("cloudfront.amazonaws.com")));
        assertThat(read.actions()).containsExactly("s3:GetObject");
        assertThat(read.resources()).containsExactly(arn + "/*");
        assertThat(read.conditions()).isEqualTo(Map.of("StringEquals",
                Map.of("AWS:SourceArn", List.of("arn:aws:cloudfront::123456789012:distribution/front-distribution-id"))));
        var tls = Policies.statement(json, "DenyRequestsWithoutTls");
        assertThat(tls.effect()).isEqualTo("Deny");
        assertThat(tls.actions()).containsExactly("s3:*");
        assertThat(tls.resources()).containsExactly(arn, arn + "/*");
        assertThat(tls.conditions()).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))));
    }

    @Test
    void theBucketIsPrivateVersionedEncryptedUnderItsOwnKeyAndLogged() {
        var block = run.named("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "front-content-public-access-block");
        assertThat(List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"))
                .allSatisfy(k -> assertThat(block.isTrue(k)).as(k).isTrue());
        assertThat(run.named("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "front-content-ownership")
                .map("rule")).containsEntry("objectOwnership", "BucketOwnerEnforced");
        assertThat(run.named("aws:s3/bucketVersioningV2:BucketVersioningV2", "front-content-versioning")
                .map("versioningConfiguration")).containsEntry("status", "Enabled");
        var sse = maps(run.named("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "front-content-encryption").input("rules").orElseThrow()).get(0);
        assertThat(sse.get("applyServerSideEncryptionByDefault")).isEqualTo(Map.of("sseAlgorithm", "aws:kms",
                "kmsMasterKeyId", "arn:aws:kms:us-east-1:123456789012:key/front-content-key-id"));
        var logging = run.named("aws:s3/bucketLoggingV2:BucketLoggingV2", "front-content-access-logging");
        assertThat(logging.string("targetBucket")).hasValue(ACCESS_LOGS);
        assertThat(logging.string("targetPrefix")).hasValue("s3-access/" + CONTENT + "/");
        // The key decrypts for CloudFront only on behalf of this distribution.
        var key = Policies.statement(run.named("aws:kms/key:Key", "front-content-key").string("policy").orElseThrow(),
                "AllowThisDistributionToDecryptContent");
        assertThat(key.actions()).containsExactly("kms:Decrypt");
        assertThat(key.conditions()).isEqualTo(Map.of("StringEquals",
                Map.of("aws:SourceArn", List.of("arn:aws:cloudfront::123456789012:distribution/front-distribution-id"))));
    }

    /** Issue 16: the CloudFront log bucket is guarded whatever its name, and the content key by its alias. */
    @Test
    void theLogBucketGuardsItselfAndTheContentKeyIsAliasedUnderTheStack() {
        var logs = Policies.statements(run.named("aws:s3/bucketPolicy:BucketPolicy", "front-logs-policy").string("policy").orElseThrow());
        assertThat(logs).extracting(Policies.St::sid).containsExactly("DenyRequestsWithoutTls", "DenyTlsOlderThan12",
                "DenyDeletingLogObjects", "DenyConfigurationChangesButByTheDeployerAndBreakGlass");
        var delete = logs.get(2);
        assertThat(delete.resources()).containsExactly("arn:aws:s3:::hipaa-prod-cdn-logs-123456789012/*");
        // Prod protects its state: nobody, the deployer included, deletes a log.
        assertThat(delete.conditions()).isEmpty();
        assertThat(logs.get(3).resources()).containsExactly("arn:aws:s3:::hipaa-prod-cdn-logs-123456789012");
        assertThat(logs.get(3).conditions()).isEqualTo(Map.of("ArnNotLike", Map.of("aws:PrincipalArn", List.of(
                "arn:aws:iam::123456789012:role/hipaa-prod-deployer", "arn:aws:iam::123456789012:role/hipaa-prod-break-glass"))));
        assertThat(run.named("aws:kms/alias:Alias", "front-content-key-alias").inputs())
                .isEqualTo(Map.of("name", "alias/hipaa-prod-static-content", "targetKeyId", "front-content-key-id"));
    }

    @Test
    void viewersGetHttpsOnlyWithTls12AndTheConfiguredCertificate() {
        var d = distribution();
        assertThat(d.map("defaultCacheBehavior")).containsEntry("viewerProtocolPolicy", "https-only")
                .containsEntry("targetOriginId", StaticFront.STATIC_ORIGIN);
        var api = maps(d.input("orderedCacheBehaviors").orElseThrow());
        assertThat(api).hasSize(1);
        assertThat(api.get(0)).containsEntry("pathPattern", "/api/*").containsEntry("targetOriginId", StaticFront.API_ORIGIN)
                .containsEntry("viewerProtocolPolicy", "https-only")
                .containsEntry("cachePolicyId", StaticFront.CACHING_DISABLED);
        assertThat(d.map("viewerCertificate")).isEqualTo(Map.of("acmCertificateArn", CERT, "sslSupportMethod", "sni-only",
                "minimumProtocolVersion", "TLSv1.2_2021"));
        assertThat(d.list("aliases")).containsExactly("app.example.com", "www.example.com");
        assertThat(d.string("defaultRootObject")).hasValue("index.html");
        assertThat(d.map("loggingConfig")).isEqualTo(Map.of("bucket", "hipaa-prod-cdn-logs-123456789012.s3.amazonaws.com",
                "prefix", "cloudfront/", "includeCookies", false));
    }

    @Test
    void theApiGoesToTheAlbOverHttpsOnlyWithTls12() {
        var alb = origin(StaticFront.API_ORIGIN);
        assertThat(alb.get("domainName")).isEqualTo("api.app.example.com");
        assertThat(alb.get("customOriginConfig")).isEqualTo(Map.of("httpPort", 80.0, "httpsPort", 443.0,
                "originProtocolPolicy", "https-only", "originSslProtocols", List.of("TLSv1.2")));
    }

    @Test
    void theWebAclIsCloudFrontScopedThroughTheUsEast1ProviderAndGuardsTheDistribution() {
        var waf = run.named("aws:wafv2/webAcl:WebAcl", "front-waf");
        assertThat(waf.string("scope")).hasValue("CLOUDFRONT");
        assertThat(waf.provider()).contains("aws-us-east-1");
        assertThat(distribution().provider()).doesNotContain("aws-us-east-1");
        var names = new java.util.ArrayList<>(StaticFront.WAF_RULE_GROUPS);
        names.add(WebFirewall.RATE_LIMIT_RULE);
        assertThat(maps(waf.input("rules").orElseThrow())).extracting(r -> r.get("name")).containsExactlyElementsOf(names);
        assertThat(maps(waf.input("rules").orElseThrow()).get(3).get("statement")).isEqualTo(Map.of("rateBasedStatement",
                Map.of("aggregateKeyType", "IP", "evaluationWindowSec", 300.0, "limit", (double) RATE_LIMIT)));
        assertThat(run.named("aws:cloudwatch/logGroup:LogGroup", "front-waf-logs").inputs())
                .containsEntry("name", "aws-waf-logs-hipaa-prod-front").containsEntry("retentionInDays", (double) WAF_LOG_DAYS);
        assertThat(distribution().string("webAclId"))
                .hasValue("arn:aws:wafv2:us-east-1:123456789012:global/webacl/hipaa-prod-front/front-waf-id");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        var policy = run.named("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "front-security-headers");
        var h = policy.map("securityHeadersConfig");
        assertThat(h.get("strictTransportSecurity")).isEqualTo(Map.of("accessControlMaxAgeSec", 63072000.0,
                "includeSubdomains", true, "preload", true, "override", true));
        assertThat(h.get("contentTypeOptions")).isEqualTo(Map.of("override", true));
        assertThat(h.get("frameOptions")).isEqualTo(Map.of("frameOption", "DENY", "override", true));
        assertThat(h.get("referrerPolicy")).isEqualTo(Map.of("referrerPolicy", "strict-origin-when-cross-origin", "override", true));
        assertThat(distribution().map("defaultCacheBehavior")).containsEntry("responseHeadersPolicyId", "front-security-headers-id");
        assertThat(maps(distribution().input("orderedCacheBehaviors").orElseThrow()).get(0))
                .containsEntry("responseHeadersPolicyId", "front-security-headers-id");
    }

    @Test
    void aliasRecordsPointTheDomainAtCloudFrontAndTheApiAtTheAlb() {
        var records = run.ofType("aws:route53/record:Record");
        // An IPv4-only load balancer: an AAAA alias to it would answer nothing.
        assertThat(records).extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("front-a", "front-aaaa", "front-api-a");
        for (var type : List.of("a", "aaaa")) {
            var front = run.named("aws:route53/record:Record", "front-" + type);
            assertThat(front.string("name")).hasValue("app.example.com");
            assertThat(front.string("type")).hasValue(type.toUpperCase());
            assertThat(front.string("zoneId")).hasValue("Z0123456789ABCDEFGHIJ");
            assertThat(maps(front.input("aliases").orElseThrow())).containsExactly(Map.of(
                    "name", distribution().state().get("domainName"), "zoneId", "Z2FDTNDATAQYW2", "evaluateTargetHealth", false));
        }
        var api = run.named("aws:route53/record:Record", "front-api-a");
        assertThat(api.string("name")).hasValue("api.app.example.com");
        assertThat(maps(api.input("aliases").orElseThrow())).containsExactly(Map.of(
                "name", ALB_DNS, "zoneId", ALB_ZONE, "evaluateTargetHealth", true));
    }

    @Test
    void aDualStackLoadBalancerAlsoGetsAnAaaaRecordForTheApi() {
        var dual = Components.run(opts -> {
            var usEast1 = new Provider("aws-us-east-1", ProviderArgs.builder().region("us-east-1").build());
            var a = args("https-only", true, usEast1);
            var api = a.api();
            new StaticFront("front", new StaticFront.Args(a.naming(), a.site(),
                    new StaticFront.Api(api.apiPathPattern(), api.albDnsName(), api.albZoneId(), true), a.firewall(),
                    a.accessLogBucketName(), usEast1, true), opts);
        });
        assertThat(dual.ofType("aws:route53/record:Record")).extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("front-a", "front-aaaa", "front-api-a", "front-api-aaaa");
        assertThat(dual.named("aws:route53/record:Record", "front-api-aaaa").inputs()).containsEntry("type", "AAAA")
                .containsEntry("name", "api.app.example.com");
    }

    @Test
    void theContentBucketIsProtectedAndRetainedWhenStateIsProtected() {
        var bucket = run.named("aws:s3/bucketV2:BucketV2", "front-content");
        assertThat(run.protection(bucket)).isEqualTo(new OfflineRun.Protection(true, true));
        assertThat(bucket.isTrue("forceDestroy")).isFalse();
        var open = Components.run(opts -> new StaticFront("front", args("redirect-to-https", false,
                new Provider("aws-us-east-1", ProviderArgs.builder().region("us-east-1").build())), opts));
        assertThat(open.protection(open.named("aws:s3/bucketV2:BucketV2", "front-content"))).isEqualTo(OfflineRun.Protection.NONE);
        assertThat(open.named("aws:cloudfront/distribution:Distribution", "front-distribution").map("defaultCacheBehavior"))
                .containsEntry("viewerProtocolPolicy", "redirect-to-https");
    }

    /**
     * The project's own guardrails judge the front the way they will judge it in a stack. Left out: the
     * stack-scope account public access block (Audit owns it), Object Lock and replication (exempted for the
     * front's buckets in guardrails/exemptions.yaml, with their reasons).
     */
    @Test
    void theCloudFrontAndS3GuardrailsPass() {
        var report = hipaa.guardrails.Guardrails.evaluate(run.resources(),
                hipaa.audit.Exemptions.load(java.nio.file.Path.of("guardrails/exemptions.yaml")),
                hipaa.guardrails.GuardrailContext.of(List.of(), List.of(), java.time.LocalDate.now()).forStack("prod"));
        var applicable = report.results().stream()
                .filter(r -> r.rule().id().startsWith("cloudfront-") || r.rule().id().startsWith("s3-")
                        || r.rule().id().startsWith("wafv2-") || r.rule().id().startsWith("cloudwatch-log-group"))
                .filter(r -> r.status() != hipaa.guardrails.GuardrailReport.Status.NOT_APPLICABLE)
                .filter(r -> !List.of("s3-account-level-public-access-blocks-periodic", "s3-bucket-default-lock-enabled",
                        "s3-bucket-replication-enabled").contains(r.rule().id()))
                .toList();
        assertThat(applicable).extracting(r -> r.rule().id()).contains("cloudfront-viewer-policy-https",
                "cloudfront-security-policy-check", "cloudfront-accesslogs-enabled", "cloudfront-associated-with-waf");
        assertThat(applicable).extracting(r -> r.rule().id()).contains("s3-lifecycle-policy-check", "s3-bucket-logging-enabled",
                "s3-default-encryption-kms", "wafv2-logging-enabled", "cloudwatch-log-group-encrypted");
        assertThat(applicable).allSatisfy(r -> assertThat(r.status()).as(r.rule().id() + ": " + r.failed())
                .isEqualTo(hipaa.guardrails.GuardrailReport.Status.PASSED));
    }
}
