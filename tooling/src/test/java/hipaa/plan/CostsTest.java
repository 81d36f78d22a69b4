package hipaa.plan;

import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static hipaa.plan.StackPlanFixtures.PRICES;
import static hipaa.plan.StackPlanFixtures.arn;
import static hipaa.plan.StackPlanFixtures.res;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostsTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    private static Costs.Line line(String region, RecordedResource r, RecordedResource... others) {
        var all = new java.util.ArrayList<>(List.of(others));
        all.add(0, r);
        return Costs.line(r, new ResourceIndex(all), region, PRICES);
    }

    @Test
    void prodNetworkIsPricedFromTheTableNatPerAzInterfaceEndpointsPerAzKeysAndPublicAddresses() {
        var c = StackPlanFixtures.plan("prod").cost();
        assertThat(c.region()).isEqualTo("us-east-1");
        var byName = c.lines().stream().collect(java.util.stream.Collectors.toMap(l -> l.resource().type() + "::" + l.resource().name(), l -> l));
        assertThat(byName.get("aws:ec2/natGateway:NatGateway::production-nat-b").monthly()).isCloseTo(730 * 0.045, within(1e-9));
        assertThat(byName.get("aws:ec2/eip:Eip::production-nat-eip-b").monthly()).isCloseTo(730 * 0.005, within(1e-9));
        assertThat(byName.get("aws:ec2/vpcEndpoint:VpcEndpoint::production-endpoints-kms").monthly()).isCloseTo(3 * 730 * 0.01, within(1e-9));
        assertThat(byName.get("aws:ec2/vpcEndpoint:VpcEndpoint::production-endpoints-kms").basis()).isEqualTo("3 AZs x 730 h x $0.01/h");
        assertThat(byName.get("aws:ec2/vpcEndpoint:VpcEndpoint::production-endpoints-s3").kind()).isEqualTo(Costs.Kind.FREE);
        assertThat(byName.get("aws:kms/key:Key::kms-data").monthly()).isEqualTo(1.0);
        assertThat(byName.get("aws:cloudwatch/logGroup:LogGroup::production-flow-logs").kind()).isEqualTo(Costs.Kind.USAGE);
        assertThat(byName.get("aws:ec2/flowLog:FlowLog::production-flow-log").kind()).isEqualTo(Costs.Kind.USAGE);
        // The network and the foundation keys: 3 NAT gateways and their addresses (none in prod's management VPC),
        // 8 interface endpoints in 3 AZs, 3 keys.
        double network = c.lines().stream().filter(l -> l.resource().name().matches(
                "(production|management)-nat-(eip-)?[a-c]|production-endpoints-.*|kms-(logs|data|secrets)")).mapToDouble(Costs.Line::monthly).sum();
        assertThat(network).isCloseTo(3 * 730 * 0.045 + 3 * 730 * 0.005 + 8 * 3 * 730 * 0.01 + 3, within(1e-6));
        assertThat(c.total()).isCloseTo(c.of(Costs.Kind.PRICED).stream().mapToDouble(Costs.Line::monthly).sum(), within(1e-9))
                .isGreaterThan(network);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyAwsTypeTheRealStacksRegisterHasAPricingRuleSoNothingIsSilentlyUnpriced(String stack) {
        assertThat(StackPlanFixtures.plan(stack).cost().of(Costs.Kind.NOT_PRICED)).extracting(l -> l.resource().label()).isEmpty();
        assertThat(StackPlanFixtures.plan(stack).cost().lines()).hasSize((int) StackPlanFixtures.plan(stack).awsCount());
    }

    @Test
    void multiAzPostgresPaysTwoInstancesAndTwoCopiesOfStorage() {
        var db = res("aws:rds/instance:Instance", "db", "engine", "postgres", "instanceClass", "db.m6g.large", "multiAz", true,
                "allocatedStorage", 100, "storageType", "gp3");
        var l = line("us-east-1", db);
        assertThat(l.kind()).isEqualTo(Costs.Kind.PRICED);
        assertThat(l.monthly()).isCloseTo(2 * 730 * 0.159 + 2 * 100 * 0.115, within(1e-9));
        assertThat(l.basis()).isEqualTo("Multi-AZ 2 x db.m6g.large 730 h x $0.159/h + 2 x 100 GB gp3 x $0.115/GB-month");
        var single = res("aws:rds/instance:Instance", "db", "engine", "postgres", "instanceClass", "db.t4g.micro", "allocatedStorage", 20,
                "storageType", "gp3");
        assertThat(line("us-west-2", single).monthly()).isCloseTo(730 * 0.016 + 20 * 0.115, within(1e-9));
    }

    @Test
    void fargateServicePaysDesiredTasksTimesTaskCpuAndMemory() {
        var td = res("aws:ecs/taskDefinition:TaskDefinition", "app-task", "cpu", "512", "memory", "1024");
        var svc = res("aws:ecs/service:Service", "app", "launchType", "FARGATE", "desiredCount", 3, "taskDefinition", arn(td));
        var l = line("us-east-1", svc, td);
        assertThat(l.monthly()).isCloseTo(3 * 730 * (0.5 * 0.04048 + 1 * 0.004445), within(1e-9));
        assertThat(l.basis()).isEqualTo("3 tasks x 730 h x (0.5 vCPU x $0.04048 + 1 GB x $0.004445)");
    }

    @Test
    void autoscalingGroupPaysDesiredInstancesOfItsLaunchTemplate() {
        var lt = res("aws:ec2/launchTemplate:LaunchTemplate", "app-lt", "instanceType", "t3.medium",
                "blockDeviceMappings", List.of(Map.of("deviceName", "/dev/xvda", "ebs", Map.of("volumeSize", 30, "volumeType", "gp3"))));
        var asg = res("aws:autoscaling/group:Group", "app-asg", "desiredCapacity", 3, "minSize", 3, "maxSize", 6,
                "launchTemplate", Map.of("id", lt.id(), "version", "$Latest"));
        var l = line("us-east-1", asg, lt);
        assertThat(l.monthly()).isCloseTo(3 * (730 * 0.0416 + 30 * 0.08), within(1e-9));
        assertThat(l.basis()).isEqualTo("3 instances x (t3.medium 730 h x $0.0416/h + 30 GB gp3 x $0.08/GB-month)");
    }

    @Test
    void instanceWithoutADeclaredRootSizeIsPricedAndSaysTheVolumeIsNotEstimated() {
        var bastion = res("aws:ec2/instance:Instance", "bastion", "instanceType", "t3.micro");
        var l = line("us-east-1", bastion);
        assertThat(l.monthly()).isCloseTo(730 * 0.0104, within(1e-9));
        assertThat(l.basis()).isEqualTo("t3.micro 730 h x $0.0104/h; volume size comes from the AMI: not estimated");
    }

    @Test
    void wafAclAndAlarmsAreMonthlyLoadBalancersHourly() {
        assertThat(line("us-east-1", res("aws:wafv2/webAcl:WebAcl", "waf", "rules", List.of(Map.of("name", "a"), Map.of("name", "b"),
                Map.of("name", "c")))).monthly()).isEqualTo(5.0 + 3 * 1.0);
        assertThat(line("us-east-1", res("aws:cloudwatch/metricAlarm:MetricAlarm", "cpu")).monthly()).isEqualTo(0.10);
        assertThat(line("us-west-2", res("aws:lb/loadBalancer:LoadBalancer", "alb", "loadBalancerType", "application")).monthly())
                .isCloseTo(730 * 0.0225, within(1e-9));
    }

    @Test
    void whatTheTableCannotPriceIsNamedWithTheReasonNeverZero() {
        var unknownType = line("us-east-1", res("aws:opensearch/domain:Domain", "search"));
        assertThat(unknownType.kind()).isEqualTo(Costs.Kind.NOT_PRICED);
        assertThat(unknownType.basis()).isEqualTo("no pricing rule for aws:opensearch/domain:Domain");
        var otherRegion = line("eu-west-1", res("aws:ec2/natGateway:NatGateway", "nat"));
        assertThat(otherRegion.kind()).isEqualTo(Costs.Kind.NOT_PRICED);
        assertThat(otherRegion.basis()).isEqualTo("prices.tsv has no prices for eu-west-1");
        var unknownSize = line("us-east-1", res("aws:ec2/instance:Instance", "big", "instanceType", "x2iedn.32xlarge"));
        assertThat(unknownSize.basis()).isEqualTo("no ec2 x2iedn.32xlarge price in prices.tsv");
        var spot = res("aws:ecs/service:Service", "batch", "capacityProviderStrategies", List.of(Map.of("capacityProvider", "FARGATE_SPOT")));
        assertThat(line("us-east-1", spot).kind()).isEqualTo(Costs.Kind.NOT_PRICED);
        var estimate = new Costs.Estimate("us-east-1", List.of(unknownType, otherRegion));
        assertThat(estimate.total()).isZero();
        assertThat(estimate.of(Costs.Kind.NOT_PRICED)).hasSize(2);
    }

    @Test
    void priceTableNamesItsSourceAndDateAndEveryRowHasBothRealStackRegions() {
        assertThat(PRICES.regions()).containsExactly("us-east-1", "us-west-2");
        assertThat(String.join("\n", PRICES.header())).contains("Source: the AWS public pricing page", "2026-11-23", "730 hours");
        for (var stack : Stacks.names().toList()) {
            assertThat(PRICES.regions()).contains(Stacks.settings(stack).region());
        }
        // Every hourly:/monthly: rule names a rate the table has.
        PRICES.rules().values().stream().map(Prices.Rule::rule).filter(r -> r.contains(":"))
                .forEach(r -> assertThat(PRICES.rates()).as(r).containsKey(r.substring(r.indexOf(':') + 1)));
    }
}
