package hipaa.offline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StackFiles must hand the program exactly what the Pulumi CLI would. */
class StackFilesTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void scalarsBecomeStringsListsBecomeJsonAndProjectDefaultsApply() throws IOException {
        write("Pulumi.yaml", """
                name: demo
                runtime: java
                config:
                  size: {type: integer, default: 3}
                  flag: {type: boolean}
                  names: {type: array, items: {type: string}}
                  answer: {type: string}
                """);
        write("Pulumi.one.yaml", """
                config:
                  aws:region: us-east-1
                  demo:flag: true
                  demo:names: [a, b]
                  demo:answer: yes
                """);
        var c = StackFiles.load(dir, "one");
        assertThat(c.project()).isEqualTo("demo");
        assertThat(c.values()).containsEntry("demo:size", "3")
                .containsEntry("demo:flag", "true")
                .containsEntry("demo:names", "[\"a\",\"b\"]")
                // YAML 1.2 like the CLI: `yes` is a string, so strict settings can reject it.
                .containsEntry("demo:answer", "yes")
                .containsEntry("aws:region", "us-east-1");
        assertThat(c.secretKeys()).isEmpty();
    }

    @Test
    void keysTheProjectDoesNotDeclareReachTheProgramAsTheCliPassesThem() throws IOException {
        // The CLI dropped its check of undeclared keys (pulumi/pulumi config.go mergeConfig has none): the
        // program refuses the keys it does not read.
        write("Pulumi.yaml", "name: demo\nruntime: java\nconfig:\n  natStrategy: {type: string, default: perAz}\n");
        write("Pulumi.dev.yaml", "config:\n  demo:natStratgy: single\n  aws:region: us-east-1\n");
        assertThat(StackFiles.load(dir, "dev").values()).containsEntry("demo:natStratgy", "single")
                .containsEntry("demo:natStrategy", "perAz");
    }

    @Test
    void numbersReachTheProgramInTheirJsonForm() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.dev.yaml", "config:\n  demo:big: 1e3\n  demo:half: 0.5\n  demo:hex: 0x10\n  demo:text: '007'\n");
        assertThat(StackFiles.load(dir, "dev").values()).containsEntry("demo:big", "1000").containsEntry("demo:half", "0.5")
                .containsEntry("demo:hex", "16").containsEntry("demo:text", "007");
    }

    @Test
    void secureValuesBecomeMarkedPlaceholders() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.dev.yaml", "config:\n  demo:token:\n    secure: AAABAJ==\n  demo:nested:\n    inner:\n      secure: AAAB\n");
        var c = StackFiles.load(dir, "dev");
        assertThat(c.values()).containsEntry("demo:token", "offline-secret:demo:token")
                .containsEntry("demo:nested", "{\"inner\":\"offline-secret:demo:nested\"}");
        assertThat(c.secretKeys()).containsExactlyInAnyOrder("demo:token", "demo:nested");
    }

    @Test
    void aMissingStackFileNamesTheStacksThatExist() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.dev.yaml", "config: {}\n");
        write("Pulumi.prod.yaml", "config: {}\n");
        assertThat(StackFiles.stacks(dir)).containsExactly("dev", "prod");
        assertThatThrownBy(() -> StackFiles.load(dir, "qa")).hasMessageContaining("no stack file Pulumi.qa.yaml")
                .hasMessageEndingWith("stacks here: dev, prod");
    }

    @Test
    void duplicateKeysAreRejected() throws IOException {
        write("Pulumi.yaml", "name: demo\nruntime: java\n");
        write("Pulumi.dev.yaml", "config:\n  demo:a: 1\n  demo:a: 2\n");
        assertThatThrownBy(() -> StackFiles.load(dir, "dev")).hasMessageStartingWith("Pulumi.dev.yaml is not valid YAML");
    }
}
