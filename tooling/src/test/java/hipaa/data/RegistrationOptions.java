package hipaa.data;

import hipaa.testing.Stacks;

import java.util.List;

/**
 * The dependencies each registration carried to the engine, for the real stack files: what makes the engine
 * create the log groups before the database (or RDS would create them unencrypted). {@code OfflineRun} reads
 * them from the registration requests, as the Pulumi engine receives them.
 */
public final class RegistrationOptions {

    /**
     * @param dependencies        {@code type::name} of every resource the registration named as a dependency
     * @param replaceOnChanges    inputs whose change replaces the resource
     * @param deleteBeforeReplace whether a replacement deletes the old resource first
     */
    public record Options(List<String> dependencies, List<String> replaceOnChanges, boolean deleteBeforeReplace) {
        public boolean dependsOnName(String name) {
            return dependencies.stream().anyMatch(d -> d.endsWith("::" + name));
        }
    }

    private RegistrationOptions() {}

    public static Options of(String stack, String type, String name) {
        var run = Stacks.run(stack);
        var deps = run.dependencies().get(type + "::" + name);
        if (deps == null) {
            throw new IllegalArgumentException("no " + type + " named " + name + " in " + stack);
        }
        var replacement = run.replacement(type, name);
        return new Options(List.copyOf(deps), replacement.replaceOnChanges(), replacement.deleteBeforeReplace());
    }
}
