package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static hipaa.guardrails.Types.*;

/** VPC, subnet and security-group rules. */
final class NetworkRules {
    private NetworkRules() {}

    /** Every security-group shape that can open ingress. */
    static final List<String> INGRESS_SHAPES = List.of(SECURITY_GROUP, DEFAULT_SECURITY_GROUP, SECURITY_GROUP_RULE, SG_INGRESS_RULE);
    /** Ports the conformance pack's restricted-common-ports blocks by default. */
    static final List<Integer> COMMON_PORTS = List.of(20, 21, 3389, 3306, 4333);
    /** The only port the project lets the internet reach. */
    static final int PUBLIC_PORT = 443;

    static final List<Rule> RULES = List.of(
            Rule.each("vpc-flow-logs-enabled", Hipaa.all(Hipaa.AUDIT, List.of("164.308(a)(3)(ii)(A)")), List.of(VPC),
                    "Each VPC has a flow log capturing ALL traffic, so network activity around ePHI can be reviewed.",
                    "Add an aws:ec2/flowLog:FlowLog with vpcId(vpc.id()) and trafficType(\"ALL\").",
                    NetworkRules::flowLogsEnabled),
            Rule.each("vpc-default-security-group-closed", List.of("164.312(e)(1)"), List.of(VPC),
                    "Each VPC's default security group is adopted and has no rules, so nothing falls back to it.",
                    "Add an aws:ec2/defaultSecurityGroup:DefaultSecurityGroup with vpcId(vpc.id()) and no ingress or egress.",
                    NetworkRules::defaultSecurityGroupClosed),
            Rule.each("subnet-auto-assign-public-ip-disabled", Hipaa.NETWORK_ACCESS, List.of(SUBNET),
                    "Only public-tier subnets (routed to an internet gateway) hand out public IPs at launch.",
                    "Leave mapPublicIpOnLaunch unset or false on private and data subnets.",
                    NetworkRules::subnetNoAutoPublicIp),
            Rule.each("restricted-ssh", Hipaa.all(Hipaa.NETWORK_ACCESS, List.of("164.308(a)(3)(ii)(B)", "164.308(a)(4)(i)")),
                    INGRESS_SHAPES,
                    "No ingress rule lets 0.0.0.0/0 or ::/0 reach port 22 (including all-protocol rules and ranges containing 22).",
                    "Remove the rule; reach hosts through SSM Session Manager or from a specific admin CIDR.",
                    (r, g, c) -> worldIngress(r, rule -> rule.coversTcpPort(22), rule -> rule.describe() + " includes port 22")),
            Rule.each("restricted-common-ports", Hipaa.all(Hipaa.NETWORK_ACCESS, List.of("164.308(a)(3)(ii)(B)", "164.308(a)(4)(i)")),
                    INGRESS_SHAPES,
                    "No ingress rule lets 0.0.0.0/0 or ::/0 reach ports 20, 21, 3389, 3306 or 4333.",
                    "Restrict the source to the security group or CIDR that needs the port.",
                    (r, g, c) -> worldIngress(r, NetworkRules::coversCommonPort,
                            rule -> rule.describe() + " includes port " + firstCommonPort(rule))),
            Rule.each("vpc-sg-open-only-to-authorized-ports", Hipaa.NETWORK_ACCESS, INGRESS_SHAPES,
                    "Ingress from 0.0.0.0/0 or ::/0 is allowed only to TCP port 443 (the project's single public port).",
                    "Narrow the rule to tcp 443, or restrict its source to a security group or a specific CIDR.",
                    (r, g, c) -> worldIngress(r, rule -> !(rule.protocol().equals("tcp") && rule.fromPort() == PUBLIC_PORT && rule.toPort() == PUBLIC_PORT),
                            rule -> rule.describe() + " opens more than tcp port 443")),
            Rule.each("nacl-no-unrestricted-ssh-rdp", Hipaa.NETWORK_ACCESS, List.of(NETWORK_ACL, NETWORK_ACL_RULE),
                    "No network ACL lets 0.0.0.0/0 or ::/0 reach TCP or UDP port 22 or 3389 (first matching entry by rule number).",
                    "Add lower-numbered deny entries for tcp and udp 22 and 3389 from 0.0.0.0/0 and ::/0 before any broad allow.",
                    NetworkRules::naclNoOpenAdminPorts));

    // A flow log must see ALL traffic: ACCEPT-only logs miss the rejected probes an investigation needs.
    static Outcome flowLogsEnabled(RecordedResource vpc, ResourceGraph g, GuardrailContext ctx) {
        var logs = g.flowLogsOf(vpc);
        if (logs.isEmpty()) {
            return Outcome.fail("no " + FLOW_LOG + " has vpcId pointing at this VPC");
        }
        var all = logs.stream().filter(l -> "ALL".equals(l.inputs().get("trafficType"))).findFirst();
        if (all.isPresent()) {
            return Outcome.pass("flow log " + all.get().name());
        }
        var first = logs.get(0);
        return Outcome.fail("flow log " + first.name() + ": " + In.is("trafficType", first.inputs().get("trafficType")) + ", not \"ALL\"");
    }

    // AWS creates every VPC with a default group that allows egress and intra-group ingress;
    // only adopting it through DefaultSecurityGroup lets the program strip those rules.
    static Outcome defaultSecurityGroupClosed(RecordedResource vpc, ResourceGraph g, GuardrailContext ctx) {
        var adopted = g.referencing(vpc, "vpcId", DEFAULT_SECURITY_GROUP);
        if (adopted.isEmpty()) {
            return Outcome.fail("no " + DEFAULT_SECURITY_GROUP + " adopts this VPC's default security group, so AWS's default rules stay");
        }
        var dsg = adopted.get(0);
        var aka = In.string(vpc.state().get("defaultSecurityGroupId")).map(List::of).orElse(List.of());
        var rules = g.rulesOf(dsg, aka.toArray(String[]::new));
        if (rules.isEmpty()) {
            return Outcome.pass("default security group " + dsg.name() + " has no rules");
        }
        return Outcome.fail("default security group " + dsg.name() + " has " + rules.size() + " rule(s): "
                + rules.stream().map(SgRule::describe).collect(Collectors.joining("; ")));
    }

    static Outcome subnetNoAutoPublicIp(RecordedResource subnet, ResourceGraph g, GuardrailContext ctx) {
        if (!In.isTrue(subnet.inputs().get("mapPublicIpOnLaunch"))) {
            return Outcome.pass();
        }
        if (g.isPublicSubnet(subnet)) {
            return Outcome.pass("public tier: its route table sends 0.0.0.0/0 to an internet gateway");
        }
        return Outcome.fail("mapPublicIpOnLaunch is true on a subnet outside the public tier (no route to an internet gateway)");
    }

    static Outcome worldIngress(RecordedResource r, Predicate<SgRule> bad, Function<SgRule, String> why) {
        var ingress = ResourceGraph.declaredRules(r).stream().filter(SgRule::ingress).toList();
        if (ingress.isEmpty()) {
            return r.type().equals(SECURITY_GROUP_RULE)
                    ? Outcome.notApplicable("egress rule")
                    : Outcome.pass("no inline ingress");
        }
        var offending = ingress.stream().filter(SgRule::openToWorld).filter(bad).map(why).toList();
        return offending.isEmpty() ? Outcome.pass() : Outcome.fail(String.join("; ", offending));
    }

    /** One network ACL ingress entry, inline or standalone. */
    record AclEntry(int ruleNo, boolean allow, String protocol, int fromPort, int toPort, String cidr) {

        boolean admits(String proto, int port) {
            return protocol.equals("all") || (protocol.equals(proto) && fromPort <= port && port <= toPort);
        }
    }

    // Network ACLs are stateless and evaluated lowest rule number first, so an ephemeral-port allow
    // is fine when a lower-numbered deny closes 22 and 3389 for the same protocol and address family.
    static Outcome naclNoOpenAdminPorts(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        List<AclEntry> entries;
        if (r.type().equals(NETWORK_ACL_RULE)) {
            if (In.isTrue(r.inputs().get("egress"))) {
                return Outcome.notApplicable("egress entry");
            }
            var acl = g.resolve(r.inputs().get("networkAclId"), NETWORK_ACL);
            if (acl.isPresent()) {
                return Outcome.notApplicable("judged with network ACL " + acl.get().name());
            }
            entries = standaloneEntries(r);
        } else {
            entries = new java.util.ArrayList<>();
            for (var e : In.maps(r.inputs().get("ingress"))) {
                for (var cidr : List.of("cidrBlock", "ipv6CidrBlock")) {
                    In.string(e.get(cidr)).ifPresent(c -> entries.add(new AclEntry(In.integer(e.get("ruleNo")).orElse(0),
                            "allow".equalsIgnoreCase(String.valueOf(e.get("action"))), SgRule.normalizeProtocol(e.get("protocol")),
                            In.integer(e.get("fromPort")).orElse(0), In.integer(e.get("toPort")).orElse(65535), c)));
                }
            }
            g.referencing(r, "networkAclId", NETWORK_ACL_RULE).stream()
                    .filter(x -> !In.isTrue(x.inputs().get("egress")))
                    .forEach(x -> entries.addAll(standaloneEntries(x)));
        }
        var ordered = entries.stream().sorted(java.util.Comparator.comparingInt(AclEntry::ruleNo)).toList();
        for (var world : List.of("0.0.0.0/0", "::/0")) {
            for (int port : List.of(22, 3389)) {
                for (var proto : List.of("tcp", "udp")) {
                    var first = ordered.stream()
                            .filter(e -> SgRule.isWorld(e.cidr()) && e.cidr().contains(":") == world.contains(":") && e.admits(proto, port))
                            .findFirst();
                    if (first.isPresent() && first.get().allow()) {
                        var e = first.get();
                        var what = e.protocol().equals("all") ? "all protocols"
                                : e.protocol() + (e.fromPort() == e.toPort() ? " port " + e.fromPort() : " ports " + e.fromPort() + "-" + e.toPort());
                        return Outcome.fail("entry " + e.ruleNo() + " allows " + what + " from " + e.cidr() + ", so " + proto + " port "
                                + port + " is open (no lower-numbered deny)");
                    }
                }
            }
        }
        return Outcome.pass();
    }

    private static List<AclEntry> standaloneEntries(RecordedResource rule) {
        var in = rule.inputs();
        return java.util.stream.Stream.of(in.get("cidrBlock"), in.get("ipv6CidrBlock"))
                .flatMap(v -> In.string(v).stream())
                .map(c -> new AclEntry(In.integer(in.get("ruleNumber")).orElse(0), "allow".equalsIgnoreCase(String.valueOf(in.get("ruleAction"))),
                        SgRule.normalizeProtocol(in.get("protocol")), In.integer(in.get("fromPort")).orElse(0),
                        In.integer(in.get("toPort")).orElse(65535), c))
                .toList();
    }

    static boolean coversCommonPort(SgRule rule) {
        return COMMON_PORTS.stream().anyMatch(rule::coversTcpPort);
    }

    static int firstCommonPort(SgRule rule) {
        return COMMON_PORTS.stream().filter(rule::coversTcpPort).findFirst().orElseThrow();
    }
}
