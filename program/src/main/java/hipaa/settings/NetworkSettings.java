package hipaa.settings;

import hipaa.network.Cidrs;
import hipaa.network.NatStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The two VPCs and how they reach the internet.
 *
 * <p>Subnet ranges are explicit lists (one per AZ) or, when a list is absent, derived from the VPC
 * range with a fixed layout: the VPC is cut into 32 equal blocks, tier {@code t} (public 0, app 1,
 * data 2; management public 0, private 1) in AZ {@code i} takes block {@code 8t + i}. Adding an AZ
 * therefore adds subnets and never moves existing ones (moving one would replace it).
 *
 * @param azCount         Availability Zones used by both VPCs
 * @param production      the production VPC: public (load balancers, NAT), app and data tiers
 * @param management      the management VPC: public (bastion, VPN) and private tiers
 * @param natStrategy     NAT for the production app tier
 * @param mgmtNatStrategy NAT for the management private tier
 * @param flowLogRetentionDays CloudWatch Logs retention of both VPCs' flow logs
 * @param interfaceEndpoints   whether the production VPC gets interface endpoints for AWS APIs
 */
public record NetworkSettings(int azCount, ProductionVpc production, ManagementVpc management,
                              NatStrategy natStrategy, NatStrategy mgmtNatStrategy,
                              int flowLogRetentionDays, boolean interfaceEndpoints) {

    public record ProductionVpc(String cidr, List<String> publicSubnets, List<String> appSubnets,
                                List<String> dataSubnets) {}

    public record ManagementVpc(String cidr, List<String> publicSubnets, List<String> privateSubnets) {}

    /**
     * Retention periods CloudWatch Logs accepts, from one year up: the floor of AWS Config's
     * cw-loggroup-retention-period-check, and audit evidence no stack may shorten.
     */
    public static final List<Integer> RETENTION_DAYS =
            List.of(365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    static final String DEFAULT_PRODUCTION_CIDR = "10.100.0.0/16";
    static final String DEFAULT_MANAGEMENT_CIDR = "10.10.0.0/16";
    static final int MAX_AZS = 6;
    private static final Pattern ANY = Pattern.compile(".*", Pattern.DOTALL);
    private static final String VPC_RULE = "a private (RFC 1918) IPv4 CIDR from /16 to /20, such as 10.100.0.0/16; "
            + "CAUTION: changing it replaces the VPC";

    static NetworkSettings read(SettingsReader r, int regionAzs, String region) {
        int azCount = r.integer("azCount", 3, 2, MAX_AZS);
        if (azCount > regionAzs) {
            r.problem("azCount", Integer.toString(azCount),
                    region + " offers " + regionAzs + " Availability Zones; use 2 to " + regionAzs);
            azCount = Math.min(regionAzs, 2);
        }
        String prodCidr = vpcCidr(r, "vpcCidr", DEFAULT_PRODUCTION_CIDR);
        String mgmtCidr = vpcCidr(r, "mgmtVpcCidr", DEFAULT_MANAGEMENT_CIDR);

        var pub = subnets(r, "publicSubnetCidrs", "vpcCidr", prodCidr, 0, azCount);
        var app = subnets(r, "appSubnetCidrs", "vpcCidr", prodCidr, 1, azCount);
        var data = subnets(r, "dataSubnetCidrs", "vpcCidr", prodCidr, 2, azCount);
        var mPub = subnets(r, "mgmtPublicSubnetCidrs", "mgmtVpcCidr", mgmtCidr, 0, azCount);
        var mPriv = subnets(r, "mgmtPrivateSubnetCidrs", "mgmtVpcCidr", mgmtCidr, 1, azCount);

        var nat = NatStrategy.fromConfig(r.choice("natStrategy", "perAz", List.of("perAz", "single")));
        var mgmtNat = NatStrategy.fromConfig(r.choice("mgmtNatStrategy", "single", List.of("perAz", "single", "none")));
        int retention = r.integerOneOf("flowLogRetentionDays", 365, RETENTION_DAYS);
        boolean endpoints = r.bool("interfaceEndpoints", true);

        if (r.valid("vpcCidr", "mgmtVpcCidr") && Cidrs.overlap(prodCidr, mgmtCidr)) {
            r.problem("mgmtVpcCidr", mgmtCidr, "overlaps hipaa:vpcCidr " + prodCidr
                    + "; peered VPCs need disjoint ranges, such as 10.10.0.0/16 and 10.100.0.0/16");
        }
        noOverlaps(r, List.of(pub, app, data));
        noOverlaps(r, List.of(mPub, mPriv));

        return new NetworkSettings(azCount,
                new ProductionVpc(prodCidr, pub.cidrs, app.cidrs, data.cidrs),
                new ManagementVpc(mgmtCidr, mPub.cidrs, mPriv.cidrs),
                nat, mgmtNat, retention, endpoints);
    }

    private static String vpcCidr(SettingsReader r, String key, String dflt) {
        var v = r.string(key, dflt, ANY, VPC_RULE);
        var ok = Cidrs.parse(v).filter(b -> b.getNetworkPrefixLength() >= 16 && b.getNetworkPrefixLength() <= 20)
                .filter(b -> Cidrs.contains("10.0.0.0/8", v) || Cidrs.contains("172.16.0.0/12", v)
                        || Cidrs.contains("192.168.0.0/16", v));
        if (ok.isEmpty()) {
            r.problem(key, v, VPC_RULE);
            return dflt;
        }
        return v;
    }

    private record TierSubnets(String key, List<String> cidrs) {}

    private static TierSubnets subnets(SettingsReader r, String key, String vpcKey, String vpc, int tier, int azCount) {
        var given = r.optionalStringList(key,
                "(derived from the VPC range, see below)", 1, MAX_AZS, Cidrs::isCanonical,
                "canonical IPv4 CIDRs (network address, /16 to /28), one per AZ, inside the VPC; "
                        + "CAUTION: changing one replaces that subnet");
        if (given.isEmpty()) {
            return new TierSubnets(key, derive(vpc, tier, azCount));
        }
        var list = given.get();
        // Judged against the VPC range and AZ count only when those were read as written (see SettingsReader.valid).
        if (r.valid("azCount") && list.size() != azCount) {
            r.problem(key, SettingsReader.json(list), "needs exactly " + azCount + " CIDRs, one per AZ (hipaa:azCount is " + azCount
                    + (r.isSet("azCount") ? "" : ", the default") + ")");
        }
        for (var c : list) {
            if (r.valid(vpcKey) && !Cidrs.contains(vpc, c)) {
                r.problem(key, SettingsReader.json(list), c + " does not fit in its VPC " + vpc + "; every subnet must lie inside the VPC range");
            } else if (Cidrs.prefixLength(c) > 28) {
                r.problem(key, SettingsReader.json(list), c + " is smaller than /28, the smallest subnet AWS allows");
            }
        }
        return new TierSubnets(key, list);
    }

    static List<String> derive(String vpc, int tier, int azCount) {
        int newPrefix = Cidrs.prefixLength(vpc) + 5;
        return IntStream.range(0, azCount).mapToObj(i -> Cidrs.subnet(vpc, newPrefix, 8 * tier + i)).toList();
    }

    private static void noOverlaps(SettingsReader r, List<TierSubnets> tiers) {
        var seen = new ArrayList<String[]>();
        for (var t : tiers) {
            for (var c : t.cidrs) {
                if (!Cidrs.isCanonical(c)) {
                    continue;
                }
                for (var other : seen) {
                    if (Cidrs.overlap(other[1], c)) {
                        r.problem(t.key, c, "overlaps " + other[1] + " in hipaa:" + other[0]
                                + "; subnets of one VPC must not overlap");
                    }
                }
                seen.add(new String[]{t.key, c});
            }
        }
    }
}
