package hipaa.network;

import com.pulumi.core.Output;
import hipaa.offline.OfflineRun;
import hipaa.offline.StackFiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static hipaa.testing.Stacks.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TrafficFlowsTest {

    @Test
    void eachFlowIsAnIngressOnTheTargetAndAnEgressOnTheSourceReferencingGroupsOnly() {
        var config = new StackFiles.StackConfig("hipaa", "unit", Map.of("aws:region", "us-east-1"), Set.of());
        var run = OfflineRun.run(config, false, ctx -> new TrafficFlows("flows", new TrafficFlows.Args(List.of(
                new TrafficFlows.Flow("app-to-database", Output.of("sg-app"), Output.of("sg-db"), 5432, "app reads PHI"),
                new TrafficFlows.Flow("bastion-to-app-ssh", Output.of("sg-bastion"), Output.of("sg-app"), 22, "admin SSH"))), null));
        assertThat(run.result().exitCode()).as(run::failure).isZero();
        assertThat(run.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"))
                .extracting(r -> r.name(), r -> r.inputs().get("securityGroupId"), r -> r.inputs().get("referencedSecurityGroupId"),
                        r -> r.inputs().get("ipProtocol"), r -> integer(r.inputs().get("fromPort")), r -> integer(r.inputs().get("toPort")))
                .containsExactly(tuple("app-to-database-in", "sg-db", "sg-app", "tcp", 5432, 5432),
                        tuple("bastion-to-app-ssh-in", "sg-app", "sg-bastion", "tcp", 22, 22));
        assertThat(run.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"))
                .extracting(r -> r.name(), r -> r.inputs().get("securityGroupId"), r -> r.inputs().get("referencedSecurityGroupId"))
                .containsExactly(tuple("app-to-database-out", "sg-app", "sg-db"),
                        tuple("bastion-to-app-ssh-out", "sg-bastion", "sg-app"));
        assertThat(run.resources()).filteredOn(r -> r.type().startsWith("aws:"))
                .allSatisfy(r -> assertThat(r.inputs()).doesNotContainKeys("cidrIpv4", "cidrIpv6", "prefixListId"));
    }

    @Test
    void refusesDuplicateNamesAndBadPorts() {
        var f = new TrafficFlows.Flow("a-to-b", Output.of("x"), Output.of("y"), 443, "d");
        assertThatThrownBy(() -> new TrafficFlows.Args(List.of(f, f))).hasMessage("duplicate flow a-to-b");
        assertThatThrownBy(() -> new TrafficFlows.Flow("a-to-b", Output.of("x"), Output.of("y"), 0, "d"))
                .hasMessage("a-to-b: port 0 is outside 1-65535");
        assertThatThrownBy(() -> new TrafficFlows.Flow("A_to_B", Output.of("x"), Output.of("y"), 1, "d"))
                .hasMessage("flow name must be kebab-case: A_to_B");
    }
}
