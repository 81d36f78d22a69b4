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
    void everyKeyTheProgramReadsIsDescribedAndEveryDescriptionNamesSuchAKey() throws IOException {
        var read = ConfigDocs.keys().stream().map(KeyDoc::key).toList();
        var described = ConfigDocs.descriptions();
        assertThat(described.keySet()).containsExactlyInAnyOrderElementsOf(read);
        described.forEach((key, text) -> assertThat(text).as(key).isNotBlank());
    }

    /**
     * The CLI would make a declared key without a default required, and merge a declared default into the stack's
     * config so the program could no longer tell it from a value the stack set (pulumi/pulumi config.go
     * mergeConfig): the program owns every key, and Pulumi.yaml declares none.
     */
    @Test
    void pulumiYamlLeavesEveryKeyToTheProgram() throws IOException {
        Map<String, Object> project = new Yaml().load(Files.readString(Path.of("Pulumi.yaml")));
        assertThat(project).as("Pulumi.yaml").doesNotContainKey("config");
    }
}
