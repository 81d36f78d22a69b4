package hipaa.network;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Objects;

/**
 * Where a component's network interfaces live.
 *
 * @param vpcId     the VPC, for its security groups
 * @param subnetIds the subnets it may use, one per Availability Zone
 */
public record Placement(Output<String> vpcId, Output<List<String>> subnetIds) {
    public Placement {
        Objects.requireNonNull(vpcId, "vpcId");
        Objects.requireNonNull(subnetIds, "subnetIds");
    }
}
