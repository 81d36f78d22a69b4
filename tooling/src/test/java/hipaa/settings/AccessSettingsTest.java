package hipaa.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The access keys read alone: defaults, and every bad value with the exact line the user reads. */
class AccessSettingsTest {

    private static final Map<String, String> MINIMAL = Map.of("aws:region", "us-east-1", "hipaa:environment", "dev",
            "hipaa:owner", "platform-team",
            // The application tier's required keys, so the only problems left are the access keys'.
            "hipaa:certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
            "hipaa:containerImage", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1");

    static SettingsReader reader(Map<String, String> overrides) {
        var values = new HashMap<>(MINIMAL);
        values.putAll(overrides);
        return new SettingsReader("dev", k -> Optional.ofNullable(values.get("hipaa:" + k)),
                k -> Optional.ofNullable(values.get("aws:" + k)));
    }

    static List<String> problems(Map<String, String> overrides) {
        var r = reader(overrides);
        Settings.read(r, "hipaa");
        return r.problems().stream().map(p -> p.render()).toList();
    }

    @Test
    void defaultsAreSessionManagerOnlyWithTheVpnPortClosed() {
        var r = reader(Map.of());
        var access = Settings.read(r, "hipaa").access();
        assertThat(r.problems()).isEmpty();
        assertThat(access.adminCidrs()).isEmpty();
        assertThat(access.bastionElasticIp()).isFalse();
        assertThat(access.vpnClientCidrs()).isEmpty();
        assertThat(access.vpnPort()).isEqualTo(1194);
        assertThat(access.vpnClientPool()).isEqualTo("10.8.0.0/24");
        assertThat(access.bastionInstanceType()).isEqualTo("t3.micro");
        assertThat(access.vpnInstanceType()).isEqualTo("t3.micro");
        assertThat(access.vpnAccessServerAmiId()).isEmpty();
        assertThat(access.linuxAmiId()).isEmpty();
        assertThat(access.ssmSessionPreferencesStack()).isEqualTo("dev");
        assertThat(access.ownsSessionPreferences("dev")).isTrue();
        assertThat(access.logRetentionDays()).isEqualTo(365);
    }

    @Test
    void theWholeInternetMayReachTheVpnPort() {
        var r = reader(Map.of("hipaa:vpnClientCidrs", "[\"0.0.0.0/0\"]"));
        assertThat(Settings.read(r, "hipaa").access().vpnClientCidrs()).containsExactly("0.0.0.0/0");
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void theBastionRunsTheFirstApprovedImageThatIsNotTheAccessServer() {
        var r = reader(Map.of("hipaa:approvedAmiIds", "[\"ami-0fedcba9876543210\", \"ami-0123456789abcdef0\"]",
                "hipaa:vpnAccessServerAmiId", "ami-0fedcba9876543210"));
        var access = Settings.read(r, "hipaa").access();
        assertThat(r.problems()).isEmpty();
        assertThat(access.linuxAmiId()).contains("ami-0123456789abcdef0");
        assertThat(access.accessServer()).isTrue();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> badValues() {
        return Stream.of(
                arguments(Map.of("hipaa:adminCidrs", "[\"0.0.0.0/0\"]", "hipaa:bastionElasticIp", "true"),
                        "hipaa:adminCidrs: found [0.0.0.0/0]; 0.0.0.0/0 would open SSH (port 22) to the whole internet, "
                                + "which is what the HIPAA Quick Start's bastion did; list the ranges administrators connect from, "
                                + "or leave hipaa:adminCidrs empty and use Session Manager"),
                arguments(Map.of("hipaa:adminCidrs", "[\"::/0\"]", "hipaa:bastionElasticIp", "true"),
                        "hipaa:adminCidrs: found [::/0]; ::/0 would open SSH (port 22) to the whole internet, "
                                + "which is what the HIPAA Quick Start's bastion did; list the ranges administrators connect from, "
                                + "or leave hipaa:adminCidrs empty and use Session Manager"),
                arguments(Map.of("hipaa:adminCidrs", "[\"203.0.113.7/24\"]", "hipaa:bastionElasticIp", "true"),
                        "hipaa:adminCidrs: found [\"203.0.113.7/24\"]; a list of up to 20 canonical IPv4 CIDRs of the networks "
                                + "administrators connect from, such as 203.0.113.0/24; never 0.0.0.0/0 or ::/0; not valid: 203.0.113.7/24"),
                arguments(Map.of("hipaa:bastionElasticIp", "true"),
                        "hipaa:bastionElasticIp: found \"true\"; an Elastic IP is only useful for SSH from hipaa:adminCidrs, "
                                + "which is empty; list admin ranges or set bastionElasticIp to false (Session Manager needs no public address)"),
                arguments(Map.of("hipaa:adminCidrs", "[\"203.0.113.0/24\"]"),
                        "hipaa:adminCidrs: found [203.0.113.0/24]; SSH from these ranges needs a public address on the bastion; "
                                + "set hipaa:bastionElasticIp to true, or leave hipaa:adminCidrs empty and use Session Manager"),
                arguments(Map.of("hipaa:mgmtNatStrategy", "none"),
                        "hipaa:bastionElasticIp: found \"false\"; without an Elastic IP the bastion lives in the management private "
                                + "subnets and reaches Session Manager through their NAT gateway, but hipaa:mgmtNatStrategy is none; "
                                + "set mgmtNatStrategy to single or bastionElasticIp to true"),
                arguments(Map.of("hipaa:vpnClientPool", "10.100.64.0/24"),
                        "hipaa:vpnClientPool: found \"10.100.64.0/24\"; overlaps 10.100.0.0/16 in hipaa:vpcCidr; VPN clients need "
                                + "addresses no VPC uses, or replies would never reach them; pick a range such as 10.8.0.0/24"),
                arguments(Map.of("hipaa:vpnClientPool", "10.10.0.0/16"),
                        "hipaa:vpnClientPool: found \"10.10.0.0/16\"; overlaps 10.10.0.0/16 in hipaa:mgmtVpcCidr; VPN clients need "
                                + "addresses no VPC uses, or replies would never reach them; pick a range such as 10.8.0.0/24"),
                arguments(Map.of("hipaa:vpnClientPool", "10.0.0.0/8"),
                        "hipaa:vpnClientPool: found \"10.0.0.0/8\"; a private (RFC 1918) IPv4 CIDR from /16 to /28, such as 10.8.0.0/24"),
                arguments(Map.of("hipaa:vpnClientPool", "100.64.0.0/24"),
                        "hipaa:vpnClientPool: found \"100.64.0.0/24\"; a private (RFC 1918) IPv4 CIDR from /16 to /28, such as 10.8.0.0/24"),
                arguments(Map.of("hipaa:vpnClientPool", "10.8.0.1/24"),
                        "hipaa:vpnClientPool: found \"10.8.0.1/24\"; a private (RFC 1918) IPv4 CIDR from /16 to /28, such as 10.8.0.0/24"),
                arguments(Map.of("hipaa:vpnPort", "443"),
                        "hipaa:vpnPort: found \"443\"; an integer from 1024 to 65535"),
                arguments(Map.of("hipaa:bastionInstanceType", "t4g.micro"),
                        "hipaa:bastionInstanceType: found \"t4g.micro\"; an x86_64 EC2 instance type such as t3.micro or m6i.large "
                                + "(the Amazon Linux 2023 image used by default is the x86_64 one, so Graviton types like t4g are refused)"),
                arguments(Map.of("hipaa:vpnInstanceType", "m7gd.large"),
                        "hipaa:vpnInstanceType: found \"m7gd.large\"; an x86_64 EC2 instance type such as t3.micro or m6i.large "
                                + "(the Amazon Linux 2023 image used by default is the x86_64 one, so Graviton types like t4g are refused)"),
                arguments(Map.of("hipaa:vpnAccessServerAmiId", "ami-0fedcba9876543210"),
                        "hipaa:vpnAccessServerAmiId: found \"ami-0fedcba9876543210\"; must also be listed in hipaa:approvedAmiIds, "
                                + "or the approved-AMIs rule flags the VPN server; add it there"),
                arguments(Map.of("hipaa:vpnAccessServerAmiId", "ami-0fedcba9876543210",
                                "hipaa:approvedAmiIds", "[\"ami-0fedcba9876543210\"]"),
                        "hipaa:approvedAmiIds: found [ami-0fedcba9876543210]; lists only the Access Server AMI; add the Linux image "
                                + "the bastion runs (the first approved AMI that is not the Access Server AMI)"),
                arguments(Map.of("hipaa:ssmSessionPreferencesStack", "prod; rm"),
                        "hipaa:ssmSessionPreferencesStack: found \"prod; rm\"; the name of the stack that owns this account and "
                                + "Region's Session Manager preferences (document SSM-SessionManagerRunShell); absent: this stack"),
                arguments(Map.of("hipaa:accessLogRetentionDays", "30"),
                        "hipaa:accessLogRetentionDays: found \"30\"; one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, "
                                + "2922, 3288, 3653"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void eachBadValueIsReportedWithKeyValueAndWhatIsAllowed(Map<String, String> overrides, String problem) {
        assertThat(problems(overrides)).containsExactly(problem);
    }
}
