package hipaa.organization;

import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Policies;
import hipaa.testing.Policies.St;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security account's stack as {@code Pulumi.org-security.yaml} deploys it: the organization's detection run
 * from the delegated administrator, and the security team's topic that only this account's findings rules and
 * the organization's roles may publish to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityStackTest {

    static final String STACK = "org-security";
    static final String ACCOUNT = "333333333333";
    static final String ORGANIZATION = "o-a1b2c3d4e5";
    static final String PREFIX = "hipaa-org-security";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:" + ACCOUNT + ":" + PREFIX + "-alerts";

    private OfflineRun.Result run;

    @BeforeAll
    void run() {
        run = Stacks.run(STACK);
        assertThat(run.succeeded()).as(run.failure()).isTrue();
    }

    @Test
    void guardDutyEnablesEveryMemberWithTheProtectionsOfTheSettings() {
        var detector = run.named("aws:guardduty/detector:Detector", "detection-guardduty");
        assertThat(detector.inputs()).containsEntry("enable", true);
        var organization = run.named("aws:guardduty/organizationConfiguration:OrganizationConfiguration", "detection-guardduty-organization");
        assertThat(organization.inputs()).containsEntry("detectorId", detector.id())
                .containsEntry("autoEnableOrganizationMembers", "ALL")
                .doesNotContainKeys("autoEnable", "datasources");
        var features = run.ofType("aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature");
        assertThat(features).extracting(f -> f.inputs().get("name") + "=" + f.inputs().get("autoEnable") + "@" + f.inputs().get("detectorId"))
                .containsExactlyInAnyOrder("S3_DATA_EVENTS=ALL@" + detector.id(), "EBS_MALWARE_PROTECTION=ALL@" + detector.id());
        assertThat(run.ofType("aws:guardduty/detectorFeature:DetectorFeature"))
                .extracting(f -> f.inputs().get("name") + "=" + f.inputs().get("status"))
                .containsExactlyInAnyOrder("S3_DATA_EVENTS=ENABLED", "EBS_MALWARE_PROTECTION=ENABLED");
    }

    @Test
    void guardDutyProtectionsTurnedOffAreOffForEveryMember() {
        var off = OfflineRun.run(Stacks.with(STACK, Map.of("hipaa:guardDutyS3Protection", "false",
                "hipaa:guardDutyEbsMalwareProtection", "false")), false, hipaa.App::stack);
        assertThat(off.succeeded()).as(off.failure()).isTrue();
        assertThat(off.ofType("aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature"))
                .extracting(f -> f.inputs().get("name") + "=" + f.inputs().get("autoEnable"))
                .containsExactlyInAnyOrder("S3_DATA_EVENTS=NONE", "EBS_MALWARE_PROTECTION=NONE");
        assertThat(off.ofType("aws:guardduty/organizationConfiguration:OrganizationConfiguration"))
                .singleElement().satisfies(o -> assertThat(o.inputs()).containsEntry("autoEnableOrganizationMembers", "ALL"));
    }

    @Test
    void securityHubAutoEnablesNewMembersUnderLocalConfiguration() {
        var hub = run.named("aws:securityhub/account:Account", "detection-securityhub");
        assertThat(hub.inputs()).containsEntry("enableDefaultStandards", false).containsEntry("controlFindingGenerator", "SECURITY_CONTROL");
        assertThat(run.protection(hub).protect()).isTrue();
        var organization = run.named("aws:securityhub/organizationConfiguration:OrganizationConfiguration", "detection-securityhub-organization");
        assertThat(organization.inputs()).containsEntry("autoEnable", true)
                .containsEntry("autoEnableStandards", "DEFAULT")
                .containsEntry("organizationConfiguration", Map.of("configurationType", "LOCAL"));
        assertThat(run.dependenciesOf(organization)).contains("aws:securityhub/account:Account::detection-securityhub");
        assertThat(run.ofType("aws:securityhub/standardsSubscription:StandardsSubscription")).extracting(s -> s.inputs().get("standardsArn"))
                .containsExactly("arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0");
    }

    @Test
    void theAccessAnalyzerTrustsTheOrganization() {
        assertThat(run.ofType("aws:accessanalyzer/analyzer:Analyzer")).singleElement().satisfies(a -> assertThat(a.inputs())
                .containsEntry("type", "ORGANIZATION").containsEntry("analyzerName", PREFIX + "-organization"));
    }

    @Test
    void theConfigAggregatorReadsTheWholeOrganizationInEveryRegion() {
        var role = run.named("aws:iam/role:Role", "detection-config-aggregator-role");
        var aggregator = run.named("aws:cfg/configurationAggregator:ConfigurationAggregator", "detection-config-aggregator");
        assertThat(aggregator.inputs()).doesNotContainKey("accountAggregationSource")
                .containsEntry("organizationAggregationSource", Map.of("allRegions", true, "roleArn", role.arn().orElseThrow()));
        assertThat(run.named(Policies.ROLE_ATTACHMENT, "detection-config-aggregator-role-policy").inputs())
                .containsEntry("role", role.inputs().get("name"))
                .containsEntry("policyArn", "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations");
        assertThat(run.dependenciesOf(aggregator)).contains(Policies.ROLE_ATTACHMENT + "::detection-config-aggregator-role-policy");
        var trust = Policies.statements((String) role.inputs().get("assumeRolePolicy"));
        assertThat(trust).singleElement().satisfies(s -> {
            assertThat(s.principals()).isEqualTo(Map.of("Service", List.of("config.amazonaws.com")));
            assertThat(s.actions()).containsExactly("sts:AssumeRole");
            assertThat(s.conditions()).isEqualTo(Map.of("StringEquals", Map.of("aws:SourceAccount", List.of(ACCOUNT))));
        });
    }

    @Test
    void onlyThisAccountsFindingsRulesAndTheOrganizationsRolesPublish() {
        var topic = run.named("aws:sns/topic:Topic", "security-alerts-topic");
        assertThat(topic.arn()).contains(TOPIC_ARN);
        var policy = run.named("aws:sns/topicPolicy:TopicPolicy", "security-alerts-topic-policy");
        assertThat(policy.inputs()).containsEntry("arn", TOPIC_ARN);
        var statements = Policies.statements((String) policy.inputs().get("policy"));
        var publishers = statements.stream().filter(St::isAllow).filter(s -> s.actions().contains("sns:Publish")).toList();
        var rules = List.of("guardduty-findings", "securityhub-findings", "access-analyzer-findings").stream()
                .map(id -> "arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + PREFIX + "-" + id).toList();
        assertThat(publishers).extracting(St::sid).containsExactly("FindingsRulesOfThisAccountPublish", "OrganizationRolesPublish");
        assertThat(publishers.get(0).principals()).isEqualTo(Map.of("Service", List.of("events.amazonaws.com")));
        assertThat(publishers.get(0).conditions()).isEqualTo(Map.of(
                "StringEquals", Map.of("aws:SourceAccount", List.of(ACCOUNT)),
                "ArnEquals", Map.of("aws:SourceArn", rules)));
        assertThat(publishers.get(1).principals()).isEqualTo(Map.of("AWS", List.of("*")));
        assertThat(publishers.get(1).conditions()).isEqualTo(Map.of(
                "StringEquals", Map.of("aws:PrincipalOrgID", List.of(ORGANIZATION)),
                "ArnLike", Map.of("aws:PrincipalArn", List.of("arn:aws:iam::*:role/*"))));
        // No other allow names "*" or publishes; every statement guards this topic only.
        assertThat(statements).filteredOn(St::isAllow).filteredOn(s -> s.principals().containsKey("AWS")
                && s.principals().get("AWS").contains("*")).extracting(St::sid).containsExactly("OrganizationRolesPublish");
        assertThat(statements).extracting(St::sid).containsExactly("TopicOwnerThisAccount", "FindingsRulesOfThisAccountPublish",
                "OrganizationRolesPublish", "DenyPublishWithoutTls");
        assertThat(statements).allSatisfy(s -> assertThat(s.resources()).containsExactly(TOPIC_ARN));
        var deny = Policies.statement((String) policy.inputs().get("policy"), "DenyPublishWithoutTls");
        assertThat(deny.effect()).isEqualTo("Deny");
        assertThat(deny.conditions()).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", List.of("false"))));
    }

    @Test
    void theKeyAdmitsTheSamePublishersOnlyThroughSns() {
        var key = run.named("aws:kms/key:Key", "security-alerts-key");
        assertThat(run.protection(key).protect()).isTrue();
        assertThat(key.inputs()).containsEntry("enableKeyRotation", true);
        assertThat(run.named("aws:sns/topic:Topic", "security-alerts-topic").inputs()).containsEntry("kmsMasterKeyId", key.arn().orElseThrow());
        var statements = Policies.statements((String) key.inputs().get("policy"));
        assertThat(statements).extracting(St::sid).containsExactly("EnableIamPoliciesInThisAccount",
                "AllowEventBridgeRulesToPublish", "AllowOrganizationRolesToPublishThroughSns");
        assertThat(statements.get(0).principals()).isEqualTo(Map.of("AWS", List.of("arn:aws:iam::" + ACCOUNT + ":root")));
        assertThat(statements.get(1).principals()).isEqualTo(Map.of("Service", List.of("events.amazonaws.com")));
        assertThat(statements.get(1).actions()).containsExactly("kms:GenerateDataKey*", "kms:Decrypt");
        var org = statements.get(2);
        assertThat(org.principals()).isEqualTo(Map.of("AWS", List.of("*")));
        assertThat(org.actions()).containsExactly("kms:GenerateDataKey*", "kms:Decrypt");
        assertThat(org.conditions()).isEqualTo(Map.of(
                "StringEquals", Map.of("aws:PrincipalOrgID", List.of(ORGANIZATION), "kms:ViaService", List.of("sns.us-east-1.amazonaws.com")),
                "ArnLike", Map.of("aws:PrincipalArn", List.of("arn:aws:iam::*:role/*"))));
    }

    @Test
    void theFindingsRulesOfSingleModeTargetTheSecurityTopic() {
        var rules = run.ofType("aws:cloudwatch/eventRule:EventRule");
        assertThat(rules).extracting(r -> r.inputs().get("name")).containsExactlyInAnyOrder(PREFIX + "-guardduty-findings",
                PREFIX + "-securityhub-findings", PREFIX + "-access-analyzer-findings");
        var single = hipaa.alerting.FindingAlerts.findings(hipaa.alerting.FindingAlerts.Severity.MEDIUM);
        for (var rule : rules) {
            var id = ((String) rule.inputs().get("name")).substring(PREFIX.length() + 1);
            assertThat(rule.inputs().get("eventPattern")).as(id)
                    .isEqualTo(single.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow().pattern());
        }
        assertThat(run.named("aws:cloudwatch/eventRule:EventRule", "findings-guardduty-findings").inputs().get("eventPattern").toString())
                .contains("{\"numeric\":[\">=\",4.0]}");
        assertThat(run.ofType("aws:cloudwatch/eventTarget:EventTarget")).hasSize(3).allSatisfy(t -> assertThat(t.inputs())
                .containsEntry("arn", TOPIC_ARN));
        assertThat(run.ofType("aws:cloudwatch/eventTarget:EventTarget")).extracting(t -> t.inputs().get("rule"))
                .containsExactlyInAnyOrderElementsOf(rules.stream().map(r -> r.inputs().get("name")).toList());
    }

    @Test
    void theGuardDutyThresholdFollowsTheSetting() {
        var high = OfflineRun.run(Stacks.with(STACK, Map.of("hipaa:guardDutyMinSeverity", "HIGH")), false, hipaa.App::stack);
        assertThat(high.succeeded()).as(high.failure()).isTrue();
        assertThat(high.named("aws:cloudwatch/eventRule:EventRule", "findings-guardduty-findings").inputs().get("eventPattern").toString())
                .contains("{\"numeric\":[\">=\",7.0]}");
    }

    @Test
    void theSecurityAlertsAddressesSubscribe() {
        assertThat(run.ofType("aws:sns/topicSubscription:TopicSubscription")).singleElement().satisfies(s -> assertThat(s.inputs())
                .containsEntry("protocol", "email").containsEntry("endpoint", "security-alerts@example.com")
                .containsEntry("topic", TOPIC_ARN));
    }

    @Test
    void exportsTheTopicForTheWorkloads() {
        assertThat(run.outputs().get(OrganizationOutputs.SECURITY_TOPIC_ARN).value()).isEqualTo(TOPIC_ARN);
        assertThat(run.outputs().get(OrganizationOutputs.SECURITY_TOPIC_KEY_ARN).value())
                .isEqualTo(run.named("aws:kms/key:Key", "security-alerts-key").arn().orElseThrow());
        assertThat(run.outputs()).containsOnlyKeys("region", "availabilityZones", OrganizationOutputs.SECURITY_TOPIC_ARN,
                OrganizationOutputs.SECURITY_TOPIC_KEY_ARN);
    }

    @Test
    void theDetectorKeepsTheOrganizationsFindings() {
        RecordedResource detector = run.named("aws:guardduty/detector:Detector", "detection-guardduty");
        assertThat(run.protection(detector).protect()).isTrue();
        assertThat(run.protection(detector).retainOnDelete()).isTrue();
    }
}
