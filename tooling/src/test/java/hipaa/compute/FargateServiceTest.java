package hipaa.compute;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.pulumi.core.Output;
import hipaa.identity.AwsAccount;
import hipaa.identity.Keys;
import hipaa.identity.Naming;
import hipaa.network.Placement;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.AppStacks;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static hipaa.testing.AppStacks.map;
import static hipaa.testing.AppStacks.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The Fargate service on every stack that runs it (all real stacks and the both-workloads fixture): where
 * the tasks run and who may reach them, what the container may do, the exact permissions of its roles,
 * and how it scales. Proves what the program asks AWS for, not that AWS accepts it.
 */
class FargateServiceTest {

    static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    static final String EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

    static java.util.stream.Stream<String> cases() {
        return AppStacks.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serviceRunsInTheAppSubnetsWithoutPublicIpBehindTheLoadBalancer(String name) {
        var run = AppStacks.run(name);
        var app = AppStacks.settings(name).app();
        var service = one(run, "aws:ecs/service:Service", "app-service");
        var appSubnets = AppStacks.subnetIds(run, "app");
        assertThat(map(service.inputs().get("networkConfiguration"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "subnets", appSubnets, "securityGroups", List.of("app-sg-id"), "assignPublicIp", false));
        assertThat(appSubnets).hasSize(AppStacks.settings(name).network().azCount());
        assertThat(Stacks.maps(service.list("loadBalancers"))).singleElement().satisfies(lb -> {
            assertThat(lb).containsEntry("containerName", "app")
                    .containsEntry("targetGroupArn", one(run, "aws:lb/targetGroup:TargetGroup", "alb-tg-fargate").arn().orElseThrow());
            assertThat(Stacks.integer(lb.get("containerPort"))).isEqualTo(app.appPort());
        });
        assertThat(service.inputs()).containsEntry("launchType", "FARGATE")
                .containsEntry("deploymentCircuitBreaker", Map.of("enable", true, "rollback", true))
                .containsEntry("enableExecuteCommand", false)
                .containsEntry("cluster", one(run, "aws:ecs/cluster:Cluster", "app-cluster").arn().orElseThrow())
                .containsEntry("taskDefinition", one(run, "aws:ecs/taskDefinition:TaskDefinition", "app-task").arn().orElseThrow())
                .doesNotContainKey("iamRole");
        assertThat(service.integer("desiredCount")).contains(app.fargate().desiredCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tasksAcceptOnlyTheLoadBalancerAndReachOnlyHttpsAndTheDatabase(String name) {
        var run = AppStacks.run(name);
        int port = AppStacks.settings(name).app().appPort();
        int dbPort = AppStacks.settings(name).database().engine().port();
        assertThat(one(run, "aws:ec2/securityGroup:SecurityGroup", "app-sg").inputs()).doesNotContainKeys("ingress", "egress");
        assertThat(on(run, INGRESS, "app-sg-id")).extracting(RecordedResource::name, r -> r.inputs().get("referencedSecurityGroupId"),
                        r -> r.integer("fromPort").orElseThrow(), r -> r.integer("toPort").orElseThrow(), r -> r.inputs().get("cidrIpv4"))
                .containsExactly(tuple("app-sg-in-alb", "alb-sg-id", port, port, null));
        assertThat(on(run, EGRESS, "app-sg-id")).extracting(RecordedResource::name, r -> r.inputs().get("cidrIpv4"),
                        r -> r.integer("fromPort").orElseThrow(), r -> r.integer("toPort").orElseThrow(), r -> r.inputs().get("ipProtocol"))
                // HTTPS to AWS APIs, and the database port to the database only (network/TrafficFlows).
                .containsExactlyInAnyOrder(tuple("app-sg-out-https", "0.0.0.0/0", 443, 443, "tcp"),
                        tuple("app-to-database-out", null, dbPort, dbPort, "tcp"));
        assertThat(one(run, EGRESS, "app-alb-out").inputs()).containsEntry("securityGroupId", "alb-sg-id")
                .containsEntry("referencedSecurityGroupId", "app-sg-id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void containerIsReadOnlyUnprivilegedAndLogsToTheEncryptedGroup(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var fargate = settings.app().fargate();
        var task = one(run, "aws:ecs/taskDefinition:TaskDefinition", "app-task");
        assertThat(task.inputs()).containsEntry("networkMode", "awsvpc").containsEntry("requiresCompatibilities", List.of("FARGATE"))
                .containsEntry("cpu", Integer.toString(fargate.cpu())).containsEntry("memory", Integer.toString(fargate.memoryMiB()))
                .containsEntry("executionRoleArn", one(run, "aws:iam/role:Role", "app-execution-role").arn().orElseThrow())
                .containsEntry("taskRoleArn", one(run, "aws:iam/role:Role", "app-task-role").arn().orElseThrow());
        var containers = JsonParser.parseString(task.string("containerDefinitions").orElseThrow()).getAsJsonArray();
        assertThat(containers).hasSize(1);
        var c = containers.get(0).getAsJsonObject();
        assertThat(c.get("name").getAsString()).isEqualTo("app");
        assertThat(c.get("image").getAsString()).isEqualTo(fargate.image());
        assertThat(c.get("readonlyRootFilesystem").getAsBoolean()).isTrue();
        assertThat(c.get("privileged").getAsBoolean()).isFalse();
        assertThat(c.getAsJsonObject("linuxParameters")).isEqualTo(JsonParser.parseString("{\"capabilities\":{\"drop\":[\"ALL\"]}}"));
        assertThat(c.get("portMappings")).isEqualTo(JsonParser.parseString(
                "[{\"containerPort\":" + settings.app().appPort() + ",\"protocol\":\"tcp\"}]"));
        // Nothing but the port in plain environment variables; secrets travel by ARN only.
        assertThat(c.get("environment")).isEqualTo(JsonParser.parseString(
                "[{\"name\":\"PORT\",\"value\":\"" + settings.app().appPort() + "\"}]"));
        assertThat(c.getAsJsonArray("secrets")).isEmpty();
        var logGroup = one(run, "aws:cloudwatch/logGroup:LogGroup", "app-logs");
        assertThat(c.get("logConfiguration")).isEqualTo(JsonParser.parseString("""
                {"logDriver":"awslogs","options":{"awslogs-group":"%s","awslogs-region":"%s","awslogs-stream-prefix":"app"}}
                """.formatted(logGroup.string("name").orElseThrow(), settings.region())));
        assertThat(logGroup.string("kmsKeyId")).isEqualTo(one(run, "aws:kms/key:Key", "kms-logs").arn());
        assertThat(logGroup.integer("retentionInDays")).contains(settings.app().logRetentionDays());
        assertThat(logGroup.string("name")).contains("/" + settings.namePrefix() + "/app/containers");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clusterHasContainerInsightsAndEncryptsTaskStorageWithTheDataKey(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var cluster = one(run, "aws:ecs/cluster:Cluster", "app-cluster");
        assertThat(cluster.list("settings")).containsExactly(Map.of("name", "containerInsights", "value", "enabled"));
        assertThat(cluster.map("configuration")).isEqualTo(Map.of("managedStorageConfiguration",
                Map.of("fargateEphemeralStorageKmsKeyId", one(run, "aws:kms/key:Key", "kms-data").arn().orElseThrow())));
        var insights = one(run, "aws:cloudwatch/logGroup:LogGroup", "app-insights-logs");
        assertThat(insights.string("name")).contains("/aws/ecs/containerinsights/" + cluster.string("name").orElseThrow() + "/performance");
        assertThat(insights.string("kmsKeyId")).isEqualTo(one(run, "aws:kms/key:Key", "kms-logs").arn());
        // Fargate may use the data key only for this stack's clusters.
        var keyPolicy = AppStacks.json(one(run, "aws:kms/key:Key", "kms-data"), "policy");
        var fargateStatements = statements(keyPolicy).stream()
                .filter(s -> s.has("Principal") && s.get("Principal").toString().contains("fargate.amazonaws.com")).toList();
        assertThat(fargateStatements).extracting(s -> s.get("Action").getAsString())
                .containsExactly("kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant");
        assertThat(fargateStatements).allSatisfy(s -> assertThat(s.getAsJsonObject("Condition").getAsJsonObject("StringLike")
                .get("kms:EncryptionContext:aws:ecs:clusterName").getAsString()).isEqualTo(settings.namePrefix() + "-*"));
        assertThat(cluster.string("name").orElseThrow()).startsWith(settings.namePrefix() + "-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void executionRoleMayPullOneRepositoryAndWriteOneLogGroupAndTheTaskRoleNothing(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var repo = settings.app().fargate().repository().orElseThrow();
        var policy = hipaa.testing.Policies.rolePermissions(run, "app-execution-policy", "app-execution-role");
        assertThat(policy.string("name")).contains(settings.namePrefix() + "-app-task-execution");
        var logGroupArn = one(run, "aws:cloudwatch/logGroup:LogGroup", "app-logs").arn().orElseThrow();
        assertThat(JsonParser.parseString(policy.string("policy").orElseThrow())).isEqualTo(JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"PullTheAppImage","Effect":"Allow",
                  "Action":["ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"],
                  "Resource":"arn:aws:ecr:%s:%s:repository/%s"},
                 {"Sid":"GetRegistryTokenAwsRequiresStar","Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"},
                 {"Sid":"WriteTheAppLogGroup","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],
                  "Resource":"%s:*"}]}
                """.formatted(repo.region(), repo.account(), repo.name(), logGroupArn)));

        // The task role: trusted only by ECS tasks of this account and Region, and no permissions at all.
        var taskRole = one(run, "aws:iam/role:Role", "app-task-role");
        assertThat(JsonParser.parseString(taskRole.string("assumeRolePolicy").orElseThrow())).isEqualTo(JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[{"Sid":"EcsTasksOfThisAccount","Effect":"Allow",
                  "Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole",
                  "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:ecs:%s:123456789012:*"},
                               "StringEquals":{"aws:SourceAccount":"123456789012"}}}]}
                """.formatted(settings.region())));
        var taskRoleRefs = List.of(taskRole.id(), taskRole.string("name").orElseThrow());
        assertThat(run.resources()).filteredOn(r -> r.type().startsWith("aws:iam/role") && !r.type().equals("aws:iam/role:Role"))
                .filteredOn(r -> taskRoleRefs.contains(r.inputs().get("role"))).isEmpty();
        assertThat(taskRole.inputs()).doesNotContainKeys("inlinePolicies", "managedPolicyArns");
        assertThat(one(run, "aws:iam/role:Role", "app-execution-role").inputs()).doesNotContainKeys("inlinePolicies", "managedPolicyArns");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalesOnCpuAndOnRequestsPerTaskBetweenTheStacksBounds(String name) {
        var run = AppStacks.run(name);
        var settings = AppStacks.settings(name);
        var fargate = settings.app().fargate();
        var resourceId = "service/" + settings.namePrefix() + "-app/" + settings.namePrefix() + "-app";
        var target = one(run, "aws:appautoscaling/target:Target", "app-scaling-target");
        assertThat(target.inputs()).containsEntry("serviceNamespace", "ecs").containsEntry("scalableDimension", "ecs:service:DesiredCount")
                .containsEntry("resourceId", resourceId);
        assertThat(target.integer("minCapacity")).contains(fargate.minCount());
        assertThat(target.integer("maxCapacity")).contains(fargate.maxCount());
        var label = one(run, "aws:lb/loadBalancer:LoadBalancer", "alb").state().get("arnSuffix") + "/"
                + one(run, "aws:lb/targetGroup:TargetGroup", "alb-tg-fargate").state().get("arnSuffix");
        assertThat(run.ofType("aws:appautoscaling/policy:Policy")).extracting(RecordedResource::name,
                p -> p.inputs().get("resourceId"), p -> p.inputs().get("policyType"),
                p -> map(map(p.inputs().get("targetTrackingScalingPolicyConfiguration")).get("predefinedMetricSpecification")),
                p -> Stacks.integer(map(p.inputs().get("targetTrackingScalingPolicyConfiguration")).get("targetValue")))
                .containsExactlyInAnyOrder(
                        tuple("app-scale-cpu", resourceId, "TargetTrackingScaling",
                                Map.of("predefinedMetricType", "ECSServiceAverageCPUUtilization"), fargate.cpuTargetPercent()),
                        tuple("app-scale-requests", resourceId, "TargetTrackingScaling",
                                Map.of("predefinedMetricType", "ALBRequestCountPerTarget", "resourceLabel", label), fargate.requestsPerTarget()));
    }

    @Test
    void realStacksSizeTheServiceForTheirEnvironment() {
        var dev = Stacks.settings("dev").app().fargate();
        var prod = Stacks.settings("prod").app().fargate();
        assertThat(List.of(dev.minCount(), dev.maxCount())).containsExactly(1, 2);
        assertThat(List.of(prod.minCount(), prod.maxCount())).containsExactly(3, 12);
        assertThat(Stacks.run("dev").ofType("aws:ecs/service:Service")).hasSize(1);
    }

    @Test
    void secretsAreInjectedByArnAndOnlyTheExecutionRoleMayReadThem() {
        var dbSecret = "arn:aws:secretsmanager:us-west-2:123456789012:secret:hipaa-dev-db-AbCdEf";
        var apiSecret = "arn:aws:secretsmanager:us-west-2:123456789012:secret:hipaa-dev-api-GhIjKl";
        var secretsKey = "arn:aws:kms:us-west-2:123456789012:key/secrets";
        var secrets = new LinkedHashMap<String, Output<String>>();
        secrets.put("DB_SECRET", Output.of(dbSecret));
        secrets.put("API_TOKEN", Output.of(apiSecret));
        var run = OfflineRun.run(Stacks.with("dev", Map.of()), false, ctx -> new FargateService("svc", new FargateService.Args(
                new Naming("hipaa-dev", new AwsAccount("aws", "us-west-2", "123456789012")),
                new Placement(Output.of("vpc-1"), Output.of(List.of("subnet-a"))),
                new LoadBalancerTarget(Output.of("sg-alb"), Output.of("arn:tg"), 8443),
                new FargateService.Container("123456789012.dkr.ecr.us-west-2.amazonaws.com/app:1",
                        "arn:aws:ecr:us-west-2:123456789012:repository/app", 512, 1024, secrets, 90),
                new FargateService.Scaling(1, 1, 2, 60, 1000, Output.of("app/x/1/targetgroup/y/2")),
                new Keys(Output.of("arn:logs-key"), Output.of("arn:data-key"), Output.of(secretsKey))), null));
        assertThat(run.succeeded()).as(run::failure).isTrue();

        var c = JsonParser.parseString(one(run, "aws:ecs/taskDefinition:TaskDefinition", "svc-task")
                .string("containerDefinitions").orElseThrow()).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(c.get("secrets")).isEqualTo(JsonParser.parseString("""
                [{"name":"DB_SECRET","valueFrom":"%s"},{"name":"API_TOKEN","valueFrom":"%s"}]""".formatted(dbSecret, apiSecret)));
        assertThat(c.get("environment").toString()).doesNotContain("secretsmanager");

        var policy = AppStacks.json(one(run, "aws:iam/policy:Policy", "svc-execution-policy"), "policy");
        var bySid = new LinkedHashMap<String, JsonObject>();
        statements(policy).forEach(s -> bySid.put(s.get("Sid").getAsString(), s));
        assertThat(bySid).containsOnlyKeys("PullTheAppImage", "GetRegistryTokenAwsRequiresStar", "WriteTheAppLogGroup",
                "ReadTheNamedSecrets", "DecryptThemThroughSecretsManager");
        assertThat(bySid.get("ReadTheNamedSecrets").toString()).isEqualTo(JsonParser.parseString("""
                {"Sid":"ReadTheNamedSecrets","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":["%s","%s"]}
                """.formatted(dbSecret, apiSecret)).toString());
        assertThat(bySid.get("DecryptThemThroughSecretsManager").toString()).isEqualTo(JsonParser.parseString("""
                {"Sid":"DecryptThemThroughSecretsManager","Effect":"Allow","Action":"kms:Decrypt","Resource":"%s",
                 "Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.us-west-2.amazonaws.com"}}}
                """.formatted(secretsKey)).toString());
        // "*" appears once, where ECR requires it.
        assertThat(statements(policy)).filteredOn(s -> s.get("Resource").toString().contains("\"*\""))
                .extracting(s -> s.get("Action").getAsString()).containsExactly("ecr:GetAuthorizationToken");
    }

    static List<JsonObject> statements(JsonObject policy) {
        JsonArray a = policy.getAsJsonArray("Statement");
        return a.asList().stream().map(e -> e.getAsJsonObject()).toList();
    }

    private static List<RecordedResource> on(OfflineRun.Result run, String type, String securityGroupId) {
        return run.ofType(type).stream().filter(r -> securityGroupId.equals(r.inputs().get("securityGroupId"))).toList();
    }
}
