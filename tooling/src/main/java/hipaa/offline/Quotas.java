package hipaa.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * AWS's default quotas that a first {@code pulumi up} can run into, and how much of each a stack uses.
 *
 * <p>Defaults are those of a new account: Amazon VPC quotas ("Amazon VPC quotas", Amazon VPC User Guide:
 * Elastic IP addresses per Region 5, NAT gateways per Availability Zone 5, VPCs and internet gateways per
 * Region 5, inbound or outbound rules per security group 60, security groups per network interface 5) and
 * AWS PrivateLink quotas ("AWS PrivateLink quotas": interface endpoints per VPC 50, gateway endpoints per
 * Region 20). Codes are the Service Quotas ones, which an {@code aws.servicequotas.ServiceQuota} resource (or
 * {@code aws service-quotas request-service-quota-increase}) names. A quota is per account: other stacks and
 * anything created by hand in the same account and Region count too, and a new account already has a default
 * VPC (with its internet gateway) in every Region.
 */
public final class Quotas {
    private Quotas() {}

    /** One default quota. */
    public enum Quota {
        ELASTIC_IPS("ec2", "L-0263D0A3", "EC2-VPC Elastic IPs", 5, "Region", 0, "AddressLimitExceeded"),
        NAT_GATEWAYS_PER_AZ("vpc", "L-FE5A380F", "NAT gateways per Availability Zone", 5, "Availability Zone", 0,
                "NatGatewayLimitExceeded"),
        VPCS("vpc", "L-F678F1CE", "VPCs per Region", 5, "Region", 1, "VpcLimitExceeded"),
        INTERNET_GATEWAYS("vpc", "L-A4707A72", "Internet gateways per Region", 5, "Region", 1, "InternetGatewayLimitExceeded"),
        INTERFACE_ENDPOINTS("vpc", "L-29B6F2EB", "Interface VPC endpoints per VPC", 50, "VPC", 0, "VpcEndpointLimitExceeded"),
        GATEWAY_ENDPOINTS("vpc", "L-1B52E74A", "Gateway VPC endpoints per Region", 20, "Region", 0, "VpcEndpointLimitExceeded"),
        SECURITY_GROUPS_PER_ENI("vpc", "L-2AFB9258", "Security groups per network interface", 5, "network interface", 0,
                "SecurityGroupsPerInterfaceLimitExceeded"),
        RULES_PER_SECURITY_GROUP("vpc", "L-0EA8095F", "Inbound or outbound rules per security group", 60,
                "security group and direction", 0, "RulesPerSecurityGroupLimitExceeded");

        public final String serviceCode;
        public final String code;
        public final String title;
        public final int awsDefault;
        public final String per;
        /** How many a new account already uses (the default VPC and its internet gateway). */
        public final int usedOnNewAccount;
        /** The error AWS answers the request that goes over it with. */
        public final String error;

        Quota(String serviceCode, String code, String title, int awsDefault, String per, int usedOnNewAccount, String error) {
            this.serviceCode = serviceCode;
            this.code = code;
            this.title = title;
            this.awsDefault = awsDefault;
            this.per = per;
            this.usedOnNewAccount = usedOnNewAccount;
            this.error = error;
        }

        public String label() {
            return title + " (" + serviceCode + "/" + code + ")";
        }
    }

    /**
     * How much of a quota one scope of the stack uses.
     *
     * @param quota     the quota
     * @param scope     the Region, zone, VPC, interface or group it is counted in
     * @param used      what the stack creates there
     * @param resources the resources counted, by logical name
     * @param requested the value an {@code aws.servicequotas.ServiceQuota} of the stack asks for, if any
     */
    public record Use(Quota quota, String scope, int used, List<String> resources, Optional<Integer> requested) {

        /** What the account will hold after the first {@code up}: the stack's count plus what a new account has. */
        public int total() {
            return used + quota.usedOnNewAccount;
        }

        public int limit() {
            return requested.map(r -> Math.max(r, quota.awsDefault)).orElse(quota.awsDefault);
        }

        public boolean overDefault() {
            return total() > quota.awsDefault;
        }

        /** AWS refuses the creation that goes over it unless the stack requests enough. */
        public boolean refused() {
            return total() > limit();
        }
    }

    private static final String SERVICE_QUOTA = "aws:servicequotas/serviceQuota:ServiceQuota";

    /** Every quota-bound count of the stack, largest share of its quota first within each quota. */
    public static List<Use> uses(StackGraph g, String stackRegion) {
        var out = new ArrayList<Use>();
        Function<RecordedResource, String> region = r -> g.regionOf(r, stackRegion);
        count(out, g, Quota.ELASTIC_IPS, group(g.ofType("aws:ec2/eip:Eip").stream()
                .filter(r -> r.string("domain").map("vpc"::equals).orElse(true)).toList(), region));
        count(out, g, Quota.NAT_GATEWAYS_PER_AZ, group(g.ofType("aws:ec2/natGateway:NatGateway"),
                r -> g.withId("aws:ec2/subnet:Subnet", r.inputs().get("subnetId")).flatMap(s -> s.string("availabilityZone"))
                        .orElse(region.apply(r) + " (zone unknown)")));
        count(out, g, Quota.VPCS, group(g.ofType("aws:ec2/vpc:Vpc"), region));
        count(out, g, Quota.INTERNET_GATEWAYS, group(g.ofType("aws:ec2/internetGateway:InternetGateway"), region));
        var endpoints = g.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
        count(out, g, Quota.INTERFACE_ENDPOINTS, group(endpoints.stream()
                .filter(r -> List.of("Interface", "GatewayLoadBalancer").contains(r.string("vpcEndpointType").orElse("Gateway"))).toList(),
                r -> vpcName(g, r.inputs().get("vpcId"))));
        count(out, g, Quota.GATEWAY_ENDPOINTS, group(endpoints.stream()
                .filter(r -> r.string("vpcEndpointType").orElse("Gateway").equals("Gateway")).toList(), region));
        securityGroupsPerInterface(out, g);
        rulesPerGroup(out, g);
        return List.copyOf(out);
    }

    private static Map<String, List<RecordedResource>> group(List<RecordedResource> rs, Function<RecordedResource, String> scope) {
        var out = new TreeMap<String, List<RecordedResource>>();
        rs.forEach(r -> out.computeIfAbsent(scope.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static void count(List<Use> out, StackGraph g, Quota q, Map<String, List<RecordedResource>> byScope) {
        byScope.forEach((scope, rs) -> out.add(new Use(q, scope, rs.size(),
                rs.stream().map(RecordedResource::name).sorted().toList(), requested(g, q))));
    }

    private static Optional<Integer> requested(StackGraph g, Quota q) {
        return g.ofType(SERVICE_QUOTA).stream()
                .filter(r -> r.string("serviceCode").map(q.serviceCode::equals).orElse(false)
                        && r.string("quotaCode").map(q.code::equals).orElse(false))
                .map(r -> r.input("value").filter(Number.class::isInstance).map(n -> ((Number) n).intValue()))
                .flatMap(Optional::stream).max(Integer::compare);
    }

    private static String vpcName(StackGraph g, Object vpcId) {
        return g.withId("aws:ec2/vpc:Vpc", vpcId).map(RecordedResource::name).orElse(String.valueOf(vpcId));
    }

    /** Each resource that creates network interfaces, with the security groups every one of them gets. */
    private static void securityGroupsPerInterface(List<Use> out, StackGraph g) {
        var groups = new LinkedHashMap<RecordedResource, Integer>();
        for (var r : g.resources()) {
            var n = switch (r.type()) {
                case "aws:ec2/launchTemplate:LaunchTemplate" -> Math.max(r.list("vpcSecurityGroupIds").size(),
                        maps(r.inputs().get("networkInterfaces")).stream()
                                .mapToInt(nic -> list(nic.get("securityGroups")).size()).max().orElse(0));
                case "aws:ec2/instance:Instance" -> r.list("vpcSecurityGroupIds").size();
                case "aws:rds/instance:Instance" -> r.list("vpcSecurityGroupIds").size();
                case "aws:lb/loadBalancer:LoadBalancer" -> r.list("securityGroups").size();
                case "aws:ec2/vpcEndpoint:VpcEndpoint" -> r.list("securityGroupIds").size();
                case "aws:ec2/networkInterface:NetworkInterface" -> r.list("securityGroups").size();
                case "aws:ecs/service:Service" -> list(r.map("networkConfiguration").get("securityGroups")).size();
                case "aws:lambda/function:Function" -> list(r.map("vpcConfig").get("securityGroupIds")).size();
                default -> 0;
            };
            if (n > 0) {
                groups.put(r, n);
            }
        }
        groups.entrySet().stream().sorted(Map.Entry.<RecordedResource, Integer>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().name()))
                .forEach(e -> out.add(new Use(Quota.SECURITY_GROUPS_PER_ENI, e.getKey().name(), e.getValue(),
                        List.of(e.getKey().name()), requested(g, Quota.SECURITY_GROUPS_PER_ENI))));
    }

    /**
     * Rules per group and direction, as AWS counts them: each CIDR and each referenced group is one rule
     * (IPv4 and IPv6 ranges count against separate, equal quotas; only IPv4 ranges are counted here with the
     * group references, the larger of the two).
     */
    private static void rulesPerGroup(List<Use> out, StackGraph g) {
        var counts = new TreeMap<String, List<String>>();
        for (var sg : g.ofType("aws:ec2/securityGroup:SecurityGroup")) {
            for (var direction : List.of("ingress", "egress")) {
                for (var rule : maps(sg.inputs().get(direction))) {
                    int n = list(rule.get("cidrBlocks")).size() + list(rule.get("securityGroups")).size()
                            + list(rule.get("prefixListIds")).size() + (Boolean.TRUE.equals(rule.get("self")) ? 1 : 0);
                    for (int i = 0; i < n; i++) {
                        counts.computeIfAbsent(sg.name() + " " + direction, k -> new ArrayList<>()).add(sg.name());
                    }
                }
            }
        }
        for (var r : g.resources()) {
            String direction = switch (r.type()) {
                case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" -> "ingress";
                case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" -> "egress";
                case "aws:ec2/securityGroupRule:SecurityGroupRule" -> r.string("type").orElse("ingress");
                default -> null;
            };
            if (direction == null || r.input("cidrIpv6").isPresent()) {
                continue;
            }
            var group = g.withId("aws:ec2/securityGroup:SecurityGroup", r.inputs().get("securityGroupId"))
                    .map(RecordedResource::name).orElse(String.valueOf(r.inputs().get("securityGroupId")));
            int n = r.type().startsWith("aws:ec2/securityGroupRule") ? Math.max(1, r.list("cidrBlocks").size()) : 1;
            for (int i = 0; i < n; i++) {
                counts.computeIfAbsent(group + " " + direction, k -> new ArrayList<>()).add(r.name());
            }
        }
        counts.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> out.add(new Use(Quota.RULES_PER_SECURITY_GROUP, e.getKey(), e.getValue().size(),
                        e.getValue().stream().distinct().sorted().toList(), requested(g, Quota.RULES_PER_SECURITY_GROUP))));
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    /** Nested inputs (lists of maps) as the SDK hands them over. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return list instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
