package hipaa.offline;

import com.pulumi.Context;
import com.pulumi.Log;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Runs the program for one stack with no AWS account and no Pulumi CLI: the real stack file, fed through
 * the SDK's own config exactly as the CLI would, and the same {@code App.stack} that {@code pulumi up} runs,
 * against the {@link OfflineEngine}.
 *
 * <p>The mocks accept every registration; AWS does not. After the program has run, the registrations are
 * judged by {@link AwsCreateChecks}, the create-time rules AWS documents (principals that must exist, security
 * group references across a peering, default quotas), and a registration AWS would refuse fails the run
 * with a message naming it, as {@code pulumi up} would fail. Every caller (the plan, every test) gets
 * those checks, because they live here.
 *
 * <p>Stacks run one after another, never concurrently: the SDK keeps the deployment in a thread-local
 * and the generated provider config in statics.
 */
public final class OfflineRun {

    /** The deletion safeguards a resource was registered with ({@code protect}, {@code retainOnDelete}). */
    public record Protection(boolean protect, boolean retainOnDelete) {
        public static final Protection NONE = new Protection(false, false);
    }

    /**
     * How a change replaces a resource, where the program asked for more than the provider's default.
     *
     * @param replaceOnChanges    inputs whose change replaces the resource
     * @param deleteBeforeReplace whether a replacement deletes the old resource first
     */
    public record Replacement(List<String> replaceOnChanges, boolean deleteBeforeReplace) {
        public static final Replacement DEFAULT = new Replacement(List.of(), false);
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
     * @param dependencies what each registration told the engine it depends on (its {@code dependsOn} and the
     *                    resources its inputs came from, components expanded to their children), keyed and
     *                    valued {@code type::name}: the order the engine creates resources in
     * @param replacements the replacement options each registration carried, keyed {@code type::name}, where not default
     * @param warnings    the warnings the program logged ({@code ctx.log().warn}), in order
     * @param refusals    what AWS would refuse at creation ({@link AwsCreateChecks}); any fails the run
     * @param referenced  how each stack the settings reference was answered ({@link ReferencedStacks}); one that cannot
     *                    be answered fails the run
     */
    public record Result(StackFiles.StackConfig config, TestResult result, List<RecordedResource> resources,
                         Map<String, OutputValue> outputs, OfflineEngine engine, Map<String, Protection> protections,
                         Map<String, Set<String>> dependencies, Map<String, Replacement> replacements, List<String> warnings,
                         List<AwsCreateChecks.Refusal> refusals, List<ReferencedStacks.Referenced> referenced) {

        /** The references that cannot be answered. */
        public List<ReferencedStacks.Referenced> unanswered() {
            return referenced.stream().filter(r -> !r.answered()).toList();
        }

        public Protection protection(RecordedResource r) {
            return protections.getOrDefault(r.type() + "::" + r.name(), Protection.NONE);
        }

        /** The replacement options of the registration {@code type::name}. */
        public Replacement replacement(String type, String name) {
            return replacements.getOrDefault(type + "::" + name, Replacement.DEFAULT);
        }

        /** The program ran to the end and AWS would accept every registration. */
        public boolean succeeded() {
            return result.exitCode() == 0 && result.exceptions().isEmpty() && result.errors().isEmpty() && refusals.isEmpty()
                    && unanswered().isEmpty();
        }

        /** The resources {@code r} waits for, directly or through others, keyed {@code type::name}. */
        public Set<String> dependenciesOf(RecordedResource r) {
            return graph().allDependencies(r);
        }

        /** The registrations with their dependencies, for questions about order. */
        public StackGraph graph() {
            return new StackGraph(resources, dependencies);
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
            var text = !result.errors().isEmpty() ? String.join("\n", result.errors())
                    : result.exceptions().isEmpty() ? "" : String.valueOf(result.exceptions());
            // Said instead of the program's error: a program that reads an unanswered reference fails on it with a stack
            // trace that says the same thing less clearly.
            var unanswered = unanswered();
            if (!unanswered.isEmpty()) {
                var lines = new StringBuilder();
                unanswered.forEach(r -> lines.append(lines.isEmpty() ? "" : "\n").append("Stack '").append(config.stack())
                        .append("' references the stack ").append(r.name()).append(", which the offline run cannot answer: ")
                        .append(r.answer().refusal().orElseThrow()));
                text = lines.toString();
            }
            if (!refusals.isEmpty()) {
                var lines = new StringBuilder("Stack '" + config.stack() + "': AWS would refuse " + refusals.size()
                        + (refusals.size() == 1 ? " resource" : " resources") + " at creation (the offline run applies AWS's "
                        + "documented create-time rules):");
                refusals.forEach(f -> lines.append("\n  - ").append(f.message()));
                text = text.isBlank() ? lines.toString() : text + "\n" + lines;
            }
            return text;
        }
    }

    private OfflineRun() {}

    public static Result run(Path projectDir, String stack, boolean preview, Consumer<Context> program) {
        return run(projectDir, StackFiles.load(projectDir, stack), preview, program);
    }

    /** Runs {@code config}; the stacks it references are answered from the stack files in the current directory. */
    public static Result run(StackFiles.StackConfig config, boolean preview, Consumer<Context> program) {
        return run(Path.of("."), config, preview, program);
    }

    /** Runs {@code config}; the stacks it references are answered from {@code projectDir} ({@link ReferencedStacks}). */
    public static Result run(Path projectDir, StackFiles.StackConfig config, boolean preview, Consumer<Context> program) {
        var region = config.values().getOrDefault("aws:region", "us-east-1");
        // The stacks the settings name (hipaa:logArchiveStack, hipaa:securityStack) are the ones the program's
        // StackReferences read (OrganizationReferences): each runs offline first, outside this run.
        var referenced = ReferencedStacks.answers(projectDir, config, program);
        var answers = new java.util.LinkedHashMap<String, OfflineEngine.StackOutputs>();
        referenced.forEach(r -> answers.put(r.name(), r.answer()));
        var engine = new OfflineEngine(region, answers);
        // The program's own warnings (ctx.log().warn) are kept for the result; everything below is dropped.
        var warnings = Collections.synchronizedList(new java.util.ArrayList<String>());
        var quiet = Logger.getAnonymousLogger();
        quiet.setLevel(Level.WARNING);
        quiet.setUseParentHandlers(false);
        quiet.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        var dependencies = new ConcurrentHashMap<String, Set<String>>();
        var replacements = new ConcurrentHashMap<String, Replacement>();
        var protections = new ConcurrentHashMap<String, Protection>();
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(config.project()).stackName(config.stack()).preview(preview).build())
                    .mocks(engine)
                    .config(config.values(), config.secretKeys())
                    .standardLogger(quiet)
                    .monitorDecorator(ignored -> new RecordingMonitor(engine, dependencies, replacements, protections))
                    .build()
                    .runTest(program);
            var resources = recorded(result, engine);
            var deps = Map.copyOf(dependencies);
            return new Result(config, result, resources, outputs(result), engine, Map.copyOf(protections), deps,
                    Map.copyOf(replacements),
                    List.copyOf(warnings), AwsCreateChecks.refusals(new StackGraph(resources, deps), region), referenced);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /**
     * The SDK's mock monitor, reading each registration request as the Pulumi engine receives it: its
     * {@code dependencies} are every resource the engine will create first (explicit {@code dependsOn} and
     * the resources the inputs came from, with components expanded to their children), its replacement options
     * and its deletion safeguards ({@code protect}, {@code retainOnDelete}), none of which reach the mocks.
     */
    private static final class RecordingMonitor extends MockMonitor {
        private final Map<String, Set<String>> dependencies;
        private final Map<String, Replacement> replacements;
        private final Map<String, Protection> protections;

        RecordingMonitor(OfflineEngine engine, Map<String, Set<String>> dependencies, Map<String, Replacement> replacements,
                         Map<String, Protection> protections) {
            super(engine, Log.ignore());
            this.dependencies = dependencies;
            this.replacements = replacements;
            this.protections = protections;
        }

        @Override
        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
            var keys = new LinkedHashSet<String>();
            request.getDependenciesList().forEach(urn -> keys.add(key(urn)));
            dependencies.put(request.getType() + "::" + request.getName(), Collections.unmodifiableSet(keys));
            var replacement = new Replacement(List.copyOf(request.getReplaceOnChangesList()), request.getDeleteBeforeReplace());
            if (!replacement.equals(Replacement.DEFAULT)) {
                replacements.put(request.getType() + "::" + request.getName(), replacement);
            }
            if (request.getProtect() || request.getRetainOnDelete()) {
                protections.put(request.getType() + "::" + request.getName(),
                        new Protection(request.getProtect(), request.getRetainOnDelete()));
            }
            return super.registerResourceAsync(resource, request);
        }

        /** {@code urn:pulumi:<stack>::<project>::<parent types $ type>::<name>} to {@code type::name}. */
        static String key(String urn) {
            var parts = urn.split("::", 4);
            var qualified = parts[2];
            return qualified.substring(qualified.lastIndexOf('$') + 1) + "::" + parts[3];
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
