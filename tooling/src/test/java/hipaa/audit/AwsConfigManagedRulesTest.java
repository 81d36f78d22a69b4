package hipaa.audit;

import com.pulumi.core.Output;
import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.settings.Regions;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The managed-rule data file and the guards built on it. */
class AwsConfigManagedRulesTest {

    @Test
    void theDataFileNamesItsSourceAndTheDateItWasRead() throws IOException {
        var text = Files.readString(ConfigRulesStackTest.DATA_FILE, StandardCharsets.UTF_8);
        assertThat(text).contains("Source: AWS Config Developer Guide, \"List of AWS Config Managed Rules\"")
                .contains("https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html")
                .containsPattern("Read: 20\\d\\d-\\d\\d-\\d\\d\\.");
        assertThat(AwsConfigManagedRules.all()).hasSize(ConfigRulesStackTest.dataFile().size());
    }

    @Test
    void everyRegionTheFileExcludesIsOneThisProgramSupports() {
        assertThat(AwsConfigManagedRules.all().values()).allSatisfy(e ->
                assertThat(Regions.all().keySet()).as(e.identifier()).containsAll(e.unavailableIn()));
    }

    @Test
    void aMisspelledIdentifierOrParameterStopsTheProgram() {
        assertThatThrownBy(() -> new ConfigRules.ManagedRule("restricted-ssh", "INCOMING_SSH_DISABLE", Map.of(), List.of(),
                ConfigRules.Origin.QUICK_START, "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("'INCOMING_SSH_DISABLE' is not an AWS Config managed rule identifier listed in "
                        + "/hipaa/audit/config-managed-rules.tsv; check the spelling against the rule's page in the AWS Config Developer Guide");
        assertThatThrownBy(() -> new ConfigRules.ManagedRule("required-tags-x", "REQUIRED_TAGS",
                Map.of("tagKey1", Output.of("x")), List.of(), ConfigRules.Origin.QUICK_START, "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("REQUIRED_TAGS has no parameter 'tagKey1'; its page documents tag1Key, tag1Value, tag2Key");
    }

    @Test
    void malformedOrDuplicateLinesAreRefused() {
        assertThatThrownBy(() -> AwsConfigManagedRules.parse(List.of("# header", "REQUIRED_TAGS\trequired-tags\t-")))
                .hasMessage("/hipaa/audit/config-managed-rules.tsv line 2: expected 4 tab-separated columns, found 3");
        assertThatThrownBy(() -> AwsConfigManagedRules.parse(List.of("required_tags\trequired-tags\t-\t-")))
                .hasMessageContaining("line 1: malformed identifier or rule name");
        assertThatThrownBy(() -> AwsConfigManagedRules.parse(List.of("A_B\ta-b\t-\t-", "A_B\ta-b\t-\t-")))
                .hasMessage("/hipaa/audit/config-managed-rules.tsv line 2: duplicate identifier A_B");
        assertThat(AwsConfigManagedRules.parse(List.of("A_B\ta-b\tx,y\tus-east-1")).get("A_B"))
                .isEqualTo(new AwsConfigManagedRules.Entry("A_B", "a-b", java.util.Set.of("x", "y"), java.util.Set.of("us-east-1")));
    }

    @Test
    void rulesAwsDoesNotRunInTheRegionAreLeftOutAndTheirRemediationWithThem() {
        // The certificate and the image must come from the stack's Region too.
        var run = OfflineRun.run(Stacks.with("dev", Map.of("aws:region", "ap-northeast-3",
                "hipaa:certificateArn", "arn:aws:acm:ap-northeast-3:123456789012:certificate/00000000-0000-0000-0000-000000000000",
                "hipaa:containerImage", "123456789012.dkr.ecr.ap-northeast-3.amazonaws.com/hipaa-app:replace-me")), false, App::stack);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        var names = run.ofType("aws:cfg/rule:Rule").stream().map(RecordedResource::name).toList();
        assertThat(names).doesNotContain("audit-config-rule-restricted-ssh", "audit-config-rule-restricted-common-ports",
                        "audit-config-rule-guardduty-enabled-centralized")
                .contains("audit-config-rule-cloudtrail-enabled", "audit-config-rule-required-tags-owner");
        assertThat(run.ofType("aws:cfg/remediationConfiguration:RemediationConfiguration")).isEmpty();
        assertThat(run.ofType("aws:iam/role:Role")).extracting(RecordedResource::name)
                .doesNotContain("audit-config-remediate-open-ssh-role");
        var everyRuleAvailable = AwsConfigManagedRules.all().values().stream().filter(e -> e.availableIn("ap-northeast-3")).count();
        assertThat(everyRuleAvailable).isLessThan(AwsConfigManagedRules.all().size());
    }

    @Test
    void theRuleSetForAGovCloudRegionSkipsWhatGovCloudDoesNotOffer() {
        var inputs = new ConfigRules.Inputs("us-gov-west-1", List.of("Environment"), List.of("ami-0approved"), List.of("archive"), Output.of("archive"),
                Output.of(List.of("vpc-1")), Output.of(List.of("rtb-1")), Output.of("data"), Output.of("secrets"));
        var planned = ConfigRules.plan(inputs).stream().map(ConfigRules.ManagedRule::name).toList();
        assertThat(planned).contains("restricted-ssh", "cloudtrail-enabled")
                .doesNotContain("s3-account-level-public-access-blocks-periodic", "no-unrestricted-route-to-igw");
        assertThat(ConfigRules.unavailable(inputs)).contains("s3-account-level-public-access-blocks-periodic",
                "no-unrestricted-route-to-igw", "secretsmanager-using-cmk");
        assertThat(planned.size() + ConfigRules.unavailable(inputs).size()).isEqualTo(ConfigRules.all(inputs).size());
    }

    @Test
    void theApprovedAmisRuleNeedsTheImagesInstancesRun() {
        // The program always knows them (the stack's list, or the image it resolved), so an empty list is a bug.
        assertThatThrownBy(() -> new ConfigRules.Inputs("us-east-1", List.of("Environment"), List.of(), List.of("archive"),
                Output.of("archive"), Output.of(List.of("vpc-1")), Output.of(List.of("rtb-1")), Output.of("data"), Output.of("secrets")))
                .hasMessage("approvedAmiIds: empty; the approved-amis-by-id rule needs the images instances run");
    }

    @Test
    void tagKeysBecomeStableRuleNames() {
        assertThat(ConfigRules.slug("DataClassification")).isEqualTo("dataclassification");
        assertThat(ConfigRules.slug("aws:cost/center")).isEqualTo("aws-cost-center");
        assertThat(ConfigRules.slug("::")).isEqualTo("key");
    }
}
