package hipaa.compute;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The security group of one workload and the flows internal to the application tier, shared by
 * {@link FargateService} and {@link Ec2AppGroup} so both tiers open exactly the same paths.
 *
 * <p>Children, named after the owning component {@code <name>}: {@code <name>-sg};
 * {@code <name>-sg-in-alb} (app port from the load balancer's group only); {@code <name>-alb-out} (the
 * matching egress on the load balancer's group, so it reaches this workload and nothing else);
 * {@code <name>-sg-out-https} (443 to AWS APIs: image pulls, logs, secrets, SSM).
 */
final class WorkloadSecurityGroup {
    private WorkloadSecurityGroup() {}

    /** The only destination the app tier reaches by itself: AWS APIs on 443. */
    static final String AWS_APIS_CIDR = "0.0.0.0/0";

    static Output<String> create(String name, Output<String> vpcId, Output<String> albSecurityGroupId, int appPort,
                                 String physicalName, String description, CustomResourceOptions child) {
        var sg = new SecurityGroup(name + "-sg", SecurityGroupArgs.builder()
                .vpcId(vpcId)
                .name(physicalName)
                .description(description)
                // No inline rules: each flow is its own rule resource below (inline rules would remove them).
                // Declaring no egress also removes AWS's default allow-all egress rule.
                .tags(Map.of("Name", physicalName))
                .build(), child);

        new SecurityGroupIngressRule(name + "-sg-in-alb", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(sg.id())
                .description("App port from the load balancer only")
                .ipProtocol("tcp").fromPort(appPort).toPort(appPort)
                .referencedSecurityGroupId(albSecurityGroupId)
                .build(), child);
        new SecurityGroupEgressRule(name + "-alb-out", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(albSecurityGroupId)
                .description("Load balancer to " + physicalName + " on the app port")
                .ipProtocol("tcp").fromPort(appPort).toPort(appPort)
                .referencedSecurityGroupId(sg.id())
                .build(), child);
        // AWS APIs (ECR, CloudWatch Logs, Secrets Manager, SSM) are reached through the VPC's interface
        // endpoints where the stack has them and through the NAT gateway otherwise; image layers come from
        // S3 through its gateway endpoint, whose addresses are S3's public ranges. Hence 443 to any address;
        // flows to other tiers (the database) are added by network/TrafficFlows, not here.
        new SecurityGroupEgressRule(name + "-sg-out-https", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(sg.id())
                .description("HTTPS to AWS APIs (ECR, CloudWatch Logs, Secrets Manager, SSM)")
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .cidrIpv4(AWS_APIS_CIDR)
                .build(), child);
        return sg.id();
    }
}
