package hipaa.structure;

import com.google.gson.GsonBuilder;
import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.offline.StackFiles;
import hipaa.testing.FrontConfig;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes each resource's URN and what AWS would receive, per stack: the sorted
 * {@code type::name::parent::provider} of every resource, then every resource's inputs and deletion options.
 * A refactor must leave both identical (a changed URN is a replacement in a live stack). A change that means
 * to alter resources updates the snapshot on purpose and shows the difference in review:
 * {@code mvn test -Dtest=ResourceSnapshotTest -Dsnapshot.update=true}.
 */
class ResourceSnapshotTest {

    static final Path DIR = Path.of("tooling/src/test/resources/hipaa/snapshot");

    static Stream<String> snapshots() {
        return Stream.of("dev", "prod", "prod-front");
    }

    static StackFiles.StackConfig config(String snapshot) {
        if (snapshot.equals("prod-front")) {
            return FrontConfig.prod();
        }
        return StackFiles.load(Stacks.PROJECT, snapshot);
    }

    static String render(OfflineRun.Result run) {
        var gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
        var identity = run.resources().stream().map(ResourceSnapshotTest::identity).sorted().toList();
        var inputs = run.resources().stream()
                .sorted(java.util.Comparator.comparing(ResourceSnapshotTest::identity))
                .map(r -> r.type() + "::" + r.name() + " " + run.protection(r) + " " + gson.toJson(sorted(r.inputs())))
                .toList();
        return String.join("\n", identity) + "\n\n" + String.join("\n", inputs) + "\n";
    }

    static String identity(RecordedResource r) {
        return r.type() + "::" + r.name() + "::" + r.parent().map(p -> p.type() + "::" + p.name()).orElse("")
                + "::" + r.provider();
    }

    @SuppressWarnings("unchecked")
    static Object sorted(Object value) {
        if (value instanceof Map<?, ?> m) {
            var out = new TreeMap<String, Object>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(ResourceSnapshotTest::sorted).collect(Collectors.toList());
        }
        return value;
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void resourcesAreExactlyTheSnapshot(String snapshot) throws IOException {
        var run = OfflineRun.run(config(snapshot), false, App::stack);
        assertThat(run.succeeded()).as(run.succeeded() ? "" : run.failure()).isTrue();
        var actual = render(run);
        var file = DIR.resolve(snapshot + ".txt");
        if (Boolean.getBoolean("snapshot.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual);
        }
        assertThat(Files.exists(file)).as("snapshot " + file + " exists (write it with -Dsnapshot.update=true)").isTrue();
        assertThat(actual).isEqualTo(Files.readString(file));
    }
}
