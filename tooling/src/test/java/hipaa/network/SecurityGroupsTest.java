package hipaa.network;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Components;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one way to build a security group and its rules: each stated option is sent, nothing else is. */
class SecurityGroupsTest {

    static final String GROUP = "aws:ec2/securityGroup:SecurityGroup";

    static final class Owner extends ComponentResource {
        Owner(ComponentResourceOptions opts, Consumer<CustomResourceOptions> build) {
            super("test:network:Owner", "owner", opts);
            build.accept(CustomResourceOptions.builder().parent(this).build());
        }
    }

    static OfflineRun.Result run(Consumer<CustomResourceOptions> build) {
        return Components.run(opts -> new Owner(opts, build));
    }

    @Test
    void groupsSendOnlyWhatTheirOwnerStates() {
        var run = run(child -> {
            SecurityGroups.group("plain", "hipaa-plain", Output.of("vpc-1"), child).description("d")
                    .create(SecurityGroups.OnDelete.PROVIDER_DEFAULT, SecurityGroups.Egress.RULE_RESOURCES);
            SecurityGroups.group("host", "hipaa-host", Output.of("vpc-1"), child).description("d")
                    .create(SecurityGroups.OnDelete.REVOKE_RULES, SecurityGroups.Egress.RULE_RESOURCES);
            SecurityGroups.group("answers", "hipaa-answers", Output.of("vpc-1"), child).description("d")
                    .inlineIngress("tcp", 443, "10.0.0.0/16", "HTTPS from the VPC")
                    .create(SecurityGroups.OnDelete.PROVIDER_DEFAULT, SecurityGroups.Egress.NONE_INLINE);
        });
        assertThat(run.named(GROUP, "plain").inputs()).isEqualTo(Map.of("vpcId", "vpc-1", "name", "hipaa-plain",
                "description", "d", "tags", Map.of("Name", "hipaa-plain")));
        assertThat(run.named(GROUP, "host").inputs()).containsEntry("revokeRulesOnDelete", true)
                .doesNotContainKeys("egress", "ingress");
        assertThat(run.named(GROUP, "answers").inputs()).containsEntry("egress", List.of())
                .containsEntry("ingress", List.of(Map.of("description", "HTTPS from the VPC", "protocol", "tcp",
                        "fromPort", 443.0, "toPort", 443.0, "cidrBlocks", List.of("10.0.0.0/16"))))
                .doesNotContainKey("revokeRulesOnDelete");
    }

    @Test
    void rulesNameOnePortAndOnePeer() {
        var run = run(child -> {
            SecurityGroups.ingress("from-range", Output.of("sg-a"), child).port("udp", 1194).cidr("203.0.113.0/24")
                    .description("VPN clients").nameTag("from-range").create();
            SecurityGroups.egress("to-group", Output.of("sg-a"), child).tcp(5432).peerGroup(Output.of("sg-db"))
                    .description("database").create();
        });
        assertThat(run.named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "from-range").inputs())
                .isEqualTo(Map.of("securityGroupId", "sg-a", "ipProtocol", "udp", "fromPort", 1194.0, "toPort", 1194.0,
                        "cidrIpv4", "203.0.113.0/24", "description", "VPN clients", "tags", Map.of("Name", "from-range")));
        assertThat(run.named("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "to-group").inputs())
                .isEqualTo(Map.of("securityGroupId", "sg-a", "ipProtocol", "tcp", "fromPort", 5432.0, "toPort", 5432.0,
                        "referencedSecurityGroupId", "sg-db", "description", "database"));
        assertThat(run.resources()).filteredOn(r -> r.type().startsWith("aws:"))
                .extracting(r -> r.parent().map(RecordedResource.Parent::name).orElse(""))
                .containsOnly("owner");
    }

    @Test
    void aRuleMayNameAManagedPrefixListAsItsPeer() {
        var run = run(child -> SecurityGroups.ingress("from-list", Output.of("sg-a"), child).tcp(443)
                .prefixList("pl-3b927c52").description("CloudFront").create());
        assertThat(run.named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "from-list").inputs())
                .isEqualTo(Map.of("securityGroupId", "sg-a", "ipProtocol", "tcp", "fromPort", 443.0, "toPort", 443.0,
                        "prefixListId", "pl-3b927c52", "description", "CloudFront"));
        assertThatThrownBy(() -> run(child -> SecurityGroups.ingress("r", Output.of("sg"), child).tcp(443)
                .cidr("10.0.0.0/8").prefixList("pl-1").description("d").create()))
                .hasMessageContaining("r: a rule names exactly one peer");
    }

    @Test
    void aRuleWithNoPeerOrTwoIsRefused() {
        assertThatThrownBy(() -> run(child -> SecurityGroups.ingress("r", Output.of("sg"), child).tcp(443)
                .cidr("10.0.0.0/8").peerGroup(Output.of("sg-b")).description("d").create()))
                .hasMessageContaining("r: a rule names exactly one peer");
        assertThatThrownBy(() -> run(child -> SecurityGroups.egress("r", Output.of("sg"), child).tcp(443)
                .description("d").create()))
                .hasMessageContaining("r: a rule names exactly one peer");
        assertThatThrownBy(() -> SecurityGroups.egress("r", Output.of("sg"), CustomResourceOptions.Empty).tcp(0))
                .hasMessageContaining("r: port 0 is outside 1-65535");
    }
}
