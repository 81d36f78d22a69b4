package hipaa.offline;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The registered resources with the order the engine would create them in: each resource's dependencies as
 * its registration request carried them. Answers the questions AWS's create-time rules ask: which resource
 * has this id or ARN, which Region a resource is created in, and whether one resource is created after another.
 */
public final class StackGraph {

    private final List<RecordedResource> resources;
    private final Map<String, Set<String>> direct;
    private final Map<String, RecordedResource> byKey = new HashMap<>();
    private final Map<String, Set<String>> closure = new HashMap<>();

    /**
     * @param resources    every registration
     * @param dependencies direct dependencies keyed and valued {@code type::name}; a resource missing here has none
     */
    public StackGraph(List<RecordedResource> resources, Map<String, Set<String>> dependencies) {
        this.resources = List.copyOf(resources);
        this.direct = Map.copyOf(dependencies);
        resources.forEach(r -> byKey.put(key(r), r));
    }

    public static String key(RecordedResource r) {
        return r.type() + "::" + r.name();
    }

    public List<RecordedResource> resources() {
        return resources;
    }

    public List<RecordedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The resource of {@code type} whose physical id is {@code id}. */
    public Optional<RecordedResource> withId(String type, Object id) {
        return id == null ? Optional.empty()
                : resources.stream().filter(r -> r.type().equals(type) && r.id().equals(String.valueOf(id))).findFirst();
    }

    /** The resource whose ARN is {@code arn}, among those {@code filter} accepts. */
    public Optional<RecordedResource> withArn(String arn, Predicate<RecordedResource> filter) {
        return resources.stream().filter(filter).filter(r -> r.arn().map(arn::equals).orElse(false)).findFirst();
    }

    /** Every resource {@code r} waits for, directly or through others. */
    public synchronized Set<String> allDependencies(RecordedResource r) {
        return closure.computeIfAbsent(key(r), k -> {
            var seen = new LinkedHashSet<String>();
            var todo = new ArrayDeque<>(direct.getOrDefault(k, Set.of()));
            while (!todo.isEmpty()) {
                var next = todo.pop();
                if (seen.add(next)) {
                    todo.addAll(direct.getOrDefault(next, Set.of()));
                }
            }
            return Set.copyOf(seen);
        });
    }

    /** Whether the engine creates {@code later} only once {@code earlier} exists. */
    public boolean waitsFor(RecordedResource later, RecordedResource earlier) {
        return allDependencies(later).contains(key(earlier));
    }

    /**
     * The Region a resource is created in: its explicit provider's {@code region} input, else the stack's
     * ({@code aws:region} of the default provider).
     */
    public String regionOf(RecordedResource r, String stackRegion) {
        var provider = r.provider();
        if (provider.isEmpty()) {
            return stackRegion;
        }
        var urn = provider.substring(0, provider.lastIndexOf("::"));
        var name = urn.substring(urn.lastIndexOf("::") + 2);
        return Optional.ofNullable(byKey.get("pulumi:providers:aws::" + name)).flatMap(p -> p.string("region")).orElse(stackRegion);
    }
}
