package hipaa.plan;

import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PlanTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plan(String... args) throws IOException {
        return Plan.run(args, Path.of("."), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void previewOfEveryStackWritesTheTreeCountsAndOutputs(String stack) throws IOException {
        assertThat(plan(stack)).as(err::toString).isZero();
        var md = Files.readString(Path.of("target/plan/" + stack + "/plan.md"));
        var run = Stacks.run(stack);
        assertThat(md).contains("| **total** | " + run.resources().size() + " |")
                .contains("\nnetwork  (hipaa:network:Network)\n", "\n  production  (hipaa:network:VpcNetwork)\n",
                        "\n    production-vpc  (aws:ec2/vpc:Vpc)\n")
                .contains("| `productionVpcId` |");
        assertThat(out.toString()).startsWith("Stack " + stack + ": " + run.resources().size() + " resources");
    }

    @Test
    void unknownStackAndBadArgumentsAreOneLineErrors() throws IOException {
        assertThat(plan("nope")).isEqualTo(2);
        assertThat(err.toString()).startsWith("plan: no stack file Pulumi.nope.yaml").endsWith("stacks here: dev, prod\n");
        err.reset();
        assertThat(plan("--help", "x")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("usage: plan [stack]   (stacks here: dev, prod)\n");
    }
}
