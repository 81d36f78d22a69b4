package hipaa.identity;

import hipaa.data.RegistrationOptions;
import hipaa.guardrails.Finding;
import hipaa.guardrails.GuardrailContext;
import hipaa.guardrails.ResourceGraph;
import hipaa.guardrails.GuardrailRules;
import hipaa.guardrails.Outcome.Status;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No role, user or group of any real stack has an inline policy (AWS Config {@code iam-no-inline-policy-check},
 * cdk-nag {@code IAMNoInlinePolicy}): each machine role's permissions are a customer managed policy of its own,
 * named with the stack's prefix and attached to it, and what needs the permissions waits for the attachment.
 * The instances' volumes go with their instances (AWS Config {@code ec2-volume-inuse-check}, deleteOnTermination).
 */
class RolePermissionsStackTest {

    static Stream<String> stacks() {
        return Stacks.names();
    }

    /** Policy resource -> (IAM name after the prefix, role resource). The nine roles that used to carry inline policies. */
    static Map<String, List<String>> expected() {
        var m = new LinkedHashMap<String, List<String>>();
        m.put("identity-break-glass-policy", List.of("break-glass", "identity-break-glass"));
        m.put("production-flow-logs-policy", List.of("production-flow-logs", "production-flow-logs-role"));
        m.put("management-flow-logs-policy", List.of("management-flow-logs", "management-flow-logs-role"));
        m.put("bastion-policy", List.of("bastion", "bastion-role"));
        m.put("vpn-policy", List.of("vpn", "vpn-role"));
        m.put("audit-trail-logs-policy", List.of("cloudtrail-logs", "audit-trail-logs-role"));
        m.put("audit-config-recorder-delivery", List.of("config-recorder-delivery", "audit-config-recorder-role"));
        m.put("audit-config-remediate-open-ssh-policy", List.of("remediate-open-ssh", "audit-config-remediate-open-ssh-role"));
        m.put("app-execution-policy", List.of("app-task-execution", "app-execution-role"));
        return m;
    }

    private static List<Finding> findings(String rule, String stack) {
        var s = Stacks.settings(stack);
        return GuardrailRules.byId(rule).orElseThrow().evaluate(ResourceGraph.of(Stacks.run(stack).resources()),
                GuardrailContext.of(s.requiredTagKeys(), s.approvedAmiIds(), LocalDate.now()).forStack(stack));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void noRoleUserOrGroupHasAnInlinePolicy(String stack) {
        var run = Stacks.run(stack);
        assertThat(run.ofType("aws:iam/rolePolicy:RolePolicy")).isEmpty();
        assertThat(run.ofType("aws:iam/userPolicy:UserPolicy")).isEmpty();
        assertThat(run.ofType("aws:iam/groupPolicy:GroupPolicy")).isEmpty();
        assertThat(run.ofType("aws:iam/role:Role")).allSatisfy(r -> assertThat(r.inputs()).doesNotContainKey("inlinePolicies"));
        // The catalogue rule judges every role and group of the stack, and passes on each.
        var principals = run.resources().stream().filter(r -> List.of("aws:iam/role:Role", "aws:iam/group:Group",
                "aws:iam/user:User").contains(r.type())).map(RecordedResource::name).toList();
        assertThat(findings("iam-no-inline-policy-check", stack)).extracting(Finding::name)
                .containsExactlyInAnyOrderElementsOf(principals);
        assertThat(findings("iam-no-inline-policy-check", stack))
                .allSatisfy(f -> assertThat(f.outcome().status()).as(f.label() + ": " + f.outcome().reason()).isEqualTo(Status.PASS));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void eachMachineRoleHasItsOwnPrefixedCustomerManagedPolicyAttached(String stack) {
        var run = Stacks.run(stack);
        var prefix = Stacks.settings(stack).namePrefix();
        var policies = run.ofType(Policies.POLICY).stream().map(RecordedResource::name)
                .filter(n -> !n.startsWith("identity-") || n.equals("identity-break-glass-policy")).toList();
        var expected = expected();
        // Prod's replication role (the audit evidence's second Region) is built the same way.
        if (Stacks.settings(stack).audit().replicaRegion().isPresent()) {
            expected.put("audit-replica-policy", List.of("audit-replication", "audit-replica-role"));
        }
        assertThat(policies).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, v) -> {
            var policy = Policies.rolePermissions(run, name, v.get(1));
            // <prefix>-*: ChangeTheStacksIam covers it, so no person can rewrite a machine's permissions.
            assertThat(policy.inputs()).as(name).containsEntry("name", prefix + "-" + v.get(0))
                    .containsEntry("tags", Map.of("Name", prefix + "-" + v.get(0)));
            assertThat(policy.string("description")).as(name).isPresent();
        });
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void whatNeedsTheRolesPermissionsWaitsForTheirAttachment(String stack) {
        assertThat(RegistrationOptions.of(stack, "aws:ec2/instance:Instance", "vpn-instance").dependsOnName("vpn-policy-attachment")).isTrue();
        assertThat(RegistrationOptions.of(stack, "aws:autoscaling/group:Group", "bastion-asg").dependsOnName("bastion-policy-attachment")).isTrue();
        assertThat(RegistrationOptions.of(stack, "aws:cloudtrail/trail:Trail", "audit-trail").dependsOnName("audit-trail-logs-policy-attachment")).isTrue();
        assertThat(RegistrationOptions.of(stack, "aws:cfg/recorder:Recorder", "audit-config-recorder")
                .dependsOnName("audit-config-recorder-delivery-attachment")).isTrue();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyVolumeTheStackLaunchesIsDeletedWithItsInstance(String stack) {
        var run = Stacks.run(stack);
        assertThat(run.ofType("aws:ebs/volume:Volume")).isEmpty();
        var vpn = run.named("aws:ec2/instance:Instance", "vpn-instance");
        assertThat(vpn.map("rootBlockDevice")).containsEntry("deleteOnTermination", true);
        assertThat(vpn.inputs()).doesNotContainKey("ebsBlockDevices");
        var machines = Stream.concat(run.ofType("aws:ec2/instance:Instance").stream(),
                run.ofType("aws:ec2/launchTemplate:LaunchTemplate").stream()).map(RecordedResource::name).toList();
        assertThat(findings("ec2-volume-inuse-check", stack)).extracting(Finding::name).containsExactlyInAnyOrderElementsOf(machines);
        assertThat(findings("ec2-volume-inuse-check", stack))
                .allSatisfy(f -> assertThat(f.outcome().status()).as(f.label() + ": " + f.outcome().reason()).isEqualTo(Status.PASS));
    }

    static OfflineRun.Result run(String stack) {
        return Stacks.run(stack);
    }
}
