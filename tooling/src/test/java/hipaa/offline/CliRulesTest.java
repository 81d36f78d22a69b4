package hipaa.offline;

import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the Pulumi CLI does with a project's and a stack's config before it starts the program, pinned by the
 * fixture projects in {@code src/test/resources/hipaa/offline/cli-rules}: every stack file there starts with
 * {@code # expect: ok} or {@code # expect: <the CLI's message>}. The fixtures and the real stacks go through
 * {@link StackFiles#load}, the code the offline plan and every whole-stack test use.
 */
class CliRulesTest {

    static Path fixtures() {
        try {
            return Path.of(Objects.requireNonNull(CliRulesTest.class.getResource("/hipaa/offline/cli-rules")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        var out = new ArrayList<Arguments>();
        try (var projects = Files.list(fixtures())) {
            for (var project : projects.sorted().toList()) {
                for (var stack : StackFiles.stacks(project)) {
                    out.add(Arguments.of(project.getFileName() + "/" + stack, project, stack, expectation(project, stack)));
                }
            }
        }
        return out.stream();
    }

    private static String expectation(Path project, String stack) {
        try {
            var file = StackFiles.stackDirectory(project).resolve("Pulumi." + stack + ".yaml");
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect: ")).findFirst()
                    .map(l -> l.substring("# expect: ".length()))
                    .orElseThrow(() -> new IllegalStateException(file + " has no `# expect:` line"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachFixtureGetsTheCliAnswer(String name, Path project, String stack, String expected) {
        if (expected.equals("ok")) {
            assertThat(StackFiles.load(project, stack).stack()).isEqualTo(stack);
        } else {
            assertThatThrownBy(() -> StackFiles.load(project, stack))
                    .isInstanceOf(StackFiles.StackFileException.class)
                    .isNotInstanceOf(StackFiles.NoSuchStackException.class)
                    .hasMessage(expected);
        }
    }

    @Test
    void theFixtureSetCoversEveryRule() throws IOException {
        var expectations = cases().map(a -> (String) a.get()[3]).toList();
        assertThat(expectations).hasSize(24)
                .anyMatch(e -> e.contains("is missing configuration value '"))
                .anyMatch(e -> e.contains("is missing configuration values '") && e.contains("' and '"))
                .anyMatch(e -> e.contains("must be of type 'integer'"))
                .anyMatch(e -> e.contains("must be of type 'boolean'"))
                .anyMatch(e -> e.contains("must be of type 'string'"))
                .anyMatch(e -> e.contains("must be of type 'array<string>'"))
                .anyMatch(e -> e.contains("must be encrypted as it's secret"))
                .anyMatch(e -> e.startsWith("could not parse "))
                .anyMatch(e -> e.startsWith("Configuration key 'aws:region' is not namespaced by the project"));
    }

    @Test
    void defaultsAndProjectValuesAreMergedAndTheStackWins() {
        var tiny = fixtures().resolve("tiny");
        var good = StackFiles.load(tiny, "good");
        assertThat(good.values())
                .containsEntry("tiny:size", "3")                // the stack's value
                .containsEntry("tiny:enabled", "true")          // typed default
                .containsEntry("tiny:zones", "[\"a\",\"b\"]")   // list default, as JSON
                .containsEntry("tiny:region", "us-east-1")      // shorthand: a default in the project's namespace
                .containsEntry("aws:region", "us-west-2")       // shorthand: a value in another namespace
                .containsEntry("tiny:extra", "anything")        // undeclared keys reach the program
                .containsEntry("tiny:token", "offline-secret:tiny:token");
        assertThat(good.secretKeys()).containsExactly("tiny:token");

        var override = StackFiles.load(tiny, "override");
        assertThat(override.values()).containsEntry("aws:region", "us-east-2").containsEntry("tiny:zones", "[\"c\"]")
                .containsEntry("tiny:enabled", "false").containsEntry("tiny:name", "shop").containsEntry("tiny:size", "2")
                .doesNotContainKey("tiny:config:name");

        var elsewhere = StackFiles.load(fixtures().resolve("stack-config-dir"), "here");
        assertThat(elsewhere.values()).containsEntry("p8:x", "1").containsEntry("p8:y", "found");
    }

    @Test
    void anUnknownStackIsABadArgumentNotARefusal() {
        assertThatThrownBy(() -> StackFiles.load(fixtures().resolve("tiny"), "qa"))
                .isInstanceOf(StackFiles.NoSuchStackException.class)
                .hasMessageContaining("no stack file Pulumi.qa.yaml").hasMessageContaining("stacks here: array-items, bare-key");
    }

    /** Every stack file, the organization's included: the CLI reads each before its program starts. */
    static java.util.stream.Stream<String> everyStackFile() {
        return StackFiles.stacks(Stacks.PROJECT).stream();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("everyStackFile")
    void theRealStacksPassTheCliRules(String stack) {
        var config = StackFiles.load(Stacks.PROJECT, stack);
        assertThat(config.values()).containsKeys("aws:region", "hipaa:environment", "hipaa:owner");
    }
}
