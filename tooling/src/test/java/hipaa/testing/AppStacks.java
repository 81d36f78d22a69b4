package hipaa.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.offline.StackFiles;
import hipaa.settings.Settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The application tier's test cases: every real stack file, plus {@link #BOTH_WORKLOADS}, the dev stack with
 * the EC2 group (installed by {@link #EC2_APP_USER_DATA}, serving /legacy/* and /reports/* beside Fargate) and the
 * port-80 redirect turned on, so one run has two target groups, a listener rule, two workload security groups and
 * both listeners. Runs are cached per JVM like {@link Stacks}.
 */
public final class AppStacks {
    /**
     * Dev with both workloads and the redirect listener on, and non-default values for the keys whose
     * default both real stacks share, so a hard-coded value cannot pass for a configured one.
     */
    public static final String BOTH_WORKLOADS = "dev+ec2+redirect";
    /** What the fixture's instances run at first boot: the app, installed from the stack's own package. */
    public static final String EC2_APP_USER_DATA = "#!/bin/bash\nset -euo pipefail\ndnf -y install hipaa-app\nsystemctl enable --now hipaa-app\n";
    public static final Map<String, String> BOTH_WORKLOADS_OVERRIDES = Map.ofEntries(
            Map.entry("hipaa:ec2AppEnabled", "true"), Map.entry("hipaa:httpRedirect", "true"),
            Map.entry("hipaa:ec2AppUserData", EC2_APP_USER_DATA), Map.entry("hipaa:ec2AppPathPatterns", "[\"/legacy/*\",\"/reports/*\"]"),
            Map.entry("hipaa:appPort", "9443"), Map.entry("hipaa:appHealthCheckPath", "/ready"),
            Map.entry("hipaa:wafRateLimit", "500"), Map.entry("hipaa:albIdleTimeoutSeconds", "120"),
            Map.entry("hipaa:tlsPolicy", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"),
            Map.entry("hipaa:ec2InstanceType", "m7i.large"), Map.entry("hipaa:ec2RootVolumeGiB", "50"),
            Map.entry("hipaa:fargateCpuTargetPercent", "70"));

    private static final Map<String, OfflineRun.Result> RUNS = new HashMap<>();

    private AppStacks() {}

    /** Parameter source: the real stacks, then the both-workloads fixture. */
    public static Stream<String> cases() {
        return Stream.concat(Stacks.names(), Stream.of(BOTH_WORKLOADS));
    }

    public static StackFiles.StackConfig config(String name) {
        return name.equals(BOTH_WORKLOADS) ? Stacks.with("dev", BOTH_WORKLOADS_OVERRIDES) : StackFiles.load(Stacks.PROJECT, name);
    }

    public static synchronized OfflineRun.Result run(String name) {
        if (!name.equals(BOTH_WORKLOADS)) {
            return Stacks.run(name);
        }
        return RUNS.computeIfAbsent(name, n -> OfflineRun.run(config(n), false, App::stack));
    }

    public static Settings settings(String name) {
        return Stacks.settings(config(name));
    }

    /** Resources of one type whose parent component is {@code parent}. */
    public static List<RecordedResource> ofType(OfflineRun.Result run, String type, String parent) {
        return run.ofType(type).stream().filter(r -> r.parent().map(p -> p.name().equals(parent)).orElse(false)).toList();
    }

    /** The one resource of a type and name, failing with the names that do exist. */
    public static RecordedResource one(OfflineRun.Result run, String type, String name) {
        return run.ofType(type).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + "; found "
                        + run.ofType(type).stream().map(RecordedResource::name).toList()));
    }

    /** Ids of a production tier's subnets in AZ order (registration order is not deterministic). */
    public static List<String> subnetIds(OfflineRun.Result run, String tier) {
        return run.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().startsWith("production-" + tier + "-"))
                .sorted(java.util.Comparator.comparing(RecordedResource::name)).map(RecordedResource::id).toList();
    }

    /** A JSON input (policy document, container definitions) parsed. */
    public static JsonObject json(RecordedResource r, String key) {
        return JsonParser.parseString(Objects.requireNonNull(r.string(key).orElse(null), key)).getAsJsonObject();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
