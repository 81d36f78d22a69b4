package hipaa.plan;

import com.google.gson.JsonParser;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.App;
import hipaa.audit.Exemptions;
import hipaa.guardrails.GuardrailContext;
import hipaa.guardrails.Guardrails;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PlanTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plan(String... args) throws IOException {
        return Plan.run(args, Path.of("."), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The guardrails report exactly as StackGuardrailsTest computes it, independently of the plan. */
    private static hipaa.guardrails.GuardrailReport guardrails(String stack) {
        var settings = Stacks.settings(stack);
        return Guardrails.evaluate(Stacks.run(stack).resources(), Exemptions.load(Path.of("guardrails/exemptions.yaml")),
                GuardrailContext.of(settings, LocalDate.now()));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyStackGetsTheTreeCountsOutputsReportDiagramAndCostAndItsExitCodeFollowsTheGuardrails(String stack) throws IOException {
        var report = guardrails(stack);
        // StackGuardrailsTest holds every real stack to no unexempted failure, per-stack exemptions included:
        // the plan, judging the same resources, must agree and exit 0.
        assertThat(report.hasUnexemptedFailures()).as(report::render).isFalse();
        assertThat(plan(stack)).as(() -> err + out.toString()).isEqualTo(Plan.OK);

        var dir = Path.of("target/plan/" + stack);
        var md = Files.readString(dir.resolve("plan.md"));
        var run = Stacks.run(stack);
        assertThat(md).contains("| **total** | " + run.resources().size() + " |")
                .contains("\nnetwork  (hipaa:network:Network)\n", "\n  production  (hipaa:network:VpcNetwork)\n",
                        "\n    production-vpc  (aws:ec2/vpc:Vpc)\n")
                .contains("| `productionVpcId` |")
                .contains("- HIPAA guardrails: " + report.summary() + "\n")
                .contains("## Estimated monthly cost", "## Key settings", "```mermaid\nflowchart LR\n");
        for (var r : report.results()) {
            assertThat(md).contains("| " + r.status() + " | `" + r.rule().id() + "` | " + String.join(", ", r.rule().hipaaSections()) + " |");
        }
        assertThat(Files.readString(dir.resolve("architecture.dot"))).startsWith("digraph \"hipaa " + stack + "\" {");

        var json = JsonParser.parseString(Files.readString(dir.resolve("plan.json"))).getAsJsonObject();
        assertThat(json.get("stack").getAsString()).isEqualTo(stack);
        assertThat(json.getAsJsonArray("resources")).hasSize(run.resources().size());
        assertThat(json.getAsJsonObject("hipaa").get("unexemptedFailures").getAsBoolean()).isEqualTo(report.hasUnexemptedFailures());
        assertThat(json.getAsJsonObject("hipaa").getAsJsonArray("rules")).hasSize(report.results().size());

        var terminal = out.toString();
        assertThat(terminal).startsWith("Stack " + stack + " (" + Stacks.settings(stack).region() + "): " + run.resources().size()
                + " resources").contains("\nHIPAA guardrails: " + report.summary() + "\n", "\nEstimated monthly cost: $");
        report.failureLines().forEach(l -> assertThat(terminal).contains("\n  FAIL " + l + "\n"));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theMermaidBlockParsesAndDrawsEverySubnetInItsVpcTierAndAz(String stack) throws IOException {
        plan(stack);
        var block = MermaidCheck.block(Files.readString(Path.of("target/plan/" + stack + "/plan.md")));
        assertThat(MermaidCheck.problems(block)).isEmpty();
        var subnets = Stacks.run(stack).ofType("aws:ec2/subnet:Subnet");
        for (var s : subnets) {
            var az = s.string("availabilityZone").orElseThrow();
            assertThat(block).contains(Topology.nodeId(s) + "[\"AZ " + az.charAt(az.length() - 1) + " " + s.string("cidrBlock").orElseThrow() + "\"]");
        }
        assertThat(block).contains("subgraph c_production_vpc_data[\"data tier: no internet route, peered\"]",
                "subgraph c_management_vpc_public[\"public tier: internet via IGW, peered\"]",
                "n_Vpc_management_vpc <-->|\"peering management-production\"| n_Vpc_production_vpc");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void beforeTheFirstUpThePlanListsEveryPlaceholderAndEveryQuotaAgainstAwsDefault(String stack) throws IOException {
        assertThat(plan(stack)).as(() -> err + out.toString()).isEqualTo(Plan.OK);
        var md = Files.readString(Path.of("target/plan/" + stack + "/plan.md"));
        var section = md.substring(md.indexOf("## Before the first `pulumi up`\n"), md.indexOf("## HIPAA guardrails"));
        var config = hipaa.offline.StackFiles.load(Path.of("."), stack);
        var placeholders = hipaa.settings.Placeholders.find(stack, "hipaa",
                k -> java.util.Optional.ofNullable(config.values().get("hipaa:" + k)),
                k -> java.util.Optional.ofNullable(config.values().get("aws:" + k)));
        assertThat(placeholders).isNotEmpty();
        for (var p : placeholders) {
            assertThat(section).contains("| `" + p.key() + "` | `" + p.value() + "` | " + p.why() + " |\n");
        }
        var region = config.values().get("aws:region");
        var eips = (int) Stacks.run(stack).ofType("aws:ec2/eip:Eip").size();
        assertThat(section).contains("| Quota | Counted per | This stack | A new account already has | AWS default | Before the first "
                        + "`pulumi up` |\n")
                .contains("| EC2-VPC Elastic IPs (ec2/L-0263D0A3) | Region | " + eips + " (" + region + ") | 0 | 5 | ")
                .contains("| VPCs per Region (vpc/L-F678F1CE) | Region | 2 (" + region + ") | 1 | 5 | nothing to do (2 to spare) |\n")
                .contains("| NAT gateways per Availability Zone (vpc/L-FE5A380F) | Availability Zone | ")
                .contains("| Security groups per network interface (vpc/L-2AFB9258) | network interface | 1 (")
                .contains("| Gateway VPC endpoints per Region (vpc/L-1B52E74A) | Region | 2 (" + region + ") | 0 | 20 | ");
        assertThat(md).contains("- Before the first `pulumi up`: " + placeholders.size() + " placeholders to replace, 0 quotas to raise, ");
        assertThat(out.toString()).contains("\nBefore the first `pulumi up`: " + placeholders.size() + " placeholders to replace, ");
        var json = JsonParser.parseString(Files.readString(Path.of("target/plan/" + stack + "/plan.json"))).getAsJsonObject()
                .getAsJsonObject("beforeFirstUp");
        assertThat(json.getAsJsonArray("placeholders")).hasSize(placeholders.size());
        assertThat(json.getAsJsonArray("quotas").asList()).anySatisfy(q -> assertThat(q.getAsJsonObject().get("quotaCode").getAsString())
                .isEqualTo("L-0263D0A3"));
    }

    @Test
    void aStackAwsWouldRefuseExitsOneWithTheResourceAndWritesNoPlan() throws IOException {
        int code = Plan.run(new String[]{"dev"}, Path.of("."), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ctx -> {
                    App.stack(ctx);
                    var provider = new Provider("fixture", ProviderArgs.builder().region("us-west-2").build());
                    for (var i = 1; i <= 2; i++) {
                        new com.pulumi.aws.ec2.Eip("fixture-eip-" + i, com.pulumi.aws.ec2.EipArgs.builder().domain("vpc").build(),
                                CustomResourceOptions.builder().provider(provider).build());
                    }
                });
        assertThat(code).isEqualTo(Plan.REFUSED);
        // dev takes 4 Elastic IPs; two more make 6, and AWS refuses the sixth in name order.
        assertThat(err.toString()).startsWith("Stack 'dev': AWS would refuse 1 resource at creation")
                .contains("\n  - vpn-eip (aws:ec2/eip:Eip): creating it fails with AddressLimitExceeded: the stack creates 6 counted "
                        + "against EC2-VPC Elastic IPs (ec2/L-0263D0A3) in Region us-west-2, whose default is 5 (bastion-eip, "
                        + "fixture-eip-1, fixture-eip-2, management-nat-eip-a, production-nat-eip-a, vpn-eip); ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aProgramWithAViolationExitsThreeNamingTheRuleAndTheResource() throws IOException {
        int code = Plan.run(new String[]{"dev"}, Path.of("."), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ctx -> {
                    App.stack(ctx);
                    var provider = new Provider("fixture", ProviderArgs.builder().region("us-west-2").build());
                    new LogGroup("fixture-plaintext-logs", LogGroupArgs.builder().retentionInDays(7).build(),
                            CustomResourceOptions.builder().provider(provider).build());
                });
        assertThat(code).isEqualTo(Plan.GUARDRAILS_FAILED);
        assertThat(out.toString())
                .contains("\n  FAIL cloudwatch-log-group-encrypted fixture-plaintext-logs (aws:cloudwatch/logGroup:LogGroup): ")
                .contains("\n  FAIL cw-loggroup-retention-period-check fixture-plaintext-logs (aws:cloudwatch/logGroup:LogGroup): ");
        assertThat(Files.readString(Path.of("target/plan/dev/plan.md")))
                .contains("FAIL fixture-plaintext-logs (aws:cloudwatch/logGroup:LogGroup)");
    }

    @Test
    void compareShowsCountsSizesProtectionsRulesAndCostThatDiffer() throws IOException {
        plan("--compare", "dev", "prod");
        var md = Files.readString(Path.of("target/plan/compare-dev-prod.md"));
        // dev shares one NAT gateway per VPC; prod has one per AZ in production (3) and none in management.
        assertThat(md).contains("| `aws:ec2/natGateway:NatGateway` | 2 | 3 |")
                .contains("| `kms-data` (`aws:kms/key:Key`) | deletionWindowInDays=30 | protect, deletionWindowInDays=30 |")
                .contains("| Region | us-west-2 | us-east-1 |")
                .contains("- Only in `prod`:\n", "  - 5 `aws:ec2/subnet:Subnet`: management-private-c, management-public-c, "
                        + "production-app-c, production-data-c, production-public-c\n")
                .doesNotContain("| `production-app-c` (`aws:ec2/subnet:Subnet`) |")
                .doesNotContain("| `aws:ec2/vpc:Vpc` |");
        var dev = StackPlanFixtures.plan("dev");
        var prod = StackPlanFixtures.plan("prod");
        assertThat(md).contains("| Estimated monthly cost | " + Costs.money(dev.cost().total()) + " | " + Costs.money(prod.cost().total()) + " |");
        assertThat(out.toString()).contains("dev vs prod: resources " + dev.resources().size() + " vs " + prod.resources().size());
    }

    @Test
    void unknownStackAndBadArgumentsAreOneLineErrors() throws IOException {
        assertThat(plan("nope")).isEqualTo(Plan.BAD_ARGUMENTS);
        assertThat(err.toString()).startsWith("plan: no stack file Pulumi.nope.yaml").endsWith("stacks here: " + String.join(", ", hipaa.offline.StackFiles.stacks(java.nio.file.Path.of("."))) + "\n")
                .hasLineCount(1);
        err.reset();
        assertThat(plan("--help", "x")).isEqualTo(Plan.BAD_ARGUMENTS);
        assertThat(err.toString()).isEqualTo(Plan.USAGE + "   (stacks here: "
                + String.join(", ", hipaa.offline.StackFiles.stacks(java.nio.file.Path.of("."))) + ")\n");
        err.reset();
        assertThat(plan("--compare", "dev")).isEqualTo(Plan.BAD_ARGUMENTS);
        assertThat(err.toString()).isEqualTo(Plan.USAGE + "   (stacks here: "
                + String.join(", ", hipaa.offline.StackFiles.stacks(java.nio.file.Path.of("."))) + ")\n");
        err.reset();
        assertThat(plan("--compare", "dev", "nope")).isEqualTo(Plan.BAD_ARGUMENTS);
        assertThat(err.toString()).startsWith("plan: no stack file Pulumi.nope.yaml").hasLineCount(1);
    }
}
