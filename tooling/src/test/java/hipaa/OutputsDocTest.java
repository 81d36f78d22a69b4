package hipaa;

import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/OUTPUTS.md lists exactly what each stack exports. */
class OutputsDocTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyExportedOutputIsDocumentedAndEveryDocumentedOutputIsExported(String stack) throws IOException {
        // A row whose meaning starts with *When `hipaa:<key>`.* is expected exactly when that boolean is true.
        var config = Stacks.run(stack).config().values();
        var defaults = hipaa.settings.ConfigDocs.keys().stream()
                .collect(Collectors.toMap(hipaa.settings.KeyDoc::key, hipaa.settings.KeyDoc::defaultValue));
        var rows = Pattern.compile("^\\| `([A-Za-z0-9]+)` \\| [^|]+ \\| (?:\\*When `(hipaa:[A-Za-z0-9]+)`\\.\\*)?", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("docs/OUTPUTS.md"))).results()
                .filter(m -> m.group(2) == null || "true".equals(config.getOrDefault(m.group(2), defaults.get(m.group(2)))))
                .map(m -> m.group(1))
                .collect(Collectors.toSet());
        assertThat(Stacks.run(stack).outputs().keySet()).containsExactlyInAnyOrderElementsOf(rows);
    }
}
