package hipaa.compute;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.network.SecurityGroups;

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
        // No inline rules: each flow is its own rule resource below (inline rules would remove them).
        var sg = SecurityGroups.group(name + "-sg", physicalName, vpcId, child).description(description)
                .create(SecurityGroups.OnDelete.PROVIDER_DEFAULT, SecurityGroups.Egress.RULE_RESOURCES);

        SecurityGroups.ingress(name + "-sg-in-alb", sg.id(), child)
                .tcp(appPort).peerGroup(albSecurityGroupId)
                .description("App port from the load balancer only")
                .create();
        SecurityGroups.egress(name + "-alb-out", albSecurityGroupId, child)
                .tcp(appPort).peerGroup(sg.id())
                .description("Load balancer to " + physicalName + " on the app port")
                .create();
        // AWS APIs (ECR, CloudWatch Logs, Secrets Manager, SSM) are reached through the VPC's interface
        // endpoints where the stack has them and through the NAT gateway otherwise; image layers come from
        // S3 through its gateway endpoint, whose addresses are S3's public ranges. Hence 443 to any address;
        // flows to other tiers (the database) are added by network/TrafficFlows, not here.
        SecurityGroups.egress(name + "-sg-out-https", sg.id(), child)
                .tcp(443).cidr(AWS_APIS_CIDR)
                .description("HTTPS to AWS APIs (ECR, CloudWatch Logs, Secrets Manager, SSM)")
                .create();
        return sg.id();
    }
}
