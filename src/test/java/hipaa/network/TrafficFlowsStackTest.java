package hipaa.network;

import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static hipaa.testing.Stacks.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Who may reach the data tier, on every real stack: exactly the admin path, by security group. */
class TrafficFlowsStackTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theDatabaseAcceptsItsPortOnlyFromTheBastionAndTheVpn(String stack) {
        var run = Stacks.run(stack);
        int port = Stacks.settings(stack).database().engine().port();
        var dbSg = run.named("aws:ec2/securityGroup:SecurityGroup", "db-sg").id();
        var bastionSg = run.named("aws:ec2/securityGroup:SecurityGroup", "bastion-sg").id();
        var vpnSg = run.named("aws:ec2/securityGroup:SecurityGroup", "vpn-sg").id();

        var intoDb = run.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(r -> dbSg.equals(r.inputs().get("securityGroupId"))).toList();
        assertThat(intoDb).extracting(RecordedResource::name, r -> r.inputs().get("referencedSecurityGroupId"),
                        r -> r.inputs().get("ipProtocol"), r -> integer(r.inputs().get("fromPort")), r -> integer(r.inputs().get("toPort")))
                .containsExactlyInAnyOrder(
                        tuple("bastion-to-database-in", bastionSg, "tcp", port, port),
                        tuple("vpn-to-database-in", vpnSg, "tcp", port, port));
        assertThat(intoDb).allSatisfy(r -> assertThat(r.inputs()).doesNotContainKeys("cidrIpv4", "cidrIpv6", "prefixListId"));
        // The matching egress lets the sources open the connection, and nothing else is added to them here.
        assertThat(run.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").stream()
                .filter(r -> dbSg.equals(r.inputs().get("referencedSecurityGroupId"))))
                .extracting(r -> r.inputs().get("securityGroupId")).containsExactlyInAnyOrder(bastionSg, vpnSg);
        assertThat(run.ofType("aws:vpc/securityGroupRule:SecurityGroupRule").stream()
                .filter(r -> dbSg.equals(r.inputs().get("securityGroupId")))).isEmpty();
    }
}
