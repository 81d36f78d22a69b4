package example;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.StackReference;

import java.util.List;
import java.util.Map;

/**
 * An application's own stack, built on the hipaa platform: it reads the platform's outputs (see the
 * platform's docs/OUTPUTS.md) instead of copying ids, so it follows the platform through every change.
 */
public final class AppStack {
    private AppStack() {}

    /** The platform outputs this stack depends on: the contract it checks in its test. */
    public static final List<String> CONSUMED_OUTPUTS =
            List.of("region", "productionVpcId", "productionVpcCidr", "productionAppSubnetIds");

    public static void main(String[] args) {
        Pulumi.run(AppStack::stack);
    }

    public static void stack(Context ctx) {
        var platform = new StackReference(ctx.config().require("platformStack"));
        var region = platform.requireOutput("region").applyValue(String::valueOf);
        var vpcId = platform.requireOutput("productionVpcId").applyValue(String::valueOf);
        var vpcCidr = platform.requireOutput("productionVpcCidr").applyValue(String::valueOf);
        @SuppressWarnings("unchecked")
        Output<List<String>> appSubnets = platform.requireOutput("productionAppSubnetIds")
                .applyValue(v -> (List<String>) v);

        var aws = new Provider("aws", ProviderArgs.builder().region(region).build());
        // A worker in the app tier: nothing may reach it, and it may only call HTTPS inside the VPC
        // (the platform's interface endpoints), so PHI never leaves through it.
        var worker = new SecurityGroup("worker", SecurityGroupArgs.builder()
                .vpcId(vpcId)
                .description("Example worker: no ingress, HTTPS to the VPC only")
                .egress(SecurityGroupEgressArgs.builder().protocol("tcp").fromPort(443).toPort(443)
                        .cidrBlocks(vpcCidr.applyValue(List::of)).build())
                .tags(Map.of("Name", "example-worker"))
                .build(), CustomResourceOptions.builder().provider(aws).build());

        ctx.export("workerSecurityGroupId", worker.id());
        ctx.export("workerSubnetIds", appSubnets);
    }
}
