package hipaa.network;

/**
 * One network ACL entry. NACLs are stateless, so every allowed flow needs its return path too.
 *
 * @param ruleNumber evaluated lowest first; the first match decides
 * @param egress     true for outbound entries
 * @param protocol   {@code tcp}, {@code udp} or {@code -1} (all)
 * @param action     {@code allow} or {@code deny}
 * @param cidr       the other side of the flow
 * @param fromPort   first port (0 with protocol -1)
 * @param toPort     last port (0 with protocol -1)
 */
public record AclRule(int ruleNumber, boolean egress, String protocol, String action, String cidr,
                      int fromPort, int toPort) {

    public static AclRule allowIn(int n, String protocol, String cidr, int from, int to) {
        return new AclRule(n, false, protocol, "allow", cidr, from, to);
    }

    public static AclRule denyIn(int n, String protocol, String cidr, int from, int to) {
        return new AclRule(n, false, protocol, "deny", cidr, from, to);
    }

    public static AclRule allowOut(int n, String protocol, String cidr, int from, int to) {
        return new AclRule(n, true, protocol, "allow", cidr, from, to);
    }

    public boolean covers(int port) {
        return protocol.equals("-1") || (fromPort <= port && port <= toPort);
    }
}
