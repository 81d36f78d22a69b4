package hipaa.network;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;

import java.util.Optional;

/**
 * IPv4 CIDR arithmetic, on top of the IPAddress library. Pure: no Pulumi here.
 *
 * <p>A CIDR is accepted only in canonical form: an IPv4 network address with its prefix length and no
 * host bits set ({@code 10.0.0.0/16}, not {@code 10.0.0.1/16}). A typo in a subnet plan should stop the
 * program, not be silently rounded to another range.
 */
public final class Cidrs {
    private Cidrs() {}

    /** The block, if {@code cidr} is a canonical IPv4 CIDR. */
    public static Optional<IPv4Address> parse(String cidr) {
        if (cidr == null || !cidr.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
            return Optional.empty();
        }
        IPAddress a = new IPAddressString(cidr).getAddress();
        if (a == null || !a.isIPv4() || a.getNetworkPrefixLength() == null) {
            return Optional.empty();
        }
        var block = a.toIPv4().toPrefixBlock();
        var network = block.getLower().withoutPrefixLength().toString();
        if (!cidr.equals(network + "/" + block.getNetworkPrefixLength())) {
            return Optional.empty();
        }
        return Optional.of(block);
    }

    public static boolean isCanonical(String cidr) {
        return parse(cidr).isPresent();
    }

    public static int prefixLength(String cidr) {
        return block(cidr).getNetworkPrefixLength();
    }

    public static boolean contains(String outer, String inner) {
        return block(outer).contains(block(inner));
    }

    public static boolean overlap(String a, String b) {
        var x = block(a);
        var y = block(b);
        return x.contains(y) || y.contains(x);
    }

    /**
     * The {@code index}-th block of prefix length {@code newPrefix} inside {@code cidr}, counting from
     * the start of the range (the same as Terraform's {@code cidrsubnet(cidr, newPrefix - prefix, index)}).
     */
    public static String subnet(String cidr, int newPrefix, int index) {
        var b = block(cidr);
        int prefix = b.getNetworkPrefixLength();
        if (newPrefix < prefix || newPrefix > 28) {
            throw new IllegalArgumentException("cannot cut /" + newPrefix + " blocks out of " + cidr);
        }
        long count = 1L << (newPrefix - prefix);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(cidr + " holds " + count + " /" + newPrefix + " blocks; index " + index + " is outside");
        }
        long start = b.getLower().longValue() + ((long) index << (32 - newPrefix));
        return new IPv4Address((int) start).toString() + "/" + newPrefix;
    }

    /** The number of addresses in the block. */
    public static long size(String cidr) {
        return 1L << (32 - prefixLength(cidr));
    }

    private static IPv4Address block(String cidr) {
        return parse(cidr).orElseThrow(() -> new IllegalArgumentException("not a canonical IPv4 CIDR: " + cidr));
    }
}
