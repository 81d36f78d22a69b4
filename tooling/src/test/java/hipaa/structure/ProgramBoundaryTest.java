package hipaa.structure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployable program (the {@code program} module, what {@code pulumi up} compiles) stands alone: it
 * imports nothing from the tooling that judges and draws it (offline engine, guardrails, plan) and nothing
 * from the SDK's test packages. Maven already refuses a compile-time dependency on the tooling module; this
 * test also catches a fully qualified reference and a package that moves.
 */
class ProgramBoundaryTest {

    static final Path PROGRAM = Path.of("program/src/main/java");
    static final Pattern FORBIDDEN = Pattern.compile("\\b(hipaa\\.(offline|guardrails|plan)\\.|com\\.pulumi\\.test\\b)");

    @Test
    void theProgramReferencesNoToolingAndNoSdkTestPackage() throws IOException {
        var offending = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(PROGRAM)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (FORBIDDEN.matcher(lines.get(i)).find()) {
                        offending.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(offending).as("program code that reaches into the tooling or the SDK's test packages").isEmpty();
    }

    @Test
    void theToolingPackagesLiveOnlyInTheToolingModule() {
        for (var pkg : new String[]{"offline", "guardrails", "plan"}) {
            assertThat(PROGRAM.resolve("hipaa").resolve(pkg)).as("program/ holds no hipaa." + pkg).doesNotExist();
        }
        assertThat(Path.of("Pulumi.yaml")).content().contains("main: program/");
    }
}
