package hipaa.settings;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gaps a new user found in the settings. Each row is a real stack with a few changes and the exact, complete
 * list of problems the program must report: no fewer (the rule holds) and no more (no follow-on message built
 * from a default that stood in for a rejected value).
 */
class SettingsGapsTest {

    private static final String WIDE = "together cover %d addresses, more than a /16 (65536): SSH to the bastion is for the "
            + "networks administrators connect from (an office, a VPN's egress), and wider ranges open it to much of the "
            + "internet (0.0.0.0/1 plus 128.0.0.0/1 is all of it); list narrower ranges, or leave hipaa:adminCidrs empty "
            + "and use Session Manager";

    static Stream<Arguments> rows() {
        return Stream.of(
                row("admin ranges that add up to the internet", "dev", of("hipaa:adminCidrs", "[\"0.0.0.0/1\",\"128.0.0.0/1\"]"),
                        "hipaa:adminCidrs: found [\"0.0.0.0/1\",\"128.0.0.0/1\"]; " + WIDE.formatted(4294967296L)),
                row("two admin ranges wider than a /16 together", "dev", of("hipaa:adminCidrs", "[\"203.0.113.0/24\",\"10.0.0.0/16\"]"),
                        "hipaa:adminCidrs: found [\"203.0.113.0/24\",\"10.0.0.0/16\"]; " + WIDE.formatted(65792)),
                row("one admin range wider than a /16", "prod", of("hipaa:adminCidrs", "[\"10.0.0.0/15\"]"),
                        "hipaa:adminCidrs: found [\"10.0.0.0/15\"]; " + WIDE.formatted(131072)),
                row("a /16 with a range inside it is a /16", "dev", of("hipaa:adminCidrs", "[\"10.0.0.0/16\",\"10.0.1.0/24\"]")),
                row("prod keeps audit archives six years", "prod", of("hipaa:archiveRetentionDays", "365"),
                        "hipaa:archiveRetentionDays: found \"365\"; prod stacks keep audit archives at least 2190 days: HIPAA "
                                + "requires its documentation, audit records included, to be kept six years (45 CFR 164.316(b)(2)(i)); "
                                + "only non-production stacks may keep them for less"),
                row("a rejected minimum is not also compared with the desired count", "dev", of("hipaa:fargateMinCount", "0"),
                        "hipaa:fargateMinCount: found \"0\"; an integer from 1 to 100"),
                row("defaults quoted in a message say they are defaults", "dev",
                        of("hipaa:fargateMinCount", null, "hipaa:fargateMaxCount", null, "hipaa:fargateDesiredCount", "8"),
                        "hipaa:fargateDesiredCount: found \"8\"; must lie between hipaa:fargateMinCount 2 (the default) and "
                                + "hipaa:fargateMaxCount 6 (the default)"),
                row("a rejected CPU size is not also compared with the memory", "dev",
                        of("hipaa:fargateCpu", "300", "hipaa:fargateMemoryMiB", "8192"),
                        "hipaa:fargateCpu: found \"300\"; one of 256, 512, 1024, 2048, 4096, 8192, 16384"),
                row("a rejected engine is not also compared with the version", "prod",
                        of("hipaa:dbEngine", "mariadb", "hipaa:dbEngineVersion", "8.4"),
                        "hipaa:dbEngine: found \"mariadb\"; one of postgres, mysql"),
                row("a rejected boolean is not also judged as its default", "dev", of("hipaa:bastionElasticIp", "yes"),
                        "hipaa:bastionElasticIp: found \"yes\"; true or false"),
                row("subnets are not measured against a VPC range that was rejected", "prod",
                        of("hipaa:vpcCidr", "10.200.0.1/16",
                                "hipaa:publicSubnetCidrs", "[\"10.200.0.0/21\",\"10.200.8.0/21\",\"10.200.16.0/21\"]"),
                        "hipaa:vpcCidr: found \"10.200.0.1/16\"; a private (RFC 1918) IPv4 CIDR from /16 to /20, such as "
                                + "10.100.0.0/16; CAUTION: changing it replaces the VPC"),
                row("an empty required value is empty, not missing", "dev", of("hipaa:owner", ""),
                        "hipaa:owner: empty; required: the team or person accountable for this stack: 1 to 256 letters, "
                                + "digits, spaces or _ . : / = + - @ (an AWS tag value)"),
                row("an empty container image is empty, not missing", "dev", of("hipaa:containerImage", ""),
                        "hipaa:containerImage: empty; required while hipaa:fargateAppEnabled is true: a private Amazon ECR image "
                                + "in us-west-2 with a tag or digest, <account>.dkr.ecr.us-west-2.amazonaws.com/<repository>:<tag>"),
                row("an empty choice is empty", "dev", of("hipaa:natStrategy", ""),
                        "hipaa:natStrategy: empty; one of perAz, single"));
    }

    private static Arguments row(String name, String stack, Map<String, String> overrides, String... problems) {
        return Arguments.of(name, stack, overrides, List.of(problems));
    }

    private static Map<String, String> of(String... keyValues) {
        var m = new HashMap<String, String>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reportsExactlyTheseProblems(String name, String stack, Map<String, String> overrides, List<String> problems) {
        var run = OfflineRun.run(Stacks.with(stack, overrides), false, App::stack);
        if (problems.isEmpty()) {
            assertThat(run.succeeded()).as(run::failure).isTrue();
            return;
        }
        assertThat(run.resources()).as("registered").isEmpty();
        var lines = Arrays.stream(String.join("\n", run.result().errors()).split("\n"))
                .filter(l -> l.startsWith("  - ")).map(l -> l.substring(4)).toList();
        assertThat(lines).containsExactlyElementsOf(problems);
    }
}
