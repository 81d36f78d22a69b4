package hipaa.identity;

import hipaa.identity.PolicyDocument.Statement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDocumentTest {

    private static final AwsAccount ACCOUNT = new AwsAccount("aws", "us-east-1", "123456789012");

    @Test
    void rendersStatementsInAStableOrderWithSingleValuesUnwrapped() {
        var doc = PolicyDocument.of(Statement.allow("ReadOne").actions("s3:GetObject").resources("arn:aws:s3:::b/*")
                .condition("Bool", "aws:SecureTransport", "true"));
        assertThat(doc.toJson()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadOne\",\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}");
    }

    @Test
    void trustPoliciesHaveNoResourceElement() {
        var doc = PolicyDocument.of(Statement.assumeRole("Svc", "Service", "vpc-flow-logs.amazonaws.com"));
        assertThat(doc.toJson()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Svc\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"vpc-flow-logs.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
    }

    @Test
    void refusesIdentityStatementsWithoutResourcesAndDuplicateSids() {
        assertThatThrownBy(() -> PolicyDocument.of(Statement.allow("NoResource").actions("s3:GetObject")))
                .hasMessage("NoResource: an identity-policy statement needs resources");
        assertThatThrownBy(() -> PolicyDocument.of(Statement.allow("NoAction").resources("*")))
                .hasMessage("NoAction: a statement needs actions");
        var s = Statement.allow("Same").actions("s3:GetObject").resources("*");
        assertThatThrownBy(() -> PolicyDocument.of(s, s)).hasMessage("statement ids must be unique");
    }

    @Test
    void logsKeyLetsCloudWatchLogsUseItOnlyForThisAccountsLogGroups() {
        var json = KeyPolicies.logs(ACCOUNT, "arn:aws:cloudtrail:us-east-1:123456789012:trail/hipaa-test-trail").toJson();
        assertThat(json).contains("{\"Sid\":\"EnableIamPoliciesInThisAccount\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}")
                .contains("\"Principal\":{\"Service\":\"logs.us-east-1.amazonaws.com\"}")
                .contains("\"Condition\":{\"ArnLike\":{\"kms:EncryptionContext:aws:logs:arn\":\"arn:aws:logs:us-east-1:123456789012:log-group:*\"}}");
    }

    @Test
    void dataAndSecretsKeysAreUsableOnlyThroughTheirServices() {
        assertThat(KeyPolicies.data(ACCOUNT).toJson()).contains("\"kms:ViaService\":[\"rds.us-east-1.amazonaws.com\","
                + "\"ec2.us-east-1.amazonaws.com\",\"backup.us-east-1.amazonaws.com\"]")
                .contains("\"kms:CallerAccount\":\"123456789012\"");
        assertThat(KeyPolicies.secrets(ACCOUNT).toJson()).contains("\"kms:ViaService\":[\"secretsmanager.us-east-1.amazonaws.com\","
                + "\"ssm.us-east-1.amazonaws.com\"]");
        // ... because their root statement delegates administration, not use: no IAM policy can hand out
        // Decrypt or a grant outside the services. PutKeyPolicy stays delegated (lock-out safety).
        var use = java.util.regex.Pattern.compile("kms:(\\*|Encrypt.*|Decrypt.*|ReEncrypt.*|GenerateDataKey.*|CreateGrant|Create\\*"
                + "|Sign|Verify|GenerateMac|VerifyMac|DeriveSharedSecret|RetireGrant)");
        for (var doc : java.util.List.of(KeyPolicies.data(ACCOUNT), KeyPolicies.secrets(ACCOUNT))) {
            var root = hipaa.testing.Policies.statement(doc.toJson(), "EnableIamPoliciesToAdministerNotUseTheKey");
            assertThat(root.principals()).isEqualTo(java.util.Map.of("AWS", java.util.List.of("arn:aws:iam::123456789012:root")));
            assertThat(root.actions()).noneMatch(a -> use.matcher(a).matches()).contains("kms:Put*", "kms:ScheduleKeyDeletion");
            assertThat(root.conditions()).isEmpty();
            assertThat(hipaa.testing.Policies.statements(doc.toJson())).extracting(hipaa.testing.Policies.St::sid)
                    .doesNotContain("EnableIamPoliciesInThisAccount");
        }
    }
}
