package hipaa.offline;

import hipaa.organization.ServiceControlPolicies;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline run refuses an SCP AWS Organizations would refuse for its size, and the management stack's are within it. */
class ScpSizeCheckTest {

    private static RecordedResource policy(String name, String type, String content) {
        var inputs = new HashMap<String, Object>();
        inputs.put("content", content);
        if (type != null) {
            inputs.put("type", type);
        }
        return new RecordedResource("aws:organizations/policy:Policy", name, name + "-id", Optional.empty(), "", inputs, inputs);
    }

    private static String document(int length) {
        var head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"";
        var tail = "\"}]}";
        return head + "x".repeat(length - head.length() - tail.length()) + tail;
    }

    @Test
    void anScpOverFiveThousandOneHundredTwentyCharactersIsRefusedAtCreation() {
        var g = new StackGraph(List.of(policy("at-limit", "SERVICE_CONTROL_POLICY", document(5120)),
                policy("over", "SERVICE_CONTROL_POLICY", document(5121)), policy("untyped-over", null, document(5121)),
                policy("tag-policy", "TAG_POLICY", document(6000))), Map.of());
        var refusals = AwsCreateChecks.serviceControlPoliciesOverTheSizeLimit(g);
        assertThat(refusals).extracting(AwsCreateChecks.Refusal::resource).containsExactly(
                "over (aws:organizations/policy:Policy)", "untyped-over (aws:organizations/policy:Policy)");
        assertThat(refusals.get(0).message()).isEqualTo("over (aws:organizations/policy:Policy): CreatePolicy fails with "
                + "ConstraintViolationException (POLICY_CONTENT_LIMIT_EXCEEDED): the service control policy is 5121 characters "
                + "and AWS Organizations accepts at most 5120; split its statements over more policies (at most 5 SCPs per "
                + "target, FullAWSAccess included) or shorten them.");
        assertThat(AwsCreateChecks.SCP_MAX_CHARACTERS).isEqualTo(ServiceControlPolicies.MAX_CHARACTERS);
    }

    @Test
    void theManagementStacksPoliciesAreAcceptedAndTheLongestPossibleStaysWithinTheLimit() {
        var run = Stacks.run("org-management");
        assertThat(run.refusals()).isEmpty();
        var regions = new java.util.ArrayList<String>();
        for (int i = 0; i < 30; i++) {
            regions.add("ap-southeast-" + i);
        }
        // hipaa:approvedRegions takes at most 30 Regions; the project name is the one part that can grow further.
        for (var scp : ServiceControlPolicies.policies(new ServiceControlPolicies.Scope("aws-us-gov", "a".repeat(40), regions))) {
            assertThat(scp.json().length()).as(scp.name()).isLessThanOrEqualTo(ServiceControlPolicies.MAX_CHARACTERS);
        }
    }
}
