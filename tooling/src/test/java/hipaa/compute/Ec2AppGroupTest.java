package hipaa.compute;

import com.google.gson.JsonParser;
import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.AppStacks;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static hipaa.testing.AppStacks.map;
import static hipaa.testing.AppStacks.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The EC2 Auto Scaling group on every case that turns it on (prod and the both-workloads fixture): the
 * launch template's metadata, network and disk posture, the instance profile's exact permissions, the
 * group's key access, sizing, health checks, refresh, tags and scaling. Dev turns it off.
 */
class Ec2AppGroupTest {

    static final String TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
    static final String GROUP = "aws:autoscaling/group:Group";

    static Stream<String> withEc2() {
        return AppStacks.cases().filter(c -> AppStacks.settings(c).app().ec2().enabled());
    }

    /** Prod as it would run the group: its real file with the EC2 app on, installed by user data beside Fargate. */
    static final Map<String, String> PROD_WITH_EC2 = Map.of("hipaa:ec2AppEnabled", "true",
            "hipaa:ec2AppUserData", AppStacks.EC2_APP_USER_DATA, "hipaa:ec2AppPathPatterns", "[\"/legacy/*\"]");

    @Test
    void onlyTheFixtureRunsTheGroupNeitherRealStackShipsOneWithNothingToServe() {
        assertThat(withEc2()).containsExactly(AppStacks.BOTH_WORKLOADS);
        for (var stack : List.of("dev", "prod")) {
            var run = Stacks.run(stack);
            assertThat(run.resources()).noneMatch(r -> r.name().startsWith("app-ec2"));
            assertThat(AppStacks.ofType(run, GROUP, "app-ec2")).isEmpty();
        }
    }

    /**
     * A group whose instances boot with nothing on the app port fails every health check and is replaced forever:
     * every launch template of the app group, in every stack and variant, carries the app in its image (an approved
     * AMI other than the base image) or installs it with user data.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCase")
    void everyAppGroupHasAnAppToServe(String name, OfflineRun.Result run) {
        assertThat(run.succeeded()).as(run::failure).isTrue();
        for (var lt : AppStacks.ofType(run, TEMPLATE, "app-ec2")) {
            var image = lt.string("imageId").orElseThrow();
            var approved = run.config().values().getOrDefault("hipaa:approvedAmiIds", "[]");
            assertThat(lt.string("userData").isPresent() || (approved.contains(image)
                    && image.equals(run.config().values().get("hipaa:ec2AppImageId"))))
                    .as(name + ": " + lt.name() + " boots " + image + " with no user data: nothing would serve the app port").isTrue();
        }
    }

    static Stream<Arguments> everyCase() {
        return Stream.concat(
                AppStacks.cases().map(c -> Arguments.of(c, AppStacks.run(c))),
                Stream.of(Arguments.of("prod+ec2",
                        OfflineRun.run(Stacks.with("prod", PROD_WITH_EC2), false, App::stack))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withEc2")
    void launchTemplateRequiresImdsV2EncryptsTheRootVolumeAndHasNoPublicIp(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var lt = one(run, TEMPLATE, "app-ec2-template");
        assertThat(lt.map("metadataOptions")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "httpEndpoint", "enabled", "httpTokens", "required", "httpPutResponseHopLimit", 1.0, "instanceMetadataTags", "disabled"));
        assertThat(Stacks.maps(lt.list("blockDeviceMappings"))).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("deviceName", "/dev/xvda");
            assertThat(map(m.get("ebs"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "encrypted", "true", "kmsKeyId", one(run, "aws:kms/key:Key", "kms-data").arn().orElseThrow(),
                    "volumeType", "gp3", "volumeSize", (double) settings.app().ec2().rootVolumeGiB(), "deleteOnTermination", "true"));
        });
        assertThat(Stacks.maps(lt.list("networkInterfaces"))).singleElement().satisfies(ni -> assertThat(ni)
                .containsEntry("associatePublicIpAddress", "false").containsEntry("securityGroups", List.of("app-ec2-sg-id")));
        // The app's own first-boot script, as the stack gives it, and nothing of the program's.
        assertThat(lt.string("userData").map(d -> new String(java.util.Base64.getDecoder().decode(d), java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(settings.app().ec2().appUserData());
        assertThat(lt.inputs()).doesNotContainKeys("keyName", "vpcSecurityGroupIds")
                .containsEntry("instanceType", settings.app().ec2().instanceType())
                .containsEntry("monitoring", Map.of("enabled", true))
                .containsEntry("iamInstanceProfile", Map.of("arn", one(run, "aws:iam/instanceProfile:InstanceProfile", "app-ec2-profile").arn().orElseThrow()));
        // No approved AMIs in the real stacks: the Amazon Linux 2023 id AWS's public parameter held at deployment.
        assertThat(lt.string("imageId")).contains(hipaa.offline.OfflineEngine.AMAZON_LINUX_AMI);
    }

    @Test
    void theFirstApprovedAmiWinsOverTheSsmParameter() {
        var overrides = new java.util.HashMap<>(PROD_WITH_EC2);
        overrides.put("hipaa:approvedAmiIds", "[\"ami-0123456789abcdef0\",\"ami-0fedcba9876543210\"]");
        var run = OfflineRun.run(Stacks.with("prod", overrides), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(one(run, TEMPLATE, "app-ec2-template").string("imageId")).contains("ami-0123456789abcdef0");
    }

    @Test
    void theAppImageIsWhatTheInstancesBootAndNeedsNoUserData() {
        var run = OfflineRun.run(Stacks.with("prod", Map.of("hipaa:ec2AppEnabled", "true",
                "hipaa:approvedAmiIds", "[\"ami-0123456789abcdef0\",\"ami-0fedcba9876543210\"]",
                "hipaa:ec2AppImageId", "ami-0fedcba9876543210", "hipaa:ec2AppPathPatterns", "[\"/legacy/*\"]")), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        var lt = one(run, TEMPLATE, "app-ec2-template");
        assertThat(lt.string("imageId")).contains("ami-0fedcba9876543210");
        assertThat(lt.inputs()).doesNotContainKey("userData");
        // The access hosts keep the first approved AMI, the base Linux image.
        assertThat(one(run, TEMPLATE, "bastion-lt").string("imageId")).contains("ami-0123456789abcdef0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withEc2")
    void tagsReachTheGroupItsInstancesTheirVolumesAndInterfaces(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var expected = new java.util.LinkedHashMap<>(settings.tags());
        expected.put("Name", settings.namePrefix() + "-app");
        // The tag the daily backup plan selects (Backups): every app instance and volume is backed up.
        expected.put("Backup", "daily");
        assertThat(Stacks.maps(one(run, TEMPLATE, "app-ec2-template").list("tagSpecifications")))
                .extracting(t -> t.get("resourceType"), t -> t.get("tags"))
                .containsExactly(tuple("instance", expected), tuple("volume", expected), tuple("network-interface", expected));
        assertThat(expected).containsKeys(settings.requiredTagKeys().toArray(String[]::new));
        assertThat(Stacks.maps(one(run, GROUP, "app-ec2").list("tags")))
                .extracting(t -> t.get("key"), t -> t.get("value"), t -> t.get("propagateAtLaunch"))
                .containsExactlyInAnyOrderElementsOf(expected.entrySet().stream().map(e -> tuple(e.getKey(), e.getValue(), true)).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withEc2")
    void groupSpansTheAppSubnetsWithElbHealthChecksAndRefreshesOnTemplateChange(String name) {
        var run = AppStacks.run(name);
        var ec2 = AppStacks.settings(name).app().ec2();
        var group = one(run, GROUP, "app-ec2");
        var appSubnets = AppStacks.subnetIds(run, "app");
        assertThat(group.list("vpcZoneIdentifiers")).containsExactlyElementsOf(appSubnets);
        assertThat(List.of(group.integer("minSize").orElseThrow(), group.integer("maxSize").orElseThrow(),
                group.integer("desiredCapacity").orElseThrow())).containsExactly(ec2.minSize(), ec2.maxSize(), ec2.desiredCapacity());
        assertThat(group.inputs()).containsEntry("healthCheckType", "ELB")
                .containsEntry("targetGroupArns", List.of(one(run, "aws:lb/targetGroup:TargetGroup", "alb-tg-ec2").arn().orElseThrow()))
                .containsEntry("launchTemplate", Map.of("id", "app-ec2-template-id", "version", "1"))
                .containsEntry("serviceLinkedRoleArn", one(run, "aws:iam/serviceLinkedRole:ServiceLinkedRole", "app-ec2-autoscaling-role").arn().orElseThrow())
                .doesNotContainKeys("launchConfiguration", "availabilityZones");
        assertThat(map(group.inputs().get("instanceRefresh"))).containsEntry("strategy", "Rolling");
        assertThat(AppStacks.ofType(run, "aws:autoscaling/policy:Policy", "app-ec2")).singleElement().satisfies(p -> {
            assertThat(p.inputs()).containsEntry("policyType", "TargetTrackingScaling").containsEntry("autoscalingGroupName", group.state().get("name"));
            var tracking = map(p.inputs().get("targetTrackingConfiguration"));
            assertThat(tracking).containsEntry("predefinedMetricSpecification", Map.of("predefinedMetricType", "ASGAverageCPUUtilization"));
            assertThat(Stacks.integer(tracking.get("targetValue"))).isEqualTo(ec2.cpuTargetPercent());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withEc2")
    void instancesMayUseSessionManagerItsKeyAndTheCloudWatchAgentOnly(String name) {
        var run = AppStacks.run(name);
        var role = one(run, "aws:iam/role:Role", "app-ec2-role");
        assertThat(JsonParser.parseString(role.string("assumeRolePolicy").orElseThrow())).isEqualTo(JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[{"Sid":"Ec2Instances","Effect":"Allow",
                  "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));
        var roleName = role.string("name").orElseThrow();
        // Its own permissions are customer managed (RolePermissions), never inline.
        var telemetry = Policies.rolePermissions(run, "app-ec2-telemetry", "app-ec2-role");
        var sessionKey = Policies.rolePermissions(run, "app-ec2-session-key", "app-ec2-role");
        assertThat(run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).filteredOn(a -> roleName.equals(a.inputs().get("role")))
                .extracting(a -> a.inputs().get("policyArn")).containsExactlyInAnyOrder("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                        telemetry.arn().orElseThrow(), sessionKey.arn().orElseThrow());
        assertThat(run.ofType("aws:iam/rolePolicy:RolePolicy")).noneMatch(p -> List.of(role.id(), roleName).contains(p.inputs().get("role")));
        // Not CloudWatchAgentServerPolicy (every log group of the account, retention included): the app's own only.
        var prefix = AppStacks.settings(name).namePrefix();
        var region = AppStacks.settings(name).region();
        assertThat(telemetry.inputs()).containsEntry("name", prefix + "-app-instance-telemetry");
        assertThat(JsonParser.parseString(telemetry.string("policy").orElseThrow())).isEqualTo(JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"WriteTheAppsOwnLogGroups","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents","logs:DescribeLogStreams"],
                  "Resource":"arn:aws:logs:%2$s:123456789012:log-group:/%1$s/app/ec2/*"},
                 {"Sid":"PublishTheAppsOwnMetrics","Effect":"Allow","Action":"cloudwatch:PutMetricData","Resource":"*",
                  "Condition":{"StringEquals":{"cloudwatch:namespace":"%1$s/app"}}},
                 {"Sid":"DescribeTheInstanceForDimensions","Effect":"Allow","Action":["ec2:DescribeVolumes","ec2:DescribeTags","logs:DescribeLogGroups"],
                  "Resource":"*"},
                 {"Sid":"ReadTheAgentConfiguration","Effect":"Allow","Action":"ssm:GetParameter",
                  "Resource":"arn:aws:ssm:%2$s:123456789012:parameter/AmazonCloudWatch-%1$s-app"}]}
                """.formatted(prefix, region)));
        // The other one: decrypting Session Manager's session data under the logs key, and nothing else.
        assertThat(sessionKey.inputs()).containsEntry("name", prefix + "-app-instance-session-key");
        assertThat(JsonParser.parseString(sessionKey.string("policy").orElseThrow())).isEqualTo(JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[{"Sid":"DecryptSessionData","Effect":"Allow",
                  "Action":"kms:Decrypt","Resource":"%s"}]}""".formatted(one(run, "aws:kms/key:Key", "kms-logs").arn().orElseThrow())));
        assertThat(role.inputs()).doesNotContainKeys("inlinePolicies", "managedPolicyArns");
        assertThat(one(run, "aws:iam/instanceProfile:InstanceProfile", "app-ec2-profile").string("role")).contains(roleName);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withEc2")
    void theGroupsOwnServiceRoleIsGrantedTheDataKeyForItsVolumes(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var slr = one(run, "aws:iam/serviceLinkedRole:ServiceLinkedRole", "app-ec2-autoscaling-role");
        assertThat(slr.inputs()).containsEntry("awsServiceName", "autoscaling.amazonaws.com")
                .containsEntry("customSuffix", settings.namePrefix() + "-app");
        var grant = one(run, "aws:kms/grant:Grant", "app-ec2-autoscaling-key-grant");
        assertThat(grant.inputs()).containsEntry("keyId", one(run, "aws:kms/key:Key", "kms-data").arn().orElseThrow())
                .containsEntry("granteePrincipal", slr.arn().orElseThrow())
                .containsEntry("operations", List.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey",
                        "GenerateDataKeyWithoutPlaintext", "DescribeKey", "CreateGrant"))
                .doesNotContainKey("retiringPrincipal");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withEc2")
    void instancesAcceptOnlyTheLoadBalancerAndReachOnlyHttpsAndTheDatabase(String name) {
        var run = AppStacks.run(name);
        int port = AppStacks.settings(name).app().appPort();
        int dbPort = AppStacks.settings(name).database().engine().port();
        assertThat(run.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"))
                .filteredOn(r -> "app-ec2-sg-id".equals(r.inputs().get("securityGroupId")))
                .extracting(r -> r.inputs().get("referencedSecurityGroupId"), r -> r.integer("fromPort").orElseThrow(),
                        r -> r.integer("toPort").orElseThrow(), r -> r.inputs().get("cidrIpv4"))
                // The app port from the load balancer; SSH only from the admin path (network/TrafficFlows).
                .containsExactlyInAnyOrder(tuple("alb-sg-id", port, port, null), tuple("bastion-sg-id", 22, 22, null),
                        tuple("vpn-sg-id", 22, 22, null));
        assertThat(run.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"))
                .filteredOn(r -> "app-ec2-sg-id".equals(r.inputs().get("securityGroupId")))
                .extracting(r -> r.inputs().get("cidrIpv4"), r -> r.inputs().get("referencedSecurityGroupId"),
                        r -> r.integer("fromPort").orElseThrow(), r -> r.integer("toPort").orElseThrow())
                // HTTPS to AWS APIs, and the database port to the database only (network/TrafficFlows).
                .containsExactlyInAnyOrder(tuple("0.0.0.0/0", null, 443, 443), tuple(null, "db-sg-id", dbPort, dbPort));
    }

    @Test
    void serviceRoleSuffixFitsIamsNameLimit() {
        var suffix = Ec2AppGroup.serviceRoleSuffix("hipaa-" + "x".repeat(80) + "-app");
        assertThat(("AWSServiceRoleForAutoScaling_" + suffix).length()).isEqualTo(64);
        assertThat(Ec2AppGroup.serviceRoleSuffix("hipaa-prod-app")).isEqualTo("hipaa-prod-app");
    }
}
