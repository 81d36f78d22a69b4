package hipaa.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The network ACLs of the production VPC's public and data tiers, as pure data.
 *
 * <p>Security groups do the fine-grained work; these ACLs are the second, coarse layer an auditor
 * asks for: they keep the data tier unreachable from anywhere but the app tier and the management
 * VPC even if a security group is opened by mistake. Rules are numbered in bands (100 allow specific,
 * 200 deny, 300 allow return traffic) because the first match wins.
 */
public final class NetworkAclPlans {
    private NetworkAclPlans() {}

    /** Ephemeral ports used by return traffic (Linux, NAT gateway and ELB ranges all fall inside). */
    public static final int EPHEMERAL_FROM = 1024;
    public static final int EPHEMERAL_TO = 65535;
    /** Ports of the database engines this program deploys (PostgreSQL, MySQL). */
    public static final List<Integer> DATABASE_PORTS = List.of(5432, 3306);
    /** Administration ports never accepted from the internet. */
    public static final List<Integer> ADMIN_PORTS = List.of(22, 3389);

    static final String ANYWHERE = "0.0.0.0/0";

    /**
     * Data tier: database ports only from the app subnets and the management VPC; everything else
     * that targets a database port is denied before the return-traffic rule can match it.
     */
    public static List<AclRule> dataTier(String vpcCidr, List<String> appSubnets, String managementCidr) {
        var rules = new ArrayList<AclRule>();
        int n = 100;
        for (var app : appSubnets) {
            for (var port : DATABASE_PORTS) {
                rules.add(AclRule.allowIn(n++, "tcp", app, port, port));
            }
        }
        for (var port : DATABASE_PORTS) {
            rules.add(AclRule.allowIn(n++, "tcp", managementCidr, port, port));
        }
        n = 200;
        for (var port : DATABASE_PORTS) {
            rules.add(AclRule.denyIn(n++, "tcp", ANYWHERE, port, port));
        }
        // Return traffic for connections the data tier opens inside the VPC (VPC endpoints, DNS).
        rules.add(AclRule.allowIn(300, "tcp", vpcCidr, EPHEMERAL_FROM, EPHEMERAL_TO));
        // Replies to the app tier and the management VPC, and calls to VPC endpoints on 443.
        rules.add(AclRule.allowOut(100, "tcp", vpcCidr, EPHEMERAL_FROM, EPHEMERAL_TO));
        rules.add(AclRule.allowOut(110, "tcp", managementCidr, EPHEMERAL_FROM, EPHEMERAL_TO));
        rules.add(AclRule.allowOut(120, "tcp", vpcCidr, 443, 443));
        return List.copyOf(rules);
    }

    /**
     * Public tier (load balancers, NAT gateways): HTTPS and HTTP (redirect only) from the internet,
     * anything from inside the VPC (traffic on its way to the NAT gateways), return traffic; admin and
     * database ports from the internet are denied before the return-traffic range could admit them.
     */
    public static List<AclRule> publicTier(String vpcCidr) {
        var rules = new ArrayList<AclRule>();
        rules.add(AclRule.allowIn(100, "tcp", ANYWHERE, 443, 443));
        rules.add(AclRule.allowIn(110, "tcp", ANYWHERE, 80, 80));
        rules.add(AclRule.allowIn(120, "-1", vpcCidr, 0, 0));
        int n = 200;
        // Both protocols: the UDP return-traffic rule below would otherwise admit UDP 3389 (RDP over UDP).
        for (var protocol : List.of("tcp", "udp")) {
            for (var port : ADMIN_PORTS) {
                rules.add(AclRule.denyIn(n++, protocol, ANYWHERE, port, port));
            }
        }
        for (var port : DATABASE_PORTS) {
            rules.add(AclRule.denyIn(n++, "tcp", ANYWHERE, port, port));
        }
        rules.add(AclRule.allowIn(300, "tcp", ANYWHERE, EPHEMERAL_FROM, EPHEMERAL_TO));
        rules.add(AclRule.allowIn(310, "udp", ANYWHERE, EPHEMERAL_FROM, EPHEMERAL_TO));
        rules.add(AclRule.allowOut(100, "-1", vpcCidr, 0, 0));
        rules.add(AclRule.allowOut(110, "tcp", ANYWHERE, 443, 443));
        rules.add(AclRule.allowOut(120, "tcp", ANYWHERE, 80, 80));
        rules.add(AclRule.allowOut(130, "tcp", ANYWHERE, EPHEMERAL_FROM, EPHEMERAL_TO));
        return List.copyOf(rules);
    }
}
