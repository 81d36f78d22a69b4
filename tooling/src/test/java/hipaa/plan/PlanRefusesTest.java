package hipaa.plan;

import hipaa.offline.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./plan} on a stack that {@code pulumi preview} would refuse: exit 1, the message the user would see and
 * nothing planned. Each case runs on a copy of the real project with one stack file changed.
 */
class PlanRefusesTest {

    @TempDir
    Path project;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plan(Path dir, String... args) throws IOException {
        return Plan.run(args, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The real project, with {@code from} replaced by {@code to} in one stack file. */
    private void copyWith(String stack, String from, String to) throws IOException {
        for (var file : new String[]{"Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"}) {
            Files.copy(Path.of(file), project.resolve(file));
        }
        Files.createDirectories(project.resolve("guardrails"));
        Files.copy(Path.of("guardrails/exemptions.yaml"), project.resolve("guardrails/exemptions.yaml"));
        var stackFile = project.resolve("Pulumi." + stack + ".yaml");
        var text = Files.readString(stackFile);
        assertThat(text).contains(from);
        Files.writeString(stackFile, text.replace(from, to));
    }

    @Test
    void aMisspeltKeyExitsOneNamingTheKeyAndTheKeyItMeant() throws IOException {
        copyWith("dev", "hipaa:natStrategy: single", "hipaa:natStrategie: single");
        assertThat(plan(project, "dev")).isEqualTo(Plan.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Stack 'dev' has 1 configuration problem; nothing was created.
                  - hipaa:natStrategie: found "single"; is not a key this program reads; did you mean hipaa:natStrategy? \
                (docs/CONFIG.md lists every key)
                Fix them in Pulumi.dev.yaml, or with `pulumi config set <key> <value> --stack dev`; docs/CONFIG.md lists every key.
                """);
        assertThat(project.resolve("target/plan/dev")).doesNotExist();
    }

    @Test
    void theProdStackRelabelledDevExitsOne() throws IOException {
        copyWith("prod", "hipaa:environment: prod", "hipaa:environment: dev\n  hipaa:deletionProtection: false");
        assertThat(plan(project, "prod")).isEqualTo(Plan.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Stack 'prod' has 2 configuration problems; nothing was created.\n")
                .contains("  - hipaa:environment: found \"dev\"; the stack is named prod, so its environment is prod")
                .contains("  - hipaa:deletionProtection: found \"false\"; prod stacks must keep deletion protection on")
                .doesNotContain("Exception", "\tat ");
        assertThat(project.resolve("target/plan/prod")).doesNotExist();
    }

    @Test
    void aStackTheCliWouldRefuseExitsOneWithTheClisMessage() throws IOException, URISyntaxException {
        var tiny = Path.of(Objects.requireNonNull(getClass().getResource("/hipaa/offline/cli-rules/tiny")).toURI());
        assertThat(plan(tiny, "missing-two")).isEqualTo(Plan.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("Stack 'missing-two' is missing configuration values 'owner' and 'token'\n");
        assertThat(StackFiles.stacks(tiny)).contains("missing-two");
        assertThat(plan(tiny, "qa")).isEqualTo(Plan.BAD_ARGUMENTS);
    }
}
