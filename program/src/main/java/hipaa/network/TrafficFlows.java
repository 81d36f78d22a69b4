package hipaa.network;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Every allowed flow between components, in one place: who may open a TCP connection to whom, on
 * which port, and why. An auditor reads this list instead of every component's security groups.
 *
 * <p>Each flow is a pair of rules that reference security groups, never address ranges: an ingress rule
 * on the target ({@code <flow>-in}) and the matching egress rule on the source ({@code <flow>-out}), because
 * the components create their groups with no egress at all. References work across the VPC peering
 * (same account and Region), so the bastion in the management VPC can be named by the database's group,
 * but only once the peering is active: AWS refuses a rule that references a group in a peer VPC before
 * then ("Update your security groups to reference peer security groups", Amazon VPC Peering Guide), so
 * every rule waits for the peering connection and its options.
 */
public final class TrafficFlows extends ComponentResource {

    public static final String TYPE = "hipaa:network:TrafficFlows";

    /**
     * One allowed connection.
     *
     * @param name        stable name, e.g. {@code app-to-database}; it names both rules
     * @param source      security group of the side that connects
     * @param target      security group of the side that listens
     * @param port        TCP port on the target
     * @param description why the flow exists (shown in the AWS console next to the rule)
     */
    public record Flow(String name, Output<String> source, Output<String> target, int port, String description) {
        public Flow {
            if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("flow name must be kebab-case: " + name);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + ": port " + port + " is outside 1-65535");
            }
        }
    }

    /**
     * @param flows   the allowed connections
     * @param peering the peering connection and its options when flows cross it; every rule waits for them
     */
    public record Args(List<Flow> flows, List<Resource> peering) {
        /** Flows within one VPC. */
        public Args(List<Flow> flows) {
            this(flows, List.of());
        }

        public Args {
            flows = List.copyOf(flows);
            peering = List.copyOf(peering);
            var names = new HashSet<String>();
            for (var f : flows) {
                if (!names.add(f.name())) {
                    throw new IllegalArgumentException("duplicate flow " + f.name());
                }
            }
        }
    }

    public TrafficFlows(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).dependsOn(args.peering()).build();
        for (var flow : args.flows()) {
            SecurityGroups.ingress(flow.name() + "-in", flow.target(), child)
                    .tcp(flow.port()).peerGroup(flow.source())
                    .description(flow.description()).nameTag(flow.name()).create();
            SecurityGroups.egress(flow.name() + "-out", flow.source(), child)
                    .tcp(flow.port()).peerGroup(flow.target())
                    .description(flow.description()).nameTag(flow.name()).create();
        }
        registerOutputs(Map.of("flowCount", Output.of(args.flows().size())));
    }
}
