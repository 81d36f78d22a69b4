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
                            rule -> rule.describe() + " opens more than tcp port 443")));

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

    static boolean coversCommonPort(SgRule rule) {
        return COMMON_PORTS.stream().anyMatch(rule::coversTcpPort);
    }

    static int firstCommonPort(SgRule rule) {
        return COMMON_PORTS.stream().filter(rule::coversTcpPort).findFirst().orElseThrow();
    }
}
