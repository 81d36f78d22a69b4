package hipaa.compute;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.pulumi.aws.appautoscaling.Policy;
import com.pulumi.aws.appautoscaling.PolicyArgs;
import com.pulumi.aws.appautoscaling.Target;
import com.pulumi.aws.appautoscaling.TargetArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.ecs.ClusterArgs;
import com.pulumi.aws.ecs.Service;
import com.pulumi.aws.ecs.ServiceArgs;
import com.pulumi.aws.ecs.TaskDefinition;
import com.pulumi.aws.ecs.TaskDefinitionArgs;
import com.pulumi.aws.ecs.inputs.ClusterConfigurationArgs;
import com.pulumi.aws.ecs.inputs.ClusterConfigurationManagedStorageConfigurationArgs;
import com.pulumi.aws.ecs.inputs.ClusterSettingArgs;
import com.pulumi.aws.ecs.inputs.ServiceDeploymentCircuitBreakerArgs;
import com.pulumi.aws.ecs.inputs.ServiceLoadBalancerArgs;
import com.pulumi.aws.ecs.inputs.ServiceNetworkConfigurationArgs;
import com.pulumi.aws.ecs.inputs.TaskDefinitionRuntimePlatformArgs;
import com.pulumi.aws.ecs.inputs.TaskDefinitionVolumeArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.AwsAccount;
import hipaa.identity.Keys;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.network.Placement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import hipaa.identity.RolePermissions;

/**
 * The application as an ECS service on Fargate, behind the HTTPS load balancer.
 *
 * <p>Children: log groups {@code <name>-logs} (the container's stdout/stderr) and {@code <name>-insights-logs}
 * (Container Insights performance events, created here so they are encrypted and expire), both with the
 * logs key; cluster {@code <name>-cluster} (Container Insights on, task ephemeral storage encrypted with the
 * data key); roles {@code <name>-execution-role} with {@code <name>-execution-policy} (customer managed, attached by
 * {@code <name>-execution-policy-attachment}) and
 * {@code <name>-task-role}; task definition {@code <name>-task}; {@code <name>-sg} and its rules (see
 * {@link WorkloadSecurityGroup}); service {@code <name>-service}; scaling target {@code <name>-scaling-target}
 * with target-tracking policies {@code <name>-scale-cpu} and {@code <name>-scale-requests}.
 *
 * <p>Fixed posture: one container, {@code app}, with a read-only root filesystem (a task-scoped volume is
 * the only writable path, {@code /tmp}), no privileged mode and every Linux capability dropped; secrets
 * injected by ECS from Secrets Manager by ARN, never written into the task definition; logs through
 * {@code awslogs} only. The execution role may pull from the one ECR repository, write the one log group and
 * read the named secrets; the task role has no permissions at all until the app needs some. Tasks run in
 * the app subnets with no public IP and accept traffic only from the load balancer; a failed deployment
 * rolls back by itself; ECS Exec is off (no shell into containers holding PHI). Supports 164.312(a)(1)
 * (access control), 164.312(a)(2)(iv) (encryption), 164.312(b) (audit controls) and 164.312(e)(1).
 */
public final class FargateService extends ComponentResource {

    public static final String TYPE = "hipaa:compute:FargateService";
    public static final String CONTAINER = "app";
    /** The only writable path in the container (the root filesystem is read-only). */
    public static final String SCRATCH_PATH = "/tmp";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /**
     * The one container and what it may read.
     *
     * @param image              container image (ECR URI with tag or digest)
     * @param imageRepositoryArn the ECR repository the image comes from; the only one the tasks may pull
     * @param cpu                task CPU units
     * @param memoryMiB          task memory
     * @param secrets            environment variable name to Secrets Manager secret ARN; the only secrets the tasks may read
     * @param logRetentionDays   retention of the log groups
     */
    public record Container(String image, String imageRepositoryArn, int cpu, int memoryMiB,
                            Map<String, Output<String>> secrets, int logRetentionDays) {
        public Container {
            secrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
            for (var env : secrets.keySet()) {
                if (!env.matches("[A-Z][A-Z0-9_]*")) {
                    throw new IllegalArgumentException("secret variable name: " + env);
                }
            }
        }
    }

    /**
     * How many tasks run, and what Application Auto Scaling keeps.
     *
     * @param desiredCount      tasks at creation
     * @param minCount          fewest tasks
     * @param maxCount          most tasks
     * @param cpuTargetPercent  CPU the scaling keeps
     * @param requestsPerTarget requests per task per minute the scaling keeps
     * @param requestCountLabel the ALBRequestCountPerTarget label of the target group
     */
    public record Scaling(int desiredCount, int minCount, int maxCount, int cpuTargetPercent, int requestsPerTarget,
                          Output<String> requestCountLabel) {
        public Scaling {
            Objects.requireNonNull(requestCountLabel, "requestCountLabel");
        }
    }

    /**
     * @param naming    the name prefix, and the account and Region for ARNs in policies
     * @param placement the production VPC and the app subnets the tasks run in
     * @param target    the load balancer's security group, the target group and the app port
     * @param container the image, its size, its secrets and its logs
     * @param scaling   task counts and scaling targets
     * @param keys      the logs key (log groups), the data key (ephemeral storage), the secrets key (the secrets)
     */
    public record Args(Naming naming, Placement placement, LoadBalancerTarget target, Container container, Scaling scaling,
                       Keys keys) {}

    public final Output<String> clusterName;
    public final Output<String> serviceName;
    public final Output<String> logGroupName;
    public final Output<String> taskRoleArn;
    public final Output<String> executionRoleArn;
    public final Output<String> securityGroupId;

    public FargateService(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        var clusterPhysicalName = args.naming().namePrefix() + "-app";

        var logs = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .name(containerLogGroup(args.naming().namePrefix(), name))
                .retentionInDays(args.container().logRetentionDays())
                .kmsKeyId(args.keys().logsKeyArn())
                .tags(Map.of("Name", args.naming().namePrefix() + "-" + name + "-containers"))
                .build(), child);
        // Container Insights writes here; left to ECS, the group would be unencrypted and never expire.
        var insights = new LogGroup(name + "-insights-logs", LogGroupArgs.builder()
                .name("/aws/ecs/containerinsights/" + clusterPhysicalName + "/performance")
                .retentionInDays(args.container().logRetentionDays())
                .kmsKeyId(args.keys().logsKeyArn())
                .tags(Map.of("Name", clusterPhysicalName + "-container-insights"))
                .build(), child);

        var cluster = new Cluster(name + "-cluster", ClusterArgs.builder()
                .name(clusterPhysicalName)
                .settings(ClusterSettingArgs.builder().name("containerInsights").value("enabled").build())
                .configuration(ClusterConfigurationArgs.builder()
                        .managedStorageConfiguration(ClusterConfigurationManagedStorageConfigurationArgs.builder()
                                .fargateEphemeralStorageKmsKeyId(args.keys().dataKeyArn())
                                .build())
                        .build())
                .tags(Map.of("Name", clusterPhysicalName))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(insights).build());

        var execution = new Role(name + "-execution-role", RoleArgs.builder()
                .name(args.naming().namePrefix() + "-app-task-execution")
                .description("ECS agent for " + clusterPhysicalName + ": pull the app image, write its log group, read its named secrets")
                .assumeRolePolicy(executionTrust().toJson())
                .build(), child);
        var logGroupArn = account.arn("logs", "log-group:" + containerLogGroup(args.naming().namePrefix(), name));
        var secretArns = Output.all(new ArrayList<>(args.container().secrets().values()));
        RolePermissions.attach(name + "-execution-policy", args.naming().namePrefix() + "-app-task-execution",
                "ECS agent for " + clusterPhysicalName + ": pull the app image, write its log group, read its named secrets",
                execution.name(), Output.tuple(secretArns, args.keys().secretsKeyArn())
                        .applyValue(t -> executionPolicy(account, args.container().imageRepositoryArn(), logGroupArn, t.t1, t.t2).toJson()),
                child);

        var task = new Role(name + "-task-role", RoleArgs.builder()
                .name(args.naming().namePrefix() + "-app-task")
                .description("The app in " + clusterPhysicalName + "; no permissions until the app needs them")
                .assumeRolePolicy(taskTrust(account).toJson())
                .build(), child);

        var containerDefinitions = Output.tuple(logs.name(), secretArns)
                .applyValue(t -> containerDefinitions(args, t.t1, zip(args.container().secrets().keySet(), t.t2)));
        var taskDefinition = new TaskDefinition(name + "-task", TaskDefinitionArgs.builder()
                .family(clusterPhysicalName)
                .requiresCompatibilities("FARGATE")
                .networkMode("awsvpc")
                .cpu(Integer.toString(args.container().cpu()))
                .memory(Integer.toString(args.container().memoryMiB()))
                .runtimePlatform(TaskDefinitionRuntimePlatformArgs.builder()
                        .operatingSystemFamily("LINUX").cpuArchitecture("X86_64").build())
                .executionRoleArn(execution.arn())
                .taskRoleArn(task.arn())
                .volumes(TaskDefinitionVolumeArgs.builder().name("scratch").build())
                .containerDefinitions(containerDefinitions)
                .tags(Map.of("Name", clusterPhysicalName))
                .build(), child);

        var sgId = WorkloadSecurityGroup.create(name, args.placement().vpcId(), args.target().albSecurityGroupId(), args.target().appPort(),
                args.naming().namePrefix() + "-app-tasks", "App tasks: app port from the load balancer; HTTPS to AWS APIs", child);

        var service = new Service(name + "-service", ServiceArgs.builder()
                .name(clusterPhysicalName)
                .cluster(cluster.arn())
                .taskDefinition(taskDefinition.arn())
                .launchType("FARGATE")
                .platformVersion("LATEST")
                .desiredCount(args.scaling().desiredCount())
                .networkConfiguration(ServiceNetworkConfigurationArgs.builder()
                        .subnets(args.placement().subnetIds())
                        .securityGroups(sgId.applyValue(List::of))
                        .assignPublicIp(false)
                        .build())
                .loadBalancers(ServiceLoadBalancerArgs.builder()
                        .targetGroupArn(args.target().targetGroupArn())
                        .containerName(CONTAINER)
                        .containerPort(args.target().appPort())
                        .build())
                .healthCheckGracePeriodSeconds(60)
                .deploymentCircuitBreaker(ServiceDeploymentCircuitBreakerArgs.builder().enable(true).rollback(true).build())
                .deploymentMinimumHealthyPercent(100)
                .deploymentMaximumPercent(200)
                .enableExecuteCommand(false)
                .propagateTags("SERVICE")
                .enableEcsManagedTags(true)
                .tags(Map.of("Name", clusterPhysicalName))
                // Application Auto Scaling owns the running count after creation; a deployment must not reset it.
                .build(), CustomResourceOptions.builder().parent(this).ignoreChanges(List.of("desiredCount")).build());

        var target = new Target(name + "-scaling-target", TargetArgs.builder()
                .serviceNamespace("ecs")
                .scalableDimension("ecs:service:DesiredCount")
                .resourceId(Output.tuple(cluster.name(), service.name()).applyValue(t -> "service/" + t.t1 + "/" + t.t2))
                .minCapacity(args.scaling().minCount())
                .maxCapacity(args.scaling().maxCount())
                .tags(Map.of("Name", clusterPhysicalName))
                .build(), child);
        scaling(name + "-scale-cpu", clusterPhysicalName + "-cpu", target, "ECSServiceAverageCPUUtilization", null,
                args.scaling().cpuTargetPercent(), child);
        scaling(name + "-scale-requests", clusterPhysicalName + "-requests", target, "ALBRequestCountPerTarget",
                args.scaling().requestCountLabel(), args.scaling().requestsPerTarget(), child);

        this.clusterName = cluster.name();
        this.serviceName = service.name();
        this.logGroupName = logs.name();
        this.taskRoleArn = task.arn();
        this.executionRoleArn = execution.arn();
        this.securityGroupId = sgId;
        registerOutputs(Map.of("clusterName", clusterName, "serviceName", serviceName, "logGroupName", logGroupName,
                "taskRoleArn", taskRoleArn, "executionRoleArn", executionRoleArn, "securityGroupId", securityGroupId));
    }

    private static void scaling(String resourceName, String policyName, Target target, String metric,
                                Output<String> resourceLabel, int targetValue, CustomResourceOptions child) {
        var spec = PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs.builder()
                .predefinedMetricType(metric);
        if (resourceLabel != null) {
            spec.resourceLabel(resourceLabel);
        }
        new Policy(resourceName, PolicyArgs.builder()
                .name(policyName)
                .policyType("TargetTrackingScaling")
                .serviceNamespace(target.serviceNamespace())
                .scalableDimension(target.scalableDimension())
                .resourceId(target.resourceId())
                .targetTrackingScalingPolicyConfiguration(PolicyTargetTrackingScalingPolicyConfigurationArgs.builder()
                        .predefinedMetricSpecification(spec.build())
                        .targetValue((double) targetValue)
                        // Scale out within a minute of the breach, in again only after five quiet minutes.
                        .scaleOutCooldown(60)
                        .scaleInCooldown(300)
                        .build())
                .build(), child);
    }

    /**
     * Trust of the task role: ECS tasks of this account and Region only, the conditions AWS documents
     * against the confused-deputy problem ("Amazon ECS task IAM role", Amazon ECS Developer Guide).
     */
    public static PolicyDocument taskTrust(AwsAccount account) {
        return PolicyDocument.of(Statement.assumeRole("EcsTasksOfThisAccount", "Service", "ecs-tasks.amazonaws.com")
                .condition("ArnLike", "aws:SourceArn", account.arn("ecs", "*"))
                .condition("StringEquals", "aws:SourceAccount", account.accountId()));
    }

    /**
     * Trust of the execution role, exactly as AWS documents it ("Amazon ECS task execution IAM role", Amazon ECS
     * Developer Guide). AWS documents the source conditions for task roles only; the agent that
     * assumes the execution role is not documented to send them, and a condition on a missing key would
     * stop every task from starting. The role's permissions are what keeps it narrow.
     */
    public static PolicyDocument executionTrust() {
        return PolicyDocument.of(Statement.assumeRole("EcsTasks", "Service", "ecs-tasks.amazonaws.com"));
    }

    /** The execution role's permissions: one repository, one log group, the named secrets and their key. */
    public static PolicyDocument executionPolicy(AwsAccount account, String repositoryArn, String logGroupArn,
                                                 List<String> secretArns, String secretsKeyArn) {
        var statements = new ArrayList<Statement>();
        statements.add(Statement.allow("PullTheAppImage")
                .actions("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage")
                .resources(repositoryArn));
        // ecr:GetAuthorizationToken has no resource-level permissions: AWS requires "*" here. The token alone
        // reads nothing; the repository statement above decides what can be pulled.
        statements.add(Statement.allow("GetRegistryTokenAwsRequiresStar")
                .actions("ecr:GetAuthorizationToken")
                .resources("*"));
        statements.add(Statement.allow("WriteTheAppLogGroup")
                .actions("logs:CreateLogStream", "logs:PutLogEvents")
                .resources(logGroupArn + ":*"));
        if (!secretArns.isEmpty()) {
            statements.add(Statement.allow("ReadTheNamedSecrets")
                    .actions("secretsmanager:GetSecretValue")
                    .resources(List.copyOf(secretArns)));
            statements.add(Statement.allow("DecryptThemThroughSecretsManager")
                    .actions("kms:Decrypt")
                    .resources(secretsKeyArn)
                    .condition("StringEquals", "kms:ViaService", account.regionalService("secretsmanager")));
        }
        return new PolicyDocument(statements);
    }

    /** The container's log group: {@code /<prefix>/<name>/containers}. */
    static String containerLogGroup(String namePrefix, String name) {
        return "/" + namePrefix + "/" + name + "/containers";
    }

    /** The task definition's one container, as the JSON ECS takes (keys in a fixed order, so no spurious diffs). */
    static String containerDefinitions(Args args, String logGroupName, Map<String, String> secrets) {
        var container = obj(
                "name", CONTAINER,
                "image", args.container().image(),
                "essential", true,
                "portMappings", List.of(obj("containerPort", args.target().appPort(), "protocol", "tcp")),
                "readonlyRootFilesystem", true,
                "privileged", false,
                "linuxParameters", obj("capabilities", obj("drop", List.of("ALL"))),
                "mountPoints", List.of(obj("sourceVolume", "scratch", "containerPath", SCRATCH_PATH, "readOnly", false)),
                // Non-secret settings only; secrets go through "secrets", which ECS resolves when the task starts.
                "environment", List.of(obj("name", "PORT", "value", Integer.toString(args.target().appPort()))),
                "secrets", secrets.entrySet().stream().map(e -> obj("name", e.getKey(), "valueFrom", e.getValue())).toList(),
                "logConfiguration", obj("logDriver", "awslogs", "options", obj(
                        "awslogs-group", logGroupName,
                        "awslogs-region", args.naming().account().region(),
                        "awslogs-stream-prefix", CONTAINER)));
        return GSON.toJson(List.of(container));
    }

    private static Map<String, Object> obj(Object... keysAndValues) {
        var out = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static Map<String, String> zip(java.util.Set<String> names, List<String> values) {
        var out = new LinkedHashMap<String, String>();
        var it = values.iterator();
        for (var n : names) {
            out.put(n, it.next());
        }
        return out;
    }
}
