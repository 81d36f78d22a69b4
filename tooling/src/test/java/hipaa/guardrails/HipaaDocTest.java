package hipaa.guardrails;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/HIPAA.md names only rules that exist, so the mapping cannot point at nothing. */
class HipaaDocTest {
    @Test
    void everyRuleTheSafeguardsPageNamesIsInTheCatalogue() throws IOException {
        var ids = Pattern.compile("`([a-z0-9]+(?:-[a-z0-9]+)+)`").matcher(Files.readString(Path.of("docs/HIPAA.md")))
                .results().map(m -> m.group(1)).distinct().toList();
        assertThat(ids).hasSizeGreaterThan(30);
        assertThat(ids).allSatisfy(id -> assertThat(GuardrailRules.byId(id)).as(id).isPresent());
    }
}
