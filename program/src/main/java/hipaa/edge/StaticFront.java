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
import hipaa.identity.EvidenceBuckets;
import hipaa.identity.Naming;
import hipaa.identity.KeyPolicies;
import hipaa.identity.KmsKeys;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.storage.PrivateBucket;

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
 * balancer answers nothing). Both buckets are built by {@link PrivateBucket}; both keep their objects through
 * any destroy ({@code forceDestroy: false}).
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
     * What viewers see.
     *
     * @param domain               the front's DNS name
     * @param hostedZoneId         existing hosted zone for the records
     * @param certificateArn       ACM certificate in us-east-1 covering the aliases and {@code api.} + domain
     * @param aliases              every name the distribution answers for, domain first
     * @param viewerProtocolPolicy {@code https-only} or {@code redirect-to-https}
     * @param defaultRootObject    object served for {@code /}
     */
    public record Site(String domain, String hostedZoneId, String certificateArn, List<String> aliases,
                       String viewerProtocolPolicy, String defaultRootObject) {
        public Site {
            aliases = List.copyOf(aliases);
        }

        public String apiDomain() {
            return "api." + domain;
        }
    }

    /**
     * The API behind the front.
     *
     * @param apiPathPattern path pattern sent to the ALB
     * @param albDnsName     the ALB's DNS name (alias target of the API record)
     * @param albZoneId      the ALB's canonical hosted zone id
     * @param albDualStack   whether the ALB has IPv6 addresses (then the API gets an AAAA record)
     */
    public record Api(String apiPathPattern, Output<String> albDnsName, Output<String> albZoneId, boolean albDualStack) {
        public Api {
            Objects.requireNonNull(albDnsName, "albDnsName");
            Objects.requireNonNull(albZoneId, "albZoneId");
        }
    }

    /**
     * The front's web ACL, as strict as the load balancer's.
     *
     * @param rateLimit        requests per client IP per 5 minutes before the web ACL blocks it
     * @param logRetentionDays retention of the web ACL's log group
     */
    public record Firewall(int rateLimit, int logRetentionDays) {}

    /**
     * @param naming              the name prefix, and the account for bucket names and the key policy
     * @param site                the domain, its zone and certificate, the aliases and how viewers are served
     * @param api                 the path sent to the ALB and the ALB itself
     * @param firewall            the web ACL's rate limit and log retention
     * @param accessLogBucketName where S3 server access logs of both buckets go (the audit access-log bucket)
     * @param usEast1             provider in us-east-1, where CLOUDFRONT-scope web ACLs must be created
     * @param protect             keep the content bucket through {@code pulumi destroy} and replacements
     */
    public record Args(Naming naming, Site site, Api api, Firewall firewall, Output<String> accessLogBucketName,
                       ProviderResource usEast1, boolean protect) {}

    public final Output<String> distributionId;
    public final Output<String> distributionDomainName;
    public final Output<String> contentBucketName;
    public final Output<String> logBucketName;
    public final Output<List<String>> recordNames;

    public StaticFront(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var a = args.naming().account();
        var site = args.site();
        var api = args.api();
        var contentName = args.naming().namePrefix() + "-static-content-" + a.accountId();
        var logsName = args.naming().namePrefix() + "-cdn-logs-" + a.accountId();

        // ---- the content bucket: private, versioned, under its own key. The key and the policy name the
        // distribution, which reads the bucket: the bucket opens now and is completed after the distribution.
        var contentBucket = PrivateBucket.builder(this, name + "-content")
                .bucketName(contentName, a.partition())
                .tags(Map.of("Name", contentName, "Purpose", "static-content"))
                .protect(args.protect())
                .onDestroy(PrivateBucket.OnDestroy.KEEP_OBJECTS)
                // Current content stays until replaced; a replaced or deleted version is kept 90 days for rollback.
                .lifecycle(PrivateBucket.Lifecycle.keepCurrent("expire-old-versions", CONTENT_VERSION_DAYS))
                .serverAccessLogs(Optional.of(serverAccessLogs(args, contentName)))
                .open();

        var oac = new OriginAccessControl(name + "-oac", OriginAccessControlArgs.builder()
                .name(args.naming().namePrefix() + "-static-content")
                .description("CloudFront signs every request to " + contentName + " (SigV4), the only reader of the bucket")
                .originAccessControlOriginType("s3")
                .signingBehavior("always")
                .signingProtocol("sigv4")
                .build(), child);

        // ---- the CloudFront standard-log bucket: legacy standard logging writes through ACLs, so this bucket
        // alone enables them (BucketOwnerPreferred) and is kept apart from the audit buckets, which forbid ACLs.
        var logsKey = key(name + "-logs-key", args.naming().namePrefix() + "-cdn-logs",
                args.naming().namePrefix() + " CloudFront standard logs key. AWS's log delivery service encrypts with it.",
                Output.of(KeyPolicies.cloudFrontStandardLogs(a).toJson()), Optional.empty(), args.protect());
        var logs = PrivateBucket.builder(this, name + "-logs")
                .bucketName(logsName, a.partition())
                .tags(Map.of("Name", logsName, "Purpose", "cloudfront-logs"))
                .protect(args.protect())
                .onDestroy(PrivateBucket.OnDestroy.KEEP_OBJECTS)
                .ownership(PrivateBucket.Ownership.OWNER_PREFERRED)
                // SSE-KMS under a key of its own: standard logging (legacy) delivers as AWS's log delivery service,
                // which the key policy lets generate data keys (KeyPolicies.cloudFrontStandardLogs).
                .encryption(PrivateBucket.Encryption.kms(logsKey.arn()))
                .lifecycle(PrivateBucket.Lifecycle.expire("expire-access-logs", LOG_RETENTION_DAYS, LOG_RETENTION_DAYS))
                .serverAccessLogs(Optional.of(serverAccessLogs(args, logsName)))
                .grants(EvidenceBuckets.guarded(List.of(), a, args.naming().namePrefix(), PrivateBucket.arn(a.partition(), logsName), args.protect()))
                .create();

        // ---- security headers on every response, static or API
        var headers = new ResponseHeadersPolicy(name + "-security-headers", ResponseHeadersPolicyArgs.builder()
                .name(args.naming().namePrefix() + "-security-headers")
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
        wafRules.add(WebFirewall.rateLimitPerClientIp(WAF_RULE_GROUPS.size(), args.firewall().rateLimit(),
                args.naming().namePrefix() + "-front-"));
        var waf = new WebAcl(name + "-waf", WebAclArgs.builder()
                .name(args.naming().namePrefix() + "-front")
                .description("AWS managed rules in front of " + site.domain())
                .scope("CLOUDFRONT")
                .defaultAction(WebAclDefaultActionArgs.builder().allow(WebAclDefaultActionAllowArgs.builder().build()).build())
                .rules(wafRules)
                .visibilityConfig(WebAclVisibilityConfigArgs.builder()
                        .cloudwatchMetricsEnabled(true).sampledRequestsEnabled(true)
                        .metricName(args.naming().namePrefix() + "-front").build())
                .build(), CustomResourceOptions.builder().parent(this).provider(args.usEast1()).build());

        // Every verdict logged, like the load balancer's. WAF delivers only to log groups named aws-waf-logs-*,
        // and a CLOUDFRONT web ACL only to one in us-east-1, where the stack's logs key does not exist: the group
        // gets a key of its own there (alias <prefix>-*, so the evidence-protection deny covers it).
        var usEast1 = CustomResourceOptions.builder().parent(this).provider(args.usEast1()).build();
        var usEast1Account = new AwsAccount(a.partition(), CLOUDFRONT_REGION, a.accountId());
        var wafLogsKey = key(name + "-waf-logs-key", args.naming().namePrefix() + "-front-waf-logs",
                args.naming().namePrefix() + " front web ACL logs key (us-east-1). CloudWatch Logs encrypts with it.",
                Output.of(KeyPolicies.logGroups(usEast1Account).toJson()), Optional.of(args.usEast1()), args.protect());
        var wafLogGroupName = WAF_LOG_GROUP_PREFIX + args.naming().namePrefix() + "-front";
        var wafLogs = new LogGroup(name + "-waf-logs", LogGroupArgs.builder()
                .name(wafLogGroupName)
                .retentionInDays(args.firewall().logRetentionDays())
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
                .comment(args.naming().namePrefix() + " static front")
                .aliases(site.aliases())
                .defaultRootObject(site.defaultRootObject())
                .webAclId(waf.arn())
                .origins(
                        DistributionOriginArgs.builder()
                                .originId(STATIC_ORIGIN)
                                .domainName(contentBucket.bucket.bucketRegionalDomainName())
                                .originAccessControlId(oac.id())
                                .build(),
                        // The ALB's certificate names api.<domain>, not the ALB's own DNS name: CloudFront checks
                        // the origin certificate against this name, so it connects through the API record.
                        DistributionOriginArgs.builder()
                                .originId(API_ORIGIN)
                                .domainName(site.apiDomain())
                                .customOriginConfig(DistributionOriginCustomOriginConfigArgs.builder()
                                        .httpPort(80)
                                        .httpsPort(443)
                                        .originProtocolPolicy("https-only")
                                        .originSslProtocols("TLSv1.2")
                                        .build())
                                .build())
                .defaultCacheBehavior(DistributionDefaultCacheBehaviorArgs.builder()
                        .targetOriginId(STATIC_ORIGIN)
                        .viewerProtocolPolicy(site.viewerProtocolPolicy())
                        .allowedMethods("GET", "HEAD")
                        .cachedMethods("GET", "HEAD")
                        .compress(true)
                        .cachePolicyId(CACHING_OPTIMIZED)
                        .responseHeadersPolicyId(headers.id())
                        .build())
                .orderedCacheBehaviors(DistributionOrderedCacheBehaviorArgs.builder()
                        .pathPattern(api.apiPathPattern())
                        .targetOriginId(API_ORIGIN)
                        .viewerProtocolPolicy(site.viewerProtocolPolicy())
                        .allowedMethods("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE")
                        .cachedMethods("GET", "HEAD")
                        .compress(true)
                        // PHI must not sit in edge caches: API responses are never cached.
                        .cachePolicyId(CACHING_DISABLED)
                        .originRequestPolicyId(ALL_VIEWER_EXCEPT_HOST_HEADER)
                        .responseHeadersPolicyId(headers.id())
                        .build())
                .viewerCertificate(DistributionViewerCertificateArgs.builder()
                        .acmCertificateArn(site.certificateArn())
                        .sslSupportMethod("sni-only")
                        .minimumProtocolVersion(MINIMUM_PROTOCOL_VERSION)
                        .build())
                .restrictions(DistributionRestrictionsArgs.builder()
                        .geoRestriction(DistributionRestrictionsGeoRestrictionArgs.builder().restrictionType("none").build())
                        .build())
                .loggingConfig(DistributionLoggingConfigArgs.builder()
                        .bucket(logs.bucket.bucketDomainName())
                        .prefix("cloudfront/")
                        // Cookies can carry session tokens: never written to logs.
                        .includeCookies(false)
                        .build())
                .tags(Map.of("Name", args.naming().namePrefix() + "-front"))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(logs.policy).build());

        // ---- content encryption and policy: both name the distribution, so they follow it
        var key = new Key(name + "-content-key", KeyArgs.builder()
                .description(args.naming().namePrefix() + " static content key. CloudFront decrypts for one distribution only.")
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(distribution.arn().applyValue(arn -> KeyPolicies.staticContent(a, arn).toJson()))
                .tags(Map.of("Name", args.naming().namePrefix() + "-static-content", "Purpose", "static-content"))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        KmsKeys.alias(name + "-content-key-alias", args.naming().namePrefix() + "-static-content", key.keyId(), this);
        contentBucket.complete(PrivateBucket.Encryption.kms(key.arn()),
                distribution.arn().applyValue(arn -> List.of(readByDistribution(contentBucket.arn, arn))));

        // ---- DNS: aliases, so no address is ever hard-coded
        var records = new ArrayList<String>();
        for (var type : List.of("A", "AAAA")) {
            new Record(name + "-" + type.toLowerCase(java.util.Locale.ROOT), RecordArgs.builder()
                    .zoneId(site.hostedZoneId())
                    .name(site.domain())
                    .type(type)
                    // CloudFront aliases cannot evaluate target health; AWS requires false.
                    .aliases(RecordAliasArgs.builder().name(distribution.domainName()).zoneId(distribution.hostedZoneId())
                            .evaluateTargetHealth(false).build())
                    .build(), child);
            if (type.equals("AAAA") && !api.albDualStack()) {
                continue;
            }
            new Record(name + "-api-" + type.toLowerCase(java.util.Locale.ROOT), RecordArgs.builder()
                    .zoneId(site.hostedZoneId())
                    .name(site.apiDomain())
                    .type(type)
                    .aliases(RecordAliasArgs.builder().name(api.albDnsName()).zoneId(api.albZoneId())
                            .evaluateTargetHealth(true).build())
                    .build(), child);
        }
        records.add(site.domain());
        records.add(site.apiDomain());

        this.distributionId = distribution.id();
        this.distributionDomainName = distribution.domainName();
        this.contentBucketName = contentBucket.bucket.bucket();
        this.logBucketName = logs.bucket.bucket();
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

    /** Beyond TLS-only: CloudFront reads objects for this one distribution (origin access control). */
    static Statement readByDistribution(String bucketArn, String distributionArn) {
        return Statement.allow("AllowThisDistributionToReadObjects")
                .principal("Service", "cloudfront.amazonaws.com")
                .actions("s3:GetObject")
                .resources(bucketArn + "/*")
                .condition("StringEquals", "AWS:SourceArn", distributionArn);
    }

    private static PrivateBucket.ServerAccessLogs serverAccessLogs(Args args, String bucketName) {
        return new PrivateBucket.ServerAccessLogs(args.accessLogBucketName(),
                hipaa.audit.Audit.ACCESS_LOG_PREFIX + bucketName + "/");
    }
}
