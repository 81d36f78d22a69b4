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
    void everyArnFollowsThePartition() {
        var n = new EvidenceNames(GOV, "hipaa-prod");
        var all = List.of(HumanPolicies.requireMfa(GOV).toJson(), HumanPolicies.evidenceProtection(n).toJson(),
                HumanPolicies.sysadmin(GOV, "hipaa-prod", java.util.Map.of("Stack", "prod")).toJson(),
                HumanPolicies.auditArchiveRead(n).toJson(), HumanPolicies.breakGlassTrust(GOV).toJson());
        for (var doc : all) {
            assertThat(Policies.statements(doc)).flatExtracting(Policies.St::resources)
                    .filteredOn(r -> r.startsWith("arn:")).allSatisfy(r -> assertThat(r).startsWith("arn:aws-us-gov:"));
        }
        assertThat(HumanPolicies.awsManaged("aws-us-gov", "ReadOnlyAccess")).isEqualTo("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess");
        assertThat(n.breakGlassRole()).isEqualTo("arn:aws-us-gov:iam::123456789012:role/hipaa-prod-break-glass");
    }

    @Test
    void theEvidencePatternsAreTheOnesTheAuditPipelineMustUse() {
        var n = new EvidenceNames(new AwsAccount("aws", "us-east-1", "123456789012"), "hipaa-prod");
        assertThat(List.of(n.trails(), n.archiveBuckets(), n.archiveObjects(), n.logGroups(), n.databaseLogGroups(),
                n.keyAliases(), n.topics(), n.alarms(), n.groups(), n.policies())).containsExactly(
                "arn:aws:cloudtrail:*:123456789012:trail/hipaa-prod-*",
                "arn:aws:s3:::hipaa-prod-audit-*",
                "arn:aws:s3:::hipaa-prod-audit-*/*",
                "arn:aws:logs:*:123456789012:log-group:/hipaa-prod/*",
                "arn:aws:logs:*:123456789012:log-group:/aws/rds/instance/hipaa-prod-*",
                "arn:aws:kms:*:123456789012:alias/hipaa-prod-*",
                "arn:aws:sns:*:123456789012:hipaa-prod-*",
                "arn:aws:cloudwatch:*:123456789012:alarm:hipaa-prod-*",
                "arn:aws:iam::123456789012:group/hipaa-prod-*",
                "arn:aws:iam::123456789012:policy/hipaa-prod-*");
        assertThatThrownBy(() -> new EvidenceNames(n.account(), "Hipaa Prod")).hasMessage("prefix: Hipaa Prod");
    }

    @Test
    void everyDocumentFitsIamsSizeLimits() {
        var a = new AwsAccount("aws", "us-east-1", "123456789012");
        var n = new EvidenceNames(a, "hipaa-staging-long-name");
        // Customer managed policies take 6,144 characters, role inline policies 10,240 (whitespace not counted).
        assertThat(HumanPolicies.evidenceProtection(n).toJson()).hasSizeLessThan(6144);
        assertThat(HumanPolicies.sysadmin(a, n.prefix(), java.util.Map.of("Project", "hipaa", "Stack", "staging-long-name"))
                .toJson()).hasSizeLessThan(6144);
        assertThat(HumanPolicies.requireMfa(a).toJson()).hasSizeLessThan(6144);
        assertThat(HumanPolicies.breakGlassPermissions(n).toJson()).hasSizeLessThan(10240);
    }
}
