package hipaa.guardrails;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GuardrailDocsTest {
    @Test
    void guardrailsPageMatchesTheCatalogue() throws IOException {
        assertThat(Files.readString(Path.of("docs/GUARDRAILS.md")))
                .as("docs/GUARDRAILS.md is stale: run bin/tool hipaa.guardrails.GuardrailDocs")
                .isEqualTo(GuardrailDocs.render());
    }
}
