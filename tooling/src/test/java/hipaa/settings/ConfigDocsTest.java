package hipaa.settings;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDocsTest {

    @Test
    void configPageMatchesTheCode() throws IOException {
        assertThat(Files.readString(Path.of("docs/CONFIG.md")))
                .as("docs/CONFIG.md is stale: run bin/tool hipaa.settings.ConfigDocs")
                .isEqualTo(ConfigDocs.render(Path.of(".")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pulumiYamlDeclaresExactlyTheKeysTheProgramReadsWithTheSameTypes() throws IOException {
        Map<String, Object> project = new Yaml().load(Files.readString(Path.of("Pulumi.yaml")));
        var declared = (Map<String, Map<String, Object>>) project.get("config");
        var read = ConfigDocs.keys().stream().filter(k -> k.key().startsWith("hipaa:"))
                .collect(java.util.stream.Collectors.toMap(k -> k.key().substring("hipaa:".length()), KeyDoc::type));
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(read.keySet());
        declared.forEach((key, schema) -> {
            assertThat(schema.get("type")).as(key).isEqualTo(read.get(key));
            assertThat(schema).as(key + ": defaults live in code").doesNotContainKey("default");
            assertThat((String) schema.get("description")).as(key).isNotBlank();
        });
    }
}
