package hipaa.network;

import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.Naming;

import java.util.List;
import java.util.Map;

/**
 * Private paths from a VPC to AWS APIs, so private tiers reach S3, DynamoDB, SSM, Secrets Manager,
 * CloudWatch Logs, ECR and KMS without the internet.
 *
 * <p>Children: gateway endpoints {@code <name>-s3} and {@code <name>-dynamodb} (free, always created,
 * attached to the given route tables, each with a policy that lets through only this account's buckets or
 * tables and the AWS-owned buckets listed in {@link GatewayEndpointPolicies}); when interface services are given, {@code <name>-sg} (HTTPS from
 * the VPC range only, no egress) and one interface endpoint {@code <name>-<service>} per service, with
 * private DNS so SDKs use it without configuration.
 */
public final class VpcEndpoints extends ComponentResource {

    public static final String TYPE = "hipaa:network:VpcEndpoints";

    /** Interface endpoints the private tiers call (SSM agent, secrets, logs, image pulls, keys). */
    public static final List<String> DEFAULT_INTERFACE_SERVICES =
            List.of("ssm", "ssmmessages", "ec2messages", "secretsmanager", "logs", "ecr.api", "ecr.dkr", "kms");

    /**
     * @param vpcId             the VPC
     * @param vpcCidr           the only range allowed to reach the interface endpoints
     * @param routeTableIds     route tables that get the gateway endpoints
     * @param subnetIds         subnets for the interface endpoints' network interfaces (one per AZ)
     * @param interfaceServices interface endpoint services; empty for none
     * @param naming            the name prefix, the Region of the service names ({@code com.amazonaws.<region>.<service>}),
     *                          and the account whose buckets and tables the gateway endpoints let through
     */
    public record Args(Output<String> vpcId, String vpcCidr, List<Output<String>> routeTableIds,
                       List<Output<String>> subnetIds, List<String> interfaceServices, Naming naming) {
        public Args {
            routeTableIds = List.copyOf(routeTableIds);
            subnetIds = List.copyOf(subnetIds);
            interfaceServices = List.copyOf(interfaceServices);
        }
    }

    public final Output<String> securityGroupId;

    public VpcEndpoints(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        // Only this account's buckets and tables, and the AWS-owned buckets the tiers need (GatewayEndpointPolicies).
        var policies = Map.of("s3", GatewayEndpointPolicies.s3(args.naming().account()),
                "dynamodb", GatewayEndpointPolicies.dynamodb(args.naming().account()));
        for (var service : List.of("s3", "dynamodb")) {
            new VpcEndpoint(name + "-" + service, VpcEndpointArgs.builder()
                    .vpcId(args.vpcId())
                    .serviceName("com.amazonaws." + args.naming().account().region() + "." + service)
                    .vpcEndpointType("Gateway")
                    .routeTableIds(Output.all(args.routeTableIds()))
                    .policy(policies.get(service).toJson())
                    .tags(Map.of("Name", args.naming().namePrefix() + "-" + service))
                    .build(), child);
        }
        if (args.interfaceServices().isEmpty()) {
            this.securityGroupId = Output.of("");
        } else {
            // Endpoints answer; they never open connections, so no egress rule at all.
            var sg = SecurityGroups.group(name + "-sg", args.naming().namePrefix() + "-vpc-endpoints", args.vpcId(), child)
                    .description("HTTPS to AWS API endpoints from inside the VPC only")
                    .inlineIngress("tcp", 443, args.vpcCidr(), "HTTPS from the VPC")
                    .create(SecurityGroups.OnDelete.PROVIDER_DEFAULT, SecurityGroups.Egress.NONE_INLINE);
            for (var service : args.interfaceServices()) {
                new VpcEndpoint(name + "-" + service.replace('.', '-'), VpcEndpointArgs.builder()
                        .vpcId(args.vpcId())
                        .serviceName("com.amazonaws." + args.naming().account().region() + "." + service)
                        .vpcEndpointType("Interface")
                        .privateDnsEnabled(true)
                        .subnetIds(Output.all(args.subnetIds()))
                        .securityGroupIds(sg.id().applyValue(List::of))
                        .tags(Map.of("Name", args.naming().namePrefix() + "-" + service))
                        .build(), child);
            }
            this.securityGroupId = sg.id();
        }
        registerOutputs(Map.of("securityGroupId", securityGroupId));
    }
}
