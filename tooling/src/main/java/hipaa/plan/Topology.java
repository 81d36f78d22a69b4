package hipaa.plan;

import hipaa.network.Cidrs;
import hipaa.offline.RecordedResource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The architecture of a stack as a graph, derived from the registered resources and nothing else: VPCs
 * with their tiers and AZs (from subnets and their {@code Tier} tags), what sits in which tier (from the
 * subnets a resource references), who may connect to whom (from security-group ingress rules), load
 * balancer targets (from listeners and target groups), peering, flow logs, and every other reference
 * between drawn resources (a trail's bucket, a key that encrypts a log group). Which types are drawn and
 * how is data ({@code hipaa/plan/diagram-roles.tsv}); {@link Mermaid} and {@link Dot} render the same graph.
 */
final class Topology {

    record Role(String type, String role, String shape, String label) {}

    record Cluster(String id, String label, String parent) {}

    record Node(String id, String label, String cluster, String shape) {}

    enum Style { SOLID, DASHED, BOTH }

    record Edge(String from, String to, String label, Style style) {}

    static final Map<String, Role> ROLES = roles();

    /** Groups of drawn resources that sit in no VPC, in the order they are drawn. */
    static final Map<String, String> GROUPS = Map.of("edge", "Edge", "access", "Access", "compute", "Compute",
            "data", "Data", "audit", "Audit and monitoring", "alarm", "Audit and monitoring", "key", "KMS keys",
            "endpoint", "Endpoints", "nat", "Network", "internet-gateway", "Network");

    private static final String VPC = "aws:ec2/vpc:Vpc";
    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
    private static final String INTERNET = "internet";

    private final ResourceIndex index;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    /** The node each drawn resource is shown as (grouped resources share one). */
    private final Map<RecordedResource, String> nodeOf = new LinkedHashMap<>();
    private final Map<RecordedResource, String> vpcAnchor = new LinkedHashMap<>();
    private final Map<RecordedResource, String> vpcCidr = new LinkedHashMap<>();

    private Topology(ResourceIndex index) {
        this.index = index;
    }

    List<Cluster> clusters() {
        return List.copyOf(clusters.values());
    }

    List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** Sorted, so the picture is the same on every run whatever order the engine recorded inputs in. */
    List<Edge> edges() {
        return edges.values().stream().sorted(java.util.Comparator.comparing(Edge::from).thenComparing(Edge::to)).toList();
    }

    static Topology of(ResourceIndex index) {
        var t = new Topology(index);
        t.network();
        t.place();
        t.peeringAndFlowLogs();
        t.references();
        t.loadBalancerTargets();
        t.securityGroupFlows();
        return t;
    }

    // ------------------------------------------------------------------ network

    private void network() {
        for (var vpc : index.ofType(VPC)) {
            var cid = "c_" + slug(vpc.name());
            var cidr = vpc.string("cidrBlock").orElse("");
            clusters.put(cid, new Cluster(cid, vpc.name() + " " + cidr, ""));
            var anchor = nodeId(vpc);
            nodes.put(anchor, new Node(anchor, "VPC " + cidr, cid, "box"));
            vpcAnchor.put(vpc, anchor);
            vpcCidr.put(vpc, cidr);
            nodeOf.put(vpc, anchor);
        }
        var tiers = new LinkedHashMap<String, List<RecordedResource>>();
        // Tiers in address order (public, app, data in the default layout), whatever the names sort as.
        var subnets = index.ofType(SUBNET).stream().sorted(java.util.Comparator.comparing(
                (RecordedResource s) -> address(s.string("cidrBlock").orElse("")))).toList();
        for (var subnet : subnets) {
            var vpc = one(index.reachable(subnet, VPC, 1));
            if (vpc.isEmpty()) {
                continue;
            }
            tiers.computeIfAbsent(tierCluster(vpc.get(), tier(subnet)), k -> new ArrayList<>()).add(subnet);
        }
        tiers.forEach((cid, members) -> {
            var vpc = one(index.reachable(members.get(0), VPC, 1)).orElseThrow();
            clusters.put(cid, new Cluster(cid, tier(members.get(0)) + " tier: " + routing(members), "c_" + slug(vpc.name())));
            members.stream().sorted(java.util.Comparator.comparing(s -> s.string("availabilityZone").orElse(s.name()))).forEach(s -> {
                var id = nodeId(s);
                nodes.put(id, new Node(id, az(s) + " " + s.string("cidrBlock").orElse(""), cid, "box"));
                nodeOf.put(s, id);
            });
        });
    }

    /** A CIDR's network address as a number, for ordering; unparsable ranges sort last. */
    private static long address(String cidr) {
        var parts = cidr.split("[./]");
        if (parts.length < 4) {
            return Long.MAX_VALUE;
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = v * 256 + Long.parseLong(parts[i]);
        }
        return v;
    }

    private static String tierCluster(RecordedResource vpc, String tier) {
        return "c_" + slug(vpc.name() + "_" + tier);
    }

    private static String tier(RecordedResource subnet) {
        return Optional.ofNullable(subnet.map("tags").get("Tier")).map(String::valueOf).orElse("untiered");
    }

    private static String az(RecordedResource subnet) {
        var zone = subnet.string("availabilityZone").orElse("");
        return zone.isEmpty() ? "" : "AZ " + zone.substring(zone.length() - 1);
    }

    /** How a tier's subnets leave the VPC, from the routes of their route tables. */
    private String routing(List<RecordedResource> subnets) {
        var ways = new TreeSet<String>();
        boolean peered = false;
        for (var s : subnets) {
            for (var assoc : index.refsTo(s)) {
                for (var table : index.reachable(assoc.from(), "aws:ec2/routeTable:RouteTable", 1)) {
                    for (var ref : index.refsTo(table)) {
                        var route = ref.from();
                        if (!route.type().equals("aws:ec2/route:Route")) {
                            continue;
                        }
                        if (route.input("vpcPeeringConnectionId").isPresent()) {
                            peered = true;
                        }
                        if ("0.0.0.0/0".equals(route.string("destinationCidrBlock").orElse(""))) {
                            if (route.input("natGatewayId").isPresent()) {
                                ways.add("internet via NAT");
                            } else if (route.input("gatewayId").isPresent()) {
                                ways.add("internet via IGW");
                            } else {
                                ways.add("default route");
                            }
                        }
                    }
                }
            }
        }
        var text = ways.isEmpty() ? "no internet route" : String.join(", ", ways);
        return peered ? text + ", peered" : text;
    }

    // ------------------------------------------------------------------ placement

    private void place() {
        var groups = new LinkedHashMap<String, List<RecordedResource>>();
        for (var r : index.all()) {
            var role = ROLES.get(r.type());
            if (role == null || role.role().equals("vpc") || role.role().equals("subnet")) {
                continue;
            }
            var cluster = clusterFor(r, role);
            if (role.role().equals("endpoint") || role.role().equals("alarm")) {
                // One node per parent component and place: thirty alarms are one box.
                var key = role.role() + "|" + cluster + "|" + r.parent().map(RecordedResource.Parent::name).orElse("");
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                continue;
            }
            var id = nodeId(r);
            nodes.put(id, new Node(id, r.name() + "\n" + role.label() + detail(r, role), cluster, role.shape()));
            nodeOf.put(r, id);
        }
        groups.forEach((key, members) -> {
            var first = members.get(0);
            var role = ROLES.get(first.type());
            var id = nodeId(first) + "_group";
            String label;
            if (role.role().equals("endpoint")) {
                var services = members.stream().map(m -> {
                    // com.amazonaws.<region>.ecr.api -> ecr.api
                    var service = m.string("serviceName").orElse(m.name());
                    var parts = service.split("\\.");
                    return service.startsWith("com.amazonaws.") && parts.length > 3
                            ? String.join(".", List.of(parts).subList(3, parts.length)) : service;
                }).distinct().collect(Collectors.joining(", "));
                label = first.parent().map(RecordedResource.Parent::name).orElse("endpoints") + "\n" + members.size()
                        + " VPC endpoints: " + services;
            } else {
                label = first.parent().map(RecordedResource.Parent::name).orElse("alarms") + "\n" + members.size() + " "
                        + role.label();
            }
            nodes.put(id, new Node(id, label, key.split("\\|", -1)[1], role.shape()));
            members.forEach(m -> nodeOf.put(m, id));
        });
    }

    /** The tier the resource's subnets are in, else its VPC, else its group. */
    private String clusterFor(RecordedResource r, Role role) {
        var subnets = new LinkedHashSet<>(index.reachable(r, SUBNET, 2, Topology::notDrawn));
        if (subnets.isEmpty()) {
            // Associations point at the resource they place (a Client VPN network association).
            for (var ref : index.refsTo(r)) {
                if (!ROLES.containsKey(ref.from().type())) {
                    subnets.addAll(index.reachable(ref.from(), SUBNET, 1));
                }
            }
        }
        var tiers = subnets.stream().map(s -> one(index.reachable(s, VPC, 1)).map(v -> tierCluster(v, tier(s))).orElse(""))
                .filter(c -> !c.isEmpty()).distinct().toList();
        if (tiers.size() == 1) {
            return tiers.get(0);
        }
        var vpcs = subnets.isEmpty() ? index.reachable(r, VPC, 1) : subnets.stream()
                .flatMap(s -> index.reachable(s, VPC, 1).stream()).collect(Collectors.toCollection(LinkedHashSet::new));
        if (vpcs.size() == 1) {
            return "c_" + slug(vpcs.iterator().next().name());
        }
        var group = GROUPS.getOrDefault(role.role(), "Other");
        var cid = "c_group_" + slug(group);
        clusters.putIfAbsent(cid, new Cluster(cid, group, ""));
        return cid;
    }

    /** AZ letters for per-AZ resources, sizes for the rest: what a reviewer checks on the picture. */
    private String detail(RecordedResource r, Role role) {
        var azs = index.reachable(r, SUBNET, 2, Topology::notDrawn).stream().map(Topology::az).filter(a -> !a.isEmpty())
                .map(a -> a.substring(3)).distinct().sorted().toList();
        var parts = new ArrayList<String>();
        if (!azs.isEmpty()) {
            parts.add("AZ " + String.join(",", azs));
        }
        r.string("instanceClass").or(() -> r.string("instanceType")).ifPresent(parts::add);
        if (r.isTrue("multiAz")) {
            parts.add("Multi-AZ");
        }
        Costs.number(r.inputs().get("desiredCount")).ifPresent(n -> parts.add((int) n + " tasks"));
        Costs.number(r.inputs().get("desiredCapacity")).ifPresent(n -> parts.add((int) n + " instances"));
        if (r.type().equals("aws:lb/loadBalancer:LoadBalancer")) {
            parts.add(r.isTrue("internal") ? "internal" : "internet-facing");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    // ------------------------------------------------------------------ edges

    private void peeringAndFlowLogs() {
        for (var p : index.ofType("aws:ec2/vpcPeeringConnection:VpcPeeringConnection")) {
            var vpcs = new ArrayList<>(index.reachable(p, VPC, 1));
            vpcs.sort(java.util.Comparator.comparing(RecordedResource::name));
            if (vpcs.size() == 2) {
                edge(vpcAnchor.get(vpcs.get(0)), vpcAnchor.get(vpcs.get(1)), "peering " + p.name(), Style.BOTH);
            }
        }
        for (var f : index.ofType("aws:ec2/flowLog:FlowLog")) {
            var vpc = one(index.reachable(f, VPC, 1));
            var dest = index.resolve(f.inputs().get("logDestination")).map(nodeOf::get);
            if (vpc.isPresent() && dest.isPresent()) {
                edge(vpcAnchor.get(vpc.get()), dest.get(), "flow logs", Style.SOLID);
            }
        }
        for (var igw : index.ofType("aws:ec2/internetGateway:InternetGateway")) {
            if (nodeOf.containsKey(igw)) {
                edge(internet(), nodeOf.get(igw), "", Style.BOTH);
            }
        }
    }

    /** Drawn resources that point at other drawn resources: a trail's bucket, a log group's key. */
    private void references() {
        for (var r : index.all()) {
            var from = nodeOf.get(r);
            var fromRole = ROLES.get(r.type());
            if (fromRole == null || fromRole.role().equals("vpc") || fromRole.role().equals("subnet")) {
                continue;
            }
            for (var ref : index.refsFrom(r)) {
                var to = nodeOf.get(ref.to());
                var role = ROLES.get(ref.to().type());
                if (to == null || to.equals(from) || role.role().equals("vpc") || role.role().equals("subnet")) {
                    continue;
                }
                if (ref.path().equals("logDestination") && r.type().equals("aws:ec2/flowLog:FlowLog")) {
                    continue;
                }
                if (role.role().equals("key")) {
                    edge(to, from, "encrypts", Style.DASHED);
                } else {
                    edge(from, to, pathLabel(ref.path()), Style.SOLID);
                }
            }
        }
        // Resources that only link two others: a WAF association, an EventBridge target.
        for (var r : index.all()) {
            if (ROLES.containsKey(r.type())) {
                continue;
            }
            var linked = index.refsFrom(r).stream().filter(ref -> nodeOf.containsKey(ref.to()))
                    .filter(ref -> !Set.of("vpc", "subnet", "key").contains(ROLES.get(ref.to().type()).role())).toList();
            var ends = linked.stream().map(ref -> nodeOf.get(ref.to())).distinct().toList();
            if (ends.size() == 2 && r.type().endsWith("Association")) {
                var acl = linked.stream().filter(ref -> ref.path().toLowerCase(Locale.ROOT).contains("acl")).findFirst();
                var first = acl.map(ref -> nodeOf.get(ref.to())).orElse(ends.get(0));
                edge(first, ends.get(0).equals(first) ? ends.get(1) : ends.get(0), "filters", Style.DASHED);
            } else if (ends.size() == 2 && r.type().equals("aws:cloudwatch/eventTarget:EventTarget")) {
                var rule = linked.stream().filter(ref -> ref.path().equals("rule")).findFirst().map(ref -> nodeOf.get(ref.to()));
                rule.ifPresent(ru -> edge(ru, ends.get(0).equals(ru) ? ends.get(1) : ends.get(0), "target", Style.SOLID));
            }
        }
    }

    private void loadBalancerTargets() {
        for (var listener : index.ofType("aws:lb/listener:Listener")) {
            var lb = index.resolve(listener.inputs().get("loadBalancerArn")).map(nodeOf::get);
            if (lb.isEmpty()) {
                continue;
            }
            var label = listener.string("protocol").orElse("") + " " + listener.integer("port").map(String::valueOf).orElse("");
            for (var tg : index.reachable(listener, "aws:lb/targetGroup:TargetGroup", 1)) {
                for (var ref : index.refsTo(tg)) {
                    // Targets are compute (a service, a group, an instance); an alarm on the target group is not one.
                    var role = ROLES.get(ref.from().type());
                    var target = role != null && role.role().equals("compute") ? nodeOf.get(ref.from()) : null;
                    if (target != null && !target.equals(lb.get())) {
                        edge(lb.get(), target, label.trim() + " to " + tg.string("protocol").orElse("") + " "
                                + tg.integer("port").map(String::valueOf).orElse(""), Style.SOLID);
                    }
                }
            }
        }
    }

    /** Who may open connections to whom: ingress rules between security groups, or from address ranges. */
    private void securityGroupFlows() {
        var attached = new LinkedHashMap<RecordedResource, Set<String>>();
        // Through a launch template, not through another drawn resource: an alarm on an instance is not the instance.
        nodeOf.forEach((r, node) -> index.reachable(r, SECURITY_GROUP, 2, Topology::notDrawn)
                .forEach(sg -> attached.computeIfAbsent(sg, k -> new LinkedHashSet<>()).add(node)));
        for (var r : index.all()) {
            switch (r.type()) {
                case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" -> flow(attached,
                        index.resolve(r.inputs().get("securityGroupId")), index.resolve(r.inputs().get("referencedSecurityGroupId")),
                        list(r.inputs().get("cidrIpv4"), r.inputs().get("cidrIpv6"), r.inputs().get("prefixListId")),
                        port(r.string("ipProtocol").orElse("tcp"), r.inputs().get("fromPort"), r.inputs().get("toPort")));
                case "aws:ec2/securityGroupRule:SecurityGroupRule" -> {
                    if ("ingress".equals(r.string("type").orElse(""))) {
                        flow(attached, index.resolve(r.inputs().get("securityGroupId")),
                                index.resolve(r.inputs().get("sourceSecurityGroupId")), strings(r.inputs().get("cidrBlocks")),
                                port(r.string("protocol").orElse("tcp"), r.inputs().get("fromPort"), r.inputs().get("toPort")));
                    }
                }
                case SECURITY_GROUP -> {
                    for (var item : r.list("ingress")) {
                        if (item instanceof Map<?, ?> rule) {
                            var label = port(String.valueOf(rule.get("protocol")), rule.get("fromPort"), rule.get("toPort"));
                            for (var sg : strings(rule.get("securityGroups"))) {
                                flow(attached, Optional.of(r), index.resolve(sg), List.of(), label);
                            }
                            flow(attached, Optional.of(r), Optional.empty(), strings(rule.get("cidrBlocks")), label);
                        }
                    }
                }
                default -> { }
            }
        }
    }

    private void flow(Map<RecordedResource, Set<String>> attached, Optional<RecordedResource> target,
                      Optional<RecordedResource> sourceGroup, List<String> ranges, String label) {
        var targets = target.map(t -> attached.getOrDefault(t, Set.of())).orElse(Set.of());
        if (targets.isEmpty()) {
            return;
        }
        var sources = new LinkedHashSet<String>();
        sourceGroup.ifPresent(sg -> sources.addAll(attached.getOrDefault(sg, Set.of())));
        for (var range : ranges) {
            sources.add(rangeNode(range));
        }
        for (var s : sources) {
            for (var t : targets) {
                if (!s.equals(t)) {
                    edge(s, t, label, Style.SOLID);
                }
            }
        }
    }

    /** The internet, one of the VPCs, or an outside range such as the administrators' network. */
    private String rangeNode(String range) {
        if (range.equals("0.0.0.0/0") || range.equals("::/0")) {
            return internet();
        }
        for (var e : vpcCidr.entrySet()) {
            if (Cidrs.isCanonical(range) && Cidrs.contains(e.getValue(), range)) {
                return vpcAnchor.get(e.getKey());
            }
        }
        var id = "n_range_" + slug(range);
        nodes.putIfAbsent(id, new Node(id, range.startsWith("pl-") ? "prefix list " + range : "clients " + range, "", "stadium"));
        return id;
    }

    private String internet() {
        nodes.putIfAbsent("n_" + INTERNET, new Node("n_" + INTERNET, "Internet", "", "stadium"));
        return "n_" + INTERNET;
    }

    private void edge(String from, String to, String label, Style style) {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        // One edge per pair: a flow that is both a listener target and a security-group rule shows once.
        var key = style == Style.BOTH && from.compareTo(to) > 0 ? to + ">" + from : from + ">" + to;
        var old = edges.get(key);
        if (old == null) {
            edges.put(key, new Edge(from, to, label, style));
        } else if (!label.isEmpty() && !List.of(old.label().split(", ")).contains(label)) {
            edges.put(key, new Edge(old.from(), old.to(), old.label().isEmpty() ? label : old.label() + ", " + label,
                    old.style() == Style.DASHED ? style : old.style()));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String port(String protocol, Object from, Object to) {
        if (protocol.equals("-1") || protocol.equals("all")) {
            return "all traffic";
        }
        var f = Costs.number(from);
        var t = Costs.number(to);
        if (f.isEmpty()) {
            return protocol;
        }
        var range = t.isEmpty() || t.getAsDouble() == f.getAsDouble() ? Integer.toString((int) f.getAsDouble())
                : (int) f.getAsDouble() + "-" + (int) t.getAsDouble();
        return protocol + " " + range;
    }

    private static List<String> list(Object... values) {
        var out = new ArrayList<String>();
        for (var v : values) {
            if (v instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<String> strings(Object v) {
        return v instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
    }

    private static String pathLabel(String path) {
        var last = path.substring(path.lastIndexOf('.') + 1);
        return last.replaceAll("(Arn|Id|Name|Ids|Arns)$", "");
    }

    private static boolean notDrawn(RecordedResource r) {
        return !ROLES.containsKey(r.type());
    }

    private static <T> Optional<T> one(Set<T> set) {
        return set.size() == 1 ? Optional.of(set.iterator().next()) : Optional.empty();
    }

    static String nodeId(RecordedResource r) {
        var kind = r.type().substring(r.type().lastIndexOf(':') + 1);
        return "n_" + slug(kind + "_" + r.name());
    }

    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    private static Map<String, Role> roles() {
        var in = Objects.requireNonNull(Topology.class.getResourceAsStream("/hipaa/plan/diagram-roles.tsv"));
        var out = new LinkedHashMap<String, Role>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var f = line.split("\t");
                out.put(f[0], new Role(f[0], f[1], f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
