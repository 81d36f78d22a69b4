package hipaa.compute;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.autoscaling.GroupArgs;
import com.pulumi.aws.autoscaling.Policy;
import com.pulumi.aws.autoscaling.PolicyArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshPreferencesArgs;
import com.pulumi.aws.autoscaling.inputs.GroupLaunchTemplateArgs;
import com.pulumi.aws.autoscaling.inputs.GroupTagArgs;
import com.pulumi.aws.autoscaling.inputs.PolicyTargetTrackingConfigurationArgs;
import com.pulumi.aws.autoscaling.inputs.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMonitoringArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.iam.ServiceLinkedRole;
import com.pulumi.aws.iam.ServiceLinkedRoleArgs;
import com.pulumi.aws.kms.Grant;
import com.pulumi.aws.kms.GrantArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.access.SessionLogging;
import hipaa.data.Backups;
import hipaa.identity.Keys;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.identity.RolePermissions;
import hipaa.network.Placement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The application on EC2 instances in an Auto Scaling group, for apps that are not containerised.
 *
 * <p>Children: {@code <name>-sg} and its rules (see {@link WorkloadSecurityGroup}); instance role
 * {@code <name>-role} with the AWS managed policy {@code <name>-ssm-core} (Session Manager, patching), the
 * customer managed {@code <name>-telemetry} (the CloudWatch agent on the app's own log groups and metrics only,
 * {@link AppInstancePolicy}) and {@code <name>-session-key} (decrypting Session Manager's session data, which no
 * managed policy grants), each with its {@code -attachment} ({@link RolePermissions}), and {@code <name>-profile}; the group's own
 * service-linked role {@code <name>-autoscaling-role} and {@code <name>-autoscaling-key-grant}, the KMS grant
 * that lets it launch instances whose volumes use the data key; launch template {@code <name>-template};
 * the group {@code <name>} and its policy {@code <name>-scale-cpu}.
 *
 * <p>Fixed posture: IMDSv2 required with a hop limit of 1 (containers on the host cannot reach the
 * instance credentials); root volume gp3, encrypted with the data key, deleted with the instance; no public
 * IP; no SSH key pair (administrators use Session Manager); the app comes with the image or the stack's user data
 * (settings refuse a group with neither: nothing would answer the health checks); detailed monitoring; the stack's tags on the
 * group, its instances, their volumes and network interfaces; ELB health checks, so an instance the load
 * balancer finds unhealthy is replaced; a rolling instance refresh whenever the launch template changes.
 * Supports 164.312(a)(1), 164.312(a)(2)(iv), 164.312(b) and 164.308(a)(5)(ii)(B).
 */
public final class Ec2AppGroup extends ComponentResource {

    public static final String TYPE = "hipaa:compute:Ec2AppGroup";
    /** Root device of Amazon Linux images; the mapping below replaces (encrypts) that volume. */
    public static final String ROOT_DEVICE = "/dev/xvda";
    /**
     * The instance profile's one AWS managed policy: the SSM agent's (Session Manager, Run Command, State
     * Manager, Patch Manager), which docs/APP.md installs the app with. Kept on review: its write actions on
     * {@code *} (PutInventory, PutComplianceItems, UpdateInstanceInformation, the ec2messages and ssmmessages
     * channels) are the agent reporting on and talking for the calling instance only, which Systems Manager
     * ties to the instance's identity. The CloudWatch agent gets {@link AppInstancePolicy} instead of
     * CloudWatchAgentServerPolicy, which may create, write and shorten every log group of the account.
     */
    public static final List<String> MANAGED_POLICIES = List.of("AmazonSSMManagedInstanceCore");
    /** What the group's service-linked role may do with the data key: exactly what AWS lists for encrypted launches. */
    public static final List<String> KEY_GRANT_OPERATIONS = List.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo",
            "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey", "CreateGrant");
    /** Group metrics published to CloudWatch (free at one-minute granularity). */
    public static final List<String> GROUP_METRICS = List.of("GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity",
            "GroupInServiceInstances", "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances");
    private static final String SERVICE_LINKED_PREFIX = "AWSServiceRoleForAutoScaling_";

    /**
     * What each instance is.
     *
     * @param imageId       an approved AMI id (hipaa.wiring.Platform#image, or hipaa:ec2AppImageId)
     * @param userData      the first-boot script that installs and starts the app, plain text; empty when the image
     *                      carries the app
     * @param instanceType  EC2 instance type
     * @param rootVolumeGiB size of the root volume
     * @param instanceTags  tags for instances, volumes and network interfaces (provider default tags do not reach them)
     */
    public record Instances(String imageId, Optional<String> userData, String instanceType, int rootVolumeGiB,
                            Map<String, String> instanceTags) {
        public Instances {
            Objects.requireNonNull(userData, "userData");
            instanceTags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instanceTags));
        }
    }

    /**
     * How many instances run, and what target tracking keeps.
     *
     * @param minSize          fewest instances
     * @param maxSize          most instances
     * @param desiredCapacity  instances at creation
     * @param cpuTargetPercent CPU the scaling keeps
     */
    public record Scaling(int minSize, int maxSize, int desiredCapacity, int cpuTargetPercent) {}

    /**
     * @param naming    the name prefix, and the partition of policy ARNs
     * @param placement the production VPC and the app subnets the instances run in
     * @param target    the load balancer's security group, the target group and the app port
     * @param instances image, type, root volume and tags
     * @param scaling   group sizes and the CPU target
     * @param keys      the data key encrypts the volumes
     * @param sessions  Session Manager's log group and session key, which the instance role must be able to use
     */
    public record Args(Naming naming, Placement placement, LoadBalancerTarget target, Instances instances, Scaling scaling,
                       Keys keys, SessionLogging sessions) {
        public Args {
            Objects.requireNonNull(sessions, "sessions");
        }
    }

    public final Output<String> autoScalingGroupName;
    public final Output<String> launchTemplateId;
    public final Output<String> instanceRoleArn;
    public final Output<String> securityGroupId;

    public Ec2AppGroup(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var physical = args.naming().namePrefix() + "-app";

        var sgId = WorkloadSecurityGroup.create(name, args.placement().vpcId(), args.target().albSecurityGroupId(), args.target().appPort(),
                physical + "-instances", "App instances: app port from the load balancer; HTTPS to AWS APIs", child);

        var role = new Role(name + "-role", RoleArgs.builder()
                .name(physical + "-instance")
                .description("App instances of " + args.naming().namePrefix() + ": Session Manager and the CloudWatch agent only")
                .assumeRolePolicy(instanceTrust().toJson())
                .build(), child);
        for (var policy : MANAGED_POLICIES) {
            new RolePolicyAttachment(name + "-" + (policy.startsWith("AmazonSSM") ? "ssm-core" : "cloudwatch-agent"),
                    RolePolicyAttachmentArgs.builder()
                            .role(role.name())
                            .policyArn("arn:" + args.naming().account().partition() + ":iam::aws:policy/" + policy)
                            .build(), child);
        }
        // Customer managed, never inline (RolePermissions): <prefix>-app-instance-telemetry and -session-key.
        RolePermissions.attach(name + "-telemetry", physical + "-instance-telemetry",
                "The CloudWatch agent of " + physical + " instances: their own log groups, metrics and agent configuration",
                role.name(), Output.of(AppInstancePolicy.telemetry(args.naming().account(), args.naming().namePrefix()).toJson()),
                child);
        // The managed policy covers the agent's channels and transcripts, not the key the preferences encrypt
        // sessions with: the same statement every instance role here carries (SessionLogging).
        var sessionKey = RolePermissions.attach(name + "-session-key", physical + "-instance-session-key",
                "Decrypt Session Manager session data for " + physical + " instances",
                role.name(), args.sessions().decryptSessionData().applyValue(st -> PolicyDocument.of(st).toJson()),
                child).attachment();
        var profile = new InstanceProfile(name + "-profile", InstanceProfileArgs.builder()
                .name(physical + "-instance")
                .role(role.name())
                .build(), child);

        // A service-linked role of this group's own (custom suffix) that the key can be granted to here: the
        // account's default AutoScaling role may not exist yet when the keys are created, and a key policy
        // that names a missing principal is rejected. Without the grant, launches with the data key fail.
        var serviceRole = new ServiceLinkedRole(name + "-autoscaling-role", ServiceLinkedRoleArgs.builder()
                .awsServiceName("autoscaling.amazonaws.com")
                .customSuffix(serviceRoleSuffix(physical))
                .description("Auto Scaling for " + physical + "; may use the data key for its volumes")
                .build(), child);
        var grant = new Grant(name + "-autoscaling-key-grant", GrantArgs.builder()
                .name(physical + "-ebs")
                .keyId(args.keys().dataKeyArn())
                .granteePrincipal(serviceRole.arn())
                .operations(KEY_GRANT_OPERATIONS)
                .build(), child);

        var tagSpecs = List.of("instance", "volume", "network-interface").stream()
                .map(type -> LaunchTemplateTagSpecificationArgs.builder().resourceType(type).tags(instanceTags(args, physical)).build())
                .toList();
        var launch = LaunchTemplateArgs.builder();
        args.instances().userData().ifPresent(script -> launch.userData(
                java.util.Base64.getEncoder().encodeToString(script.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        var template = new LaunchTemplate(name + "-template", launch
                .namePrefix(physical + "-")
                .description("App instances of " + args.naming().namePrefix())
                .imageId(args.instances().imageId())
                .instanceType(args.instances().instanceType())
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileArgs.builder().arn(profile.arn()).build())
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        .httpPutResponseHopLimit(1)
                        .instanceMetadataTags("disabled")
                        .build())
                .networkInterfaces(LaunchTemplateNetworkInterfaceArgs.builder()
                        .deviceIndex(0)
                        .associatePublicIpAddress("false")
                        .deleteOnTermination("true")
                        .securityGroups(sgId.applyValue(List::of))
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName(ROOT_DEVICE)
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .encrypted("true")
                                .kmsKeyId(args.keys().dataKeyArn())
                                .volumeType("gp3")
                                .volumeSize(args.instances().rootVolumeGiB())
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .monitoring(LaunchTemplateMonitoringArgs.builder().enabled(true).build())
                .tagSpecifications(tagSpecs)
                .updateDefaultVersion(true)
                .tags(Map.of("Name", physical))
                .build(), child);

        var groupTags = instanceTags(args, physical).entrySet().stream()
                .map(e -> GroupTagArgs.builder().key(e.getKey()).value(e.getValue()).propagateAtLaunch(true).build())
                .toList();
        var group = new Group(name, GroupArgs.builder()
                .name(physical)
                .vpcZoneIdentifiers(args.placement().subnetIds())
                .minSize(args.scaling().minSize())
                .maxSize(args.scaling().maxSize())
                .desiredCapacity(args.scaling().desiredCapacity())
                .launchTemplate(GroupLaunchTemplateArgs.builder()
                        .id(template.id())
                        .version(template.latestVersion().applyValue(String::valueOf))
                        .build())
                .targetGroupArns(args.target().targetGroupArn().applyValue(List::of))
                .healthCheckType("ELB")
                .healthCheckGracePeriod(300)
                .defaultInstanceWarmup(300)
                .serviceLinkedRoleArn(serviceRole.arn())
                .instanceRefresh(GroupInstanceRefreshArgs.builder()
                        .strategy("Rolling")
                        .preferences(GroupInstanceRefreshPreferencesArgs.builder()
                                .minHealthyPercentage(90)
                                .instanceWarmup("300")
                                .build())
                        .build())
                .enabledMetrics(GROUP_METRICS)
                .metricsGranularity("1Minute")
                .tags(groupTags)
                // Target tracking owns the running count after creation; a deployment must not reset it.
                // Instances must not boot before their role may open sessions and their volumes may use the key.
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(grant, sessionKey)
                .ignoreChanges(List.of("desiredCapacity")).build());

        new Policy(name + "-scale-cpu", PolicyArgs.builder()
                .name(physical + "-cpu")
                .autoscalingGroupName(group.name())
                .policyType("TargetTrackingScaling")
                .estimatedInstanceWarmup(300)
                .targetTrackingConfiguration(PolicyTargetTrackingConfigurationArgs.builder()
                        .predefinedMetricSpecification(PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs.builder()
                                .predefinedMetricType("ASGAverageCPUUtilization").build())
                        .targetValue((double) args.scaling().cpuTargetPercent())
                        .build())
                .build(), child);

        this.autoScalingGroupName = group.name();
        this.launchTemplateId = template.id();
        this.instanceRoleArn = role.arn();
        this.securityGroupId = sgId;
        registerOutputs(Map.of("autoScalingGroupName", autoScalingGroupName, "launchTemplateId", launchTemplateId,
                "instanceRoleArn", instanceRoleArn, "securityGroupId", securityGroupId));
    }

    /**
     * Instances are launched by EC2 on the group's behalf; EC2 sends no source conditions to check. The trust AWS
     * documents for an instance role ("IAM roles for Amazon EC2", Amazon EC2 User Guide).
     */
    public static PolicyDocument instanceTrust() {
        return PolicyDocument.of(Statement.assumeRole("Ec2Instances", "Service", "ec2.amazonaws.com"));
    }

    private static Map<String, String> instanceTags(Args args, String physical) {
        var tags = new LinkedHashMap<>(args.instances().instanceTags());
        tags.put("Name", physical);
        // Selected by the daily backup plan (AWS Config ebs-in-backup-plan, ec2-resources-protected-by-backup-plan):
        // the app keeps no data of its own, but a scaled-in or replaced instance's disk stays restorable, and
        // open to investigation, for the vault's retention.
        tags.put(Backups.TAG_KEY, Backups.TAG_VALUE);
        return tags;
    }

    /**
     * The custom suffix of the group's service-linked role. IAM role names end at 64 characters, so the
     * suffix keeps what fits after {@code AWSServiceRoleForAutoScaling_}.
     */
    static String serviceRoleSuffix(String physical) {
        var clean = physical.replaceAll("[^A-Za-z0-9+=,.@_-]", "-");
        return clean.substring(0, Math.min(clean.length(), 64 - SERVICE_LINKED_PREFIX.length()));
    }
}
