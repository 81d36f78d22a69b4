package hipaa.network;

import com.pulumi.core.Output;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.network.VpcNetwork.Routing;
import hipaa.network.VpcNetwork.Tier;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.offline.StackFiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VPC component on its own, with small fixtures. */
class VpcNetworkTest {

    private static final AwsAccount ACCOUNT = new AwsAccount("aws", "eu-west-1", "123456789012");
    private static final List<String> ZONES = List.of("eu-west-1a", "eu-west-1b");

    private static OfflineRun.Result build(List<Tier> tiers, NatStrategy nat) {
        var config = new StackFiles.StackConfig("hipaa", "unit", Map.of("aws:region", "eu-west-1"), Set.of());
        var run = OfflineRun.run(config, false, ctx -> new VpcNetwork("lab", new VpcNetwork.Args("10.0.0.0/16", ZONES, tiers,
                nat, new VpcNetwork.FlowLogs(Output.of("arn:aws:kms:eu-west-1:123456789012:key/k"), 90),
                new Naming("hipaa-unit", ACCOUNT)), null));
        assertThat(run.result().exitCode()).as(run::failure).isZero();
        return run;
    }

    @Test
    void anIsolatedOnlyVpcHasNoInternetGatewayNatOrDefaultRoute() {
        var run = build(List.of(new Tier("db", Routing.ISOLATED, List.of("10.0.0.0/24", "10.0.1.0/24"), List.of())),
                NatStrategy.PER_AZ);
        assertThat(run.ofType("aws:ec2/internetGateway:InternetGateway")).isEmpty();
        assertThat(run.ofType("aws:ec2/natGateway:NatGateway")).isEmpty();
        assertThat(run.ofType("aws:ec2/route:Route")).isEmpty();
        assertThat(run.ofType("aws:ec2/subnet:Subnet")).extracting(RecordedResource::name).containsExactly("lab-db-a", "lab-db-b");
        assertThat(run.ofType("aws:ec2/routeTable:RouteTable")).extracting(RecordedResource::name)
                .containsExactly("lab-db-rt-a", "lab-db-rt-b");
        assertThat(run.ofType("aws:ec2/networkAcl:NetworkAcl")).isEmpty();
        assertThat(run.ofType("aws:ec2/flowLog:FlowLog")).singleElement()
                .satisfies(f -> assertThat(f.inputs()).containsEntry("trafficType", "ALL"));
    }

    @Test
    void natStrategyNoneLeavesPrivateTiersWithoutADefaultRoute() {
        var run = build(List.of(
                new Tier("edge", Routing.PUBLIC, List.of("10.0.0.0/24", "10.0.1.0/24"), List.of()),
                new Tier("app", Routing.NAT, List.of("10.0.10.0/24", "10.0.11.0/24"), List.of())), NatStrategy.NONE);
        assertThat(run.ofType("aws:ec2/natGateway:NatGateway")).isEmpty();
        assertThat(run.ofType("aws:ec2/route:Route")).extracting(RecordedResource::name)
                .containsExactly("lab-edge-internet-a", "lab-edge-internet-b");
    }

    @Test
    void singleNatServesEveryAzFromTheFirstPublicSubnet() {
        var run = build(List.of(
                new Tier("edge", Routing.PUBLIC, List.of("10.0.0.0/24", "10.0.1.0/24"), List.of()),
                new Tier("app", Routing.NAT, List.of("10.0.10.0/24", "10.0.11.0/24"),
                        List.of(AclRule.allowIn(100, "tcp", "10.0.0.0/16", 443, 443)))), NatStrategy.SINGLE);
        assertThat(run.ofType("aws:ec2/natGateway:NatGateway")).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("lab-nat-a");
            assertThat(n.inputs()).containsEntry("subnetId", "lab-edge-a-id").containsEntry("allocationId", "lab-nat-eip-a-id");
        });
        assertThat(run.ofType("aws:ec2/route:Route").stream().filter(r -> r.inputs().containsKey("natGatewayId")))
                .extracting(r -> r.inputs().get("natGatewayId")).containsExactly("lab-nat-a-id", "lab-nat-a-id");
        assertThat(run.ofType("aws:ec2/networkAcl:NetworkAcl")).singleElement().satisfies(acl -> {
            assertThat(acl.name()).isEqualTo("lab-app-acl");
            assertThat(acl.list("subnetIds")).containsExactly("lab-app-a-id", "lab-app-b-id");
        });
        // Every child hangs under the component, so the preview shows one tree per VPC.
        assertThat(run.resources().stream().filter(RecordedResource::isCustomAws))
                .allSatisfy(r -> assertThat(r.parent()).hasValue(new RecordedResource.Parent(VpcNetwork.TYPE, "lab")));
    }

    @Test
    void argsRefuseTiersThatDoNotMatchTheZones() {
        assertThatThrownBy(() -> new VpcNetwork.Args("10.0.0.0/16", ZONES,
                List.of(new Tier("app", Routing.NAT, List.of("10.0.10.0/24"), List.of())), NatStrategy.SINGLE,
                new VpcNetwork.FlowLogs(Output.of("k"), 90), new Naming("p", ACCOUNT))).hasMessage("tier app: 1 subnets for 2 AZs");
    }

    @Test
    void azSuffixIsTheZoneLetter() {
        assertThat(VpcNetwork.suffix("us-east-1a")).isEqualTo("a");
        assertThat(VpcNetwork.suffix("us-gov-west-1c")).isEqualTo("c");
    }
}
