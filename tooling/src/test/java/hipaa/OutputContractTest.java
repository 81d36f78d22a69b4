package hipaa;

import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack outputs are a contract with the applications that read them: the set of names per stack is
 * pinned in src/test/resources/hipaa/output-contract/<stack>.txt, so renaming or removing an output fails
 * the build until the pin (and docs/OUTPUTS.md, and the consumers) are changed on purpose.
 */
class OutputContractTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void outputNamesAreExactlyThePinnedContract(String stack) throws IOException {
        var pin = Path.of("tooling/src/test/resources/hipaa/output-contract/" + stack + ".txt");
        assertThat(pin).as("pin the outputs of stack " + stack + " in " + pin).exists();
        var pinned = Files.readAllLines(pin).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(Stacks.run(stack).outputs().keySet()).containsExactlyInAnyOrderElementsOf(pinned);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void noOutputCarriesAPasswordOrASecretValueInClear(String stack) {
        var run = Stacks.run(stack);
        run.outputs().forEach((name, v) -> {
            assertThat(name.toLowerCase(java.util.Locale.ROOT)).as(name).doesNotContain("password");
            assertThat(String.valueOf(v.value())).as(name).doesNotContain("offline-secret:").doesNotContainIgnoringCase("password=");
        });
        // Secret config values would arrive as offline-secret:<key>; none may reach an unmarked output.
        run.config().secretKeys().forEach(k -> run.outputs().forEach((name, v) ->
                assertThat(v.secret() || !String.valueOf(v.value()).contains(k)).as(name).isTrue()));
    }
}
