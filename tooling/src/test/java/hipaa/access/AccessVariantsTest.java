package hipaa.access;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static hipaa.access.AccessStackTest.LAUNCH_TEMPLATE;
import static hipaa.access.AccessStackTest.json;
import static hipaa.access.AccessStackTest.policy;
import static hipaa.access.AccessStackTest.rulesOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access path under configurations the real stack files do not use: the safe default (Session
 * Manager only), OpenVPN Access Server, Session Manager preferences owned by another stack, and bad
 * configurations that must stop the program before anything exists.
 */
class AccessVariantsTest {

    static OfflineRun.Result run(Map<String, String> overrides) {
        return OfflineRun.run(Stacks.with("dev", overrides), false, App::stack);
    }

    static void assertRejected(OfflineRun.Result run, String problem) {
        assertThat(run.result().exitCode()).isNotZero();
        assertThat(String.join("\n", run.result().errors())).contains("  - " + problem + "\n");
        assertThat(run.resources()).as("resources registered before the settings were judged").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "::/0"})
    void sshFromTheWholeInternetIsRejectedWithItsReasonAndNothingIsCreated(String world) {
        assertRejected(run(Map.of("hipaa:adminCidrs", "[\"203.0.113.0/24\", \"" + world + "\"]")),
                "hipaa:adminCidrs: found [203.0.113.0/24, " + world + "]; " + world + " would open SSH (port 22) to the "
                        + "whole internet, which is what the HIPAA Quick Start's bastion did; list the ranges administrators "
                        + "connect from, or leave hipaa:adminCidrs empty and use Session Manager");
    }

    @Test
    void aVpnPoolInsideTheProductionAppTierIsRejectedAndNothingIsCreated() {
        assertRejected(run(Map.of("hipaa:vpnClientPool", "10.100.66.0/24")),
                "hipaa:vpnClientPool: found \"10.100.66.0/24\"; overlaps 10.100.0.0/16 in hipaa:vpcCidr; VPN clients need "
                        + "addresses no VPC uses, or replies would never reach them; pick a range such as 10.8.0.0/24");
    }

    @Test
    void aVpnPoolOverlappingAManagementSubnetIsRejected() {
        var overrides = new HashMap<String, String>();
        overrides.put("hipaa:mgmtVpcCidr", "10.20.0.0/16");
        overrides.put("hipaa:vpnClientPool", "10.20.8.0/22");
        assertRejected(run(overrides), "hipaa:vpnClientPool: found \"10.20.8.0/22\"; overlaps 10.20.0.0/16 in "
                + "hipaa:mgmtVpcCidr; VPN clients need addresses no VPC uses, or replies would never reach them; pick a "
                + "range such as 10.8.0.0/24");
    }

    @Test
    void byDefaultTheBastionIsPrivateAndReachedOnlyThroughSessionManager() {
        var overrides = new HashMap<String, String>();
        overrides.put("hipaa:adminCidrs", null);
        overrides.put("hipaa:bastionElasticIp", null);
        var run = run(overrides);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(rulesOf(run, "bastion-sg-id")).containsExactlyInAnyOrder("out tcp 443-443 0.0.0.0/0",
                "out tcp 5432-5432 db-sg-id");
        var privateSubnets = run.ofType("aws:ec2/subnet:Subnet").stream()
                .filter(s -> s.name().startsWith("management-private-")).map(RecordedResource::id).toList();
        assertThat(run.named("aws:autoscaling/group:Group", "bastion-asg").list("vpcZoneIdentifiers"))
                .containsExactlyElementsOf(privateSubnets);
        assertThat(run.ofType("aws:ec2/eip:Eip")).extracting(RecordedResource::name).doesNotContain("bastion-eip");
        assertThat(Stacks.maps(run.named(LAUNCH_TEMPLATE, "bastion-lt").inputs().get("networkInterfaces")))
                .extracting(nic -> nic.get("associatePublicIpAddress")).containsExactly("false");
        assertThat(policy(run, "bastion-policy").toString()).doesNotContain("AssociateAddress");
        assertThat(AccessStackTest.userData(run, "bastion-lt")).contains("readonly EIP_ALLOCATION_ID=''\n");
        assertThat(run.outputs().get("bastionPublicIp").value()).as("empty: no public address").isEqualTo("");
    }

    @Test
    void withAccessServerTheVpnRunsItsImageWithItsAdminUiOpenOnlyToAdminRanges() {
        var linux = "ami-0123456789abcdef0";
        var accessServer = "ami-0fedcba9876543210";
        var run = run(Map.of("hipaa:approvedAmiIds", "[\"" + linux + "\", \"" + accessServer + "\"]",
                "hipaa:vpnAccessServerAmiId", accessServer));
        assertThat(run.succeeded()).as(run::failure).isTrue();
        var vpn = run.named("aws:ec2/instance:Instance", "vpn-instance");
        assertThat(vpn.inputs()).containsEntry("ami", accessServer).doesNotContainKey("userData");
        assertThat(vpn.map("rootBlockDevice")).containsEntry("encrypted", true);
        assertThat(run.named(LAUNCH_TEMPLATE, "bastion-lt").inputs()).containsEntry("imageId", linux);
        assertThat(rulesOf(run, "vpn-sg-id")).containsExactlyInAnyOrder("in udp 1194-1194 198.51.100.0/24",
                "in udp 1194-1194 203.0.113.0/24", "in tcp 943-943 203.0.113.0/24", "out tcp 443-443 0.0.0.0/0",
                "out tcp 5432-5432 db-sg-id");
        assertThat(run.ofType("aws:secretsmanager/secret:Secret")).extracting(RecordedResource::name).doesNotContain("vpn-pki");
        assertThat(policy(run, "vpn-policy").toString()).doesNotContain("secretsmanager", "kms:GenerateDataKey");
        assertThat(run.outputs().get("vpnClientProfile").value()).asString().startsWith("https://192.0.2.");
    }

    @Test
    void whenAnotherStackOwnsSessionPreferencesThisOneCreatesNoneAndWritesToTheOwnersLogGroup() {
        var run = run(Map.of("hipaa:ssmSessionPreferencesStack", "prod"));
        assertThat(run.succeeded()).as(run::failure).isTrue();
        assertThat(run.ofType("aws:ssm/document:Document")).isEmpty();
        assertThat(run.ofType("aws:cloudwatch/logGroup:LogGroup")).extracting(RecordedResource::name)
                .doesNotContain("ssm-sessions-logs");
        var statements = policy(run, "bastion-policy").getAsJsonArray();
        assertThat(statements).contains(
                json("{\"Sid\":\"SessionTranscripts\",\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\","
                        + "\"logs:PutLogEvents\",\"logs:DescribeLogStreams\"],\"Resource\":\"arn:aws:logs:us-west-2:123456789012:"
                        + "log-group:/hipaa-prod/access/ssm-sessions:*\"}"),
                json("{\"Sid\":\"DecryptSessionData\",\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\","
                        + "\"Resource\":\"arn:aws:kms:us-west-2:123456789012:key/*\",\"Condition\":{\"ForAnyValue:StringEquals\":"
                        + "{\"kms:ResourceAliases\":\"alias/hipaa-prod-logs\"}}}"));
        assertThat(run.outputs().get("sessionLogGroupName").value()).isEqualTo("/hipaa-prod/access/ssm-sessions");
    }

    @Test
    void everyAccessResourceIsAChildOfItsComponent() {
        var run = Stacks.run("dev");
        var components = List.of("hipaa:access:Bastion", "hipaa:access:OpenVpn", "hipaa:access:SessionManagerPreferences");
        var byComponent = new HashMap<String, List<String>>();
        for (var c : components) {
            byComponent.put(c, run.resources().stream().filter(r -> r.parent().map(p -> p.type().equals(c)).orElse(false))
                    .map(RecordedResource::name).sorted().toList());
        }
        assertThat(byComponent.get("hipaa:access:Bastion")).containsExactly("bastion-asg", "bastion-autoscaling-key-grant",
                "bastion-autoscaling-role", "bastion-eip", "bastion-https-out",
                "bastion-lt", "bastion-policy", "bastion-policy-attachment", "bastion-profile", "bastion-role", "bastion-sg", "bastion-ssh-failures",
                "bastion-ssh-failures-alarm", "bastion-ssh-from-203-0-113-0-24", "bastion-ssh-logs");
        assertThat(byComponent.get("hipaa:access:OpenVpn")).containsExactly("vpn-clients-from-198-51-100-0-24",
                "vpn-clients-from-203-0-113-0-24", "vpn-eip", "vpn-eip-association", "vpn-https-out", "vpn-instance",
                "vpn-logs", "vpn-pki", "vpn-policy", "vpn-policy-attachment", "vpn-profile", "vpn-reboot-alarm", "vpn-recover-alarm",
                "vpn-role", "vpn-sg");
        assertThat(byComponent.get("hipaa:access:SessionManagerPreferences"))
                .containsExactly("ssm-sessions-document", "ssm-sessions-logs");
    }
}
