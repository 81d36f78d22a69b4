package hipaa.guardrails;

import hipaa.offline.RecordedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static hipaa.guardrails.Res.*;
import static hipaa.guardrails.Types.*;
import static org.assertj.core.api.Assertions.assertThat;

class ResourceGraphTest {

    @Test
    void bucketPartsAreFoundByIdOrByBucketName() {
        var bucket = res(BUCKET_V2, "data", "bucket", "hipaa-data");
        var byId = res(BUCKET_POLICY, "by-id", "bucket", id("data"), "policy", "{}");
        var byName = res(BUCKET_POLICY, "by-name", "bucket", "hipaa-data", "policy", "{}");
        var other = res(BUCKET_POLICY, "other", "bucket", "elsewhere", "policy", "{}");
        var g = ResourceGraph.of(List.of(bucket, byId, byName, other));
        assertThat(g.bucketParts(bucket, BUCKET_POLICY)).extracting(RecordedResource::name).containsExactly("by-id", "by-name");
    }

    @Test
    void arnReferencesMayCarryTheLogGroupWildcardSuffix() {
        var group = res(LOG_GROUP, "trail");
        assertThat(ResourceGraph.refersTo(arn(LOG_GROUP, "trail") + ":*", group)).isTrue();
        assertThat(ResourceGraph.refersTo(arn(LOG_GROUP, "trail"), group)).isTrue();
        assertThat(ResourceGraph.refersTo(List.of("x", id("trail")), group)).isTrue();
        assertThat(ResourceGraph.refersTo("trail", group)).isFalse();
        assertThat(ResourceGraph.refersTo(null, group)).isFalse();
    }

    @Test
    void providerDefaultTagsArriveAsJsonText() {
        var provider = res(PROVIDER, "aws", "defaultTags", "{\"tags\":{\"Project\":\"hipaa\",\"Owner\":\"team\"}}");
        assertThat(ResourceGraph.defaultTags(provider)).containsExactly(Map.entry("Project", "hipaa"), Map.entry("Owner", "team"));
        var asMap = res(PROVIDER, "aws", "defaultTags", m("tags", m("Project", "hipaa")));
        assertThat(ResourceGraph.defaultTags(asMap)).containsExactly(Map.entry("Project", "hipaa"));
        assertThat(ResourceGraph.defaultTags(res(PROVIDER, "aws", "defaultTags", "not json"))).isEmpty();
    }

    @Test
    void ownTagsOverlayTheProvidersDefaultTags() {
        var provider = res(PROVIDER, "aws", "defaultTags", "{\"tags\":{\"Project\":\"hipaa\",\"Name\":\"default\"}}");
        var bucket = onProvider(res(BUCKET_V2, "data", "tags", m("Name", "data")));
        var g = ResourceGraph.of(List.of(provider, bucket));
        assertThat(g.providerOf(bucket)).map(RecordedResource::name).contains("aws");
        assertThat(g.tagsOf(bucket)).containsExactly(Map.entry("Project", "hipaa"), Map.entry("Name", "data"));
    }

    @Test
    void autoScalingGroupsGetNoProviderDefaultTags() {
        var provider = res(PROVIDER, "aws", "defaultTags", "{\"tags\":{\"Project\":\"hipaa\",\"Owner\":\"team\"}}");
        var asg = onProvider(res(ASG, "workers", "tags", l(m("key", "Project", "value", "hipaa", "propagateAtLaunch", true))));
        var findings = GuardrailRules.byId("hipaa-required-tags").orElseThrow().evaluate(ResourceGraph.of(List.of(provider, asg)), CTX);
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.outcome().reason())
                .isEqualTo("missing required tags [Owner] (Auto Scaling groups get no provider default tags)"));
    }

    @Test
    void launchTemplateIsFoundThroughAMixedInstancesPolicy() {
        var lt = res(LAUNCH_TEMPLATE, "lt", "name", "workers-lt");
        var asg = res(ASG, "workers", "mixedInstancesPolicy", m("launchTemplate", m("launchTemplateSpecification",
                m("launchTemplateName", "workers-lt"))));
        assertThat(ResourceGraph.of(List.of(lt, asg)).launchTemplateOf(asg)).map(RecordedResource::name).isEqualTo(Optional.of("lt"));
    }

    @Test
    void aSubnetIsPublicWhenASeparateRouteSendsTheDefaultRouteToAnInternetGateway() {
        var subnet = res(SUBNET, "public-a", "mapPublicIpOnLaunch", true);
        var rt = res(ROUTE_TABLE, "public-rt", "vpcId", id("vpc"));
        var assoc = res(ROUTE_TABLE_ASSOCIATION, "assoc", "subnetId", id("public-a"), "routeTableId", id("public-rt"));
        var igw = res(INTERNET_GATEWAY, "igw", "vpcId", id("vpc"));
        var toIgw = res(ROUTE, "default", "routeTableId", id("public-rt"), "destinationCidrBlock", "0.0.0.0/0", "gatewayId", id("igw"));
        var toNat = res(ROUTE, "default", "routeTableId", id("public-rt"), "destinationCidrBlock", "0.0.0.0/0", "natGatewayId", "nat-1");
        assertThat(ResourceGraph.of(List.of(subnet, rt, assoc, igw, toIgw)).isPublicSubnet(subnet)).isTrue();
        assertThat(ResourceGraph.of(List.of(subnet, rt, assoc, igw, toNat)).isPublicSubnet(subnet)).isFalse();
    }

    @Test
    void listenersAndWebAclAssociationsLinkByLoadBalancerArn() {
        var alb = res(LB, "alb");
        var listener = res(LB_LISTENER, "https", "loadBalancerArn", arn(LB, "alb"));
        var legacyAlias = res(ALB_LISTENER, "legacy", "loadBalancerArn", arn(LB, "alb"));
        var assoc = res(WEB_ACL_ASSOCIATION, "waf", "resourceArn", arn(LB, "alb"), "webAclArn", "acl");
        var g = ResourceGraph.of(List.of(alb, listener, legacyAlias, assoc));
        assertThat(g.listenersOf(alb)).extracting(RecordedResource::name).containsExactly("https", "legacy");
        assertThat(g.webAclAssociationsOf(alb)).extracting(RecordedResource::name).containsExactly("waf");
    }

    @Test
    void logBucketsOfLoadBalancersAreExemptFromKmsDefaultEncryption() {
        var logs = res(BUCKET_V2, "alb-logs", "bucket", "hipaa-alb-logs");
        var sse = res(BUCKET_SSE, "alb-logs-sse", "bucket", id("alb-logs"),
                "rules", l(m("applyServerSideEncryptionByDefault", m("sseAlgorithm", "AES256"))));
        var alb = res(LB, "alb", "accessLogs", m("bucket", "hipaa-alb-logs", "enabled", true));
        var findings = GuardrailRules.byId("s3-default-encryption-kms").orElseThrow()
                .evaluate(ResourceGraph.of(List.of(logs, sse, alb)), CTX);
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.outcome())
                .isEqualTo(Outcome.notApplicable("receives ALB or S3 access logs, which support only SSE-S3")));
    }
}
