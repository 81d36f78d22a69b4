package hipaa.compute;

import com.pulumi.core.Output;

import java.util.Objects;

/**
 * How the load balancer reaches a workload.
 *
 * @param albSecurityGroupId the load balancer's security group, the only source allowed in
 * @param targetGroupArn     the target group the workload registers with
 * @param appPort            the port the app serves TLS on
 */
public record LoadBalancerTarget(Output<String> albSecurityGroupId, Output<String> targetGroupArn, int appPort) {
    public LoadBalancerTarget {
        Objects.requireNonNull(albSecurityGroupId, "albSecurityGroupId");
        Objects.requireNonNull(targetGroupArn, "targetGroupArn");
    }
}
