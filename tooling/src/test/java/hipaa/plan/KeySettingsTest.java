package hipaa.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeySettingsTest {

    private static Map<String, List<String>> settings(String stack, String type, String name) {
        var p = StackPlanFixtures.plan(stack);
        return p.settingsOf(p.run().named(type, name));
    }

    @Test
    void keysShowRotationAndTheirProtectionFromTheResourceOptions() {
        assertThat(settings("prod", "aws:kms/key:Key", "kms-data")).isEqualTo(Map.of(
                "encryption", List.of("enableKeyRotation=true"),
                "protection", List.of("protect", "deletionWindowInDays=30")));
        assertThat(settings("dev", "aws:kms/key:Key", "kms-data")).containsEntry("protection", List.of("deletionWindowInDays=30"));
    }

    @Test
    void referencesAreShownByTheReferencedResourcesName() {
        assertThat(settings("prod", "aws:cloudwatch/logGroup:LogGroup", "production-flow-logs"))
                .containsEntry("encryption", List.of("kmsKeyId=kms-logs"))
                .containsEntry("protection", List.of("retentionInDays=365"));
    }

    @Test
    void exposureAndSizeOfNetworkPiecesAndNoAclEntryReadAsEncryption() {
        assertThat(settings("prod", "aws:ec2/subnet:Subnet", "production-data-a"))
                .containsEntry("exposure", List.of("mapPublicIpOnLaunch=false"))
                .containsEntry("size", List.of("cidrBlock=10.100.128.0/21"));
        assertThat(settings("prod", "aws:ec2/vpcEndpoint:VpcEndpoint", "production-endpoints-kms").get("exposure"))
                .contains("vpcEndpointType=Interface", "serviceName=com.amazonaws.us-east-1.kms");
        assertThat(settings("prod", "aws:ec2/networkAcl:NetworkAcl", "production-data-acl")).doesNotContainKey("encryption");
    }
}
