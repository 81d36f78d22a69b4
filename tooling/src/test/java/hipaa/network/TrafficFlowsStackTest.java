package hipaa.network;

import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static hipaa.testing.Stacks.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Who may reach the data tier, on every real stack: the app tier and the admin path, by security group only. */
class TrafficFlowsStackTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theDatabaseAcceptsItsPortOnlyFromTheAppTierTheBastionAndTheVpn(String stack) {
        var run = Stacks.run(stack);
        var settings = Stacks.settings(stack);
        int port = settings.database().engine().port();
        var dbSg = run.named("aws:ec2/securityGroup:SecurityGroup", "db-sg").id();
        var bastionSg = run.named("aws:ec2/securityGroup:SecurityGroup", "bastion-sg").id();
        var vpnSg = run.named("aws:ec2/securityGroup:SecurityGroup", "vpn-sg").id();

        var expected = new java.util.ArrayList<org.assertj.core.groups.Tuple>(java.util.List.of(
                tuple("bastion-to-database-in", bastionSg, "tcp", port, port),
                tuple("vpn-to-database-in", vpnSg, "tcp", port, port)));
        var sources = new java.util.ArrayList<>(java.util.List.of(bastionSg, vpnSg));
        if (settings.app().fargate().enabled()) {
            var appSg = run.named("aws:ec2/securityGroup:SecurityGroup", "app-sg").id();
            expected.add(tuple("app-to-database-in", appSg, "tcp", port, port));
            sources.add(appSg);
        }
        if (settings.app().ec2().enabled()) {
            var ec2Sg = run.named("aws:ec2/securityGroup:SecurityGroup", "app-ec2-sg").id();
            expected.add(tuple("app-ec2-to-database-in", ec2Sg, "tcp", port, port));
            sources.add(ec2Sg);
        }
        var intoDb = run.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(r -> dbSg.equals(r.inputs().get("securityGroupId"))).toList();
        assertThat(intoDb).extracting(RecordedResource::name, r -> r.inputs().get("referencedSecurityGroupId"),
                        r -> r.inputs().get("ipProtocol"), r -> integer(r.inputs().get("fromPort")), r -> integer(r.inputs().get("toPort")))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(intoDb).allSatisfy(r -> assertThat(r.inputs()).doesNotContainKeys("cidrIpv4", "cidrIpv6", "prefixListId"));
        // The matching egress lets the sources open the connection, and nothing else is added to them here.
        assertThat(run.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").stream()
                .filter(r -> dbSg.equals(r.inputs().get("referencedSecurityGroupId"))))
                .extracting(r -> r.inputs().get("securityGroupId")).containsExactlyInAnyOrderElementsOf(sources);
        assertThat(run.ofType("aws:vpc/securityGroupRule:SecurityGroupRule").stream()
                .filter(r -> dbSg.equals(r.inputs().get("securityGroupId")))).isEmpty();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void sshIntoTheAppTierComesOnlyFromTheBastionAndTheVpn(String stack) {
        var run = Stacks.run(stack);
        var bastionSg = run.named("aws:ec2/securityGroup:SecurityGroup", "bastion-sg").id();
        var vpnSg = run.named("aws:ec2/securityGroup:SecurityGroup", "vpn-sg").id();
        var appGroups = run.ofType("aws:ec2/securityGroup:SecurityGroup").stream()
                .filter(g -> g.name().equals("app-sg") || g.name().equals("app-ec2-sg")).map(RecordedResource::id).toList();
        assertThat(appGroups).isNotEmpty();
        var ssh = run.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(r -> appGroups.contains(r.inputs().get("securityGroupId")))
                .filter(r -> r.integer("fromPort").orElse(0) <= 22 && 22 <= r.integer("toPort").orElse(65535)).toList();
        if (Stacks.settings(stack).app().ec2().enabled()) {
            assertThat(ssh).extracting(r -> r.inputs().get("referencedSecurityGroupId"))
                    .containsExactlyInAnyOrder(bastionSg, vpnSg);
            assertThat(ssh).allSatisfy(r -> assertThat(r.inputs().get("securityGroupId")).isEqualTo("app-ec2-sg-id"));
        } else {
            assertThat(ssh).isEmpty();
        }
    }
}
