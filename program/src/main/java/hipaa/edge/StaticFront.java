package hipaa.edge;

import com.pulumi.aws.cloudfront.Distribution;
import com.pulumi.aws.cloudfront.DistributionArgs;
import com.pulumi.aws.cloudfront.OriginAccessControl;
import com.pulumi.aws.cloudfront.OriginAccessControlArgs;
import com.pulumi.aws.cloudfront.ResponseHeadersPolicy;
import com.pulumi.aws.cloudfront.ResponseHeadersPolicyArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionDefaultCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionLoggingConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOrderedCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginCustomOriginConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsGeoRestrictionArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionViewerCertificateArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigContentTypeOptionsArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigFrameOptionsArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigReferrerPolicyArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurityArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.BucketLoggingV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.aws.wafv2.WebAcl;
import com.pulumi.aws.wafv2.WebAclArgs;
import com.pulumi.aws.wafv2.WebAclLoggingConfiguration;
import com.pulumi.aws.wafv2.WebAclLoggingConfigurationArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionAllowArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionNoneArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleVisibilityConfigArgs;
import com.pulumi.aws.wafv2.inputs.WebAclVisibilityConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import hipaa.identity.AwsAccount;
import hipaa.identity.KeyPolicies;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The static front: CloudFront serves a private S3 bucket and sends the API path to the ALB, behind a
 * CLOUDFRONT-scope WAF, with Route 53 alias records for the front and the API.
 *
 * <p>Children (their names are the stack's identity): {@code <name>-content} (the bucket, protected and
 * retained where state is protected), {@code <name>-content-ownership}, {@code <name>-content-public-access-block},
 * {@code <name>-content-versioning}, {@code <name>-content-key} (its own KMS key: CloudFront may decrypt for
 * this distribution only), {@code <name>-content-encryption}, {@code <name>-content-lifecycle}, {@code <name>-content-access-logging},
 * {@code <name>-content-policy}; {@code <name>-logs} (CloudFront standard logs), {@code <name>-logs-ownership},
 * {@code <name>-logs-public-access-block}, {@code <name>-logs-versioning}, {@code <name>-logs-encryption},
 * {@code <name>-logs-lifecycle},
 * {@code <name>-logs-access-logging}, {@code <name>-logs-policy}, {@code <name>-logs-key} with {@code <name>-logs-key-alias}
 * (SSE-KMS for the standard logs); {@code <name>-oac}, {@code <name>-security-headers};
 * through the us-east-1 provider: {@code <name>-waf}, {@code <name>-waf-logs-key} with {@code <name>-waf-logs-key-alias},
 * {@code <name>-waf-logs} (log group {@code aws-waf-logs-<prefix>-front}) and {@code <name>-waf-logging};
 * {@code <name>-distribution}; records {@code <name>-a}, {@code <name>-aaaa}, {@code <name>-api-a}, and
 * {@code <name>-api-aaaa} only when the load balancer is dual-stack (an AAAA alias to an IPv4-only load
 * balancer answers nothing).
 *
 * <p>The web ACL is as strict as the load balancer's: AWS's managed groups, a per-client-IP rate limit (here
 * CloudFront still sees the client; behind it the load balancer sees only CloudFront), and every request's
 * verdict logged, credentials redacted. The load balancer accepts only CloudFront's origin-facing prefix list
 * (HttpsLoadBalancer), so nothing reaches the API around this ACL.
 *
 * <p>Fixed posture: viewers only over HTTPS with TLS 1.2 (TLSv1.2_2021 policy); the ALB only over HTTPS
 * with TLS 1.2; the bucket readable only by this distribution, signed with SigV4 through origin access
 * control, and never without TLS. Supports 164.312(e)(1) transmission security, 164.312(a)(2)(iv)
 * encryption, 164.312(b) audit controls (standard and S3 access logs) and 164.308(a)(1)(ii)(B) risk
 * management (WAF managed rules).
 */
public final class StaticFront extends ComponentResource {

    public static final String TYPE = "hipaa:edge:StaticFront";
    public static final String MINIMUM_PROTOCOL_VERSION = "TLSv1.2_2021";
    public static final String STATIC_ORIGIN = "static-content";
    public static final String API_ORIGIN = "alb-api";
    /** AWS managed cache and origin request policies (IDs from "Use managed cache policies", CloudFront guide). */
    static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
    /** Two years, the value HSTS preload lists ask for. */
    static final int HSTS_MAX_AGE_SECONDS = 63_072_000;
    /** Access logs are audit evidence: kept six years, the HIPAA documentation retention period. */
    static final int LOG_RETENTION_DAYS = 2190;
    static final int CONTENT_VERSION_DAYS = 90;
    /** CLOUDFRONT-scope web ACLs, their logging and their log groups exist only in this Region. */
    static final String CLOUDFRONT_REGION = "us-east-1";
    /** WAF delivers logs only to CloudWatch Logs groups whose names start with this. */
    public static final String WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";
    static final List<String> WAF_RULE_GROUPS = List.of(
            "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList");

    /**
     * @param account             the account, for bucket names and the key policy
     * @param namePrefix          physical name prefix, e.g. {@code hipaa-prod}
     * @param domain              the front's DNS name
     * @param hostedZoneId        existing hosted zone for the records
     * @param certificateArn      ACM certificate in us-east-1 covering the aliases and {@code api.} + domain
     * @param aliases             every name the distribution answers for, domain first
     * @param apiPathPattern      path pattern sent to the ALB
     * @param viewerProtocolPolicy {@code https-only} or {@code redirect-to-https}
     * @param defaultRootObject   object served for {@code /}
     * @param albDnsName          the ALB's DNS name (alias target of the API record)
     * @param albZoneId           the ALB's canonical hosted zone id
     * @param accessLogBucketName where S3 server access logs of both buckets go (the audit access-log bucket)
     * @param usEast1             provider in us-east-1, where CLOUDFRONT-scope web ACLs must be created
     * @param protect             keep the content bucket through {@code pulumi destroy} and replacements
     * @param wafRateLimit        requests per client IP per 5 minutes before the web ACL blocks it
     * @param wafLogRetentionDays retention of the web ACL's log group
     * @param albDualStack        whether the load balancer has IPv6 addresses (then the API gets an AAAA record)
     */
    public record Args(AwsAccount account, String namePrefix, String domain, String hostedZoneId, String certificateArn,
                       List<String> aliases, String apiPathPattern, String viewerProtocolPolicy, String defaultRootObject,
                       Output<String> albDnsName, Output<String> albZoneId, Output<String> accessLogBucketName,
                       ProviderResource usEast1, boolean protect, int wafRateLimit, int wafLogRetentionDays,
                       boolean albDualStack) {
        public Args {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(albDnsName, "albDnsName");
            Objects.requireNonNull(albZoneId, "albZoneId");
            Objects.requireNonNull(accessLogBucketName, "accessLogBucketName");
            if (!List.of("https-only", "redirect-to-https").contains(viewerProtocolPolicy)) {
                throw new IllegalArgumentException("viewerProtocolPolicy: " + viewerProtocolPolicy + " serves plain HTTP");
            }
            if (!certificateArn.startsWith("arn:" + account.partition() + ":acm:" + CLOUDFRONT_REGION + ":")) {
                throw new IllegalArgumentException("certificateArn: " + certificateArn + " is not in us-east-1");
            }
            Objects.requireNonNull(usEast1, "usEast1");
            aliases = List.copyOf(aliases);
        }

        public String apiDomain() {
            return "api." + domain;
        }
    }

    public final Output<String> distributionId;
    public final Output<String> distributionDomainName;
    public final Output<String> contentBucketName;
    public final Output<String> logBucketName;
    public final Output<List<String>> recordNames;

    public StaticFront(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var a = args.account();
        var contentName = args.namePrefix() + "-static-content-" + a.accountId();
        var logsName = args.namePrefix() + "-cdn-logs-" + a.accountId();
        var contentArn = "arn:" + a.partition() + ":s3:::" + contentName;
        var logsArn = "arn:" + a.partition() + ":s3:::" + logsName;

        // ---- the content bucket: private, versioned, under its own key
        var content = new BucketV2(name + "-content", BucketV2Args.builder()
                .bucket(contentName)
                .forceDestroy(false)
                .tags(Map.of("Name", contentName, "Purpose", "static-content"))
                .build(), CustomResourceOptions.builder().parent(this)
                .protect(args.protect()).retainOnDelete(args.protect()).build());
        var contentOwnership = new BucketOwnershipControls(name + "-content-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(content.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);
        var contentPublic = blockPublicAccess(name + "-content-public-access-block", content, child);
        versioning(name + "-content-versioning", content, child);

        var oac = new OriginAccessControl(name + "-oac", OriginAccessControlArgs.builder()
                .name(args.namePrefix() + "-static-content")
                .description("CloudFront signs every request to " + contentName + " (SigV4), the only reader of the bucket")
                .originAccessControlOriginType("s3")
                .signingBehavior("always")
                .signingProtocol("sigv4")
                .build(), child);

        // ---- the CloudFront standard-log bucket: legacy standard logging writes through ACLs, so this bucket
        // alone enables them (BucketOwnerPreferred) and is kept apart from the audit buckets, which forbid ACLs.
        var logs = new BucketV2(name + "-logs", BucketV2Args.builder()
                .bucket(logsName)
                .forceDestroy(false)
                .tags(Map.of("Name", logsName, "Purpose", "cloudfront-logs"))
                .build(), CustomResourceOptions.builder().parent(this)
                .protect(args.protect()).retainOnDelete(args.protect()).build());
        var logsOwnership = new BucketOwnershipControls(name + "-logs-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(logs.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerPreferred").build())
                .build(), child);
        var logsPublic = blockPublicAccess(name + "-logs-public-access-block", logs, child);
        versioning(name + "-logs-versioning", logs, child);
        // SSE-KMS under a key of its own: standard logging (legacy) delivers as AWS's log delivery service, which
        // the key policy lets generate data keys (KeyPolicies.cloudFrontStandardLogs).
        var logsKey = key(name + "-logs-key", args.namePrefix() + "-cdn-logs",
                args.namePrefix() + " CloudFront standard logs key. AWS's log delivery service encrypts with it.",
                Output.of(KeyPolicies.cloudFrontStandardLogs(a).toJson()), Optional.empty(), args.protect());
        new BucketServerSideEncryptionConfigurationV2(name + "-logs-encryption", BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(logs.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                .sseAlgorithm("aws:kms").kmsMasterKeyId(logsKey.arn()).build())
                        .bucketKeyEnabled(true)
                        .build())
                .build(), child);
        lifecycle(name + "-logs-lifecycle", logs, "expire-access-logs", LOG_RETENTION_DAYS, LOG_RETENTION_DAYS, child);
        accessLogging(name + "-logs-access-logging", logs, args.accessLogBucketName(), logsName, child);
        var logsPolicy = new BucketPolicy(name + "-logs-policy", BucketPolicyArgs.builder()
                .bucket(logs.id())
                .policy(new PolicyDocument(tlsOnly(logsArn)).toJson())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(logsPublic, logsOwnership).build());

        // ---- security headers on every response, static or API
        var headers = new ResponseHeadersPolicy(name + "-security-headers", ResponseHeadersPolicyArgs.builder()
                .name(args.namePrefix() + "-security-headers")
                .comment("HSTS, nosniff, DENY framing, strict referrer")
                .securityHeadersConfig(ResponseHeadersPolicySecurityHeadersConfigArgs.builder()
                        .strictTransportSecurity(ResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurityArgs.builder()
                                .accessControlMaxAgeSec(HSTS_MAX_AGE_SECONDS).includeSubdomains(true).preload(true)
                                .override(true).build())
                        .contentTypeOptions(ResponseHeadersPolicySecurityHeadersConfigContentTypeOptionsArgs.builder()
                                .override(true).build())
                        .frameOptions(ResponseHeadersPolicySecurityHeadersConfigFrameOptionsArgs.builder()
                                .frameOption("DENY").override(true).build())
                        .referrerPolicy(ResponseHeadersPolicySecurityHeadersConfigReferrerPolicyArgs.builder()
                                .referrerPolicy("strict-origin-when-cross-origin").override(true).build())
                        .build())
                .build(), child);

        // ---- the web ACL: CLOUDFRONT scope exists only in us-east-1, hence the second provider
        var wafRules = new ArrayList<WebAclRuleArgs>();
        for (int i = 0; i < WAF_RULE_GROUPS.size(); i++) {
            var group = WAF_RULE_GROUPS.get(i);
            wafRules.add(WebAclRuleArgs.builder()
                    .name(group)
                    .priority(i)
                    .overrideAction(WebAclRuleOverrideActionArgs.builder().none(WebAclRuleOverrideActionNoneArgs.builder().build()).build())
                    .statement(WebAclRuleStatementArgs.builder()
                            .managedRuleGroupStatement(WebAclRuleStatementManagedRuleGroupStatementArgs.builder()
                                    .vendorName("AWS").name(group).build())
                            .build())
                    .visibilityConfig(WebAclRuleVisibilityConfigArgs.builder()
                            .cloudwatchMetricsEnabled(true).sampledRequestsEnabled(true).metricName(group).build())
                    .build());
        }
        // CloudFront sees each viewer's address, so the per-client limit lives here: behind the front the load
        // balancer's web ACL sees only CloudFront's servers.
        wafRules.add(WebFirewall.rateLimitPerClientIp(WAF_RULE_GROUPS.size(), args.wafRateLimit(), args.namePrefix() + "-front-"));
        var waf = new WebAcl(name + "-waf", WebAclArgs.builder()
                .name(args.namePrefix() + "-front")
                .description("AWS managed rules in front of " + args.domain())
                .scope("CLOUDFRONT")
                .defaultAction(WebAclDefaultActionArgs.builder().allow(WebAclDefaultActionAllowArgs.builder().build()).build())
                .rules(wafRules)
                .visibilityConfig(WebAclVisibilityConfigArgs.builder()
                        .cloudwatchMetricsEnabled(true).sampledRequestsEnabled(true)
                        .metricName(args.namePrefix() + "-front").build())
                .build(), CustomResourceOptions.builder().parent(this).provider(args.usEast1()).build());

        // Every verdict logged, like the load balancer's. WAF delivers only to log groups named aws-waf-logs-*,
        // and a CLOUDFRONT web ACL only to one in us-east-1, where the stack's logs key does not exist: the group
        // gets a key of its own there (alias <prefix>-*, so the evidence-protection deny covers it).
        var usEast1 = CustomResourceOptions.builder().parent(this).provider(args.usEast1()).build();
        var usEast1Account = new AwsAccount(a.partition(), CLOUDFRONT_REGION, a.accountId());
        var wafLogsKey = key(name + "-waf-logs-key", args.namePrefix() + "-front-waf-logs",
                args.namePrefix() + " front web ACL logs key (us-east-1). CloudWatch Logs encrypts with it.",
                Output.of(KeyPolicies.logGroups(usEast1Account).toJson()), Optional.of(args.usEast1()), args.protect());
        var wafLogGroupName = WAF_LOG_GROUP_PREFIX + args.namePrefix() + "-front";
        var wafLogs = new LogGroup(name + "-waf-logs", LogGroupArgs.builder()
                .name(wafLogGroupName)
                .retentionInDays(args.wafLogRetentionDays())
                .kmsKeyId(wafLogsKey.arn())
                .tags(Map.of("Name", wafLogGroupName))
                .build(), CustomResourceOptions.builder().parent(this).provider(args.usEast1())
                .protect(args.protect()).retainOnDelete(args.protect()).build());
        new WebAclLoggingConfiguration(name + "-waf-logging", WebAclLoggingConfigurationArgs.builder()
                .resourceArn(waf.arn())
                .logDestinationConfigs(wafLogs.arn().applyValue(List::of))
                .redactedFields(WebFirewall.redactedFields())
                .build(), usEast1);

        // ---- the distribution
        var distribution = new Distribution(name + "-distribution", DistributionArgs.builder()
                .enabled(true)
                .isIpv6Enabled(true)
                .httpVersion("http2and3")
                .comment(args.namePrefix() + " static front")
                .aliases(args.aliases())
                .defaultRootObject(args.defaultRootObject())
                .webAclId(waf.arn())
                .origins(
                        DistributionOriginArgs.builder()
                                .originId(STATIC_ORIGIN)
                                .domainName(content.bucketRegionalDomainName())
                                .originAccessControlId(oac.id())
                                .build(),
                        // The ALB's certificate names api.<domain>, not the ALB's own DNS name: CloudFront checks
                        // the origin certificate against this name, so it connects through the API record.
                        DistributionOriginArgs.builder()
                                .originId(API_ORIGIN)
                                .domainName(args.apiDomain())
                                .customOriginConfig(DistributionOriginCustomOriginConfigArgs.builder()
                                        .httpPort(80)
                                        .httpsPort(443)
                                        .originProtocolPolicy("https-only")
                                        .originSslProtocols("TLSv1.2")
                                        .build())
                                .build())
                .defaultCacheBehavior(DistributionDefaultCacheBehaviorArgs.builder()
                        .targetOriginId(STATIC_ORIGIN)
                        .viewerProtocolPolicy(args.viewerProtocolPolicy())
                        .allowedMethods("GET", "HEAD")
                        .cachedMethods("GET", "HEAD")
                        .compress(true)
                        .cachePolicyId(CACHING_OPTIMIZED)
                        .responseHeadersPolicyId(headers.id())
                        .build())
                .orderedCacheBehaviors(DistributionOrderedCacheBehaviorArgs.builder()
                        .pathPattern(args.apiPathPattern())
                        .targetOriginId(API_ORIGIN)
                        .viewerProtocolPolicy(args.viewerProtocolPolicy())
                        .allowedMethods("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE")
                        .cachedMethods("GET", "HEAD")
                        .compress(true)
                        // PHI must not sit in edge caches: API responses are never cached.
                        .cachePolicyId(CACHING_DISABLED)
                        .originRequestPolicyId(ALL_VIEWER_EXCEPT_HOST_HEADER)
                        .responseHeadersPolicyId(headers.id())
                        .build())
                .viewerCertificate(DistributionViewerCertificateArgs.builder()
                        .acmCertificateArn(args.certificateArn())
                        .sslSupportMethod("sni-only")
                        .minimumProtocolVersion(MINIMUM_PROTOCOL_VERSION)
                        .build())
                .restrictions(DistributionRestrictionsArgs.builder()
                        .geoRestriction(DistributionRestrictionsGeoRestrictionArgs.builder().restrictionType("none").build())
                        .build())
                .loggingConfig(DistributionLoggingConfigArgs.builder()
                        .bucket(logs.bucketDomainName())
                        .prefix("cloudfront/")
                        // Cookies can carry session tokens: never written to logs.
                        .includeCookies(false)
                        .build())
                .tags(Map.of("Name", args.namePrefix() + "-front"))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(logsPolicy).build());

        // ---- content encryption: its key names the distribution, so it follows it
        var key = new Key(name + "-content-key", KeyArgs.builder()
                .description(args.namePrefix() + " static content key. CloudFront decrypts for one distribution only.")
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(distribution.arn().applyValue(arn -> KeyPolicies.staticContent(a, arn).toJson()))
                .tags(Map.of("Name", args.namePrefix() + "-static-content", "Purpose", "static-content"))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        new BucketServerSideEncryptionConfigurationV2(name + "-content-encryption", BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(content.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                .sseAlgorithm("aws:kms").kmsMasterKeyId(key.arn()).build())
                        .bucketKeyEnabled(true)
                        .build())
                .build(), child);
        // Current content stays until replaced; a replaced or deleted version is kept 90 days for rollback.
        lifecycle(name + "-content-lifecycle", content, "expire-old-versions", null, CONTENT_VERSION_DAYS, child);
        accessLogging(name + "-content-access-logging", content, args.accessLogBucketName(), contentName, child);
        new BucketPolicy(name + "-content-policy", BucketPolicyArgs.builder()
                .bucket(content.id())
                .policy(distribution.arn().applyValue(arn -> contentPolicy(contentArn, arn).toJson()))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(contentPublic, contentOwnership).build());

        // ---- DNS: aliases, so no address is ever hard-coded
        var records = new ArrayList<String>();
        for (var type : List.of("A", "AAAA")) {
            new Record(name + "-" + type.toLowerCase(java.util.Locale.ROOT), RecordArgs.builder()
                    .zoneId(args.hostedZoneId())
                    .name(args.domain())
                    .type(type)
                    // CloudFront aliases cannot evaluate target health; AWS requires false.
                    .aliases(RecordAliasArgs.builder().name(distribution.domainName()).zoneId(distribution.hostedZoneId())
                            .evaluateTargetHealth(false).build())
                    .build(), child);
            if (type.equals("AAAA") && !args.albDualStack()) {
                continue;
            }
            new Record(name + "-api-" + type.toLowerCase(java.util.Locale.ROOT), RecordArgs.builder()
                    .zoneId(args.hostedZoneId())
                    .name(args.apiDomain())
                    .type(type)
                    .aliases(RecordAliasArgs.builder().name(args.albDnsName()).zoneId(args.albZoneId())
                            .evaluateTargetHealth(true).build())
                    .build(), child);
        }
        records.add(args.domain());
        records.add(args.apiDomain());

        this.distributionId = distribution.id();
        this.distributionDomainName = distribution.domainName();
        this.contentBucketName = content.bucket();
        this.logBucketName = logs.bucket();
        this.recordNames = Output.of(List.copyOf(records));
        registerOutputs(Map.of("distributionId", distributionId, "distributionDomainName", distributionDomainName,
                "contentBucketName", contentBucketName, "logBucketName", logBucketName, "recordNames", recordNames));
    }

    /** A rotating symmetric key with an alias {@code alias/<aliasName>}, so the evidence-protection deny covers it. */
    private Key key(String name, String aliasName, String description, Output<String> policy,
                    Optional<ProviderResource> provider, boolean protect) {
        var opts = CustomResourceOptions.builder().parent(this);
        var aliasOpts = CustomResourceOptions.builder().parent(this);
        provider.ifPresent(p -> {
            opts.provider(p);
            aliasOpts.provider(p);
        });
        var key = new Key(name, KeyArgs.builder()
                .description(description)
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(policy)
                .tags(Map.of("Name", aliasName))
                .build(), opts.protect(protect).build());
        new Alias(name + "-alias", AliasArgs.builder()
                .name("alias/" + aliasName)
                .targetKeyId(key.keyId())
                .build(), aliasOpts.build());
        return key;
    }

    /** TLS only, then CloudFront reading objects for this one distribution (origin access control). */
    static PolicyDocument contentPolicy(String bucketArn, String distributionArn) {
        var all = new ArrayList<>(tlsOnly(bucketArn));
        all.add(Statement.allow("AllowThisDistributionToReadObjects")
                .principal("Service", "cloudfront.amazonaws.com")
                .actions("s3:GetObject")
                .resources(bucketArn + "/*")
                .condition("StringEquals", "AWS:SourceArn", distributionArn));
        return new PolicyDocument(all);
    }

    static List<Statement> tlsOnly(String bucketArn) {
        return List.of(
                Statement.deny("DenyRequestsWithoutTls").principal("*", "*")
                        .actions("s3:*").resources(bucketArn, bucketArn + "/*")
                        .condition("Bool", "aws:SecureTransport", "false"),
                Statement.deny("DenyTlsOlderThan12").principal("*", "*")
                        .actions("s3:*").resources(bucketArn, bucketArn + "/*")
                        .condition("NumericLessThan", "s3:TlsVersion", "1.2"));
    }

    private static BucketPublicAccessBlock blockPublicAccess(String name, BucketV2 bucket, CustomResourceOptions opts) {
        return new BucketPublicAccessBlock(name, BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)
                .build(), opts);
    }

    private static void versioning(String name, BucketV2 bucket, CustomResourceOptions opts) {
        new BucketVersioningV2(name, BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), opts);
    }

    private static void lifecycle(String name, BucketV2 bucket, String id, Integer expireDays, int noncurrentDays,
                                  CustomResourceOptions opts) {
        var rule = BucketLifecycleConfigurationV2RuleArgs.builder()
                .id(id)
                .status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                        .noncurrentDays(noncurrentDays).build())
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                        .daysAfterInitiation(7).build());
        if (expireDays != null) {
            rule.expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(expireDays).build());
        }
        new BucketLifecycleConfigurationV2(name, BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id()).rules(rule.build()).build(), opts);
    }

    private static void accessLogging(String name, BucketV2 bucket, Output<String> target, String bucketName,
                                      CustomResourceOptions opts) {
        new BucketLoggingV2(name, BucketLoggingV2Args.builder()
                .bucket(bucket.id())
                .targetBucket(target)
                .targetPrefix(hipaa.audit.Audit.ACCESS_LOG_PREFIX + bucketName + "/")
                .build(), opts);
    }
}
