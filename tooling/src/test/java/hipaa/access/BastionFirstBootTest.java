package hipaa.access;

import hipaa.offline.OfflineRun;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bastion's first boot as each real stack renders it, run here with bash: the paths it writes moved into a
 * temporary directory and the commands that need AWS or the host ({@code aws}, {@code curl} to the instance
 * metadata, {@code dnf}, {@code systemctl}, {@code sshd}, {@code sleep}, the CloudWatch agent) replaced by stubs
 * that record each call. sshd is hardened and log shipping started before anything that depends on the outside
 * world; when any step fails, the instance marks itself unhealthy in its own group (which the role allows, in
 * that group only), so the group replaces it instead of keeping a half-built bastion in service.
 */
class BastionFirstBootTest {

    @TempDir
    Path dir;

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @BeforeEach
    void requireBash() {
        if (Files.isExecutable(Path.of("/bin/bash"))) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("bash must be available in CI: the bastion's first boot must be exercised");
        }
        assumeTrue(false, "no /bin/bash: the bastion's first boot was NOT exercised");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void whenTakingTheElasticIpFailsTheBastionIsAlreadyHardenedAndAsksToBeReplaced(String stack) throws Exception {
        var run = Stacks.run(stack);
        assertThat(Stacks.settings(stack).access().bastionElasticIp()).as("both real stacks give the bastion an Elastic IP").isTrue();
        var boot = boot(run, "aws ec2 associate-address");
        assertThat(boot.exit()).isNotZero();
        var calls = boot.calls();
        // Hardened and shipping logs first: sshd restarted with the hardened config, the agent started.
        int sshd = calls.indexOf("systemctl restart sshd");
        int agent = indexOf(calls, "amazon-cloudwatch-agent-ctl -a fetch-config");
        int eip = indexOf(calls, "aws ec2 associate-address");
        assertThat(sshd).as(String.join("\n", calls)).isNotNegative();
        assertThat(agent).as(String.join("\n", calls)).isGreaterThan(sshd);
        assertThat(eip).as(String.join("\n", calls)).isGreaterThan(agent);
        assertThat(Files.readString(dir.resolve("root/etc/ssh/sshd_config.d/00-hipaa.conf")))
                .contains("PasswordAuthentication no", "PermitRootLogin no", "AuthenticationMethods publickey");
        // Then the group is told to replace this instance, at once (not after the grace period).
        var group = run.named("aws:autoscaling/group:Group", "bastion-asg").string("name").orElseThrow();
        assertThat(calls.get(calls.size() - 1)).isEqualTo("aws autoscaling set-instance-health --region "
                + Stacks.settings(stack).region() + " --instance-id i-0123456789abcdef0 --health-status Unhealthy "
                + "--no-should-respect-grace-period");
        assertThat(boot.log()).contains("marking this instance unhealthy so " + group + " replaces it");
        // The security patches never ran: the script stopped at the failure.
        assertThat(calls).noneMatch(c -> c.startsWith("dnf -y upgrade"));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void whenLogShippingCannotBeInstalledSshdIsHardenedAndTheInstanceIsReplaced(String stack) throws Exception {
        var boot = boot(Stacks.run(stack), "dnf -y install");
        assertThat(boot.exit()).isNotZero();
        assertThat(boot.calls()).contains("systemctl restart sshd")
                .noneMatch(c -> c.startsWith("aws ec2 associate-address"));
        assertThat(boot.calls().get(boot.calls().size() - 1)).startsWith("aws autoscaling set-instance-health ")
                .contains("--health-status Unhealthy");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void aBootThatSucceedsKeepsItsInstance(String stack) throws Exception {
        var boot = boot(Stacks.run(stack), "nothing fails");
        assertThat(boot.exit()).as(boot.log()).isZero();
        assertThat(boot.calls()).anyMatch(c -> c.startsWith("aws ec2 associate-address"))
                .anyMatch(c -> c.startsWith("dnf -y upgrade --security"))
                .noneMatch(c -> c.contains("set-instance-health"));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theRoleMayMarkInstancesUnhealthyInItsOwnGroupOnly(String stack) {
        var run = Stacks.run(stack);
        var settings = Stacks.settings(stack);
        var group = run.named("aws:autoscaling/group:Group", "bastion-asg").string("name").orElseThrow();
        var policy = Policies.rolePermissions(run, "bastion-policy", "bastion-role").string("policy").orElseThrow();
        var statements = Policies.statements(policy).stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("autoscaling:")))
                .toList();
        assertThat(statements).singleElement().satisfies(s -> {
            assertThat(s.isAllow()).isTrue();
            assertThat(s.actions()).containsExactly("autoscaling:SetInstanceHealth");
            assertThat(s.resources()).containsExactly("arn:aws:autoscaling:" + settings.region() + ":123456789012:autoScalingGroup:*"
                    + ":autoScalingGroupName/" + group);
            assertThat(s.conditions()).isEmpty();
        });
    }

    // ------------------------------------------------------------------------------------------- harness

    record Boot(int exit, List<String> calls, String log) {}

    static int indexOf(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix) || calls.get(i).contains(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Runs the stack's bastion user data with stubs; the call whose text starts with {@code failing} exits 1. */
    Boot boot(OfflineRun.Result run, String failing) throws Exception {
        var encoded = run.named("aws:ec2/launchTemplate:LaunchTemplate", "bastion-lt").string("userData").orElseThrow();
        var script = new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        var root = dir.resolve("root");
        for (var path : List.of("/etc/ssh/sshd_config.d", "/etc/profile.d", "/opt/aws/amazon-cloudwatch-agent")) {
            assertThat(script).contains(path);
            script = script.replace(path, root + path);
        }
        Files.createDirectories(root.resolve("etc/ssh/sshd_config.d"));
        Files.createDirectories(root.resolve("etc/profile.d"));
        var calls = dir.resolve("calls.txt");
        Files.writeString(calls, "");
        var bin = Files.createDirectories(dir.resolve("bin"));
        // Every stub records its command line; the one matching `failing` fails.
        var record = """
                #!/bin/bash
                line="$(basename "$0") $*"
                printf '%%s\\n' "${line}" >> %s
                if [[ "${line}" == %s* ]]; then exit 1; fi
                """.formatted(calls, quote(failing));
        for (var cmd : List.of("aws", "dnf", "systemctl", "sshd")) {
            stub(bin.resolve(cmd), record);
        }
        stub(bin.resolve("sleep"), "#!/bin/bash\nexit 0\n");
        stub(bin.resolve("curl"), """
                #!/bin/bash
                case "$*" in
                  *api/token*) echo token ;;
                  *meta-data/instance-id*) echo i-0123456789abcdef0 ;;
                  *) exit 22 ;;
                esac
                """);
        var agentBin = Files.createDirectories(root.resolve("opt/aws/amazon-cloudwatch-agent/bin"));
        stub(agentBin.resolve("amazon-cloudwatch-agent-ctl"), record);
        var file = dir.resolve("user-data.sh");
        Files.writeString(file, script);

        var out = dir.resolve("out.txt");
        var pb = new ProcessBuilder("/bin/bash", file.toString()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        var p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the bastion's user data did not finish in 120 s:\n" + Files.readString(out));
        }
        return new Boot(p.exitValue(), Files.readAllLines(calls), Files.readString(out));
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static void stub(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
