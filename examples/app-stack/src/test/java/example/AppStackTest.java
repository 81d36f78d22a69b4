package example;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The example under the SDK's mocks, with the platform stack answered by the mock. */
class AppStackTest {

    private final List<Mocks.ResourceArgs> registered = new ArrayList<>();

    private final Mocks mocks = new Mocks() {
        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            registered.add(args);
            if (args.type.equals("pulumi:pulumi:StackReference")) {
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name), Map.of(
                        "name", args.name,
                        "outputs", Map.of("region", "us-east-1", "productionVpcId", "vpc-0abc",
                                "productionVpcCidr", "10.100.0.0/16",
                                "productionAppSubnetIds", List.of("subnet-a", "subnet-b", "subnet-c")),
                        "secretOutputNames", List.of())));
            }
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
        }
    };

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void readsThePlatformStackAndPlacesTheWorkerInItsVpc() {
        var result = PulumiTestInternal.builder()
                .options(TestOptions.builder().projectName("hipaa-app-example").stackName("dev").build())
                .mocks(mocks)
                .config(Map.of("hipaa-app-example:platformStack", "acme/hipaa/prod"), Set.of())
                .build()
                .runTest(AppStack::stack);
        assertThat(result.exitCode()).as(result.errors()::toString).isZero();

        assertThat(registered).anySatisfy(r -> {
            assertThat(r.type).isEqualTo("pulumi:pulumi:StackReference");
            assertThat(r.name).isEqualTo("acme/hipaa/prod");
        });
        var sg = registered.stream().filter(r -> r.type.equals("aws:ec2/securityGroup:SecurityGroup")).findFirst().orElseThrow();
        assertThat(sg.inputs).containsEntry("vpcId", "vpc-0abc");
        assertThat(sg.inputs).doesNotContainKey("ingress");
        assertThat(sg.inputs.get("egress").toString()).contains("cidrBlocks=[10.100.0.0/16]").contains("fromPort=443.0");
        assertThat(PulumiTest.extractValue(result.output("workerSubnetIds")))
                .isEqualTo(List.of("subnet-a", "subnet-b", "subnet-c"));
    }

    @Test
    void everyOutputItConsumesIsInThePlatformsOutputContract() throws IOException {
        var contract = Files.readString(Path.of("../../docs/OUTPUTS.md"));
        assertThat(AppStack.CONSUMED_OUTPUTS).allSatisfy(name -> assertThat(contract).contains("| `" + name + "` |"));
    }
}
