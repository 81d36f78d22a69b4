package hipaa.organization;

import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management, log-archive and security accounts hold the account settings nothing else provides: SCPs only deny
 * (and never bind the management account), and the security account's detection does not set them.
 */
class OrganizationAccountBaselineTest {

    @ParameterizedTest
    @ValueSource(strings = {"org-management", "org-log-archive", "org-security"})
    void everyOrganizationAccountHasThePasswordPolicyPublicAccessBlockAndEbsEncryption(String stack) {
        var run = Stacks.run(stack);
        assertThat(run.succeeded()).as(run.failure()).isTrue();
        var policy = run.ofType("aws:iam/accountPasswordPolicy:AccountPasswordPolicy");
        assertThat(policy).hasSize(1);
        assertThat(policy.get(0).inputs()).containsEntry("minimumPasswordLength", 14.0).containsEntry("requireSymbols", true);
        var block = run.ofType("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");
        assertThat(block).hasSize(1);
        assertThat(block.get(0).inputs()).containsEntry("blockPublicAcls", true).containsEntry("blockPublicPolicy", true)
                .containsEntry("ignorePublicAcls", true).containsEntry("restrictPublicBuckets", true);
        assertThat(run.ofType("aws:ebs/encryptionByDefault:EncryptionByDefault")).singleElement()
                .satisfies(e -> assertThat(e.inputs()).containsEntry("enabled", true));
        // Detection is the security account's organization-wide configuration, never a second standalone copy.
        if (!stack.equals("org-security")) {
            assertThat(run.ofType("aws:guardduty/detector:Detector")).isEmpty();
        }
    }
}
