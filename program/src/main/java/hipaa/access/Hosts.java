package hipaa.access;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMaintenanceOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMonitoringArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import hipaa.data.Backups;
import hipaa.identity.PolicyDocument;
import hipaa.network.SecurityGroups;
import hipaa.network.VpcPeering;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import hipaa.identity.RolePermissions;

/**
 * What the bastion and the VPN server build the same way: a security group with one resource per rule,
 * an instance role with one customer managed policy, an encrypted log group; and the bastion's hardened launch template.
 */
final class Hosts {
    private Hosts() {}

    /** Instance metadata: IMDSv2 session tokens only, and a hop limit of 1 so nothing behind the host can reach it. */
    static final String HTTP_TOKENS = "required";
    static final int HOP_LIMIT = 1;
    static final int ROOT_VOLUME_GIB = 20;

    static CustomResourceOptions child(Resource parent) {
        return CustomResourceOptions.builder().parent(parent).build();
    }

    /** Stateful: audit evidence. Protected from deletion in protected stacks, and kept if the stack goes. */
    static CustomResourceOptions kept(Resource parent, boolean protect) {
        return CustomResourceOptions.builder().parent(parent).protect(protect).retainOnDelete(protect).build();
    }

    /**
     * A security group with no inline rules (see {@link SecurityGroups}). The hosts' groups alone revoke their
     * rules on delete: rules other components add (the audited traffic flows) must not block a replacement.
     */
    static SecurityGroup securityGroup(Resource parent, String name, String physicalName, String description,
                                       Output<String> vpcId) {
        return SecurityGroups.group(name, physicalName, vpcId, child(parent)).description(description)
                .create(SecurityGroups.OnDelete.REVOKE_RULES, SecurityGroups.Egress.RULE_RESOURCES);
    }

    /** A rule to or from an address range, tagged with its own logical name. */
    static void ingress(Resource parent, String name, Output<String> groupId, String protocol, int port, String cidr,
                        String description) {
        SecurityGroups.ingress(name, groupId, child(parent))
                .port(protocol, port).cidr(cidr).description(description).nameTag(name).create();
    }

    static void egress(Resource parent, String name, Output<String> groupId, String protocol, int port, String cidr,
                       String description) {
        SecurityGroups.egress(name, groupId, child(parent))
                .port(protocol, port).cidr(cidr).description(description).nameTag(name).create();
    }

    /** {@code <name>-<role>-<cidr-slug>}: keyed by range, so removing one range touches one rule. */
    static String ruleName(String name, String role, String cidr) {
        return name + "-" + role + "-" + VpcPeering.slug(cidr);
    }

    /** An instance profile and the attachment of the customer managed policy its role's permissions come from. */
    record Identity(InstanceProfile profile, Resource policy) {}

    /**
     * The instance role ({@code <name>-role}), its customer managed policy ({@code <name>-policy}, attached by
     * {@code <name>-policy-attachment}) and profile ({@code <name>-profile}). Instances should depend on the
     * policy too: the profile exists before the attachment does.
     */
    static Identity instanceProfile(Resource parent, String name, String physicalName, String description,
                                    Output<PolicyDocument> policy) {
        var role = new Role(name + "-role", RoleArgs.builder()
                .name(physicalName)
                .description(description)
                .assumeRolePolicy(InstancePolicies.trust().toJson())
                .build(), child(parent));
        var permissions = RolePermissions.attach(name + "-policy", physicalName, description, role.name(),
                policy.applyValue(PolicyDocument::toJson), child(parent));
        var profile = new InstanceProfile(name + "-profile", InstanceProfileArgs.builder()
                .name(physicalName)
                .role(role.name())
                .build(), child(parent));
        return new Identity(profile, permissions.attachment());
    }

    static LogGroup logGroup(Resource parent, String name, String groupName, int retentionDays, Output<String> logsKeyArn,
                             boolean protect) {
        return new LogGroup(name, LogGroupArgs.builder()
                .name(groupName)
                .retentionInDays(retentionDays)
                .kmsKeyId(logsKeyArn)
                .build(), kept(parent, protect));
    }

    /**
     * How the bastion's group launches an instance.
     *
     * @param imageId      an AMI id, or {@code resolve:ssm:<parameter>} resolved at each launch
     * @param publicIp     whether the interface gets a public address at launch (only a host with an Elastic IP,
     *                     which it takes at boot)
     * @param userData     the first-boot script, plain text
     * @param instanceTags tags for the instance, its volume and its interface (the provider's default tags do
     *                     not reach resources a launch template creates)
     */
    record Launch(String physicalName, String imageId, String instanceType, Output<String> profileArn,
                  Output<String> securityGroupId, boolean publicIp, Output<String> userData, Output<String> dataKeyArn,
                  Map<String, String> instanceTags) {}

    /** Amazon Linux's root device: the mapping must name it, or the root volume keeps the image's settings. */
    static final String ROOT_DEVICE = "/dev/xvda";

    static LaunchTemplate launchTemplate(Resource parent, String name, Launch l) {
        var tags = new LinkedHashMap<>(l.instanceTags());
        tags.put("Name", l.physicalName());
        // Each instance and its volume are selected by the daily backup plan (AWS Config ebs-in-backup-plan,
        // ec2-resources-protected-by-backup-plan): a replaced instance's disk stays restorable, and open to
        // investigation, for the vault's retention.
        tags.put(Backups.TAG_KEY, Backups.TAG_VALUE);
        return new LaunchTemplate(name, LaunchTemplateArgs.builder()
                .name(l.physicalName())
                .description("Hardened launch template of " + l.physicalName())
                .imageId(l.imageId())
                .instanceType(l.instanceType())
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileArgs.builder().arn(l.profileArn()).build())
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens(HTTP_TOKENS)
                        .httpPutResponseHopLimit(HOP_LIMIT)
                        .instanceMetadataTags("disabled")
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName(ROOT_DEVICE)
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .encrypted("true")
                                .kmsKeyId(l.dataKeyArn())
                                .volumeType("gp3")
                                .volumeSize(ROOT_VOLUME_GIB)
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .networkInterfaces(LaunchTemplateNetworkInterfaceArgs.builder()
                        .deviceIndex(0)
                        .associatePublicIpAddress(Boolean.toString(l.publicIp()))
                        .securityGroups(l.securityGroupId().applyValue(List::of))
                        .deleteOnTermination("true")
                        .build())
                .monitoring(LaunchTemplateMonitoringArgs.builder().enabled(true).build())
                .maintenanceOptions(LaunchTemplateMaintenanceOptionsArgs.builder().autoRecovery("default").build())
                .tagSpecifications(
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("instance").tags(tags).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("volume").tags(tags).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("network-interface").tags(tags).build())
                .userData(l.userData().applyValue(Hosts::base64))
                .updateDefaultVersion(true)
                .tags(Map.of("Name", l.physicalName()))
                .build(), child(parent));
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
