package hipaa.offline;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the program for one stack with no AWS account and no Pulumi CLI: the real stack file, fed through
 * the SDK's own config exactly as the CLI would, and the same {@code App.stack} that {@code pulumi up} runs,
 * against the {@link OfflineEngine}.
 *
 * <p>Stacks run one after another, never concurrently: the SDK keeps the deployment in a thread-local
 * and the generated provider config in statics.
 */
public final class OfflineRun {

    /** The deletion safeguards a resource was registered with ({@code protect}, {@code retainOnDelete}). */
    public record Protection(boolean protect, boolean retainOnDelete) {
        public static final Protection NONE = new Protection(false, false);
    }

    /** An output as {@code pulumi stack output} would show it. */
    public record OutputValue(Object value, boolean known, boolean secret) {}

    /**
     * @param config    the configuration the program received
     * @param result    the SDK's result (exit code, exceptions, engine errors)
     * @param resources every registered resource with its parent, in registration order
     * @param outputs   stack outputs by name
     * @param engine    the offline engine, for the data sources called
     * @param protections resource options that never reach a provider, keyed {@code type::name}
     */
    public record Result(StackFiles.StackConfig config, TestResult result, List<RecordedResource> resources,
                         Map<String, OutputValue> outputs, OfflineEngine engine, Map<String, Protection> protections) {

        public Protection protection(RecordedResource r) {
            return protections.getOrDefault(r.type() + "::" + r.name(), Protection.NONE);
        }

        public boolean succeeded() {
            return result.exitCode() == 0 && result.exceptions().isEmpty() && result.errors().isEmpty();
        }

        public List<RecordedResource> ofType(String type) {
            return resources.stream().filter(r -> r.type().equals(type)).toList();
        }

        public RecordedResource named(String type, String name) {
            return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no " + type + " named " + name));
        }

        /**
         * The message the user would see when the run failed: the engine's error log, which for a
         * {@code RunException} (the settings message) is its message alone, as the CLI prints it; the exceptions
         * themselves only when nothing was logged.
         */
        public String failure() {
            return result.errors().isEmpty() ? String.valueOf(result.exceptions()) : String.join("\n", result.errors());
        }
    }

    private OfflineRun() {}

    public static Result run(Path projectDir, String stack, boolean preview, Consumer<Context> program) {
        return run(StackFiles.load(projectDir, stack), preview, program);
    }

    public static Result run(StackFiles.StackConfig config, boolean preview, Consumer<Context> program) {
        var region = config.values().getOrDefault("aws:region", "us-east-1");
        var engine = new OfflineEngine(region);
        var quiet = Logger.getLogger("hipaa.offline.quiet");
        quiet.setLevel(Level.OFF);
        quiet.setUseParentHandlers(false);
        // Observes the options the engine would receive with each registration, changing nothing.
        var protections = new java.util.concurrent.ConcurrentHashMap<String, Protection>();
        ResourceTransformation observe = t -> {
            var o = t.options();
            if (o.isProtect() || o.isRetainOnDelete()) {
                protections.put(t.resource().pulumiResourceType() + "::" + t.resource().pulumiResourceName(),
                        new Protection(o.isProtect(), o.isRetainOnDelete()));
            }
            return Optional.empty();
        };
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(config.project()).stackName(config.stack()).preview(preview)
                            .resourceTransformations(List.of(observe)).build())
                    .mocks(engine)
                    .config(config.values(), config.secretKeys())
                    .standardLogger(quiet)
                    .build()
                    .runTest(program);
            return new Result(config, result, recorded(result, engine), outputs(result), engine, Map.copyOf(protections));
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static List<RecordedResource> recorded(TestResult result, OfflineEngine engine) {
        var parents = new IdentityHashMap<Resource, Resource>();
        for (var r : result.resources()) {
            for (var child : r.pulumiChildResources()) {
                parents.put(child, r);
            }
        }
        var byKey = new HashMap<String, Resource>();
        for (var r : result.resources()) {
            byKey.put(r.pulumiResourceType() + "::" + r.pulumiResourceName(), r);
        }
        // Registrations arrive in whatever order the SDK's async tasks run; sorting by the parent path
        // makes every report and assertion stable.
        return engine.registrations().stream().map(reg -> {
            var self = byKey.get(reg.type() + "::" + reg.name());
            Optional<RecordedResource.Parent> parent = Optional.ofNullable(self).map(parents::get)
                    .filter(p -> !p.pulumiResourceType().equals("pulumi:pulumi:Stack"))
                    .map(p -> new RecordedResource.Parent(p.pulumiResourceType(), p.pulumiResourceName()));
            boolean component = !reg.type().contains("/") && !reg.type().startsWith("pulumi:providers:");
            return new RecordedResource(reg.type(), reg.name(), component ? "" : reg.id(), parent, reg.provider(),
                    reg.inputs(), reg.state());
        }).sorted(java.util.Comparator.comparing((RecordedResource r) -> path(r, byKey, parents))
                .thenComparing(RecordedResource::type)).toList();
    }

    /** {@code network/production/production-vpc}: the names from the top of the tree down. */
    private static String path(RecordedResource r, Map<String, Resource> byKey, Map<Resource, Resource> parents) {
        var names = new java.util.ArrayDeque<String>();
        names.push(r.name());
        var self = byKey.get(r.type() + "::" + r.name());
        var p = self == null ? null : parents.get(self);
        while (p != null && !p.pulumiResourceType().equals("pulumi:pulumi:Stack")) {
            names.push(p.pulumiResourceName());
            p = parents.get(p);
        }
        return String.join("/", names);
    }

    private static Map<String, OutputValue> outputs(TestResult result) {
        var out = new LinkedHashMap<String, OutputValue>();
        result.outputs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            var data = PulumiTestInternal.extractOutputData((Output<?>) e.getValue());
            out.put(e.getKey(), new OutputValue(data.getValueNullable(), data.isKnown(), data.isSecret()));
        });
        return out;
    }
}
