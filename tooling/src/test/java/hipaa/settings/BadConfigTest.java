package hipaa.settings;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each row is a real stack file with one mistake. The program must stop before registering anything
 * and say exactly what is wrong: key, value found, what is allowed. The message goes through the SDK's
 * error path, as the CLI would print it.
 */
class BadConfigTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                row("dev", "hipaa:natStrategy", "perzone",
                        "hipaa:natStrategy: found \"perzone\"; one of perAz, single"),
                row("dev", "hipaa:interfaceEndpoints", "yes",
                        "hipaa:interfaceEndpoints: found \"yes\"; true or false"),
                row("dev", "hipaa:deletionProtection", "1",
                        "hipaa:deletionProtection: found \"1\"; true or false"),
                row("dev", "hipaa:azCount", "two",
                        "hipaa:azCount: found \"two\"; an integer from 2 to 6"),
                row("dev", "hipaa:azCount", "7",
                        "hipaa:azCount: found \"7\"; an integer from 2 to 6"),
                row("dev", "hipaa:azCount", "5",
                        "hipaa:azCount: found \"5\"; us-west-2 offers 4 Availability Zones; use 2 to 4"),
                row("dev", "hipaa:flowLogRetentionDays", "30",
                        "hipaa:flowLogRetentionDays: found \"30\"; one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"),
                row("dev", "hipaa:vpcCidr", "10.100.0.1/16",
                        "hipaa:vpcCidr: found \"10.100.0.1/16\"; a private (RFC 1918) IPv4 CIDR from /16 to /20, such as 10.100.0.0/16; CAUTION: changing it replaces the VPC"),
                row("dev", "hipaa:vpcCidr", "8.8.0.0/16",
                        "hipaa:vpcCidr: found \"8.8.0.0/16\"; a private (RFC 1918) IPv4 CIDR from /16 to /20, such as 10.100.0.0/16; CAUTION: changing it replaces the VPC"),
                row("dev", "hipaa:mgmtVpcCidr", "10.100.0.0/16",
                        "hipaa:mgmtVpcCidr: found \"10.100.0.0/16\"; overlaps hipaa:vpcCidr 10.100.0.0/16; peered VPCs need disjoint ranges, such as 10.10.0.0/16 and 10.100.0.0/16"),
                row("dev", "hipaa:appSubnetCidrs", "[\"10.100.64.0/21\"]",
                        "hipaa:appSubnetCidrs: found [\"10.100.64.0/21\"]; needs exactly 2 CIDRs, one per AZ (hipaa:azCount is 2)"),
                row("dev", "hipaa:appSubnetCidrs", "[\"10.200.0.0/21\",\"10.100.72.0/21\"]",
                        "hipaa:appSubnetCidrs: found [\"10.200.0.0/21\",\"10.100.72.0/21\"]; 10.200.0.0/21 does not fit in its VPC 10.100.0.0/16; every subnet must lie inside the VPC range"),
                row("dev", "hipaa:dataSubnetCidrs", "[\"10.100.64.0/22\",\"10.100.136.0/21\"]",
                        "hipaa:dataSubnetCidrs: found \"10.100.64.0/22\"; overlaps 10.100.64.0/21 in hipaa:appSubnetCidrs; subnets of one VPC must not overlap"),
                row("dev", "hipaa:mgmtPublicSubnetCidrs", "10.10.0.0/21",
                        "hipaa:mgmtPublicSubnetCidrs: found \"10.10.0.0/21\"; a list of 1 to 6 canonical IPv4 CIDRs (network address, /16 to /28), one per AZ, inside the VPC; CAUTION: changing one replaces that subnet"),
                row("dev", "hipaa:environment", null,
                        "hipaa:environment: missing; required: one of dev, staging, prod"),
                row("dev", "hipaa:environment", "production",
                        "hipaa:environment: found \"production\"; one of dev, staging, prod"),
                row("dev", "hipaa:owner", null,
                        "hipaa:owner: missing; required: the team or person accountable for this stack: 1 to 256 letters, digits, spaces or _ . : / = + - @ (an AWS tag value)"),
                row("dev", "aws:region", null,
                        "aws:region: missing; required: an AWS Region code this program supports: " + String.join(", ", Regions.all().keySet())),
                row("dev", "aws:region", "eu-mars-1",
                        "aws:region: found \"eu-mars-1\"; not a supported Region; use one of " + String.join(", ", Regions.all().keySet())),
                row("dev", "hipaa:requiredTagKeys", "[]",
                        "hipaa:requiredTagKeys: found []; a list of 1 to 50 tag keys; must include Environment, Owner, DataClassification"),
                row("dev", "hipaa:requiredTagKeys", "[\"Environment\",\"Owner\"]",
                        "hipaa:requiredTagKeys: found [\"Environment\",\"Owner\"]; must include DataClassification; the baseline tags Environment, Owner, DataClassification cannot be dropped"),
                row("dev", "hipaa:requiredTagKeys", "[\"Environment\",\"Owner\",\"DataClassification\",\"Team\"]",
                        "hipaa:requiredTagKeys: found [\"Environment\",\"Owner\",\"DataClassification\",\"Team\"]; requires the tag Team, which this program sets only from hipaa:environment, hipaa:owner, hipaa:dataClassification and hipaa:costCenter; set the matching key or remove Team"),
                row("dev", "hipaa:approvedAmiIds", "[\"ami-12345\"]",
                        "hipaa:approvedAmiIds: found [\"ami-12345\"]; a list of up to 20 AMI ids (ami- followed by 8 or 17 hex digits); empty uses the latest Amazon Linux 2023; not valid: ami-12345"),
                row("prod", "hipaa:deletionProtection", "false",
                        "hipaa:deletionProtection: found \"false\"; prod stacks must keep deletion protection on (true); only non-production stacks may relax it"));
    }

    private static Arguments row(String stack, String key, String value, String expectedLine) {
        var overrides = new HashMap<String, String>();
        overrides.put(key, value);
        return Arguments.of(stack, overrides, expectedLine);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rows")
    void isRejectedWithItsMessageBeforeAnyResource(String stack, Map<String, String> overrides, String expectedLine) {
        var run = OfflineRun.run(Stacks.with(stack, overrides), false, App::stack);
        assertThat(run.result().exitCode()).isNotZero();
        assertThat(run.resources()).as("resources registered").isEmpty();
        // The SDK records the exception and its CompletionException wrapper; both must be ours.
        assertThat(run.result().exceptions()).isNotEmpty().allSatisfy(e -> assertThat(e).satisfiesAnyOf(
                x -> assertThat(x).isInstanceOf(SettingsException.class),
                x -> assertThat(x).hasCauseInstanceOf(SettingsException.class)));
        var message = String.join("\n", run.result().errors());
        assertThat(message).startsWith("Stack '" + stack + "' has 1 configuration problem; nothing was created.")
                .contains("\n  - " + expectedLine + "\n")
                .endsWith("Fix them in Pulumi." + stack + ".yaml, or with `pulumi config set <key> <value> --stack " + stack
                        + "`; docs/CONFIG.md lists every key.")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of(
                "hipaa:natStrategy", "perzone",
                "hipaa:azCount", "9",
                "hipaa:interfaceEndpoints", "maybe")), false, App::stack);
        assertThat(run.resources()).isEmpty();
        var message = String.join("\n", run.result().errors());
        assertThat(message).startsWith("Stack 'dev' has 3 configuration problems; nothing was created.")
                .contains("  - hipaa:azCount: found \"9\"; an integer from 2 to 6\n")
                .contains("  - hipaa:natStrategy: found \"perzone\"; one of perAz, single\n")
                .contains("  - hipaa:interfaceEndpoints: found \"maybe\"; true or false\n");
    }
}
