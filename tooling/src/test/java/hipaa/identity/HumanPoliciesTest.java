package hipaa.identity;

import hipaa.identity.PolicyDocument.Statement;
import hipaa.testing.Policies;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy documents as pure data, outside any stack. */
class HumanPoliciesTest {

    static final AwsAccount GOV = new AwsAccount("aws-us-gov", "us-gov-west-1", "123456789012");

    @Test
    void notActionIsRenderedOnlyForTheNamedDenyAndKeepsEverythingElse() {
        var doc = PolicyDocument.of(
                Statement.allow("A").actions("s3:GetObject").resources("arn:aws:s3:::b/*"),
                Statement.deny("D").actions("iam:GetUser", "sts:GetSessionToken").resources("*")
                        .condition("BoolIfExists", "aws:MultiFactorAuthPresent", "false"));
        var json = new NotActionPolicy(doc, Set.of("D")).toJson();
        assertThat(json).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"},"
                + "{\"Sid\":\"D\",\"Effect\":\"Deny\",\"NotAction\":[\"iam:GetUser\",\"sts:GetSessionToken\"],\"Resource\":\"*\","
                + "\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}");
    }

    @Test
    void anAllowWithNotActionOrAnUnknownSidIsRefused() {
        var doc = PolicyDocument.of(Statement.allow("A").actions("s3:GetObject").resources("*"));
        assertThatThrownBy(() -> new NotActionPolicy(doc, Set.of("A")))
                .hasMessage("A: NotAction is allowed only on Deny statements");
        assertThatThrownBy(() -> new NotActionPolicy(doc, Set.of("B"))).hasMessage("no statements [B]");
    }

    @Test
    void notResourceIsRenderedForTheNamedDenyAndABoundaryMayAllowWithNotAction() {
        var doc = PolicyDocument.of(
                Statement.allow("Ceiling").actions("organizations:*").resources("*"),
                Statement.deny("OnlyHere").actions("iam:AddUserToGroup").resources("arn:aws:iam::1:group/a-*"));
        var json = new NotActionPolicy(doc, Set.of("Ceiling"), Set.of("OnlyHere"), true).toJson();
        assertThat(json).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"Ceiling\",\"Effect\":\"Allow\",\"NotAction\":\"organizations:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"OnlyHere\",\"Effect\":\"Deny\",\"Action\":\"iam:AddUserToGroup\",\"NotResource\":\"arn:aws:iam::1:group/a-*\"}]}");
        // Outside a boundary, an allow with NotAction or NotResource grants what AWS adds later: refused.
        assertThatThrownBy(() -> new NotActionPolicy(doc, Set.of("Ceiling"), Set.of(), false))
                .hasMessage("Ceiling: NotAction is allowed only on Deny statements");
        assertThatThrownBy(() -> new NotActionPolicy(doc, Set.of(), Set.of("Ceiling"), true))
                .hasMessage("Ceiling: NotAction is allowed only on Deny statements");
    }

    @Test
    void everyArnFollowsThePartition() {
        var n = new EvidenceNames(GOV, "hipaa", "hipaa-prod");
        var all = List.of(HumanPolicies.requireMfa(GOV).toJson(), HumanPolicies.evidenceProtection(n).toJson(),
                HumanPolicies.delegationGuard(n).toJson(), HumanPolicies.permissionsBoundary(n).toJson(),
                HumanPolicies.breakGlassPermissions(n).toJson(),
                HumanPolicies.sysadmin(GOV, "hipaa-prod", java.util.Map.of("Stack", "prod")).toJson(),
                HumanPolicies.auditArchiveRead(n).toJson(), HumanPolicies.breakGlassTrust(GOV).toJson());
        for (var doc : all) {
            assertThat(Policies.statements(doc)).flatExtracting(Policies.St::resources)
                    .filteredOn(r -> r.startsWith("arn:")).allSatisfy(r -> assertThat(r).startsWith("arn:aws-us-gov:"));
            var conditionValues = Policies.statements(doc).stream().flatMap(st -> st.conditions().values().stream())
                    .flatMap(kv -> kv.values().stream()).flatMap(List::stream).toList();
            assertThat(conditionValues).filteredOn(v -> v.startsWith("arn:")).allSatisfy(v -> assertThat(v).startsWith("arn:aws-us-gov:"));
        }
        assertThat(HumanPolicies.awsManaged("aws-us-gov", "SecurityAudit")).isEqualTo("arn:aws-us-gov:iam::aws:policy/SecurityAudit");
        assertThat(n.breakGlassRole()).isEqualTo("arn:aws-us-gov:iam::123456789012:role/hipaa-prod-break-glass");
        assertThat(n.deployerRole()).isEqualTo("arn:aws-us-gov:iam::123456789012:role/hipaa-prod-deployer");
    }

    @Test
    void theEvidencePatternsAreTheOnesTheComponentsMustUse() {
        var n = new EvidenceNames(new AwsAccount("aws", "us-east-1", "123456789012"), "hipaa", "hipaa-prod");
        var own = n.own();
        assertThat(List.of(own.trails(), own.archiveBuckets(), own.archiveObjects(), own.keyAliases(), own.topics(), own.alarms(),
                own.eventRules(), own.groups(), own.policies(), own.roles(), own.instanceProfiles())).containsExactly(
                "arn:aws:cloudtrail:*:123456789012:trail/hipaa-prod-*",
                "arn:aws:s3:::hipaa-prod-audit-*",
                "arn:aws:s3:::hipaa-prod-audit-*/*",
                "arn:aws:kms:*:123456789012:alias/hipaa-prod-*",
                "arn:aws:sns:*:123456789012:hipaa-prod-*",
                "arn:aws:cloudwatch:*:123456789012:alarm:hipaa-prod-*",
                "arn:aws:events:*:123456789012:rule/hipaa-prod-*",
                "arn:aws:iam::123456789012:group/hipaa-prod-*",
                "arn:aws:iam::123456789012:policy/hipaa-prod-*",
                "arn:aws:iam::123456789012:role/hipaa-prod-*",
                "arn:aws:iam::123456789012:instance-profile/hipaa-prod-*");
        assertThat(own.logBuckets()).containsExactly("arn:aws:s3:::hipaa-prod-audit-*", "arn:aws:s3:::hipaa-prod-cdn-logs-*");
        assertThat(own.logGroups()).containsExactly(
                "arn:aws:logs:*:123456789012:log-group:/hipaa-prod/*",
                "arn:aws:logs:*:123456789012:log-group:/aws/rds/instance/hipaa-prod-*",
                "arn:aws:logs:*:123456789012:log-group:aws-waf-logs-hipaa-prod*",
                "arn:aws:logs:*:123456789012:log-group:/aws/ecs/containerinsights/hipaa-prod-*");
        // The guards' scope: every stack of the project in the account.
        var every = n.everyStack();
        assertThat(every.logGroups().get(0)).isEqualTo("arn:aws:logs:*:123456789012:log-group:/hipaa-*/*");
        assertThat(every.logBuckets()).containsExactly("arn:aws:s3:::hipaa-*-audit-*", "arn:aws:s3:::hipaa-*-cdn-logs-*");
        assertThat(every.keyAliasPattern()).isEqualTo("alias/hipaa-*-*");
        assertThat(n.allTrails()).isEqualTo("arn:aws:cloudtrail:*:123456789012:trail/*");
        assertThatThrownBy(() -> new EvidenceNames(n.account(), "hipaa", "Hipaa Prod")).hasMessage("prefix: Hipaa Prod");
        assertThatThrownBy(() -> new EvidenceNames(n.account(), "other", "hipaa-prod"))
                .hasMessage("project: other is not how prefix hipaa-prod starts");
    }

    @Test
    void everyDocumentFitsIamsSizeLimits() {
        var a = new AwsAccount("aws", "us-east-1", "123456789012");
        var n = new EvidenceNames(a, "hipaa", "hipaa-staging-a-rather-long-stack-name");
        // Customer managed policies take 6,144 characters (whitespace not counted); break-glass's is one too.
        for (var doc : List.of(HumanPolicies.evidenceProtection(n).toJson(), HumanPolicies.delegationGuard(n).toJson(),
                HumanPolicies.breakGlassPermissions(n).toJson(),
                HumanPolicies.permissionsBoundary(n).toJson(), HumanPolicies.requireMfa(a).toJson(),
                HumanPolicies.auditArchiveRead(n).toJson(),
                HumanPolicies.sysadmin(a, n.prefix(), java.util.Map.of("Project", "hipaa", "Stack", "staging")).toJson())) {
            assertThat(IdentityBaseline.checked("p", doc, IdentityBaseline.MANAGED_POLICY_LIMIT)).isEqualTo(doc);
        }
        // ... and a document over the limit stops the program before anything is created, with its name.
        var big = "{\"x\":\"" + "a".repeat(6200) + "\"}";
        assertThatThrownBy(() -> IdentityBaseline.checked("hipaa-prod-evidence-protection", big, IdentityBaseline.MANAGED_POLICY_LIMIT))
                .hasMessage("policy hipaa-prod-evidence-protection is 6208 characters; IAM accepts at most 6144 (IAM and AWS STS quotas)");
    }
}
