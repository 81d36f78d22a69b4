package hipaa.network;

import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;

import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static hipaa.testing.Stacks.integer;
import static hipaa.testing.Stacks.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The network of every real stack: what is registered, checked property by property against the
 * stack's own settings. (What AWS would accept is not proven here; the inputs the program sends are.)
 */
class NetworkStackTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final String ROUTE = "aws:ec2/route:Route";
    private static final String ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyTierHasOneSubnetPerAzWithTheConfiguredRangeAndNoPublicIps(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var zones = zones(run);
        assertThat(zones).hasSize(s.network().azCount());

        var expected = new ArrayList<org.assertj.core.groups.Tuple>();
        addTier(expected, "production-public", s.network().production().publicSubnets(), zones);
        addTier(expected, "production-app", s.network().production().appSubnets(), zones);
        addTier(expected, "production-data", s.network().production().dataSubnets(), zones);
        addTier(expected, "management-public", s.network().management().publicSubnets(), zones);
        addTier(expected, "management-private", s.network().management().privateSubnets(), zones);

        var subnets = run.ofType(SUBNET);
        assertThat(subnets).extracting(RecordedResource::name, r -> r.inputs().get("cidrBlock"),
                r -> r.inputs().get("availabilityZone")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(subnets).allSatisfy(r -> assertThat(r.inputs()).containsEntry("mapPublicIpOnLaunch", false));
        assertThat(subnets.stream().filter(r -> r.name().startsWith("production-")))
                .allSatisfy(r -> assertThat(r.inputs()).containsEntry("vpcId", "production-vpc-id"));
        assertThat(subnets.stream().filter(r -> r.name().startsWith("management-")))
                .allSatisfy(r -> assertThat(r.inputs()).containsEntry("vpcId", "management-vpc-id"));
    }

    @Test
    void realStackFilesGiveTheDocumentedLayout() {
        // The derivation and the stack files, pinned once with literal values.
        var dev = Stacks.settings("dev").network();
        assertThat(dev.production().publicSubnets()).containsExactly("10.100.0.0/21", "10.100.8.0/21");
        assertThat(dev.production().appSubnets()).containsExactly("10.100.64.0/21", "10.100.72.0/21");
        assertThat(dev.production().dataSubnets()).containsExactly("10.100.128.0/21", "10.100.136.0/21");
        assertThat(dev.management().publicSubnets()).containsExactly("10.10.0.0/21", "10.10.8.0/21");
        assertThat(dev.management().privateSubnets()).containsExactly("10.10.64.0/21", "10.10.72.0/21");
        var prod = Stacks.settings("prod").network();
        assertThat(prod.azCount()).isEqualTo(3);
        assertThat(prod.production().dataSubnets()).containsExactly("10.100.128.0/21", "10.100.136.0/21", "10.100.144.0/21");
        assertThat(zones(Stacks.run("prod"))).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(zones(Stacks.run("dev"))).containsExactly("us-west-2a", "us-west-2b");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void vpcsHaveDnsAndTheConfiguredRanges(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        assertThat(run.ofType("aws:ec2/vpc:Vpc")).extracting(RecordedResource::name, r -> r.inputs().get("cidrBlock"),
                        r -> r.inputs().get("enableDnsSupport"), r -> r.inputs().get("enableDnsHostnames"))
                .containsExactlyInAnyOrder(
                        tuple("production-vpc", s.network().production().cidr(), true, true),
                        tuple("management-vpc", s.network().management().cidr(), true, true));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void dataTierHasNoRouteToTheInternetInEitherDirection(String stack) {
        var run = Stacks.run(stack);
        var dataTables = new HashSet<String>();
        run.ofType("aws:ec2/routeTable:RouteTable").stream().filter(r -> r.name().startsWith("production-data-rt-"))
                .forEach(r -> dataTables.add(r.id()));
        assertThat(dataTables).hasSize(Stacks.settings(stack).network().azCount());

        var dataRoutes = run.ofType(ROUTE).stream().filter(r -> dataTables.contains(r.inputs().get("routeTableId"))).toList();
        assertThat(dataRoutes).isNotEmpty().allSatisfy(r -> {
            assertThat(r.inputs().get("destinationCidrBlock")).isNotEqualTo("0.0.0.0/0");
            assertThat(r.inputs()).doesNotContainKeys("gatewayId", "natGatewayId", "egressOnlyGatewayId",
                    "destinationIpv6CidrBlock");
            assertThat(r.inputs()).containsKey("vpcPeeringConnectionId");
        });
        // Data subnets are associated with data route tables only, never with a public or NAT table.
        var dataSubnetIds = run.ofType(SUBNET).stream().filter(r -> r.name().startsWith("production-data-"))
                .map(RecordedResource::id).toList();
        assertThat(run.ofType(ROUTE_TABLE_ASSOCIATION).stream().filter(r -> dataSubnetIds.contains(r.inputs().get("subnetId"))))
                .hasSize(dataSubnetIds.size())
                .allSatisfy(r -> assertThat(dataTables).contains((String) r.inputs().get("routeTableId")));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void natGatewaysFollowTheStrategyAndAppTablesUseThem(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        int prodNats = s.network().natStrategy() == NatStrategy.PER_AZ ? s.network().azCount() : 1;
        int mgmtNats = switch (s.network().mgmtNatStrategy()) {
            case PER_AZ -> s.network().azCount();
            case SINGLE -> 1;
            case NONE -> 0;
        };
        var nats = run.ofType("aws:ec2/natGateway:NatGateway");
        assertThat(nats.stream().filter(r -> r.name().startsWith("production-nat-"))).hasSize(prodNats)
                .allSatisfy(r -> assertThat((String) r.inputs().get("subnetId")).startsWith("production-public-"));
        assertThat(nats.stream().filter(r -> r.name().startsWith("management-nat-"))).hasSize(mgmtNats);
        var appDefaults = run.ofType(ROUTE).stream().filter(r -> r.name().startsWith("production-app-nat-")).toList();
        assertThat(appDefaults).hasSize(s.network().azCount()).allSatisfy(r -> {
            assertThat(r.inputs()).containsEntry("destinationCidrBlock", "0.0.0.0/0");
            assertThat((String) r.inputs().get("natGatewayId")).startsWith("production-nat-");
        });
        assertThat(run.ofType(ROUTE).stream().filter(r -> "0.0.0.0/0".equals(r.inputs().get("destinationCidrBlock"))
                && r.inputs().containsKey("gatewayId")).map(RecordedResource::name))
                .allSatisfy(n -> assertThat(n).matches("(production|management)-public-internet-[a-f]"));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void peeringRoutesGoOnlyFromManagementToAppAndDataAndBackToManagement(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var peering = run.named("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "management-production");
        assertThat(peering.inputs()).containsEntry("vpcId", "management-vpc-id")
                .containsEntry("peerVpcId", "production-vpc-id").containsEntry("autoAccept", true);
        var options = run.named("aws:ec2/peeringConnectionOptions:PeeringConnectionOptions", "management-production-options");
        assertThat(options.map("requester")).containsEntry("allowRemoteVpcDnsResolution", true);
        assertThat(options.map("accepter")).containsEntry("allowRemoteVpcDnsResolution", true);

        var tableIdToName = new java.util.HashMap<String, String>();
        run.ofType("aws:ec2/routeTable:RouteTable").forEach(r -> tableIdToName.put(r.id(), r.name()));
        var peeringRoutes = run.ofType(ROUTE).stream().filter(r -> r.inputs().containsKey("vpcPeeringConnectionId")).toList();
        assertThat(peeringRoutes).allSatisfy(r -> assertThat(r.inputs()).containsEntry("vpcPeeringConnectionId", peering.id()));

        var expected = new ArrayList<org.assertj.core.groups.Tuple>();
        var prodDestinations = new ArrayList<>(s.network().production().appSubnets());
        prodDestinations.addAll(s.network().production().dataSubnets());
        for (var tier : List.of("public", "private")) {
            for (var az : suffixes(run)) {
                for (var d : prodDestinations) {
                    expected.add(tuple("management-" + tier + "-rt-" + az, d));
                }
            }
        }
        for (var tier : List.of("app", "data")) {
            for (var az : suffixes(run)) {
                expected.add(tuple("production-" + tier + "-rt-" + az, s.network().management().cidr()));
            }
        }
        assertThat(peeringRoutes).extracting(r -> tableIdToName.get((String) r.inputs().get("routeTableId")),
                r -> r.inputs().get("destinationCidrBlock")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void oneFlowLogPerVpcCapturesAllTrafficIntoAKmsEncryptedGroup(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var logsKey = run.named("aws:kms/key:Key", "kms-logs").arn().orElseThrow();
        var flowLogs = run.ofType("aws:ec2/flowLog:FlowLog");
        assertThat(flowLogs).extracting(r -> r.inputs().get("vpcId"), r -> r.inputs().get("trafficType"),
                        r -> r.inputs().get("logDestinationType"))
                .containsExactlyInAnyOrder(tuple("production-vpc-id", "ALL", "cloud-watch-logs"),
                        tuple("management-vpc-id", "ALL", "cloud-watch-logs"));
        for (var vpc : List.of("production", "management")) {
            var group = run.named("aws:cloudwatch/logGroup:LogGroup", vpc + "-flow-logs");
            assertThat(group.inputs()).containsEntry("kmsKeyId", logsKey)
                    .containsEntry("name", "/" + s.namePrefix() + "/vpc/" + vpc + "/flow-logs");
            assertThat(integer(group.inputs().get("retentionInDays"))).isEqualTo(s.network().flowLogRetentionDays());
            var flowLog = run.named("aws:ec2/flowLog:FlowLog", vpc + "-flow-log");
            assertThat(flowLog.inputs()).containsEntry("logDestination", group.arn().orElseThrow())
                    .containsEntry("iamRoleArn", run.named("aws:iam/role:Role", vpc + "-flow-logs-role").arn().orElseThrow());
            var policy = hipaa.testing.Policies.rolePermissions(run, vpc + "-flow-logs-policy", vpc + "-flow-logs-role")
                    .string("policy").orElseThrow();
            var groupArn = "arn:aws:logs:" + s.region() + ":123456789012:log-group:/" + s.namePrefix() + "/vpc/" + vpc + "/flow-logs";
            assertThat(policy).contains("\"Resource\":[\"" + groupArn + "\",\"" + groupArn + ":*\"]").doesNotContain("\"*\"");
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void defaultSecurityGroupsAreAdoptedWithNoRules(String stack) {
        var groups = Stacks.run(stack).ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assertThat(groups).extracting(r -> r.inputs().get("vpcId"))
                .containsExactlyInAnyOrder("production-vpc-id", "management-vpc-id");
        assertThat(groups).allSatisfy(r -> {
            assertThat(maps(r.inputs().get("ingress"))).isEmpty();
            assertThat(maps(r.inputs().get("egress"))).isEmpty();
        });
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void dataTierAclAdmitsDatabasePortsOnlyFromAppTierAndManagement(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var acl = run.named("aws:ec2/networkAcl:NetworkAcl", "production-data-acl");
        assertThat(acl.list("subnetIds")).containsExactlyElementsOf(run.ofType(SUBNET).stream()
                .filter(r -> r.name().startsWith("production-data-")).map(RecordedResource::id).toList());
        var ingress = maps(acl.inputs().get("ingress"));
        for (int port : List.of(5432, 3306)) {
            // Evaluate the ACL as AWS does: lowest rule number that matches decides.
            for (var app : s.network().production().appSubnets()) {
                assertThat(decide(ingress, app, port)).as("%s -> %d", app, port).isEqualTo("allow");
            }
            assertThat(decide(ingress, s.network().management().cidr(), port)).isEqualTo("allow");
            for (var other : s.network().production().publicSubnets()) {
                assertThat(decide(ingress, other, port)).as("public %s -> %d", other, port).isEqualTo("deny");
            }
            assertThat(decide(ingress, "203.0.113.0/24", port)).isEqualTo("deny");
        }
        var publicAcl = maps(run.named("aws:ec2/networkAcl:NetworkAcl", "production-public-acl").inputs().get("ingress"));
        assertThat(decide(publicAcl, "203.0.113.0/24", 443)).isEqualTo("allow");
        for (int port : List.of(22, 3389, 5432, 3306)) {
            assertThat(decide(publicAcl, "203.0.113.0/24", port)).as("internet -> %d", port).isEqualTo("deny");
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void endpointsFollowTheSettingAndAcceptOnlyTheVpc(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var endpoints = run.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
        var gateways = endpoints.stream().filter(r -> "Gateway".equals(r.inputs().get("vpcEndpointType"))).toList();
        assertThat(gateways).extracting(r -> r.inputs().get("serviceName")).containsExactlyInAnyOrder(
                "com.amazonaws." + s.region() + ".s3", "com.amazonaws." + s.region() + ".dynamodb");
        assertThat(gateways).allSatisfy(r -> assertThat(r.list("routeTableIds")).hasSize(2 * s.network().azCount()));
        var interfaces = endpoints.stream().filter(r -> "Interface".equals(r.inputs().get("vpcEndpointType"))).toList();
        if (!s.network().interfaceEndpoints()) {
            assertThat(interfaces).isEmpty();
            return;
        }
        assertThat(interfaces).extracting(r -> r.inputs().get("serviceName")).containsExactlyInAnyOrderElementsOf(
                VpcEndpoints.DEFAULT_INTERFACE_SERVICES.stream().map(x -> "com.amazonaws." + s.region() + "." + x).toList());
        assertThat(interfaces).allSatisfy(r -> {
            assertThat(r.inputs()).containsEntry("privateDnsEnabled", true);
            assertThat(r.list("securityGroupIds")).containsExactly("production-endpoints-sg-id");
        });
        var sg = run.named("aws:ec2/securityGroup:SecurityGroup", "production-endpoints-sg");
        assertThat(maps(sg.inputs().get("ingress"))).singleElement().satisfies(rule -> {
            assertThat(rule).containsEntry("protocol", "tcp").containsEntry("cidrBlocks", List.of(s.network().production().cidr()));
            assertThat(integer(rule.get("fromPort"))).isEqualTo(443);
            assertThat(integer(rule.get("toPort"))).isEqualTo(443);
        });
        assertThat(maps(sg.inputs().get("egress"))).isEmpty();
    }

    // -------------------------------------------------------------------------------------------

    private static List<String> zones(OfflineRun.Result run) {
        @SuppressWarnings("unchecked")
        var zones = (List<String>) run.outputs().get("availabilityZones").value();
        return zones;
    }

    private static List<String> suffixes(OfflineRun.Result run) {
        return zones(run).stream().map(z -> z.substring(z.length() - 1)).toList();
    }

    private static void addTier(List<org.assertj.core.groups.Tuple> out, String prefix, List<String> cidrs, List<String> zones) {
        for (int i = 0; i < cidrs.size(); i++) {
            var az = zones.get(i);
            out.add(tuple(prefix + "-" + az.substring(az.length() - 1), cidrs.get(i), az));
        }
    }

    /** First matching ingress rule for TCP traffic from {@code source} to {@code port}; implicit deny. */
    static String decide(List<Map<String, Object>> rules, String source, int port) {
        return rules.stream()
                .sorted(java.util.Comparator.comparingInt(r -> integer(r.get("ruleNo"))))
                .filter(r -> List.of("tcp", "6", "-1").contains(String.valueOf(r.get("protocol"))))
                .filter(r -> Cidrs.contains((String) r.get("cidrBlock"), source))
                .filter(r -> "-1".equals(r.get("protocol")) || (integer(r.get("fromPort")) <= port && port <= integer(r.get("toPort"))))
                .map(r -> (String) r.get("action"))
                .findFirst().orElse("deny");
    }

}
