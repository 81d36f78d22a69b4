package hipaa.guardrails;

import com.google.gson.JsonParser;
import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The recorded resources with the links between them. A reference input holds the referenced
 * resource's {@code id} or {@code state.arn} (CloudTrail's log group ARN carries a {@code :*}
 * suffix), and some AWS APIs take a name instead (a bucket's {@code bucket}, an IAM group's
 * {@code name}); {@link #refersTo} accepts all three so checks do not care which the program used.
 */
public final class ResourceGraph {

    private final List<RecordedResource> resources;

    private ResourceGraph(List<RecordedResource> resources) {
        this.resources = List.copyOf(resources);
    }

    public static ResourceGraph of(List<RecordedResource> resources) {
        return new ResourceGraph(Objects.requireNonNull(resources, "resources"));
    }

    public List<RecordedResource> all() {
        return resources;
    }

    public List<RecordedResource> ofType(String... types) {
        return ofType(List.of(types));
    }

    /** Resources of any of the types, in registration order; a token ending in {@code *} is a prefix. */
    public List<RecordedResource> ofType(Collection<String> types) {
        return resources.stream().filter(r -> matches(types, r.type())).toList();
    }

    static boolean matches(Collection<String> types, String type) {
        return types.stream().anyMatch(t -> t.endsWith("*") ? type.startsWith(t.substring(0, t.length() - 1)) : t.equals(type));
    }

    // ---- references -------------------------------------------------------------------------

    /** True when {@code ref} (a string or a list of them) points at {@code target}. */
    public static boolean refersTo(Object ref, RecordedResource target) {
        if (ref instanceof List<?> l) {
            return l.stream().anyMatch(x -> refersTo(x, target));
        }
        if (!(ref instanceof String s) || s.isBlank()) {
            return false;
        }
        var arn = target.arn().orElse(null);
        if (s.equals(target.id()) || (arn != null && (s.equals(arn) || s.equals(arn + ":*")))) {
            return true;
        }
        return Stream.of("bucket", "name").map(target.state()::get).anyMatch(s::equals);
    }

    /** The declared resource of one of {@code types} that {@code ref} points at. */
    public Optional<RecordedResource> resolve(Object ref, String... types) {
        return ofType(types).stream().filter(r -> refersTo(ref, r)).findFirst();
    }

    /** Resources of {@code type} whose input {@code key} points at {@code target}. */
    public List<RecordedResource> referencing(RecordedResource target, String key, String... types) {
        return ofType(types).stream().filter(r -> refersTo(r.inputs().get(key), target)).toList();
    }

    // ---- AWS Config rules the program deploys -------------------------------------------------

    /**
     * The input parameters of every deployed AWS Config managed rule with this source identifier (one map per
     * rule: REQUIRED_TAGS is deployed once per tag key). A catalogue rule with the same meaning judges with these
     * values, so the plan and AWS Config read the same parameters; empty when the stack deploys no such rule.
     */
    public List<Map<String, String>> deployedParameters(String identifier) {
        var out = new ArrayList<Map<String, String>>();
        for (var r : ofType(Types.CONFIG_RULE)) {
            if (!identifier.equals(In.at(r.inputs(), "source", "sourceIdentifier"))) {
                continue;
            }
            var params = new LinkedHashMap<String, String>();
            r.string("inputParameters").ifPresent(json -> JsonParser.parseString(json).getAsJsonObject().entrySet()
                    .forEach(e -> params.put(e.getKey(), e.getValue().getAsString())));
            out.add(params);
        }
        return out;
    }

    /** One deployed parameter as a list (comma-separated, trimmed), or empty when no deployed rule sets it. */
    public Optional<List<String>> deployedList(String identifier, String parameter) {
        return deployedParameters(identifier).stream().map(p -> p.get(parameter)).filter(Objects::nonNull).findFirst()
                .map(v -> Stream.of(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());
    }

    // ---- S3 -----------------------------------------------------------------------------------

    /** The separate configuration resources (policy, encryption, versioning, ...) of one bucket. */
    public List<RecordedResource> bucketParts(RecordedResource bucket, String partType) {
        return referencing(bucket, "bucket", partType);
    }

    /** Policy documents that govern a bucket: the inline {@code policy} and each BucketPolicy. */
    public List<String> bucketPolicies(RecordedResource bucket) {
        var docs = new ArrayList<String>();
        bucket.string("policy").ifPresent(docs::add);
        bucketParts(bucket, Types.BUCKET_POLICY).forEach(p -> p.string("policy").ifPresent(docs::add));
        return docs;
    }

    /** True when ALB access logs or S3 server access logs are delivered into this bucket. */
    public boolean receivesAccessLogs(RecordedResource bucket) {
        boolean fromLoadBalancers = ofType(Types.LB, Types.ALB).stream()
                .anyMatch(lb -> refersTo(In.at(lb.inputs(), "accessLogs", "bucket"), bucket));
        boolean fromBuckets = ofType(Types.BUCKET_LOGGING).stream()
                .anyMatch(l -> refersTo(l.inputs().get("targetBucket"), bucket))
                || ofType(Types.BUCKET_V2, Types.BUCKET).stream()
                .flatMap(b -> In.maps(b.inputs().get("loggings")).stream())
                .anyMatch(l -> refersTo(l.get("targetBucket"), bucket));
        return fromLoadBalancers || fromBuckets;
    }

    // ---- networking ---------------------------------------------------------------------------

    public List<RecordedResource> flowLogsOf(RecordedResource vpc) {
        return referencing(vpc, "vpcId", Types.FLOW_LOG);
    }

    /**
     * A subnet is in the public tier when a route table associated with it sends 0.0.0.0/0 to an
     * internet gateway (inline {@code routes} or a separate {@code aws:ec2/route:Route}).
     */
    public boolean isPublicSubnet(RecordedResource subnet) {
        return referencing(subnet, "subnetId", Types.ROUTE_TABLE_ASSOCIATION).stream()
                .map(a -> resolve(a.inputs().get("routeTableId"), Types.ROUTE_TABLE))
                .flatMap(Optional::stream)
                .anyMatch(this::routesToInternetGateway);
    }

    private boolean routesToInternetGateway(RecordedResource routeTable) {
        var inline = In.maps(routeTable.inputs().get("routes")).stream()
                .filter(r -> "0.0.0.0/0".equals(r.get("cidrBlock")))
                .map(r -> r.get("gatewayId"));
        var separate = referencing(routeTable, "routeTableId", Types.ROUTE).stream()
                .filter(r -> "0.0.0.0/0".equals(r.inputs().get("destinationCidrBlock")))
                .map(r -> r.inputs().get("gatewayId"));
        return Stream.concat(inline, separate).anyMatch(this::isInternetGateway);
    }

    private boolean isInternetGateway(Object gatewayId) {
        return gatewayId instanceof String s
                && (s.startsWith("igw-") || resolve(s, Types.INTERNET_GATEWAY).isPresent());
    }

    /** The rules one resource declares: inline blocks of a security group, or a rule resource itself. */
    public static List<SgRule> declaredRules(RecordedResource r) {
        return switch (r.type()) {
            case Types.SECURITY_GROUP, Types.DEFAULT_SECURITY_GROUP -> Stream.concat(
                    In.maps(r.inputs().get("ingress")).stream().map(m -> inline(r.name(), true, m)),
                    In.maps(r.inputs().get("egress")).stream().map(m -> inline(r.name(), false, m))).toList();
            case Types.SECURITY_GROUP_RULE -> List.of(inline(r.name(), "ingress".equals(r.inputs().get("type")), withSource(r.inputs())));
            case Types.SG_INGRESS_RULE, Types.SG_EGRESS_RULE -> List.of(vpcRule(r));
            default -> List.of();
        };
    }

    /** Every rule that applies to a security group: its inline blocks plus standalone rule resources. */
    public List<SgRule> rulesOf(RecordedResource securityGroup, String... alsoKnownAs) {
        var rules = new ArrayList<>(declaredRules(securityGroup));
        for (var r : ofType(Types.SECURITY_GROUP_RULE, Types.SG_INGRESS_RULE, Types.SG_EGRESS_RULE)) {
            var target = r.inputs().get("securityGroupId");
            if (refersTo(target, securityGroup) || List.of(alsoKnownAs).contains(target)) {
                rules.addAll(declaredRules(r));
            }
        }
        return rules;
    }

    private static Map<String, Object> withSource(Map<String, Object> in) {
        var m = new LinkedHashMap<>(in);
        In.string(in.get("sourceSecurityGroupId")).ifPresent(sg -> m.put("securityGroups", List.of(sg)));
        return m;
    }

    private static SgRule inline(String declaredBy, boolean ingress, Map<String, Object> m) {
        var cidrs = new ArrayList<String>();
        In.list(m.get("cidrBlocks")).forEach(c -> cidrs.add(String.valueOf(c)));
        In.list(m.get("ipv6CidrBlocks")).forEach(c -> cidrs.add(String.valueOf(c)));
        var others = new ArrayList<String>();
        In.list(m.get("securityGroups")).forEach(s -> others.add(String.valueOf(s)));
        In.list(m.get("prefixListIds")).forEach(s -> others.add(String.valueOf(s)));
        if (In.isTrue(m.get("self"))) {
            others.add("self");
        }
        return new SgRule(declaredBy, ingress, SgRule.normalizeProtocol(m.get("protocol")),
                In.integer(m.get("fromPort")).orElse(0), In.integer(m.get("toPort")).orElse(65535), cidrs, others);
    }

    private static SgRule vpcRule(RecordedResource r) {
        var in = r.inputs();
        var cidrs = Stream.of(in.get("cidrIpv4"), in.get("cidrIpv6")).flatMap(v -> In.string(v).stream()).toList();
        var others = Stream.of(in.get("referencedSecurityGroupId"), in.get("prefixListId"))
                .flatMap(v -> In.string(v).stream()).toList();
        return new SgRule(r.name(), r.type().equals(Types.SG_INGRESS_RULE), SgRule.normalizeProtocol(in.get("ipProtocol")),
                In.integer(in.get("fromPort")).orElse(0), In.integer(in.get("toPort")).orElse(65535), cidrs, others);
    }

    // ---- load balancing and compute -----------------------------------------------------------

    public List<RecordedResource> listenersOf(RecordedResource loadBalancer) {
        return referencing(loadBalancer, "loadBalancerArn", Types.LB_LISTENER, Types.ALB_LISTENER);
    }

    public List<RecordedResource> webAclAssociationsOf(RecordedResource resource) {
        return referencing(resource, "resourceArn", Types.WEB_ACL_ASSOCIATION);
    }

    /** The declared launch template an Auto Scaling group launches from, directly or via a mixed-instances policy. */
    public Optional<RecordedResource> launchTemplateOf(RecordedResource asg) {
        var direct = In.map(asg.inputs().get("launchTemplate"));
        var mixed = In.map(In.at(asg.inputs(), "mixedInstancesPolicy", "launchTemplate", "launchTemplateSpecification"));
        return Stream.of(direct.get("id"), direct.get("name"), mixed.get("launchTemplateId"), mixed.get("launchTemplateName"))
                .filter(Objects::nonNull)
                .map(ref -> resolve(ref, Types.LAUNCH_TEMPLATE))
                .flatMap(Optional::stream)
                .findFirst();
    }

    // ---- tags ---------------------------------------------------------------------------------

    /**
     * The tags AWS will put on a resource: its provider's default tags overlaid with its own
     * {@code tags} map. Auto Scaling groups take a list of {@code {key, value}} and no default tags.
     */
    public Map<String, String> tagsOf(RecordedResource r) {
        var tags = new LinkedHashMap<String, String>();
        if (r.type().equals(Types.ASG)) {
            In.maps(r.inputs().get("tags")).forEach(t -> tags.put(String.valueOf(t.get("key")), String.valueOf(t.get("value"))));
            return tags;
        }
        providerOf(r).ifPresent(p -> tags.putAll(defaultTags(p)));
        In.map(r.inputs().get("tags")).forEach((k, v) -> tags.put(k, v == null ? "" : String.valueOf(v)));
        return tags;
    }

    // ---- providers ----------------------------------------------------------------------------

    /**
     * The explicit provider a resource was registered with. The reference is
     * {@code <provider urn>::<provider id>}, the URN ending in {@code ::<provider name>}.
     */
    public Optional<RecordedResource> providerOf(RecordedResource r) {
        if (r.provider().isEmpty()) {
            return Optional.empty();
        }
        var parts = r.provider().split("::");
        var id = parts[parts.length - 1];
        var name = parts.length > 1 ? parts[parts.length - 2] : "";
        return ofType(Types.PROVIDER).stream()
                .filter(p -> p.id().equals(id) || p.name().equals(name))
                .findFirst();
    }

    /**
     * A provider's default tags. Provider inputs reach the engine as strings, so {@code defaultTags}
     * is the JSON text {@code {"tags":{"k":"v"}}}; a map is accepted too.
     */
    public static Map<String, String> defaultTags(RecordedResource provider) {
        var raw = provider.inputs().get("defaultTags");
        Map<String, Object> holder;
        if (raw instanceof String s && !s.isBlank()) {
            try {
                var json = JsonParser.parseString(s);
                holder = json.isJsonObject() ? jsonToMap(json.getAsJsonObject()) : Map.of();
            } catch (RuntimeException e) {
                holder = Map.of();
            }
        } else {
            holder = In.map(raw);
        }
        var tags = new LinkedHashMap<String, String>();
        In.map(holder.get("tags")).forEach((k, v) -> tags.put(k, v == null ? "" : String.valueOf(v)));
        return tags;
    }

    private static Map<String, Object> jsonToMap(com.google.gson.JsonObject o) {
        var m = new LinkedHashMap<String, Object>();
        for (var e : o.entrySet()) {
            var v = e.getValue();
            m.put(e.getKey(), v.isJsonObject() ? jsonToMap(v.getAsJsonObject())
                    : v.isJsonPrimitive() ? v.getAsString() : null);
        }
        return m;
    }
}
