package hipaa.guardrails;

import hipaa.offline.RecordedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static hipaa.guardrails.Res.*;
import static hipaa.guardrails.Types.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Every security-group rule shape, IPv4 and IPv6, ranges and all-protocol rules. */
class SecurityGroupRulesTest {

    private static List<String> failures(String ruleId, RecordedResource... rs) {
        var rule = GuardrailRules.byId(ruleId).orElseThrow();
        return rule.evaluate(ResourceGraph.of(List.of(rs)), CTX).stream()
                .filter(f -> f.outcome().failed())
                .map(f -> f.name() + ": " + f.outcome().reason())
                .toList();
    }

    static Stream<Arguments> sshShapes() {
        return Stream.of(
                Arguments.of("inline IPv4 exact", res(SECURITY_GROUP, "sg", "ingress", l(m("protocol", "tcp", "fromPort", 22, "toPort", 22,
                        "cidrBlocks", l("0.0.0.0/0")))), "sg: ingress tcp port 22 from 0.0.0.0/0 includes port 22"),
                Arguments.of("inline IPv6 range", res(SECURITY_GROUP, "sg", "ingress", l(m("protocol", "6", "fromPort", 20, "toPort", 30,
                        "ipv6CidrBlocks", l("::/0")))), "sg: ingress tcp ports 20-30 from ::/0 includes port 22"),
                Arguments.of("inline all protocols", res(SECURITY_GROUP, "sg", "ingress", l(m("protocol", "-1", "fromPort", 0, "toPort", 0,
                        "cidrBlocks", l("10.0.0.0/8", "0.0.0.0/0")))), "sg: ingress all protocols from 10.0.0.0/8, 0.0.0.0/0 includes port 22"),
                Arguments.of("default security group", res(DEFAULT_SECURITY_GROUP, "dsg", "vpcId", id("vpc"), "ingress", l(m("protocol", "all",
                        "fromPort", 0, "toPort", 65535, "cidrBlocks", l("0.0.0.0/0")))), "dsg: ingress all protocols from 0.0.0.0/0 includes port 22"),
                Arguments.of("aws:ec2/securityGroupRule", res(SECURITY_GROUP_RULE, "r", "type", "ingress", "securityGroupId", id("sg"),
                        "protocol", "tcp", "fromPort", 0, "toPort", 65535, "ipv6CidrBlocks", l("::/0")),
                        "r: ingress tcp ports 0-65535 from ::/0 includes port 22"),
                Arguments.of("aws:vpc ingress rule IPv4", res(SG_INGRESS_RULE, "r", "securityGroupId", id("sg"), "ipProtocol", "tcp",
                        "fromPort", 22, "toPort", 22, "cidrIpv4", "0.0.0.0/0"), "r: ingress tcp port 22 from 0.0.0.0/0 includes port 22"),
                Arguments.of("aws:vpc ingress rule -1 IPv6", res(SG_INGRESS_RULE, "r", "securityGroupId", id("sg"), "ipProtocol", "-1",
                        "cidrIpv6", "::/0"), "r: ingress all protocols from ::/0 includes port 22"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sshShapes")
    void restrictedSshCatchesEveryShape(String shape, RecordedResource r, String expected) {
        assertThat(failures("restricted-ssh", r)).containsExactly(expected);
    }

    @Test
    void restrictedSshIgnoresNarrowSourcesEgressUdpAndOtherPorts() {
        assertThat(failures("restricted-ssh",
                res(SECURITY_GROUP, "narrow", "ingress", l(m("protocol", "tcp", "fromPort", 22, "toPort", 22, "cidrBlocks", l("10.0.0.0/16")))),
                res(SECURITY_GROUP, "egress", "egress", l(m("protocol", "-1", "fromPort", 0, "toPort", 0, "cidrBlocks", l("0.0.0.0/0")))),
                res(SECURITY_GROUP, "udp", "ingress", l(m("protocol", "udp", "fromPort", 0, "toPort", 65535, "cidrBlocks", l("0.0.0.0/0")))),
                res(SECURITY_GROUP, "peer", "ingress", l(m("protocol", "tcp", "fromPort", 22, "toPort", 22, "securityGroups", l("sg-x")))),
                res(SECURITY_GROUP_RULE, "out", "type", "egress", "securityGroupId", id("sg"), "protocol", "-1", "fromPort", 0, "toPort", 0,
                        "cidrBlocks", l("0.0.0.0/0")),
                res(SG_EGRESS_RULE, "out6", "securityGroupId", id("sg"), "ipProtocol", "-1", "cidrIpv6", "::/0"),
                res(SG_INGRESS_RULE, "https", "securityGroupId", id("sg"), "ipProtocol", "tcp", "fromPort", 443, "toPort", 443,
                        "cidrIpv4", "0.0.0.0/0"))).isEmpty();
    }

    @Test
    void onlyTcp443MayBeOpenToTheWorld() {
        assertThat(failures("vpc-sg-open-only-to-authorized-ports",
                res(SG_INGRESS_RULE, "https", "securityGroupId", id("sg"), "ipProtocol", "tcp", "fromPort", 443, "toPort", 443, "cidrIpv4", "0.0.0.0/0"),
                res(SG_INGRESS_RULE, "http", "securityGroupId", id("sg"), "ipProtocol", "tcp", "fromPort", 80, "toPort", 80, "cidrIpv4", "0.0.0.0/0"),
                res(SG_INGRESS_RULE, "range", "securityGroupId", id("sg"), "ipProtocol", "tcp", "fromPort", 443, "toPort", 444, "cidrIpv6", "::/0"),
                res(SG_INGRESS_RULE, "quic", "securityGroupId", id("sg"), "ipProtocol", "udp", "fromPort", 443, "toPort", 443, "cidrIpv4", "0.0.0.0/0"),
                res(SG_INGRESS_RULE, "internal", "securityGroupId", id("sg"), "ipProtocol", "tcp", "fromPort", 5432, "toPort", 5432,
                        "referencedSecurityGroupId", id("app"))))
                .containsExactly(
                        "http: ingress tcp port 80 from 0.0.0.0/0 opens more than tcp port 443",
                        "range: ingress tcp ports 443-444 from ::/0 opens more than tcp port 443",
                        "quic: ingress udp port 443 from 0.0.0.0/0 opens more than tcp port 443");
    }

    @Test
    void commonPortsInsideARangeAreCaught() {
        assertThat(failures("restricted-common-ports",
                res(SECURITY_GROUP, "db", "ingress", l(m("protocol", "tcp", "fromPort", 3300, "toPort", 3310, "cidrBlocks", l("0.0.0.0/0"))))))
                .containsExactly("db: ingress tcp ports 3300-3310 from 0.0.0.0/0 includes port 3306");
    }

    @Test
    void defaultSecurityGroupCountsStandaloneRulesAttachedToIt() {
        var vpc = res(VPC, "vpc", "cidrBlock", "10.0.0.0/16");
        var dsg = res(DEFAULT_SECURITY_GROUP, "vpc-default", "vpcId", id("vpc"));
        var rule = res(SG_EGRESS_RULE, "leak", "securityGroupId", id("vpc-default"), "ipProtocol", "-1", "cidrIpv4", "0.0.0.0/0");
        assertThat(failures("vpc-default-security-group-closed", vpc, dsg, rule))
                .containsExactly("vpc: default security group vpc-default has 1 rule(s): egress all protocols to 0.0.0.0/0");
        assertThat(failures("vpc-default-security-group-closed", vpc))
                .containsExactly("vpc: no aws:ec2/defaultSecurityGroup:DefaultSecurityGroup adopts this VPC's default security group, so AWS's default rules stay");
    }

    @Test
    void networkAclsAreJudgedInRuleNumberOrderPerProtocol() {
        var acl = res(NETWORK_ACL, "public", "vpcId", id("vpc"), "ingress", l(
                m("ruleNo", 200, "action", "deny", "protocol", "tcp", "fromPort", 22, "toPort", 22, "cidrBlock", "0.0.0.0/0"),
                m("ruleNo", 201, "action", "deny", "protocol", "tcp", "fromPort", 3389, "toPort", 3389, "cidrBlock", "0.0.0.0/0"),
                m("ruleNo", 300, "action", "allow", "protocol", "tcp", "fromPort", 1024, "toPort", 65535, "cidrBlock", "0.0.0.0/0"),
                m("ruleNo", 310, "action", "allow", "protocol", "udp", "fromPort", 1024, "toPort", 65535, "cidrBlock", "0.0.0.0/0")));
        assertThat(failures("nacl-no-unrestricted-ssh-rdp", acl))
                .containsExactly("public: entry 310 allows udp ports 1024-65535 from 0.0.0.0/0, so udp port 3389 is open (no lower-numbered deny)");
        var allFirst = res(NETWORK_ACL, "wide", "vpcId", id("vpc"), "ingress", l(
                m("ruleNo", 100, "action", "allow", "protocol", "-1", "fromPort", 0, "toPort", 0, "ipv6CidrBlock", "::/0"),
                m("ruleNo", 200, "action", "deny", "protocol", "-1", "fromPort", 0, "toPort", 0, "ipv6CidrBlock", "::/0")));
        assertThat(failures("nacl-no-unrestricted-ssh-rdp", allFirst))
                .containsExactly("wide: entry 100 allows all protocols from ::/0, so tcp port 22 is open (no lower-numbered deny)");
    }
}
