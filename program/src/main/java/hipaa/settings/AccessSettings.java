package hipaa.settings;

import hipaa.network.Cidrs;
import hipaa.network.NatStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admin access path: a bastion and an OpenVPN server in the management VPC, and Session Manager.
 *
 * <p>Safe defaults: no SSH from anywhere (Session Manager is the way in), no Elastic IP on the bastion,
 * the VPN port closed until {@code vpnClientCidrs} lists who may reach it.
 *
 * @param adminCidrs             IPv4 ranges administrators connect from: SSH to the bastion and, with Access
 *                               Server, its admin UI. Never the whole internet, at most a /16 in all
 * @param bastionElasticIp       whether the bastion gets an Elastic IP in the management public subnets; without
 *                               one it lives in the management private subnets and is reached through Session Manager
 * @param bastionInstanceType    EC2 instance type of the bastion
 * @param vpnClientCidrs         IPv4 ranges VPN clients connect from; the whole internet is allowed (the VPN is the entry point)
 * @param vpnPort                UDP port of the VPN
 * @param vpnClientPool          addresses handed to VPN clients; disjoint from every VPC and subnet range
 * @param vpnInstanceType        EC2 instance type of the VPN server
 * @param vpnAccessServerAmiId   OpenVPN Access Server AMI; empty runs community OpenVPN on the Linux image
 * @param linuxAmiId             the image of the bastion and the community VPN server: the first approved AMI that is not
 *                               the Access Server AMI; empty means the latest Amazon Linux 2023
 * @param ssmSessionPreferencesStack the stack that owns this account and Region's Session Manager preferences
 *                               (an account+Region singleton); this stack creates them when it names itself
 * @param logRetentionDays       CloudWatch Logs retention of SSH, VPN and session logs ({@code hipaa:accessLogRetentionDays})
 */
public record AccessSettings(List<String> adminCidrs, boolean bastionElasticIp, String bastionInstanceType,
                             List<String> vpnClientCidrs, int vpnPort, String vpnClientPool, String vpnInstanceType,
                             Optional<String> vpnAccessServerAmiId, Optional<String> linuxAmiId,
                             String ssmSessionPreferencesStack, int logRetentionDays) {

    public AccessSettings {
        adminCidrs = List.copyOf(adminCidrs);
        vpnClientCidrs = List.copyOf(vpnClientCidrs);
    }

    static final String DEFAULT_INSTANCE_TYPE = "t3.micro";
    static final String DEFAULT_CLIENT_POOL = "10.8.0.0/24";
    static final int DEFAULT_VPN_PORT = 1194;
    static final List<String> WORLD = List.of("0.0.0.0/0", "::/0");
    /** The widest admin access allowed, all ranges together: a /16. */
    static final long MAX_ADMIN_ADDRESSES = 65_536;

    private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    // family + generation + attributes . size, e.g. t3.micro, m6i.large, c7a.2xlarge
    private static final Pattern INSTANCE_TYPE = Pattern.compile("([a-z]+)([0-9])([a-z-]*)\\.([0-9]*[a-z]+)");
    private static final String INSTANCE_TYPE_RULE = "an x86_64 EC2 instance type such as t3.micro or m6i.large "
            + "(the Amazon Linux 2023 image used by default is the x86_64 one, so Graviton types like t4g are refused)";
    private static final String ADMIN_RULE = "canonical IPv4 CIDRs of the networks administrators connect from, "
            + "such as 203.0.113.0/24; never 0.0.0.0/0 or ::/0";

    /** This stack's access settings; {@code network} and {@code approvedAmiIds} are already read. */
    static AccessSettings read(SettingsReader r, NetworkSettings network, List<String> approvedAmiIds) {
        int before = r.problems().size();
        var admin = r.stringList("adminCidrs", List.of(), 0, 20,
                c -> Cidrs.isCanonical(c) || WORLD.contains(c), ADMIN_RULE);
        // A list that did not parse is already reported; judging the Elastic IP against its default would add noise.
        boolean adminRead = r.problems().size() == before;
        boolean eip = r.bool("bastionElasticIp", false);
        var bastionType = instanceType(r, "bastionInstanceType");
        // The VPN is the door users knock on: any range may be listed, including the whole internet.
        var clients = r.stringList("vpnClientCidrs", List.of(), 0, 20, Cidrs::isCanonical,
                "canonical IPv4 CIDRs VPN clients connect from, such as 198.51.100.0/24; 0.0.0.0/0 is allowed "
                        + "(the VPN port is the entry point and drops packets without the server's tls-crypt key)");
        int port = r.integer("vpnPort", DEFAULT_VPN_PORT, 1024, 65535);
        var pool = r.string("vpnClientPool", DEFAULT_CLIENT_POOL, Pattern.compile(".*"),
                "a private IPv4 CIDR from /16 to /28 for VPN client addresses, disjoint from both VPCs and every subnet");
        var vpnType = instanceType(r, "vpnInstanceType");
        var accessServer = r.optionalString("vpnAccessServerAmiId", AMI_ID,
                "an OpenVPN Access Server AMI id (ami- followed by 8 or 17 hex digits), also listed in hipaa:approvedAmiIds; "
                        + "absent runs community OpenVPN");
        // Absent means this stack: the default depends on the stack, so the docs show "(none)".
        var owner = r.optionalString("ssmSessionPreferencesStack", STACK_NAME,
                "the name of the stack that owns this account and Region's Session Manager preferences "
                        + "(document SSM-SessionManagerRunShell); absent: this stack").orElse(r.stack());
        int retention = r.integerOneOf("accessLogRetentionDays", 365, NetworkSettings.RETENTION_DAYS);

        for (var world : WORLD) {
            if (admin.contains(world)) {
                r.problem("adminCidrs", admin.toString(), world + " would open SSH (port 22) to the whole internet, "
                        + "which is what the HIPAA Quick Start's bastion did; list the ranges administrators connect from, "
                        + "or leave hipaa:adminCidrs empty and use Session Manager");
            }
        }
        long covered = addresses(admin);
        if (adminRead && admin.stream().noneMatch(WORLD::contains) && covered > MAX_ADMIN_ADDRESSES) {
            r.problem("adminCidrs", SettingsReader.json(admin), "together cover " + covered + " addresses, more than a /16 ("
                    + MAX_ADMIN_ADDRESSES + "): SSH to the bastion is for the networks administrators connect from (an "
                    + "office, a VPN's egress), and wider ranges open it to much of the internet (0.0.0.0/1 plus "
                    + "128.0.0.0/1 is all of it); list narrower ranges, or leave hipaa:adminCidrs empty and use Session Manager");
        }
        if (adminRead && eip && admin.isEmpty()) {
            r.problem("bastionElasticIp", "true", "an Elastic IP is only useful for SSH from hipaa:adminCidrs, which is empty; "
                    + "list admin ranges or set bastionElasticIp to false (Session Manager needs no public address)");
        }
        if (r.valid("bastionElasticIp") && !eip && !admin.isEmpty()) {
            r.problem("adminCidrs", admin.toString(), "SSH from these ranges needs a public address on the bastion; "
                    + "set hipaa:bastionElasticIp to true, or leave hipaa:adminCidrs empty and use Session Manager");
        }
        if (r.valid("bastionElasticIp", "mgmtNatStrategy") && !eip && network.mgmtNatStrategy() == NatStrategy.NONE) {
            r.problem("bastionElasticIp", "false", "without an Elastic IP the bastion lives in the management private "
                    + "subnets and reaches Session Manager through their NAT gateway, but hipaa:mgmtNatStrategy is none; "
                    + "set mgmtNatStrategy to single or bastionElasticIp to true");
        }
        checkPool(r, pool, network);

        var linux = approvedAmiIds.stream().filter(a -> accessServer.map(s -> !s.equals(a)).orElse(true)).findFirst();
        if (accessServer.isPresent() && r.valid("approvedAmiIds")) {
            if (!approvedAmiIds.contains(accessServer.get())) {
                r.problem("vpnAccessServerAmiId", accessServer.get(), "must also be listed in hipaa:approvedAmiIds, "
                        + "or the approved-AMIs rule flags the VPN server; add it there");
            } else if (linux.isEmpty()) {
                r.problem("approvedAmiIds", approvedAmiIds.toString(), "lists only the Access Server AMI; add the Linux "
                        + "image the bastion runs (the first approved AMI that is not the Access Server AMI)");
            }
        }
        return new AccessSettings(admin, eip, bastionType, clients, port, pool, vpnType, accessServer, linux, owner, retention);
    }

    /** Addresses the canonical IPv4 ranges cover together: CIDR blocks nest or are disjoint, so count the outermost. */
    static long addresses(List<String> cidrs) {
        var blocks = cidrs.stream().filter(Cidrs::isCanonical).distinct().toList();
        return blocks.stream().filter(b -> blocks.stream().noneMatch(o -> !o.equals(b) && Cidrs.contains(o, b)))
                .mapToLong(Cidrs::size).sum();
    }

    /** Whether this stack creates the account+Region Session Manager preferences. */
    public boolean ownsSessionPreferences(String stack) {
        return ssmSessionPreferencesStack.equals(stack);
    }

    public boolean accessServer() {
        return vpnAccessServerAmiId.isPresent();
    }

    private static String instanceType(SettingsReader r, String key) {
        var v = r.string(key, DEFAULT_INSTANCE_TYPE, INSTANCE_TYPE, INSTANCE_TYPE_RULE);
        var m = INSTANCE_TYPE.matcher(v);
        // Graviton families carry a "g" after the generation (t4g, m7gd, c6gn); a1 is Arm too.
        if (m.matches() && (m.group(3).contains("g") || m.group(1).equals("a"))) {
            r.problem(key, v, INSTANCE_TYPE_RULE);
            return DEFAULT_INSTANCE_TYPE;
        }
        return v;
    }

    private static void checkPool(SettingsReader r, String pool, NetworkSettings network) {
        var block = Cidrs.parse(pool);
        if (block.isEmpty() || Cidrs.prefixLength(pool) < 16 || Cidrs.prefixLength(pool) > 28
                || !(Cidrs.contains("10.0.0.0/8", pool) || Cidrs.contains("172.16.0.0/12", pool)
                || Cidrs.contains("192.168.0.0/16", pool))) {
            r.problem("vpnClientPool", pool, "a private (RFC 1918) IPv4 CIDR from /16 to /28, such as " + DEFAULT_CLIENT_POOL);
            return;
        }
        var taken = new ArrayList<String[]>();
        taken.add(new String[]{"vpcCidr", network.production().cidr()});
        taken.add(new String[]{"mgmtVpcCidr", network.management().cidr()});
        network.production().publicSubnets().forEach(c -> taken.add(new String[]{"publicSubnetCidrs", c}));
        network.production().appSubnets().forEach(c -> taken.add(new String[]{"appSubnetCidrs", c}));
        network.production().dataSubnets().forEach(c -> taken.add(new String[]{"dataSubnetCidrs", c}));
        network.management().publicSubnets().forEach(c -> taken.add(new String[]{"mgmtPublicSubnetCidrs", c}));
        network.management().privateSubnets().forEach(c -> taken.add(new String[]{"mgmtPrivateSubnetCidrs", c}));
        for (var t : taken) {
            if (r.valid(t[0]) && Cidrs.isCanonical(t[1]) && Cidrs.overlap(pool, t[1])) {
                r.problem("vpnClientPool", pool, "overlaps " + t[1] + " in hipaa:" + t[0] + "; VPN clients need addresses "
                        + "no VPC uses, or replies would never reach them; pick a range such as " + suggestion(network));
                return;
            }
        }
    }

    /** A /24 in 10.8.0.0/16 .. 10.250.0.0/16 that overlaps neither VPC, for the message. */
    private static String suggestion(NetworkSettings network) {
        for (int second = 8; second <= 250; second++) {
            var candidate = "10." + second + ".0.0/24";
            if (!Cidrs.overlap(candidate, network.production().cidr()) && !Cidrs.overlap(candidate, network.management().cidr())) {
                return candidate;
            }
        }
        return "192.168.250.0/24";
    }
}
