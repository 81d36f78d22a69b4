package hipaa.offline;

import com.pulumi.Context;
import hipaa.settings.Settings;
import hipaa.settings.SettingsReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The answers the offline engine gives a stack's StackReferences: under {@code pulumi up} the Pulumi service
 * returns the referenced stack's last outputs; offline, a reference to a stack of this project is answered with
 * the outputs of that stack's own offline run (its stack file, the same program), so {@code ./plan <stack>} works
 * for every stack of an organization without AWS. A stack of another project, or one without a stack file here,
 * is answered from pinned outputs in {@link #PINNED} ({@code <organization>/<project>/<stack>.yaml}, a map of
 * output name to value, as {@code pulumi stack output --json} prints them).
 *
 * <p>Referenced stacks run before the referencing one, never inside it (the SDK keeps one deployment per thread),
 * and once per JVM per configuration. A reference cycle is refused by name.
 */
public final class ReferencedStacks {
    /** Where pinned outputs of stacks this project cannot run live, relative to the project directory. */
    public static final Path PINNED = Path.of("offline", "stack-outputs");

    private static final Map<StackFiles.StackConfig, Referenced> RUNS = new ConcurrentHashMap<>();
    private static final ThreadLocal<List<String>> RUNNING = ThreadLocal.withInitial(ArrayList::new);

    /**
     * How one StackReference was answered offline.
     *
     * @param name    the fully qualified stack name the settings give ({@code org/project/stack})
     * @param source  what answered it: {@code offline run of Pulumi.<stack>.yaml}, {@code pinned outputs at <path>}, or
     *                empty when nothing could
     * @param run     the referenced stack's own offline run, when that answered it (rules about what the organization
     *                provides read its resources)
     * @param answer  the outputs the engine hands the program, or why it cannot answer
     */
    public record Referenced(String name, String source, Optional<OfflineRun.Result> run, OfflineEngine.StackOutputs answer) {
        /** Whether the reference can be answered. */
        public boolean answered() {
            return answer.refusal().isEmpty();
        }

        /** {@code my-org/hipaa/org-security (offline run of Pulumi.org-security.yaml)}, or the reason it failed. */
        public String describe() {
            return name + (answered() ? " (" + source + ")" : ": " + answer.refusal().get());
        }
    }

    private ReferencedStacks() {}

    /** The stacks {@code config} references, fully qualified, as its settings name them; none when they are invalid. */
    public static List<String> references(StackFiles.StackConfig config) {
        var project = config.project();
        var reader = new SettingsReader(config.stack(),
                k -> Optional.ofNullable(config.values().get(project + ":" + k)),
                k -> Optional.ofNullable(config.values().get("aws:" + k)));
        try {
            var references = Settings.read(reader, project).organization().references();
            // Invalid settings stop the program before it reads any reference, with its own message.
            return reader.problems().isEmpty() ? references : List.of();
        } catch (RuntimeException invalid) {
            return List.of();
        }
    }

    /** The answer for every stack {@code config} references, in the order its settings name them. */
    public static List<Referenced> answers(Path projectDir, StackFiles.StackConfig config, Consumer<Context> program) {
        var references = references(config);
        if (references.isEmpty()) {
            return List.of();
        }
        var out = new ArrayList<Referenced>();
        // The referencing stack is on the path too, so A -> B -> A is refused at the second A, naming both.
        var running = RUNNING.get();
        boolean pushed = running.isEmpty() || !running.get(running.size() - 1).equals(config.stack());
        if (pushed) {
            running.add(config.stack());
        }
        try {
            for (var name : references) {
                out.add(answer(projectDir, config, name, program));
            }
        } finally {
            if (pushed) {
                running.remove(running.size() - 1);
            }
        }
        return List.copyOf(out);
    }

    private static Referenced answer(Path projectDir, StackFiles.StackConfig from, String name, Consumer<Context> program) {
        var parts = name.split("/");
        var stack = parts[2];
        var stackFile = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (parts[1].equals(from.project()) && Files.isRegularFile(stackFile)) {
            var source = "offline run of Pulumi." + stack + ".yaml";
            var running = RUNNING.get();
            if (running.contains(stack)) {
                return new Referenced(name, source, Optional.empty(), OfflineEngine.StackOutputs.refused(
                        "the stacks reference each other (" + String.join(" -> ", running) + " -> " + stack
                                + "); a stack can only read outputs of stacks that deploy before it"));
            }
            StackFiles.StackConfig config;
            try {
                config = StackFiles.load(projectDir, stack);
            } catch (StackFiles.StackFileException e) {
                return new Referenced(name, source, Optional.empty(),
                        OfflineEngine.StackOutputs.refused("its stack file is refused: " + e.getMessage()));
            }
            var cached = RUNS.get(config);
            if (cached != null) {
                return new Referenced(name, cached.source(), cached.run(), cached.answer());
            }
            var run = OfflineRun.run(projectDir, config, true, program);
            var answer = run.succeeded() ? OfflineEngine.StackOutputs.of(values(run))
                    : OfflineEngine.StackOutputs.refused("its own offline run fails (./plan " + stack + "): " + run.failure());
            var referenced = new Referenced(name, source, Optional.of(run), answer);
            // A run refused because of the path it was reached by (a cycle) is not that stack's answer elsewhere.
            if (run.succeeded()) {
                RUNS.put(config, referenced);
            }
            return referenced;
        }
        var pinned = projectDir.resolve(PINNED).resolve(name + ".yaml");
        if (Files.isRegularFile(pinned)) {
            return new Referenced(name, "pinned outputs at " + PINNED.resolve(name + ".yaml"), Optional.empty(),
                    OfflineEngine.StackOutputs.of(pinned(pinned)));
        }
        return new Referenced(name, "", Optional.empty(), OfflineEngine.StackOutputs.refused("no stack file Pulumi." + stack
                + ".yaml of project " + from.project() + " answers it, and no pinned outputs exist at " + PINNED.resolve(name + ".yaml")));
    }

    private static Map<String, Object> values(OfflineRun.Result run) {
        var out = new LinkedHashMap<String, Object>();
        run.outputs().forEach((k, v) -> {
            if (v.known() && v.value() != null) {
                out.put(k, v.value());
            }
        });
        return out;
    }

    private static Map<String, Object> pinned(Path file) {
        try {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new IllegalStateException(file + " must be a map of output name to value");
            }
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
