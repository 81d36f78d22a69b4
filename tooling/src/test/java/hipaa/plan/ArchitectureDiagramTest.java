package hipaa.plan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureDiagramTest {
    @Test
    void theArchitecturePageShowsTheDiagramThePlanDrawsForProd() throws IOException {
        var page = Files.readString(Path.of("docs/ARCHITECTURE.md"));
        assertThat(ArchitectureDiagram.current(page))
                .as("docs/ARCHITECTURE.md is stale: run bin/tool hipaa.plan.ArchitectureDiagram")
                .isEqualTo(ArchitectureDiagram.render(Path.of(".")));
    }
}
