package hipaa.access;

import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The user-data scripts as the stacks really render them pass ShellCheck, fit EC2's user-data limit and
 * carry no key material.
 *
 * <p>Without {@code shellcheck} on PATH the tests are skipped locally and fail in CI ({@code CI=true}),
 * so CI can never pass without having checked the scripts.
 */
class UserDataShellcheckTest {

    /** EC2 refuses user data over 16 KB before base64 encoding. */
    static final int USER_DATA_LIMIT = 16 * 1024;

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @BeforeEach
    void requireShellcheck() {
        if (shellcheckOnPath()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("shellcheck is not on PATH but CI=true: CI must check the user-data scripts (.ci/run installs "
                    + "shellcheck from Debian's packages)");
        }
        assumeTrue(false, "shellcheck is not on PATH: the user-data scripts were NOT checked. Install it "
                + "(apt-get install shellcheck) to run these tests; in CI (CI=true) they fail instead of skipping");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyUserDataTheStackRendersPassesShellcheck(String stack) throws Exception {
        var run = Stacks.run(stack);
        var scripts = new java.util.LinkedHashMap<String, String>();
        // The access hosts' scripts (app instances carry none: they are configured through Session Manager).
        java.util.function.Predicate<RecordedResource> access =
                r -> r.parent().map(p -> p.type().startsWith("hipaa:access:")).orElse(false);
        run.ofType("aws:ec2/launchTemplate:LaunchTemplate").stream().filter(access)
                .forEach(lt -> scripts.put(lt.name(), userData(lt)));
        // An instance takes its user data as text; the provider encodes it.
        run.ofType("aws:ec2/instance:Instance").stream().filter(access)
                .forEach(i -> scripts.put(i.name(), i.string("userData").orElseThrow()));
        assertThat(scripts).containsOnlyKeys("bastion-lt", "vpn-instance");
        for (var e : scripts.entrySet()) {
            shellcheck(e.getKey(), e.getValue());
            assertThat(e.getValue().getBytes(StandardCharsets.UTF_8).length).as(e.getKey()).isLessThan(USER_DATA_LIMIT);
            assertThat(e.getValue()).as(e.getKey()).doesNotContain("PRIVATE KEY", "BEGIN CERTIFICATE", "password=");
        }
    }

    @Test
    void theVpnUserToolPassesShellcheck() throws Exception {
        shellcheck("hipaa-vpn-user", vpnScript().userTool());
    }

    @Test
    void theBastionScriptWithoutAnElasticIpPassesShellcheck() throws Exception {
        var script = new BastionScript("us-east-1", "/hipaa-prod/access/bastion/secure", Optional.empty(), 900, "hipaa-prod-bastion").render();
        assertThat(script).contains("readonly EIP_ALLOCATION_ID=''\n");
        shellcheck("bastion without Elastic IP", script);
    }

    static VpnScript vpnScript() {
        return new VpnScript("us-east-1", "192.0.2.10", 1194, "10.8.0.0/24", List.of("10.10.0.0/16", "10.100.64.0/21"),
                "/hipaa-prod/access/vpn", "hipaa-prod/vpn/pki", "hipaa-prod/vpn/clients/",
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                Map.of("Owner", "platform team", "Environment", "prod"));
    }

    static String userData(RecordedResource launchTemplate) {
        var encoded = launchTemplate.string("userData").orElseThrow(() -> new AssertionError(launchTemplate.name() + " has no user data"));
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    static boolean shellcheckOnPath() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "shellcheck")));
    }

    /** Every ShellCheck finding, down to style, fails the test with ShellCheck's own report. */
    static void shellcheck(String what, String script) throws IOException, InterruptedException {
        var p = new ProcessBuilder("shellcheck", "--shell=bash", "--severity=style", "--format=gcc", "-")
                .redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        var report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(what + ": shellcheck timed out").isTrue();
        assertThat(p.exitValue()).as(what + " fails shellcheck:\n" + report).isZero();
    }
}
