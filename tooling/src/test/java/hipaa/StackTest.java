package hipaa;

import com.google.gson.JsonParser;
import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real program once per real stack file and checks what every stack must hold, whatever its
 * values: a clean run, unique names, one explicit provider in the validated Region, and the required
 * tags on everything. Domain tests (network, keys, ...) check the rest.
 */
class StackTest {

    static java.util.stream.Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void runsWithoutErrors(String stack) {
        var run = Stacks.run(stack);
        assertThat(run.result().exitCode()).as(run::failure).isZero();
        assertThat(run.result().errors()).isEmpty();
        assertThat(run.result().exceptions()).isEmpty();
        assertThat(run.resources()).hasSizeGreaterThan(50);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyResourceHasAUniqueTypeAndName(String stack) {
        var seen = new HashSet<String>();
        var duplicates = Stacks.run(stack).resources().stream()
                .map(r -> r.type() + "::" + r.name()).filter(k -> !seen.add(k)).toList();
        assertThat(duplicates).isEmpty();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void oneExplicitProviderInTheConfiguredRegionCarriesEveryAwsResource(String stack) {
        var run = Stacks.run(stack);
        var providers = run.ofType("pulumi:providers:aws");
        // The audit evidence's second Region (prod) has its own explicit provider, and only the replica uses it.
        var replicaRegion = Stacks.settings(stack).audit().replicaRegion();
        assertThat(providers).extracting(RecordedResource::name).containsExactlyElementsOf(
                replicaRegion.isPresent() ? List.of("aws", "aws-audit-replica") : List.of("aws"));
        assertThat(providers.get(0).inputs()).containsEntry("region", Stacks.settings(stack).region());
        replicaRegion.ifPresent(region -> assertThat(providers.get(1).inputs()).containsEntry("region", region)
                .containsEntry("defaultTags", providers.get(0).inputs().get("defaultTags")));
        assertThat(run.config().values()).containsEntry("pulumi:disable-default-providers", "[\"aws\"]");
        var onOtherProviders = run.resources().stream().filter(RecordedResource::isCustomAws)
                .filter(r -> !r.provider().contains("pulumi:providers:aws::aws::"))
                .filter(r -> !(r.name().startsWith("audit-replica") && r.provider().contains("pulumi:providers:aws::aws-audit-replica::")))
                .map(RecordedResource::label).toList();
        assertThat(onOtherProviders).isEmpty();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void defaultTagsCarryEveryRequiredKeyAndNoResourceOverridesThemWithBlanks(String stack) {
        var run = Stacks.run(stack);
        var settings = Stacks.settings(stack);
        var provider = run.named("pulumi:providers:aws", "aws");
        // Explicit providers receive their inputs as JSON strings: {"tags":{...}}.
        var defaultTags = JsonParser.parseString((String) provider.inputs().get("defaultTags")).getAsJsonObject()
                .getAsJsonObject("tags").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getAsString()));
        assertThat(defaultTags).containsKeys(settings.requiredTagKeys().toArray(String[]::new));
        assertThat(defaultTags).containsEntry("Environment", run.config().values().get("hipaa:environment"))
                .containsEntry("Owner", run.config().values().get("hipaa:owner"))
                .containsEntry("DataClassification", "phi")
                .containsEntry("Stack", stack)
                .containsEntry("Project", "hipaa");
        assertThat(defaultTags.values()).allSatisfy(v -> assertThat(v).isNotBlank());
        var overriding = run.resources().stream().filter(RecordedResource::isCustomAws)
                .filter(r -> r.map("tags").keySet().stream().anyMatch(settings.requiredTagKeys()::contains))
                .map(RecordedResource::label).toList();
        assertThat(overriding).as("resources that override a required tag").isEmpty();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyStackOutputIsKnownAndNoneIsEmpty(String stack) {
        var outputs = Stacks.run(stack).outputs();
        assertThat(outputs).isNotEmpty();
        outputs.forEach((name, v) -> {
            assertThat(v.known()).as(name).isTrue();
            assertThat(v.value()).as(name).isNotNull();
        });
    }
}
