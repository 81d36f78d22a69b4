package hipaa.testing;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.offline.StackFiles;
import hipaa.settings.Settings;
import hipaa.settings.SettingsReader;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real stack files, run once each per test JVM through the real {@code App.stack}.
 *
 * <p>Every test that needs a whole stack shares these runs (a run costs ~0.2 s warm, ~1 s cold).
 * The set of stacks is whatever {@code Pulumi.*.yaml} files exist, so a new stack file is tested
 * with no code change.
 */
public final class Stacks {
    public static final Path PROJECT = Path.of(".");

    private static final Map<String, OfflineRun.Result> RUNS = new HashMap<>();

    private Stacks() {}

    /**
     * Parameter source: every single-account stack with a stack file (each one the whole environment). The stacks of
     * an organization ({@code hipaa:accountRole} set) are {@link #organization()}.
     */
    public static Stream<String> names() {
        return StackFiles.stacks(PROJECT).stream().filter(s -> !organizationRole(s));
    }

    /**
     * Parameter source: every stack that builds the workload (network, access, data, app, identity): the single-account
     * stacks and the organization's workload stacks ({@code hipaa:accountRole workload}). Tests about what every
     * workload has use it; tests about the trail, the archive or account-wide detection, which a workload account of an
     * organization does not own, stay on {@link #names()}.
     */
    public static Stream<String> workloads() {
        return StackFiles.stacks(PROJECT).stream().filter(s -> Stacks.role(s).runsWorkload());
    }

    private static hipaa.settings.AccountRole role(String stack) {
        var config = StackFiles.load(PROJECT, stack);
        return hipaa.settings.AccountRole.of(config.values().getOrDefault(config.project() + ":accountRole", "single"));
    }

    /** Parameter source: every stack of the example organization (management, log-archive, security, workload). */
    public static Stream<String> organization() {
        return StackFiles.stacks(PROJECT).stream().filter(Stacks::organizationRole);
    }

    private static boolean organizationRole(String stack) {
        var config = StackFiles.load(PROJECT, stack);
        return !"single".equals(config.values().getOrDefault(config.project() + ":accountRole", "single"));
    }

    public static synchronized OfflineRun.Result run(String stack) {
        return RUNS.computeIfAbsent(stack, s -> OfflineRun.run(PROJECT, s, false, App::stack));
    }

    /** The stack's settings, read from the same config the program received. */
    public static Settings settings(String stack) {
        return settings(StackFiles.load(PROJECT, stack));
    }

    public static Settings settings(StackFiles.StackConfig config) {
        var project = config.project();
        var reader = new SettingsReader(config.stack(),
                k -> Optional.ofNullable(config.values().get(project + ":" + k)),
                k -> Optional.ofNullable(config.values().get("aws:" + k)));
        var s = Settings.read(reader, project);
        reader.throwIfProblems();
        return s;
    }

    /** A stack's config with some keys replaced ({@code null} removes the key). */
    public static StackFiles.StackConfig with(String stack, Map<String, String> overrides) {
        var base = StackFiles.load(PROJECT, stack);
        var values = new HashMap<>(base.values());
        overrides.forEach((k, v) -> {
            if (v == null) {
                values.remove(k);
            } else {
                values.put(k, v);
            }
        });
        return new StackFiles.StackConfig(base.project(), base.stack(), Map.copyOf(values), base.secretKeys());
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    public static int integer(Object number) {
        return ((Number) number).intValue();
    }

    public static List<RecordedResource> children(OfflineRun.Result run, String parentName) {
        return run.resources().stream().filter(r -> r.parent().map(p -> p.name().equals(parentName)).orElse(false)).toList();
    }
}
