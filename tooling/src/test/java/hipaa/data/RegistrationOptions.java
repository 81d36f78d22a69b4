package hipaa.data;

import hipaa.testing.Stacks;

import java.util.List;

/**
 * The dependencies each registration carried to the engine, for the real stack files: what makes the engine
 * create the log groups before the database (or RDS would create them unencrypted). {@code OfflineRun} reads
 * them from the registration requests, as the Pulumi engine receives them.
 */
final class RegistrationOptions {

    /** @param dependencies {@code type::name} of every resource the registration named as a dependency */
    record Options(List<String> dependencies) {
        boolean dependsOnName(String name) {
            return dependencies.stream().anyMatch(d -> d.endsWith("::" + name));
        }
    }

    private RegistrationOptions() {}

    static Options of(String stack, String type, String name) {
        var deps = Stacks.run(stack).dependencies().get(type + "::" + name);
        if (deps == null) {
            throw new IllegalArgumentException("no " + type + " named " + name + " in " + stack);
        }
        return new Options(List.copyOf(deps));
    }
}
