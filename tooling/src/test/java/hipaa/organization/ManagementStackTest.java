package hipaa.organization;

import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management stack as its stack file builds it: the organization, the SCPs on every target, the organization
 * trail delivering to what the log-archive stack's own run exports, the delegated administrators naming the security
 * account, and the alarms on the trail's CloudWatch Logs copy.
 */
class ManagementStackTest {
    private static final String STACK = "org-management";
    private static final String TRAIL = "aws:cloudtrail/trail:Trail";
    private static final String POLICY = "aws:organizations/policy:Policy";
    private static final String ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";
    private static final String ORGANIZATION = "aws:organizations/organization:Organization";

    private static OfflineRun.Result run() {
        var run = Stacks.run(STACK);
        assertThat(run.succeeded()).as("%s %s %s", run.result().exceptions(), run.result().errors(), run.refusals()).isTrue();
        return run;
    }

    @Test
    void theOrganizationIsAdoptedWithEveryFeatureAndTheDetectionServicesTrustedAndCanNeverBeDestroyed() {
        var run = run();
        var orgs = run.ofType(ORGANIZATION);
        assertThat(orgs).hasSize(1);
        var org = orgs.get(0);
        assertThat(org.inputs()).containsEntry("featureSet", "ALL")
                .containsEntry("enabledPolicyTypes", List.of("SERVICE_CONTROL_POLICY"));
        assertThat(org.list("awsServiceAccessPrincipals")).containsExactlyInAnyOrder("cloudtrail.amazonaws.com",
                "config.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "guardduty.amazonaws.com",
                "malware-protection.guardduty.amazonaws.com", "securityhub.amazonaws.com", "access-analyzer.amazonaws.com");
        assertThat(run.protection(org)).isEqualTo(new OfflineRun.Protection(true, true));
    }

    @Test
    void theOrganizationTrailDeliversToTheLogArchiveStacksBucketWithItsKey() {
        var run = run();
        var archive = Stacks.run("org-log-archive").outputs();
        var trails = run.ofType(TRAIL);
        assertThat(trails).hasSize(1);
        var trail = trails.get(0);
        assertThat(trail.inputs()).containsEntry("isOrganizationTrail", true).containsEntry("isMultiRegionTrail", true)
                .containsEntry("enableLogFileValidation", true).containsEntry("includeGlobalServiceEvents", true)
                .containsEntry("enableLogging", true).containsEntry("name", "hipaa-organization-trail")
                .containsEntry("s3BucketName", archive.get(OrganizationOutputs.ARCHIVE_BUCKET_NAME).value())
                .containsEntry("kmsKeyId", archive.get(OrganizationOutputs.ARCHIVE_KEY_ARN).value());
        assertThat(trail.arn()).hasValue("arn:aws:cloudtrail:us-east-1:111111111111:trail/hipaa-organization-trail");
        assertThat(run.outputs().get(OrganizationOutputs.ORGANIZATION_TRAIL_ARN).value()).isEqualTo(trail.arn().orElseThrow());
        // CloudTrail needs trusted access in the organization before it can create an organization trail.
        assertThat(run.dependencies().get(TRAIL + "::" + trail.name())).contains(ORGANIZATION + "::organization");
    }

    /**
     * The workloads' deployed cloudtrail-s3-dataevents-enabled rule names their PHI and log buckets, which the
     * management stack cannot know: only a trail recording every bucket's object events meets it.
     */
    @Test
    void theOrganizationTrailRecordsEveryBucketsObjectEventsButTheArchivesOwnDeliveries() {
        var archiveArn = "arn:aws:s3:::" + Stacks.run("org-log-archive").outputs().get(OrganizationOutputs.ARCHIVE_BUCKET_NAME).value() + "/";
        var selectors = Stacks.maps(run().ofType(TRAIL).get(0).inputs().get("advancedEventSelectors"));
        assertThat(selectors).extracting(m -> m.get("name")).containsExactly("Management events, read and write",
                "S3 object events of every bucket but the archive", "Reads of the evidence archive");
        var everyBucket = Stacks.maps(selectors.get(1).get("fieldSelectors"));
        assertThat(everyBucket).containsExactlyInAnyOrder(
                Map.of("field", "eventCategory", "equals", List.of("Data")),
                Map.of("field", "resources.type", "equals", List.of("AWS::S3::Object")),
                Map.of("field", "resources.ARN", "notStartsWiths", List.of(archiveArn)));
        var archiveReads = Stacks.maps(selectors.get(2).get("fieldSelectors"));
        assertThat(archiveReads).contains(Map.of("field", "readOnly", "equals", List.of("true")),
                Map.of("field", "resources.ARN", "startsWiths", List.of(archiveArn)));
    }

    @Test
    void theTrailsCloudWatchCopyIsEncryptedAndCloudTrailMayWriteOnlyItsStreams() {
        var run = run();
        var trail = run.ofType(TRAIL).get(0);
        var group = run.ofType("aws:cloudwatch/logGroup:LogGroup").stream()
                .filter(g -> g.string("name").orElse("").equals("/hipaa-org-management/cloudtrail")).findFirst().orElseThrow();
        assertThat(trail.string("cloudWatchLogsGroupArn")).hasValue(group.arn().orElseThrow() + ":*");
        var key = run.ofType("aws:kms/key:Key").stream().filter(k -> k.id().equals(group.string("kmsKeyId").orElse(""))
                || k.arn().equals(group.string("kmsKeyId"))).findFirst();
        assertThat(key).as("the group's key is one of the stack's keys").isPresent();
        var policy = run.ofType("aws:iam/policy:Policy").stream()
                .filter(p -> p.string("name").orElse("").equals("hipaa-org-management-cloudtrail-logs")).findFirst().orElseThrow();
        var streams = "arn:aws:logs:us-east-1:111111111111:log-group:/hipaa-org-management/cloudtrail:log-stream:";
        assertThat(policy.string("policy").orElseThrow()).contains("\"Resource\":[\"" + streams + "111111111111_CloudTrail_*\",\""
                + streams + "o-a1b2c3d4e5_*\"]");
    }

    @Test
    void theSecurityAlarmsWatchTheOrganizationTrailAndNotifyTheManagementTopic() {
        var run = run();
        var filters = run.ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter");
        assertThat(filters).isNotEmpty().allSatisfy(f ->
                assertThat(f.string("logGroupName")).hasValue("/hipaa-org-management/cloudtrail"));
        var topic = run.ofType("aws:sns/topic:Topic").stream().filter(t -> t.string("name").orElse("")
                .equals("hipaa-org-management-alerts")).findFirst().orElseThrow();
        var alarms = run.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        assertThat(alarms).hasSameSizeAs(filters).allSatisfy(a ->
                assertThat(a.list("alarmActions")).containsExactly(topic.arn().orElseThrow()));
        assertThat(run.ofType("aws:sns/topicSubscription:TopicSubscription")).extracting(s -> s.string("endpoint").orElseThrow())
                .containsExactly("security-alerts@example.com");
    }

    @Test
    void everyServiceControlPolicyIsAttachedToEveryTargetWithinTheQuotas() {
        var run = run();
        var targets = Stacks.settings(STACK).organization().scpTargetIds();
        assertThat(targets).containsExactly("444444444444", "222222222222", "333333333333");
        var policies = run.ofType(POLICY);
        assertThat(policies).extracting(p -> p.string("name").orElseThrow()).containsExactlyInAnyOrder(
                "hipaa-org-management-evidence-guard", "hipaa-org-management-account-guard");
        var attachments = run.ofType(ATTACHMENT);
        for (var p : policies) {
            assertThat(p.inputs()).containsEntry("type", "SERVICE_CONTROL_POLICY");
            assertThat(p.string("content").orElseThrow().length()).isLessThanOrEqualTo(ServiceControlPolicies.MAX_CHARACTERS);
            assertThat(attachments.stream().filter(a -> a.string("policyId").orElse("").equals(p.id()))
                    .map(a -> a.string("targetId").orElseThrow())).as(p.name()).containsExactlyInAnyOrderElementsOf(targets);
            assertThat(run.dependencies().get(POLICY + "::" + p.name())).contains(ORGANIZATION + "::organization");
        }
        assertThat(attachments).hasSize(policies.size() * targets.size());
        // FullAWSAccess stays attached to every target beside them.
        assertThat(policies.size() + 1).isLessThanOrEqualTo(ServiceControlPolicies.MAX_PER_TARGET);
    }

    @Test
    void theDelegatedAdministratorsAreTheSecurityAccountInEveryApprovedRegion() {
        var run = run();
        var settings = Stacks.settings(STACK);
        var security = settings.organization().securityAccountId();
        assertThat(security).isEqualTo("333333333333");
        var regions = settings.organization().approvedRegions();
        for (var type : List.of("aws:guardduty/organizationAdminAccount:OrganizationAdminAccount",
                "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount")) {
            var admins = run.ofType(type);
            assertThat(admins).as(type).hasSize(regions.size()).allSatisfy(a -> {
                assertThat(a.inputs()).containsEntry("adminAccountId", security);
                assertThat(run.dependencies().get(type + "::" + a.name())).contains(ORGANIZATION + "::organization");
            });
            // One per Region, each through a provider in that Region.
            assertThat(admins.stream().map(RecordedResource::provider).distinct()).hasSize(regions.size());
        }
        var delegated = run.ofType("aws:organizations/delegatedAdministrator:DelegatedAdministrator");
        assertThat(delegated).extracting(d -> d.string("servicePrincipal").orElseThrow())
                .containsExactlyInAnyOrder("access-analyzer.amazonaws.com", "config.amazonaws.com");
        assertThat(delegated).allSatisfy(d -> {
            assertThat(d.inputs()).containsEntry("accountId", security);
            assertThat(run.dependencies().get("aws:organizations/delegatedAdministrator:DelegatedAdministrator::" + d.name()))
                    .contains(ORGANIZATION + "::organization");
        });
    }

    private static final Pattern HIPAA = Pattern.compile("164\\.3\\d\\d\\([a-z]\\)(\\(\\d+\\))?(\\([ivx]+\\))?(\\([A-Z]\\))?"
            + "(; 164\\.3\\d\\d\\([a-z]\\)(\\(\\d+\\))?(\\([ivx]+\\))?(\\([A-Z]\\))?)*");

    @Test
    void everyStatementNamesItsHipaaSectionAndExemptsOnlyTheDeployerAndBreakGlassRoles() {
        var scope = new ServiceControlPolicies.Scope("aws", "hipaa", List.of("us-east-1"));
        var statements = ServiceControlPolicies.statements(scope);
        assertThat(statements).hasSize(11);
        for (var g : statements) {
            assertThat(g.hipaa()).as(g.statement().sid()).matches(HIPAA);
            assertThat(g.purpose()).as(g.statement().sid()).isNotBlank();
            assertThat(g.statement().effect()).isEqualTo("Deny");
            var exempt = g.statement().sid().equals(ServiceControlPolicies.PROTECT_EXEMPT_ROLES)
                    ? List.of("arn:aws:iam::*:role/hipaa-*-deployer")
                    : List.of("arn:aws:iam::*:role/hipaa-*-deployer", "arn:aws:iam::*:role/hipaa-*-break-glass");
            assertThat(g.statement().conditions().get("ArnNotLike")).as(g.statement().sid())
                    .isEqualTo(Map.of("aws:PrincipalArn", exempt));
        }
        var protect = statements.stream().filter(g -> g.statement().sid().equals(ServiceControlPolicies.PROTECT_EXEMPT_ROLES))
                .findFirst().orElseThrow();
        assertThat(protect.statement().resources()).containsExactly("arn:aws:iam::*:role/hipaa-*-deployer",
                "arn:aws:iam::*:role/hipaa-*-break-glass");
    }

    @Test
    void theDocumentsTheStackRegistersAreTheGuardsRendering() {
        var run = run();
        var settings = Stacks.settings(STACK);
        var scps = ServiceControlPolicies.policies(new ServiceControlPolicies.Scope(settings.partition(), settings.project(),
                settings.organization().approvedRegions()));
        assertThat(run.ofType(POLICY)).extracting(p -> p.string("content").orElseThrow())
                .containsExactlyInAnyOrderElementsOf(scps.stream().map(ServiceControlPolicies.Scp::json).toList());
    }
}
