package hipaa.settings;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad application-tier values stop the real program with the exact problem line and before any resource,
 * the provider included, is registered. One row per rule.
 */
class AppSettingsTest {

    static final String EC2_SCRIPT = "#!/bin/bash\nsystemctl start app\n";
    static final String DEV_CERT = "arn:aws:acm:us-west-2:123456789012:certificate/00000000-0000-0000-0000-000000000000";

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("dev", overrides("hipaa:certificateArn", null),
                        "hipaa:certificateArn: missing; required: the ARN of an ACM certificate in this stack's Region, "
                                + "arn:aws:acm:us-west-2:<account>:certificate/<uuid>; request or import one in ACM first"),
                Arguments.of("dev", overrides("hipaa:certificateArn", "arn:aws:iam::123456789012:server-certificate/app"),
                        "hipaa:certificateArn: found \"arn:aws:iam::123456789012:server-certificate/app\"; not an ACM certificate ARN; "
                                + "use the ARN of an ACM certificate in this stack's Region, arn:aws:acm:us-west-2:<account>:certificate/<uuid>; "
                                + "request or import one in ACM first"),
                Arguments.of("dev", overrides("hipaa:certificateArn", "arn:aws:acm:us-west-2:123456789012:certificate/not-a-uuid"),
                        "hipaa:certificateArn: found \"arn:aws:acm:us-west-2:123456789012:certificate/not-a-uuid\"; not an ACM certificate ARN; "
                                + "use the ARN of an ACM certificate in this stack's Region, arn:aws:acm:us-west-2:<account>:certificate/<uuid>; "
                                + "request or import one in ACM first"),
                Arguments.of("dev", overrides("hipaa:certificateArn", DEV_CERT.replace("us-west-2", "us-east-1")),
                        "hipaa:certificateArn: found \"" + DEV_CERT.replace("us-west-2", "us-east-1") + "\"; is in us-east-1 but the stack "
                                + "deploys to us-west-2; a load balancer can only use an ACM certificate from its own Region, so use the ARN "
                                + "of an ACM certificate in this stack's Region, arn:aws:acm:us-west-2:<account>:certificate/<uuid>; "
                                + "request or import one in ACM first"),
                Arguments.of("prod", overrides("hipaa:tlsPolicy", "ELBSecurityPolicy-2016-08"),
                        "hipaa:tlsPolicy: found \"ELBSecurityPolicy-2016-08\"; one of " + String.join(", ", AppSettings.ALLOWED_TLS_POLICIES)),
                Arguments.of("prod", overrides("hipaa:tlsPolicy", "ELBSecurityPolicy-TLS13-1-0-2021-06"),
                        "hipaa:tlsPolicy: found \"ELBSecurityPolicy-TLS13-1-0-2021-06\"; one of " + String.join(", ", AppSettings.ALLOWED_TLS_POLICIES)),
                Arguments.of("prod", overrides("hipaa:fargateMinCount", "13"),
                        "hipaa:fargateMinCount: found \"13\"; is greater than hipaa:fargateMaxCount 12; the fargate minimum must not exceed its maximum"),
                Arguments.of("prod", overrides("hipaa:ec2MinSize", "7"),
                        "hipaa:ec2MinSize: found \"7\"; is greater than hipaa:ec2MaxSize 6; the ec2 minimum must not exceed its maximum"),
                Arguments.of("prod", overrides("hipaa:ec2DesiredCapacity", "9"),
                        "hipaa:ec2DesiredCapacity: found \"9\"; must lie between hipaa:ec2MinSize 3 and hipaa:ec2MaxSize 6"),
                Arguments.of("dev", overrides("hipaa:fargateDesiredCount", "3"),
                        "hipaa:fargateDesiredCount: found \"3\"; must lie between hipaa:fargateMinCount 1 and hipaa:fargateMaxCount 2"),
                Arguments.of("dev", overrides("hipaa:fargateMemoryMiB", "512"),
                        "hipaa:fargateMemoryMiB: found \"512\"; Fargate does not offer 512 MiB with 512 CPU units; with hipaa:fargateCpu 512 "
                                + "use one of [1024, 2048, 3072, 4096]"),
                Arguments.of("dev", overrides("hipaa:fargateCpu", "300"),
                        "hipaa:fargateCpu: found \"300\"; one of 256, 512, 1024, 2048, 4096, 8192, 16384"),
                Arguments.of("prod", overrides("hipaa:insecurePlainHttpTargets", "true"),
                        "hipaa:insecurePlainHttpTargets: found \"true\"; prod stacks must encrypt traffic to the app (false); "
                                + "plain HTTP between the load balancer and the app is a dev-only relaxation"),
                Arguments.of("dev", overrides("hipaa:fargateAppEnabled", "false"),
                        "hipaa:fargateAppEnabled: found \"false\"; at least one workload must run behind the load balancer; "
                                + "set hipaa:fargateAppEnabled or hipaa:ec2AppEnabled to true"),
                Arguments.of("dev", overrides("hipaa:containerImage", null),
                        "hipaa:containerImage: missing; required while hipaa:fargateAppEnabled is true: a private Amazon ECR image in "
                                + "us-west-2 with a tag or digest, <account>.dkr.ecr.us-west-2.amazonaws.com/<repository>:<tag>"),
                Arguments.of("dev", overrides("hipaa:containerImage", "nginx:latest"),
                        "hipaa:containerImage: found \"nginx:latest\"; a private Amazon ECR image in us-west-2 with a tag or digest, "
                                + "<account>.dkr.ecr.us-west-2.amazonaws.com/<repository>:<tag>"),
                Arguments.of("dev", overrides("hipaa:containerImage", "123456789012.dkr.ecr.us-west-2.amazonaws.com/app"),
                        "hipaa:containerImage: found \"123456789012.dkr.ecr.us-west-2.amazonaws.com/app\"; a private Amazon ECR image in "
                                + "us-west-2 with a tag or digest, <account>.dkr.ecr.us-west-2.amazonaws.com/<repository>:<tag>"),
                Arguments.of("dev", overrides("hipaa:containerImage", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1"),
                        "hipaa:containerImage: found \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1\"; is in eu-west-1 but the stack "
                                + "deploys to us-west-2; pull from a repository in the same Region (replicate it there) so the image stays "
                                + "behind the Region's ECR endpoint: a private Amazon ECR image in us-west-2 with a tag or digest, "
                                + "<account>.dkr.ecr.us-west-2.amazonaws.com/<repository>:<tag>"),
                Arguments.of("prod", overrides("hipaa:ec2InstanceType", "m7g.large"),
                        "hipaa:ec2InstanceType: found \"m7g.large\"; is a Graviton (arm64) type but the image is the x86_64 Amazon Linux 2023 "
                                + "(hipaa:approvedAmiIds is empty); use an x86_64 type such as t3.medium or list an arm64 AMI in hipaa:approvedAmiIds"),
                Arguments.of("prod", overrides("hipaa:allowedClientCidrs", "[\"10.0.0.1/16\"]"),
                        "hipaa:allowedClientCidrs: found [\"10.0.0.1/16\"]; a list of 1 to 50 canonical IPv4 CIDRs allowed to reach the load "
                                + "balancer on 443 (and 80 when hipaa:httpRedirect is true); not valid: 10.0.0.1/16"),
                Arguments.of("prod", overrides("hipaa:appPort", "443"),
                        "hipaa:appPort: found \"443\"; an integer from 1024 to 65535"),
                Arguments.of("prod", overrides("hipaa:httpRedirect", "yes"),
                        "hipaa:httpRedirect: found \"yes\"; true or false"),
                Arguments.of("prod", overrides("hipaa:ec2AppEnabled", "true"),
                        "hipaa:ec2AppEnabled: found \"true\"; the instances would boot with nothing listening on hipaa:appPort, fail "
                                + "every health check and be replaced forever; set hipaa:ec2AppImageId to an approved AMI that carries "
                                + "the app, or hipaa:ec2AppUserData to the script that installs and starts it, or set "
                                + "hipaa:ec2AppEnabled to false"),
                Arguments.of("prod", overrides("hipaa:ec2AppEnabled", "true", "hipaa:ec2AppUserData", EC2_SCRIPT),
                        "hipaa:ec2AppPathPatterns: missing; required while both hipaa:fargateAppEnabled and hipaa:ec2AppEnabled "
                                + "are true: the path patterns (up to 5, e.g. [\"/legacy/*\"]) the HTTPS listener sends to the EC2 app; "
                                + "every other request goes to Fargate (two different workloads are never split by weight)"),
                Arguments.of("prod", overrides("hipaa:ec2AppImageId", "ami-0123456789abcdef0"),
                        "hipaa:ec2AppImageId: found \"ami-0123456789abcdef0\"; must also be listed in hipaa:approvedAmiIds, or the "
                                + "approved-AMIs rule flags every app instance; add it there, after the Linux image the bastion runs"),
                Arguments.of("dev", overrides("hipaa:ec2AppUserData", "dnf -y install app"),
                        "hipaa:ec2AppUserData: found \"dnf -y install app\"; a first-boot script (#!...) or #cloud-config document "
                                + "of at most 16 KB that installs the app and starts it on hipaa:appPort; no secrets (read them from "
                                + "Secrets Manager)"),
                Arguments.of("dev", overrides("hipaa:ec2AppPathPatterns", "[\"/legacy/*\",\"/a b\"]"),
                        "hipaa:ec2AppPathPatterns: found [\"/legacy/*\",\"/a b\"]; a list of up to 5 load balancer path patterns "
                                + "such as /legacy/* (up to 128 of A-Z a-z 0-9 _ - . $ / ~ @ : + * ?); not valid: /a b"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badValues")
    void badValueStopsTheProgramBeforeAnyResource(String stack, Map<String, String> overrides, String problem) {
        var run = OfflineRun.run(Stacks.with(stack, overrides), false, App::stack);
        assertThat(run.result().exitCode()).isNotZero();
        assertThat(String.join("\n", run.result().errors())).contains("\n  - " + problem + "\n");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void everyProblemIsReportedInOneRun() {
        var run = OfflineRun.run(Stacks.with("prod", Map.of("hipaa:tlsPolicy", "ELBSecurityPolicy-2016-08",
                "hipaa:fargateMinCount", "20", "hipaa:ec2MinSize", "9")), false, App::stack);
        var errors = String.join("\n", run.result().errors());
        assertThat(errors).contains("has 3 configuration problems; nothing was created.")
                .contains("  - hipaa:tlsPolicy: ").contains("  - hipaa:fargateMinCount: ").contains("  - hipaa:ec2MinSize: ");
        assertThat(run.resources()).isEmpty();
    }

    @Test
    void safeDefaultsWhenAStackSaysNothing() {
        var values = new HashMap<String, String>();
        values.put("aws:region", "us-east-1");
        values.put("hipaa:environment", "staging");
        values.put("hipaa:owner", "team");
        values.put("hipaa:certificateArn", DEV_CERT.replace("us-west-2", "us-east-1"));
        values.put("hipaa:containerImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:" + "a".repeat(64));
        var reader = new SettingsReader("x", k -> java.util.Optional.ofNullable(values.get("hipaa:" + k)),
                k -> java.util.Optional.ofNullable(values.get("aws:" + k)));
        var app = Settings.read(reader, "hipaa").app();
        assertThat(reader.problems()).isEmpty();
        assertThat(app.edge().tlsPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
        assertThat(app.edge().httpRedirect()).isFalse();
        assertThat(app.edge().insecurePlainHttpTargets()).isFalse();
        assertThat(app.edge().allowedClientCidrs()).containsExactly("0.0.0.0/0");
        assertThat(app.fargate().enabled()).isTrue();
        // No EC2 group unless the stack says what it runs: a default group would serve nothing.
        assertThat(app.ec2().enabled()).isFalse();
        assertThat(app.ec2().appImageId()).isEmpty();
        assertThat(app.ec2().appUserData()).isEmpty();
        assertThat(app.ec2().pathPatterns()).isEmpty();
        assertThat(app.fargate().repositoryArn("aws")).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/app");
        assertThat(List.of(app.fargate().minCount(), app.fargate().desiredCount(), app.fargate().maxCount())).containsExactly(2, 2, 6);
    }

    private static Map<String, String> overrides(String key, String value) {
        var m = new HashMap<String, String>();
        m.put(key, value);
        return m;
    }

    private static Map<String, String> overrides(String key, String value, String key2, String value2) {
        var m = overrides(key, value);
        m.put(key2, value2);
        return m;
    }
}
