package hipaa.plan;

import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registered resources with the references between them, found the way an engine would: a value
 * in one resource's inputs that equals another resource's id or an attribute AWS computes for it (its ARN,
 * DNS name, endpoint) points at it. Nothing here knows a
 * component or a type token, so resources that land later are linked with no code change.
 */
final class ResourceIndex {

    /** One reference: {@code from.path} holds {@code to}'s id or ARN. */
    record Ref(RecordedResource from, String path, RecordedResource to) {}

    /** Inputs that hold a resource's physical name, which other resources may use to point at it. */
    private static final List<String> PHYSICAL_NAMES = List.of("name", "bucket", "identifier");

    private final List<RecordedResource> all;
    private final Map<String, RecordedResource> byValue = new HashMap<>();
    private final Map<String, List<RecordedResource>> byName = new HashMap<>();
    private final Map<RecordedResource, List<Ref>> out = new HashMap<>();
    private final Map<RecordedResource, List<Ref>> in = new HashMap<>();

    ResourceIndex(List<RecordedResource> resources) {
        this(resources, "");
    }

    /**
     * @param namePrefix the prefix of the physical names the program gives ({@code hipaa-prod}); a resource
     *                   is also found by such a name, because some references are by name (a database's
     *                   subnet group, a trail's bucket). Empty: by id and computed attributes only.
     */
    ResourceIndex(List<RecordedResource> resources, String namePrefix) {
        this.all = List.copyOf(resources);
        for (var r : all) {
            if (!r.id().isEmpty()) {
                byValue.putIfAbsent(r.id(), r);
            }
            // Attributes AWS computes (arn, dnsName, endpoint) are what other resources are given to point here.
            r.state().forEach((k, v) -> {
                if (v instanceof String s && !r.inputs().containsKey(k) && !s.isEmpty()) {
                    byValue.putIfAbsent(s, r);
                }
            });
        }
        if (!namePrefix.isEmpty()) {
            for (var r : all) {
                for (var key : PHYSICAL_NAMES) {
                    if (r.inputs().get(key) instanceof String name && name.contains(namePrefix)) {
                        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        for (var r : all) {
            var refs = new ArrayList<Ref>();
            collect(r, "", r.inputs(), refs);
            out.put(r, List.copyOf(refs));
            refs.forEach(ref -> in.computeIfAbsent(ref.to(), k -> new ArrayList<>()).add(ref));
        }
    }

    private void collect(RecordedResource from, String path, Object value, List<Ref> refs) {
        if (value instanceof Map<?, ?> m) {
            // Key order, not the engine's map order (which changes from run to run), so labels are stable.
            new java.util.TreeMap<String, Object>(stringKeys(m)).forEach((k, v) ->
                    collect(from, path.isEmpty() ? k : path + "." + k, v, refs));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(from, path, v, refs));
        } else if (value instanceof String s) {
            var to = byValue.get(s);
            if (to == null) {
                // A database and its subnet group may share a physical name: the other one is meant.
                var named = byName.getOrDefault(s, List.of()).stream().filter(r -> r != from).toList();
                if (named.size() > 1) {
                    // Several share the name (a database, its subnet group and its security group): the input's
                    // own name says which kind it means (dbSubnetGroupName, s3BucketName).
                    var p = path.toLowerCase(java.util.Locale.ROOT);
                    named = named.stream().filter(r -> p.contains(kind(r.type()))).toList();
                }
                to = named.size() == 1 ? named.get(0) : null;
            }
            if (to != null && to != from) {
                refs.add(new Ref(from, path, to));
            }
        }
    }

    /** {@code aws:s3/bucketV2:BucketV2} -> {@code bucket}: the kind as input names spell it. */
    static String kind(String type) {
        return type.substring(type.lastIndexOf(':') + 1).replaceAll("V\\d+$", "").toLowerCase(java.util.Locale.ROOT);
    }

    static Map<String, Object> stringKeys(Map<?, ?> m) {
        var out = new HashMap<String, Object>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    List<RecordedResource> all() {
        return all;
    }

    List<RecordedResource> ofType(String type) {
        return all.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The resource whose id or ARN is {@code value}. */
    Optional<RecordedResource> resolve(Object value) {
        return value instanceof String s ? Optional.ofNullable(byValue.get(s)) : Optional.empty();
    }

    /** What {@code r} points at. */
    List<Ref> refsFrom(RecordedResource r) {
        return out.getOrDefault(r, List.of());
    }

    /** What points at {@code r}. */
    List<Ref> refsTo(RecordedResource r) {
        return in.getOrDefault(r, List.of());
    }

    /** Resources of {@code type} that {@code r} references, directly or through up to {@code depth - 1} others. */
    Set<RecordedResource> reachable(RecordedResource r, String type, int depth) {
        return reachable(r, type, depth, x -> true);
    }

    /** As {@link #reachable(RecordedResource, String, int)}, passing only through resources {@code via} accepts. */
    Set<RecordedResource> reachable(RecordedResource r, String type, int depth, java.util.function.Predicate<RecordedResource> via) {
        var found = new LinkedHashSet<RecordedResource>();
        walk(r, type, depth, via, found, new LinkedHashSet<>());
        return found;
    }

    private void walk(RecordedResource r, String type, int depth, java.util.function.Predicate<RecordedResource> via,
                      Set<RecordedResource> found, Set<RecordedResource> seen) {
        if (!seen.add(r)) {
            return;
        }
        for (var ref : refsFrom(r)) {
            if (ref.to().type().equals(type)) {
                found.add(ref.to());
            } else if (depth > 1 && via.test(ref.to())) {
                walk(ref.to(), type, depth - 1, via, found, seen);
            }
        }
    }

    /** The value at a dotted path of inputs, for paths without lists ({@code networkConfiguration.subnets}). */
    static Optional<Object> at(RecordedResource r, String path) {
        Object v = r.inputs();
        for (var part : path.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return Optional.empty();
            }
            v = m.get(part);
        }
        return Optional.ofNullable(v);
    }
}
