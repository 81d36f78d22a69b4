package hipaa.data;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import hipaa.App;
import hipaa.offline.OfflineEngine;
import hipaa.offline.StackFiles;
import hipaa.testing.Stacks;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The explicit dependencies each registration carried to the engine, for the real stack files: what makes
 * the engine create the log groups before the database (or RDS would create them unencrypted).
 *
 * <p>{@code OfflineRun} records inputs and deletion guards but not dependencies. The SDK hands them to the
 * monitor in its protobuf request, which main code cannot compile against (runtime-scope dependency), so
 * this test-only probe runs the real program once more per stack with a monitor that copies them out of
 * the request, exactly as the Pulumi engine would receive them.
 */
public final class RegistrationOptions {

    /**
     * @param dependencies        URNs the resource explicitly depends on
     * @param replaceOnChanges    inputs whose change replaces the resource
     * @param deleteBeforeReplace whether a replacement deletes the old resource first
     */
    public record Options(List<String> dependencies, List<String> replaceOnChanges, boolean deleteBeforeReplace) {
        public boolean dependsOnName(String name) {
            return dependencies.stream().anyMatch(urn -> urn.endsWith("::" + name));
        }
    }

    private static final Map<String, Map<String, Options>> RUNS = new HashMap<>();

    private RegistrationOptions() {}

    /** Dependencies by {@code type::name} for one stack. */
    static synchronized Map<String, Options> of(String stack) {
        return RUNS.computeIfAbsent(stack, s -> run(StackFiles.load(Stacks.PROJECT, s)));
    }

    public static Options of(String stack, String type, String name) {
        var o = of(stack).get(type + "::" + name);
        if (o == null) {
            throw new IllegalArgumentException("no " + type + " named " + name + " in " + stack);
        }
        return o;
    }

    private static Map<String, Options> run(StackFiles.StackConfig config) {
        var engine = new OfflineEngine(config.values().getOrDefault("aws:region", "us-east-1"));
        var seen = new ConcurrentHashMap<String, Options>();
        var quiet = Logger.getLogger("hipaa.data.quiet");
        quiet.setLevel(Level.OFF);
        quiet.setUseParentHandlers(false);
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(config.project()).stackName(config.stack()).preview(false).build())
                    .mocks(engine)
                    .config(config.values(), config.secretKeys())
                    .standardLogger(quiet)
                    .monitorDecorator(ignored -> new MockMonitor(engine, Log.ignore()) {
                        @Override
                        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                                                 RegisterResourceRequest request) {
                            seen.put(request.getType() + "::" + request.getName(), new Options(
                                    List.copyOf(request.getDependenciesList()),
                                    List.copyOf(request.getReplaceOnChangesList()), request.getDeleteBeforeReplace()));
                            return super.registerResourceAsync(resource, request);
                        }
                    })
                    .build()
                    .runTest(App::stack);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("stack " + config.stack() + " failed: " + result.errors() + result.exceptions());
            }
        } finally {
            PulumiTest.cleanup();
        }
        return Map.copyOf(seen);
    }
}
