package hipaa.guardrails;

import java.util.List;
import java.util.Locale;

/**
 * One security-group rule in a single shape, whichever way it was declared: an inline
 * {@code ingress}/{@code egress} block, an {@code aws:ec2/securityGroupRule}, or an
 * {@code aws:vpc/securityGroup{Ingress,Egress}Rule}. Ports are inclusive; protocol {@code all}
 * covers every port whatever the declared range says.
 *
 * @param declaredBy   logical name of the resource that declares the rule
 * @param ingress      true for ingress, false for egress
 * @param protocol     {@code all}, {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or the raw value
 * @param fromPort     first port (0 when not given)
 * @param toPort       last port (65535 when not given)
 * @param cidrs        IPv4 and IPv6 CIDR sources or destinations
 * @param otherSources security groups, prefix lists or {@code self}
 */
public record SgRule(String declaredBy, boolean ingress, String protocol, int fromPort, int toPort,
                     List<String> cidrs, List<String> otherSources) {

    public SgRule {
        cidrs = List.copyOf(cidrs);
        otherSources = List.copyOf(otherSources);
    }

    static String normalizeProtocol(Object raw) {
        var p = raw == null ? "all" : String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "-1", "all", "" -> "all";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            default -> p;
        };
    }

    /** Whether traffic to {@code port} over TCP can match this rule. */
    public boolean coversTcpPort(int port) {
        return protocol.equals("all") || (protocol.equals("tcp") && fromPort <= port && port <= toPort);
    }

    /** True when the rule admits any address: an IPv4 or IPv6 range with prefix length 0. */
    public boolean openToWorld() {
        return cidrs.stream().anyMatch(SgRule::isWorld);
    }

    static boolean isWorld(String cidr) {
        return cidr.trim().endsWith("/0");
    }

    /** Port range as a report shows it: {@code all ports}, {@code 22} or {@code 0-65535}. */
    String ports() {
        if (protocol.equals("all")) {
            return "all ports";
        }
        return fromPort == toPort ? "port " + fromPort : "ports " + fromPort + "-" + toPort;
    }

    /** {@code ingress tcp port 22 from 0.0.0.0/0}, {@code egress all protocols to 0.0.0.0/0, ::/0} */
    public String describe() {
        var peers = new java.util.ArrayList<>(cidrs);
        peers.addAll(otherSources);
        var what = protocol.equals("all") ? "all protocols" : protocol + " " + ports();
        return (ingress ? "ingress " : "egress ") + what + (ingress ? " from " : " to ") + String.join(", ", peers);
    }
}
