package hipaa.access;

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
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The community VPN server's PKI as each real stack installs it: built with nothing Amazon Linux 2023 does not
 * ship (openssl, not easy-rsa), and working. The user tool is taken out of the stack's rendered user data and run
 * here, against this machine's openssl, with its paths moved into a temporary directory and only what needs AWS
 * or root stubbed ({@code aws} keeps secrets in files, {@code openvpn} writes a placeholder tls-crypt key,
 * {@code systemctl} and {@code id} do nothing). {@code openssl verify} then checks the chains, the purposes
 * OpenVPN's {@code remote-cert-tls} relies on, and the CRL.
 *
 * <p>Without {@code openssl} and {@code bash} the test is skipped locally and fails in CI ({@code CI=true}).
 */
class VpnPkiTest {

    /** What the VPN's user data may install: each is in Amazon Linux 2023's own repositories. */
    static final List<String> AL2023_PACKAGES = List.of("openvpn", "openssl", "nftables", "rsyslog", "amazon-cloudwatch-agent");

    @TempDir
    Path dir;

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @BeforeEach
    void requireTools() {
        if (onPath("openssl") && onPath("bash")) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("openssl and bash must be on PATH in CI: the VPN's PKI must be exercised");
        }
        assumeTrue(false, "openssl or bash is not on PATH: the VPN's PKI was NOT exercised");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theVpnInstallsOnlyAmazonLinuxPackagesAndNoEasyRsa(String stack) {
        var userData = vpnUserData(stack);
        var installed = new TreeSet<String>();
        var m = Pattern.compile("dnf -y install ([^\\n]+)").matcher(userData);
        while (m.find()) {
            installed.addAll(List.of(m.group(1).trim().split("\\s+")));
        }
        assertThat(installed).containsExactlyInAnyOrderElementsOf(AL2023_PACKAGES);
        // Neither the package nor its command: the tool that runs the CA is plain openssl.
        assertThat(userData).doesNotContainPattern("(?m)^[^#\\n]*\\beasyrsa\\b").doesNotContain("/usr/share/easy-rsa");
        assertThat(userTool(stack)).contains("openssl ca -config").contains("ca -gencrl").contains("ca -revoke");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theToolBuildsAChainedPkiRevokesAndRestoresItsOwnCa(String stack) throws Exception {
        var tool = installTool(stack);

        run(tool, "init");
        var server = dir.resolve("etc/openvpn/server");
        var ca = server.resolve("ca.crt");
        assertThat(openssl("verify", "-CAfile", ca.toString(), "-purpose", "sslserver", server.resolve("server.crt").toString()))
                .isEqualTo(server.resolve("server.crt") + ": OK\n");
        assertThat(openssl("x509", "-in", server.resolve("server.crt").toString(), "-noout", "-subject", "-ext",
                "keyUsage,extendedKeyUsage,basicConstraints"))
                .contains("subject=CN = server").contains("TLS Web Server Authentication").contains("CA:FALSE");
        assertThat(openssl("x509", "-in", ca.toString(), "-noout", "-subject", "-ext", "basicConstraints,keyUsage"))
                .contains("subject=CN = hipaa-vpn-ca").contains("CA:TRUE").contains("Certificate Sign, CRL Sign");
        // The server's key is the one its certificate certifies, and an EC P-384 key.
        assertThat(openssl("pkey", "-in", server.resolve("server.key").toString(), "-pubout"))
                .isEqualTo(openssl("x509", "-in", server.resolve("server.crt").toString(), "-noout", "-pubkey"));
        assertThat(openssl("pkey", "-in", server.resolve("server.key").toString(), "-noout", "-text")).contains("NIST CURVE: P-384");
        assertThat(Files.readString(server.resolve("crl.pem"))).startsWith("-----BEGIN X509 CRL-----");
        var caBefore = Files.readString(ca);

        run(tool, "add", "alice");
        run(tool, "add", "bob");
        var alice = certOfProfile("alice");
        var bob = certOfProfile("bob");
        assertThat(openssl("verify", "-CAfile", ca.toString(), "-purpose", "sslclient", alice.toString())).isEqualTo(alice + ": OK\n");
        assertThat(openssl("verify", "-CAfile", ca.toString(), "-purpose", "sslclient", bob.toString())).isEqualTo(bob + ": OK\n");
        // A client certificate is no server: a stolen profile cannot impersonate the VPN.
        assertThat(opensslFails("verify", "-CAfile", ca.toString(), "-purpose", "sslserver", alice.toString()))
                .contains("unsuitable certificate purpose");
        // The client keys left the host with the profiles.
        assertThat(dir.resolve("etc/openvpn/server/ca/pki/private/alice.key")).doesNotExist();
        assertThat(run(tool, "list")).isEqualTo("alice\nbob\n");
        assertThat(dir.resolve("secrets/" + clientSecret(stack, "bob"))).exists();
        assertThat(dir.resolve("secrets/hipaa-" + stack + "_vpn_pki")).exists();

        run(tool, "revoke", "bob");
        var crl = server.resolve("crl.pem").toString();
        assertThat(openssl("verify", "-crl_check", "-CAfile", ca.toString(), "-CRLfile", crl, alice.toString())).isEqualTo(alice + ": OK\n");
        assertThat(opensslFails("verify", "-crl_check", "-CAfile", ca.toString(), "-CRLfile", crl, bob.toString()))
                .contains("certificate revoked");
        assertThat(run(tool, "list")).isEqualTo("alice\n");
        assertThat(dir.resolve("secrets/" + clientSecret(stack, "bob"))).doesNotExist();

        // A replaced server restores the same CA from the secret, and goes on issuing and revoking with it.
        deleteTree(dir.resolve("etc/openvpn/server/ca"));
        run(tool, "init");
        assertThat(Files.readString(ca)).isEqualTo(caBefore);
        run(tool, "add", "bob");
        var bobAgain = certOfProfile("bob");
        assertThat(openssl("verify", "-crl_check", "-CAfile", ca.toString(), "-CRLfile", crl, bobAgain.toString()))
                .isEqualTo(bobAgain + ": OK\n");
        assertThat(openssl("x509", "-in", bobAgain.toString(), "-noout", "-serial"))
                .isNotEqualTo(openssl("x509", "-in", bob.toString(), "-noout", "-serial"));
        run(tool, "refresh-crl");
        assertThat(opensslFails("verify", "-crl_check", "-CAfile", ca.toString(), "-CRLfile", crl, bob.toString()))
                .contains("certificate revoked");
        assertThat(run(tool, "list")).isEqualTo("alice\nbob\n");
    }

    // ------------------------------------------------------------------------------------------- helpers

    static String vpnUserData(String stack) {
        return Stacks.run(stack).named("aws:ec2/instance:Instance", "vpn-instance").string("userData").orElseThrow();
    }

    /** The tool exactly as the stack's user data installs it: its VPN_USER_TOOL word, unquoted by bash. */
    String userTool(String stack) {
        try {
            var userData = dir.resolve(stack + "-user-data.sh");
            // Everything but the user data's own last line, the call of its main (the tool inside ends the same way).
            var text = vpnUserData(stack);
            assertThat(text).endsWith("\nmain \"$@\"\n");
            Files.writeString(userData, text.substring(0, text.length() - "main \"$@\"\n".length()));
            return exec(List.of("bash", "-c", "source \"$1\"; printf '%s' \"${VPN_USER_TOOL}\"", "x", userData.toString()), null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The tool with its paths under the temp directory, and stubs for what needs AWS or root. */
    Path installTool(String stack) throws IOException {
        var root = dir.toString();
        var tool = userTool(stack).replace("/etc/openvpn/server", root + "/etc/openvpn/server");
        assertThat(tool).contains("readonly SERVER_DIR=" + root + "/etc/openvpn/server");
        var bin = Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("etc/openvpn/server"));
        Files.createDirectories(dir.resolve("secrets"));
        script(bin.resolve("hipaa-vpn-user"), tool);
        script(bin.resolve("id"), "#!/bin/bash\necho 0\n");
        script(bin.resolve("systemctl"), "#!/bin/bash\nexit 0\n");
        script(bin.resolve("openvpn"), """
                #!/bin/bash
                [[ "$1 $2" == "--genkey secret" ]] || exit 2
                printf -- '-----BEGIN OpenVPN Static key V1-----\\n%s\\n-----END OpenVPN Static key V1-----\\n' "$(openssl rand -hex 32)" > "$3"
                """);
        // Secrets Manager as files: secrets/<id with / as _>; "None" until the PKI secret has a value.
        script(bin.resolve("aws"), """
                #!/bin/bash
                set -euo pipefail
                store=%s/secrets
                [[ "$1" == secretsmanager ]] || exit 2
                shift 3
                op=$1; shift
                id=""; src=""
                while (( $# )); do
                  case "$1" in
                    --secret-id|--name) id=${2//\\//_}; shift 2 ;;
                    --secret-string) src=${2#file://}; shift 2 ;;
                    *) shift ;;
                  esac
                done
                case "$op" in
                  describe-secret) if [[ -e "$store/$id" ]]; then echo '{"v1": ["AWSCURRENT"]}'; else echo None; fi ;;
                  put-secret-value|create-secret) cp "$src" "$store/$id" ;;
                  get-secret-value) cat "$store/$id" ;;
                  delete-secret) rm -f "$store/$id" ;;
                  *) exit 2 ;;
                esac
                """.formatted(root));
        return bin.resolve("hipaa-vpn-user");
    }

    /** Where the stub keeps the user's profile secret ({@code <prefix>/vpn/clients/<user>}, slashes as underscores). */
    static String clientSecret(String stack, String user) {
        return "hipaa-" + stack + "_vpn_clients_" + user;
    }

    /** The certificate inside the user's stored client profile. */
    Path certOfProfile(String user) throws IOException {
        try (var files = Files.list(dir.resolve("secrets"))) {
            var profile = files.filter(f -> f.getFileName().toString().endsWith("_vpn_clients_" + user)).findFirst()
                    .orElseThrow(() -> new AssertionError("no client profile secret for " + user));
            var text = Files.readString(profile);
            assertThat(text).contains("remote-cert-tls server", "verify-x509-name server name", "<tls-crypt>", "<key>");
            var cert = text.substring(text.indexOf("<cert>\n") + 7, text.indexOf("</cert>"));
            var out = dir.resolve(user + "-" + System.nanoTime() + ".crt");
            Files.writeString(out, cert);
            return out;
        }
    }

    String run(Path tool, String... args) throws Exception {
        var cmd = new ArrayList<String>();
        cmd.add(tool.toString());
        cmd.addAll(List.of(args));
        return exec(cmd, dir.resolve("bin"));
    }

    String openssl(String... args) throws Exception {
        var cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        return exec(cmd, null);
    }

    /** The output of an openssl command that must fail. */
    String opensslFails(String... args) throws Exception {
        var cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + " should fail:\n" + out).isNotZero();
        return out;
    }

    /** Runs a command to completion (two minutes at most: a hung tool fails the test instead of stalling it). */
    static String exec(List<String> cmd, Path pathFirst) throws Exception {
        var pb = new ProcessBuilder(cmd);
        if (pathFirst != null) {
            pb.environment().put("PATH", pathFirst + java.io.File.pathSeparator + System.getenv("PATH"));
        }
        var out = Files.createTempFile("vpn-pki-out", ".txt");
        var err = Files.createTempFile("vpn-pki-err", ".txt");
        try {
            var p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " did not finish in 120 s:\n" + Files.readString(err));
            }
            var stdout = Files.readString(out);
            assertThat(p.exitValue()).as(String.join(" ", cmd) + " failed:\n" + stdout + Files.readString(err)).isZero();
            return stdout;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
