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

    private final List<RecordedResource> all;
    private final Map<String, RecordedResource> byValue = new HashMap<>();
    private final Map<RecordedResource, List<Ref>> out = new HashMap<>();
    private final Map<RecordedResource, List<Ref>> in = new HashMap<>();

    ResourceIndex(List<RecordedResource> resources) {
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
            if (to != null && to != from) {
                refs.add(new Ref(from, path, to));
            }
        }
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

    /** Resources of {@code type} that {@code r} references, directly or through one intermediate resource. */
    Set<RecordedResource> reachable(RecordedResource r, String type, int depth) {
        var found = new LinkedHashSet<RecordedResource>();
        walk(r, type, depth, found, new LinkedHashSet<>());
        return found;
    }

    private void walk(RecordedResource r, String type, int depth, Set<RecordedResource> found, Set<RecordedResource> seen) {
        if (!seen.add(r)) {
            return;
        }
        for (var ref : refsFrom(r)) {
            if (ref.to().type().equals(type)) {
                found.add(ref.to());
            } else if (depth > 1) {
                walk(ref.to(), type, depth - 1, found, seen);
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
