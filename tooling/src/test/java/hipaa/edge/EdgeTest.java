package hipaa.edge;

import com.google.gson.JsonParser;
import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.settings.AppSettings;
import hipaa.testing.AppStacks;
import hipaa.testing.Stacks;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static hipaa.testing.AppStacks.map;
import static hipaa.testing.AppStacks.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The edge of the application tier on every real stack and on the both-workloads fixture: what listens,
 * with which certificate and TLS policy, who may connect, where the load balancer may connect to, the WAF
 * and where the logs go. Proves what the program asks AWS for, not that AWS accepts it.
 */
class EdgeTest {

    static final String LISTENER = "aws:lb/listener:Listener";
    static final String TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
    static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    static final String EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

    static java.util.stream.Stream<String> cases() {
        return AppStacks.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyTheHttpsListenerForwardsAndPort80OnlyRedirects(String name) {
        var run = AppStacks.run(name);
        var edge = AppStacks.settings(name).app().edge();
        var listeners = run.ofType(LISTENER);
        assertThat(listeners).extracting(RecordedResource::name, r -> r.integer("port").orElseThrow(), r -> r.string("protocol").orElseThrow())
                .containsExactlyInAnyOrderElementsOf(edge.httpRedirect()
                        ? List.of(tuple("alb-https", 443, "HTTPS"), tuple("alb-http-redirect", 80, "HTTP"))
                        : List.of(tuple("alb-https", 443, "HTTPS")));
        for (var listener : listeners) {
            var actions = Stacks.maps(listener.list("defaultActions"));
            assertThat(actions).hasSize(1);
            if ("HTTPS".equals(listener.string("protocol").orElseThrow())) {
                assertThat(actions.get(0)).containsEntry("type", "forward");
            } else {
                // A redirect that keeps host, path and query and forwards nothing.
                assertThat(actions.get(0)).containsOnlyKeys("type", "redirect").containsEntry("type", "redirect");
                assertThat(map(actions.get(0).get("redirect"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "protocol", "HTTPS", "port", "443", "statusCode", "HTTP_301",
                        "host", "#{host}", "path", "/#{path}", "query", "#{query}"));
            }
        }
    }

    @Test
    void realStacksListenOn443OnlyAndTheFixtureAlsoRedirects80() {
        assertThat(Stacks.run("prod").ofType(LISTENER)).extracting(RecordedResource::name).containsExactly("alb-https");
        assertThat(Stacks.run("dev").ofType(LISTENER)).extracting(RecordedResource::name).containsExactly("alb-https");
        assertThat(AppStacks.run(AppStacks.BOTH_WORKLOADS).ofType(LISTENER)).extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("alb-https", "alb-http-redirect");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void httpsListenerUsesTheStacksCertificateTlsPolicyAndHsts(String name) {
        var run = AppStacks.run(name);
        var https = one(run, LISTENER, "alb-https");
        assertThat(https.string("certificateArn")).contains(AppStacks.config(name).values().get("hipaa:certificateArn"));
        assertThat(https.string("certificateArn").orElseThrow())
                .matches("arn:aws:acm:" + AppStacks.settings(name).region() + ":\\d{12}:certificate/[0-9a-f-]{36}");
        assertThat(https.string("sslPolicy")).contains(AppStacks.settings(name).app().edge().tlsPolicy());
        assertThat(https.string("sslPolicy").orElseThrow()).isIn(AppSettings.ALLOWED_TLS_POLICIES).startsWith("ELBSecurityPolicy-");
        assertThat(https.string("routingHttpResponseStrictTransportSecurityHeaderValue")).contains("max-age=31536000");
        assertThat(https.string("loadBalancerArn")).isEqualTo(one(run, "aws:lb/loadBalancer:LoadBalancer", "alb").arn());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void httpsListenerForwardsToOneWorkloadAndRoutesAnyOtherOnlyByItsPaths(String name) {
        var run = AppStacks.run(name);
        var app = AppStacks.settings(name).app();
        var expected = new ArrayList<String>();
        if (app.fargate().enabled()) {
            expected.add("alb-tg-fargate");
        }
        if (app.ec2().enabled()) {
            expected.add("alb-tg-ec2");
        }
        assertThat(run.ofType(TARGET_GROUP)).extracting(RecordedResource::name).containsExactlyInAnyOrderElementsOf(expected);
        // Two different workloads are never split by weight: the default action names one target group only.
        var https = one(run, LISTENER, "alb-https");
        var action = Stacks.maps(https.list("defaultActions")).get(0);
        assertThat(action).containsOnlyKeys("type", "targetGroupArn").containsEntry("type", "forward")
                .containsEntry("targetGroupArn", one(run, TARGET_GROUP, expected.get(0)).arn().orElseThrow());
        var rules = run.ofType("aws:lb/listenerRule:ListenerRule");
        if (expected.size() == 1) {
            assertThat(rules).isEmpty();
            return;
        }
        // With Fargate too, the instances get exactly the paths the stack names, through one rule on the HTTPS listener.
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("alb-https-ec2");
            assertThat(rule.string("listenerArn")).isEqualTo(https.arn());
            assertThat(rule.integer("priority")).contains(20);
            assertThat(Stacks.maps(rule.list("actions"))).containsExactly(
                    Map.of("type", "forward", "targetGroupArn", one(run, TARGET_GROUP, "alb-tg-ec2").arn().orElseThrow()));
            assertThat(Stacks.maps(rule.list("conditions"))).containsExactly(
                    Map.of("pathPattern", Map.of("values", app.ec2().pathPatterns())));
        });
        assertThat(app.ec2().pathPatterns()).containsExactly("/legacy/*", "/reports/*");
    }

    @Test
    void theEc2AppAloneTakesEveryRequest() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:fargateAppEnabled", "false", "hipaa:ec2AppEnabled", "true",
                "hipaa:ec2AppUserData", AppStacks.EC2_APP_USER_DATA)), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(Stacks.maps(one(run, LISTENER, "alb-https").list("defaultActions"))).containsExactly(
                Map.of("type", "forward", "targetGroupArn", one(run, TARGET_GROUP, "alb-tg-ec2").arn().orElseThrow()));
        assertThat(run.ofType("aws:lb/listenerRule:ListenerRule")).isEmpty();
    }

    @Test
    void theFixtureReallyRunsBothWorkloads() {
        var run = AppStacks.run(AppStacks.BOTH_WORKLOADS);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(run.ofType(TARGET_GROUP)).hasSize(2);
        assertThat(AppStacks.ofType(run, "aws:ecs/service:Service", "app")).hasSize(1);
        assertThat(AppStacks.ofType(run, "aws:autoscaling/group:Group", "app-ec2")).hasSize(1);
        assertThat(run.ofType(LISTENER)).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void targetGroupsAndHealthChecksUseHttpsOnTheAppPort(String name) {
        var run = AppStacks.run(name);
        var app = AppStacks.settings(name).app();
        assertThat(run.ofType(TARGET_GROUP)).isNotEmpty().allSatisfy(tg -> {
            assertThat(tg.string("protocol")).contains("HTTPS");
            assertThat(tg.integer("port")).contains(app.appPort());
            assertThat(tg.string("vpcId")).contains("production-vpc-id");
            assertThat(tg.string("targetType")).contains(tg.name().equals("alb-tg-fargate") ? "ip" : "instance");
            assertThat(tg.map("healthCheck")).containsEntry("protocol", "HTTPS").containsEntry("port", "traffic-port")
                    .containsEntry("path", app.healthCheckPath()).containsEntry("enabled", true);
        });
    }

    @Test
    void plainHttpToTheTargetsOnlyWithTheRelaxationSwitch() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:insecurePlainHttpTargets", "true")), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(run.ofType(TARGET_GROUP)).singleElement().satisfies(tg -> {
            assertThat(tg.string("protocol")).contains("HTTP");
            assertThat(tg.map("healthCheck")).containsEntry("protocol", "HTTP");
        });
        // Clients still speak HTTPS only.
        assertThat(one(run, LISTENER, "alb-https").string("protocol")).contains("HTTPS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadBalancerIsInternetFacingHardenedAndLogged(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var lb = one(run, "aws:lb/loadBalancer:LoadBalancer", "alb");
        var bucket = one(run, "aws:s3/bucketV2:BucketV2", "alb-logs").state().get("bucket");
        var publicSubnets = AppStacks.subnetIds(run, "public");
        assertThat(lb.inputs()).containsEntry("loadBalancerType", "application").containsEntry("internal", false)
                .containsEntry("dropInvalidHeaderFields", true).containsEntry("desyncMitigationMode", "strictest")
                .containsEntry("enableWafFailOpen", false)
                .containsEntry("enableDeletionProtection", settings.deletionProtection())
                .containsEntry("securityGroups", List.of("alb-sg-id"));
        assertThat(lb.integer("idleTimeout")).contains(settings.app().edge().albIdleTimeoutSeconds());
        assertThat(lb.list("subnets")).containsExactlyElementsOf(publicSubnets).hasSize(settings.network().azCount());
        assertThat(lb.map("accessLogs")).containsExactlyInAnyOrderEntriesOf(Map.of("enabled", true, "bucket", bucket, "prefix", "access-logs"));
        assertThat(lb.map("connectionLogs")).containsExactlyInAnyOrderEntriesOf(Map.of("enabled", true, "bucket", bucket, "prefix", "connection-logs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void securityGroupAdmitsOnlyTheClientRangesAndReachesOnlyTheAppTier(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var edge = settings.app().edge();
        var sg = one(run, "aws:ec2/securityGroup:SecurityGroup", "alb-sg");
        assertThat(sg.inputs()).doesNotContainKeys("ingress", "egress");

        var expectedIn = new ArrayList<Tuple>();
        for (var cidr : edge.allowedClientCidrs()) {
            expectedIn.add(tuple(cidr, 443, 443, "tcp"));
            if (edge.httpRedirect()) {
                expectedIn.add(tuple(cidr, 80, 80, "tcp"));
            }
        }
        assertThat(rulesOn(run, INGRESS, sg)).extracting(r -> r.inputs().get("cidrIpv4"), r -> r.integer("fromPort").orElseThrow(),
                r -> r.integer("toPort").orElseThrow(), r -> r.inputs().get("ipProtocol")).containsExactlyInAnyOrderElementsOf(expectedIn);

        var workloadGroups = new ArrayList<Tuple>();
        if (settings.app().fargate().enabled()) {
            workloadGroups.add(tuple("app-sg-id", settings.app().appPort(), settings.app().appPort(), null));
        }
        if (settings.app().ec2().enabled()) {
            workloadGroups.add(tuple("app-ec2-sg-id", settings.app().appPort(), settings.app().appPort(), null));
        }
        assertThat(rulesOn(run, EGRESS, sg)).extracting(r -> r.inputs().get("referencedSecurityGroupId"),
                        r -> r.integer("fromPort").orElseThrow(), r -> r.integer("toPort").orElseThrow(), r -> r.inputs().get("cidrIpv4"))
                .containsExactlyInAnyOrderElementsOf(workloadGroups);
    }

    @Test
    void everyClientRangeGetsItsOwnRuleNamedByTheRange() {
        var run = OfflineRun.run(Stacks.with("prod", Map.of("hipaa:allowedClientCidrs", "[\"198.51.100.0/24\",\"203.0.113.0/24\"]",
                "hipaa:httpRedirect", "true")),
                false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(rulesOn(run, INGRESS, one(run, "aws:ec2/securityGroup:SecurityGroup", "alb-sg")))
                .extracting(RecordedResource::name, r -> r.inputs().get("cidrIpv4"), r -> r.integer("fromPort").orElseThrow())
                .containsExactlyInAnyOrder(
                        tuple("alb-sg-in-https-198-51-100-0-24", "198.51.100.0/24", 443),
                        tuple("alb-sg-in-https-203-0-113-0-24", "203.0.113.0/24", 443),
                        tuple("alb-sg-in-http-198-51-100-0-24", "198.51.100.0/24", 80),
                        tuple("alb-sg-in-http-203-0-113-0-24", "203.0.113.0/24", 80));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wafWithManagedGroupsAndRateLimitIsAssociatedWithTheLoadBalancer(String name) {
        var run = AppStacks.run(name);
        var edge = AppStacks.settings(name).app().edge();
        var acl = one(run, "aws:wafv2/webAcl:WebAcl", "waf");
        assertThat(acl.inputs()).containsEntry("scope", "REGIONAL").containsEntry("defaultAction", Map.of("allow", Map.of()));
        var rules = Stacks.maps(acl.list("rules"));
        assertThat(rules).extracting(r -> r.get("name"), r -> Stacks.integer(r.get("priority"))).containsExactly(
                tuple("AWSManagedRulesAmazonIpReputationList", 0),
                tuple("RateLimitPerClientIp", 1),
                tuple("AWSManagedRulesKnownBadInputsRuleSet", 2),
                tuple("AWSManagedRulesCommonRuleSet", 3),
                tuple("AWSManagedRulesSQLiRuleSet", 4));
        for (var rule : rules) {
            var statement = map(rule.get("statement"));
            if (rule.get("name").equals("RateLimitPerClientIp")) {
                assertThat(rule).containsEntry("action", Map.of("block", Map.of())).doesNotContainKey("overrideAction");
                var rate = map(statement.get("rateBasedStatement"));
                assertThat(Stacks.integer(rate.get("limit"))).isEqualTo(edge.wafRateLimit());
                assertThat(rate).containsEntry("aggregateKeyType", "IP");
            } else {
                // "none" keeps the managed group's blocking actions; "count" would only watch.
                assertThat(rule).containsEntry("overrideAction", Map.of("none", Map.of())).doesNotContainKey("action");
                assertThat(map(statement.get("managedRuleGroupStatement")))
                        .containsExactlyInAnyOrderEntriesOf(Map.of("vendorName", "AWS", "name", rule.get("name")));
            }
        }
        var association = one(run, "aws:wafv2/webAclAssociation:WebAclAssociation", "waf-association");
        assertThat(association.string("resourceArn")).isEqualTo(one(run, "aws:lb/loadBalancer:LoadBalancer", "alb").arn());
        assertThat(association.string("webAclArn")).isEqualTo(acl.arn());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wafLogsGoToAKmsEncryptedLogGroupWithCredentialsRedacted(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var group = one(run, "aws:cloudwatch/logGroup:LogGroup", "waf-logs");
        assertThat(group.string("name")).contains("aws-waf-logs-" + settings.namePrefix());
        assertThat(group.string("kmsKeyId")).isEqualTo(one(run, "aws:kms/key:Key", "kms-logs").arn());
        assertThat(group.integer("retentionInDays")).contains(settings.app().edge().wafLogRetentionDays());
        var logging = one(run, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "waf-logging");
        assertThat(logging.list("logDestinationConfigs")).containsExactly(group.arn().orElseThrow());
        assertThat(logging.string("resourceArn")).isEqualTo(one(run, "aws:wafv2/webAcl:WebAcl", "waf").arn());
        assertThat(Stacks.maps(logging.list("redactedFields"))).containsExactly(
                Map.of("singleHeader", Map.of("name", "authorization")), Map.of("singleHeader", Map.of("name", "cookie")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accessLogBucketIsPrivateVersionedTlsOnlyAndWritableOnlyByLoadBalancing(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var bucket = one(run, "aws:s3/bucketV2:BucketV2", "alb-logs");
        var id = bucket.id();
        assertThat(bucket.inputs()).containsEntry("forceDestroy", !settings.deletionProtection())
                .doesNotContainKeys("acl", "policy", "serverSideEncryptionConfigurations", "versionings", "lifecycleRules");
        // Named under the audit-evidence pattern, so the evidence-protection deny covers it.
        assertThat(bucket.string("bucket")).contains(settings.namePrefix() + "-audit-alb-123456789012");
        assertThat(one(run, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "alb-logs-ownership").inputs())
                .containsEntry("bucket", id).containsEntry("rule", Map.of("objectOwnership", "BucketOwnerEnforced"));
        assertThat(one(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "alb-logs-public-access-block").inputs())
                .containsExactlyInAnyOrderEntriesOf(Map.of("bucket", id, "blockPublicAcls", true, "blockPublicPolicy", true,
                        "ignorePublicAcls", true, "restrictPublicBuckets", true));
        assertThat(one(run, "aws:s3/bucketVersioningV2:BucketVersioningV2", "alb-logs-versioning").inputs())
                .containsEntry("bucket", id).containsEntry("versioningConfiguration", Map.of("status", "Enabled"));
        // SSE-S3: load balancer log delivery refuses KMS-encrypted buckets.
        assertThat(one(run, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "alb-logs-encryption").list("rules")).containsExactly(Map.of("applyServerSideEncryptionByDefault", Map.of("sseAlgorithm", "AES256")));
        var rule = Stacks.maps(one(run, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "alb-logs-lifecycle")
                .list("rules")).get(0);
        assertThat(rule).containsEntry("status", "Enabled").containsEntry("filter", Map.of("prefix", ""));
        assertThat(Stacks.integer(map(rule.get("expiration")).get("days"))).isEqualTo(settings.app().edge().albAccessLogRetentionDays());
        assertThat(Stacks.integer(map(rule.get("noncurrentVersionExpiration")).get("noncurrentDays"))).isEqualTo(30);

        // Requests to the logs are themselves logged, to the audit tier's access-log bucket.
        assertThat(one(run, "aws:s3/bucketLoggingV2:BucketLoggingV2", "alb-logs-access-logging").inputs())
                .containsExactlyInAnyOrderEntriesOf(Map.of("bucket", id,
                        "targetBucket", one(run, "aws:s3/bucketV2:BucketV2", "audit-access-logs").state().get("bucket"),
                        "targetPrefix", "s3-access/" + settings.namePrefix() + "-audit-alb-123456789012/"));

        var arn = bucket.arn().orElseThrow();
        var elbAccount = Map.of("us-east-1", "127311923021", "us-west-2", "797873946194").get(settings.region());
        var policy = one(run, "aws:s3/bucketPolicy:BucketPolicy", "alb-logs-policy");
        assertThat(policy.string("bucket")).contains(id);
        assertThat(JsonParser.parseString(policy.string("policy").orElseThrow())).isEqualTo(JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"DenyRequestsWithoutTls","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["%1$s","%1$s/*"],
                  "Condition":{"Bool":{"aws:SecureTransport":"false"}}},
                 {"Sid":"DenyTlsOlderThan1_2","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["%1$s","%1$s/*"],
                  "Condition":{"NumericLessThan":{"s3:TlsVersion":"1.2"}}},
                 {"Sid":"AllowLoadBalancerLogDelivery","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%2$s:root"},
                  "Action":"s3:PutObject","Resource":["%1$s/access-logs/AWSLogs/123456789012/*","%1$s/connection-logs/AWSLogs/123456789012/*"]},
                 {"Sid":"DenyDeletingLogObjects","Effect":"Deny","Principal":"*","Action":["s3:DeleteObject","s3:DeleteObjectVersion"],
                  "Resource":"%1$s/*"%4$s},
                 {"Sid":"DenyConfigurationChangesButByTheDeployerAndBreakGlass","Effect":"Deny","Principal":"*",
                  "Action":["s3:PutBucket*","s3:DeleteBucket*","s3:PutLifecycleConfiguration","s3:PutEncryptionConfiguration",
                            "s3:PutReplicationConfiguration"],"Resource":"%1$s",
                  "Condition":{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::123456789012:role/%3$s-deployer",
                                                                  "arn:aws:iam::123456789012:role/%3$s-break-glass"]}}}]}
                """.formatted(arn, elbAccount, settings.namePrefix(), settings.deletionProtection() ? ""
                        // Without deletion protection the deployer may empty the bucket, so pulumi destroy can delete it.
                        : ",\"Condition\":{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::123456789012:role/"
                        + settings.namePrefix() + "-deployer\"}}")));
        assertThat(run.engine().invokes()).contains("aws:elb/getServiceAccount:getServiceAccount");
    }

    /**
     * In a preview AWS has computed nothing yet (ARNs, DNS names, target group suffixes are unknown); the
     * program must still register the same application tier, so no branch may depend on those values.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void previewRegistersTheSameApplicationTierAsAnUpdate(String name) {
        var preview = OfflineRun.run(AppStacks.config(name), true, App::stack);
        assertThat(preview.succeeded()).as(preview::failure).isTrue();
        assertThat(appTier(preview)).isEqualTo(appTier(AppStacks.run(name))).isNotEmpty();
    }

    private static Set<String> appTier(OfflineRun.Result run) {
        return run.resources().stream().filter(r -> r.parent().map(p -> p.type().startsWith("hipaa:edge:")
                        || p.type().startsWith("hipaa:compute:")).orElse(false))
                .map(RecordedResource::label).collect(java.util.stream.Collectors.toSet());
    }

    private static List<RecordedResource> rulesOn(OfflineRun.Result run, String type, RecordedResource sg) {
        return run.ofType(type).stream().filter(r -> sg.id().equals(r.inputs().get("securityGroupId"))).toList();
    }

    @Test
    void accessLogBucketNamesThatS3WouldRefuseStopTheComponent() {
        assertThat(AccessLogBucket.bucketName("hipaa-prod", "123456789012")).isEqualTo("hipaa-prod-audit-alb-123456789012");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccessLogBucket.bucketName("hipaa-" + "x".repeat(40), "123456789012"))
                .hasMessageContaining("is not a valid S3 bucket name");
    }

    @Test
    void clientRangeSlugsAreStableKeys() {
        assertThat(HttpsLoadBalancer.slug("0.0.0.0/0")).isEqualTo("0-0-0-0-0");
        assertThat(Set.of(HttpsLoadBalancer.slug("10.0.0.0/16"), HttpsLoadBalancer.slug("10.0.0.0/24"))).hasSize(2);
    }
}
