package hipaa.audit;

import com.pulumi.core.Output;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.offline.OfflineEngine;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The component on its own: what the whole stacks do not exercise yet (the alert topic arrives with issue 8). */
class ConfigComplianceTest {

    static final AwsAccount ACCOUNT = new AwsAccount("aws", "us-east-1", OfflineEngine.ACCOUNT_ID);
    static final String TOPIC = "arn:aws:sns:us-east-1:" + OfflineEngine.ACCOUNT_ID + ":hipaa-prod-alerts";

    static OfflineRun.Result run(ConfigCompliance.Args args) {
        var run = OfflineRun.run(Stacks.with("prod", Map.of()), false, ctx -> new ConfigCompliance("cc", args, null));
        assertThat(run.succeeded()).as(run::failure).isTrue();
        return run;
    }

    @Test
    void anAlertTopicBecomesTheOnlyTargetOfTheNonCompliantRule() {
        var run = run(new ConfigCompliance.Args(new Naming("hipaa-prod", ACCOUNT), Optional.empty(), List.of(), true,
                Optional.of(Output.of(TOPIC)), false, Output.of(List.of())));
        assertThat(run.ofType("aws:cloudwatch/eventTarget:EventTarget")).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("cc-noncompliant-alert");
            assertThat(t.inputs()).isEqualTo(Map.of("rule", "hipaa-prod-config-noncompliant", "targetId", "alert-topic",
                    "arn", TOPIC));
        });
    }

    @Test
    void withoutTheRecorderOrTheOpenSshRuleThereIsNoRecorderRoleAndNoRemediation() {
        var rule = new ConfigRules.ManagedRule("cloudtrail-enabled", "CLOUD_TRAIL_ENABLED", Map.of(), List.of(),
                ConfigRules.Origin.BOTH, "164.312(b) audit controls");
        var run = run(new ConfigCompliance.Args(new Naming("hipaa-prod", ACCOUNT), Optional.empty(), List.of(rule), true,
                Optional.empty(), false, Output.of(List.of())));
        assertThat(run.resources()).extracting(RecordedResource::type).doesNotContain("aws:cfg/recorder:Recorder",
                "aws:cfg/remediationConfiguration:RemediationConfiguration", "aws:iam/role:Role",
                "aws:cloudwatch/eventTarget:EventTarget");
        assertThat(run.named("aws:cfg/rule:Rule", "cc-rule-cloudtrail-enabled").inputs()).isEqualTo(Map.of(
                "name", "hipaa-prod-cloudtrail-enabled",
                "description", "HIPAA 164.312(b) audit controls. From the AWS HIPAA Quick Start and Operational Best Practices for HIPAA Security.",
                "source", Map.of("owner", "AWS", "sourceIdentifier", "CLOUD_TRAIL_ENABLED")));
    }

    @Test
    void twoRulesWithOneNameAreRefused() {
        var rule = new ConfigRules.ManagedRule("x", "CLOUD_TRAIL_ENABLED", Map.of(), List.of(), ConfigRules.Origin.BOTH, "s");
        assertThatThrownBy(() -> new ConfigCompliance.Args(new Naming("p", ACCOUNT), Optional.empty(), List.of(rule, rule), true,
                Optional.empty(), false, Output.of(List.of()))).hasMessage("rules: two rules share a name");
    }
}
