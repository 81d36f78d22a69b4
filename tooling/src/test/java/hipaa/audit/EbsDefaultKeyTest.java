package hipaa.audit;

import com.google.gson.JsonParser;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Region's default EBS key encrypts every volume created without a key of its own, other teams' too. On every
 * real stack that owns the Region's baseline it is a key of its own (not one of the stack's purpose keys, whose
 * policies are tailored to the stack and which a dev destroy schedules for deletion), kept through every
 * {@code pulumi destroy}, protected where the stack protects state, and usable as AWS's own aws/ebs key is: by any
 * principal of the account, through EC2 in this Region only.
 */
class EbsDefaultKeyTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theDefaultEbsKeyIsADedicatedKeyThatOutlivesTheStack(String stack) {
        var run = Stacks.run(stack);
        var settings = Stacks.settings(stack);
        assertThat(settings.audit().manageRegionalBaseline()).as("both real stacks own their Region's baseline").isTrue();
        var keyArn = run.named("aws:ebs/defaultKmsKey:DefaultKmsKey", "audit-baseline-ebs-default-key").string("keyArn").orElseThrow();
        var key = run.ofType("aws:kms/key:Key").stream().filter(k -> keyArn.equals(k.arn().orElse(""))).findFirst()
                .orElseThrow(() -> new AssertionError("the default EBS key " + keyArn + " is no key of this stack"));
        // Not the stack's data (or any purpose) key: those belong to the stack's own resources.
        assertThat(key.parent()).hasValueSatisfying(p -> assertThat(p.type()).isNotEqualTo("hipaa:identity:KmsKeys"));
        assertThat(run.protection(key).retainOnDelete()).as("kept when the stack is destroyed").isTrue();
        assertThat(run.protection(key).protect()).isEqualTo(settings.deletionProtection());
        assertThat(key.inputs()).containsEntry("enableKeyRotation", true).containsEntry("keyUsage", "ENCRYPT_DECRYPT")
                .containsEntry("customerMasterKeySpec", "SYMMETRIC_DEFAULT");
        assertThat(JsonParser.parseString(key.string("policy").orElseThrow())).isEqualTo(JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"EnableIamPoliciesInThisAccount","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},
                   "Action":"kms:*","Resource":"*"},
                  {"Sid":"AllowEbsForPrincipalsOfThisAccountThroughEc2Only","Effect":"Allow","Principal":{"AWS":"*"},
                   "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:CreateGrant","kms:DescribeKey"],
                   "Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"123456789012",
                   "kms:ViaService":"ec2.%s.amazonaws.com"}}}]}""".formatted(settings.region())));
    }
}
