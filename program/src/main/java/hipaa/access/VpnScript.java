package hipaa.access;

import com.google.gson.Gson;
import hipaa.network.Cidrs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The community OpenVPN server's user data ({@code hipaa/access/vpn-user-data.sh}) and the user tool it
 * installs ({@code hipaa/access/vpn-user.sh}), with the typed values they are rendered from.
 *
 * @param region             the Region, for the AWS CLI and the CloudWatch agent
 * @param publicIp           the Elastic IP client profiles connect to
 * @param port               the UDP port
 * @param clientPool         client addresses, a canonical IPv4 CIDR
 * @param routedCidrs        ranges pushed to clients and the only ones their traffic is forwarded to
 * @param logGroup           log group that receives the OpenVPN log
 * @param pkiSecretId        Secrets Manager secret (name) holding the PKI archive
 * @param clientSecretPrefix name prefix of the secrets holding client profiles, ending in {@code /}
 * @param secretsKeyArn      the KMS key new client-profile secrets are encrypted with
 * @param clientSecretTags   tags every client-profile secret carries (the stack's required tags)
 */
public record VpnScript(String region, String publicIp, int port, String clientPool, List<String> routedCidrs,
                        String logGroup, String pkiSecretId, String clientSecretPrefix, String secretsKeyArn,
                        Map<String, String> clientSecretTags) {

    public VpnScript {
        routedCidrs = List.copyOf(routedCidrs);
        clientSecretTags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(clientSecretTags));
        for (var c : routedCidrs) {
            if (!Cidrs.isCanonical(c)) {
                throw new IllegalArgumentException("routed range " + c + " is not a canonical IPv4 CIDR");
            }
        }
        if (!Cidrs.isCanonical(clientPool)) {
            throw new IllegalArgumentException("client pool " + clientPool + " is not a canonical IPv4 CIDR");
        }
    }

    static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
    static final Pattern CIDR = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}");
    static final Pattern ROUTE = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3} (\\d{1,3}\\.){3}\\d{1,3}");
    static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,256}");
    static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");
    // JSON of tag keys and values as Settings allows them: no quote, backslash or shell metacharacter beyond these.
    static final Pattern TAGS_JSON = Pattern.compile("\\[[\\p{L}\\p{N} _.:/=+@{}\",\\-]*]");
    static final Pattern SCRIPT = Pattern.compile("#!/bin/bash\n[\\s\\S]+");

    private static final Gson GSON = new Gson();

    /** The user data cloud-init runs, with the user tool embedded. */
    public String render() {
        return ShellTemplate.load("vpn-user-data.sh")
                .word("REGION", region, BastionScript.REGION)
                .word("VPN_PORT", Integer.toString(port), PORT)
                .word("POOL_CIDR", clientPool, CIDR)
                .word("POOL_NETWORK", network(clientPool), IPV4)
                .word("POOL_NETMASK", netmask(clientPool), IPV4)
                .words("PUSH_ROUTES", routedCidrs.stream().map(c -> network(c) + " " + netmask(c)).toList(), ROUTE)
                .words("ROUTED_CIDRS", routedCidrs, CIDR)
                .word("VPN_LOG_GROUP", logGroup, BastionScript.LOG_GROUP)
                .word("VPN_USER_TOOL", userTool(), SCRIPT)
                .render();
    }

    /** {@code hipaa-vpn-user}, the tool operators run on the server to add and revoke users. */
    public String userTool() {
        var tags = clientSecretTags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    var tag = new LinkedHashMap<String, String>();
                    tag.put("Key", e.getKey());
                    tag.put("Value", e.getValue());
                    return tag;
                }).toList();
        return ShellTemplate.load("vpn-user.sh")
                .word("REGION", region, BastionScript.REGION)
                .word("PUBLIC_IP", publicIp, IPV4)
                .word("VPN_PORT", Integer.toString(port), PORT)
                .word("PKI_SECRET_ID", pkiSecretId, SECRET_NAME)
                .word("CLIENT_SECRET_PREFIX", clientSecretPrefix, SECRET_NAME)
                .word("SECRETS_KEY_ARN", secretsKeyArn, KEY_ARN)
                .word("CLIENT_SECRET_TAGS", GSON.toJson(tags), TAGS_JSON)
                .render();
    }

    static String network(String cidr) {
        return cidr.substring(0, cidr.indexOf('/'));
    }

    /** {@code 10.8.0.0/24} gives {@code 255.255.255.0}, the form OpenVPN's server and route directives take. */
    static String netmask(String cidr) {
        int prefix = Cidrs.prefixLength(cidr);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return ((mask >> 24) & 255) + "." + ((mask >> 16) & 255) + "." + ((mask >> 8) & 255) + "." + (mask & 255);
    }
}
