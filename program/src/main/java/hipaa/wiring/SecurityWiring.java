package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.organization.OrganizationOutputs;

/**
 * The security account, delegated administrator of detection: GuardDuty, Security Hub, IAM Access Analyzer and the
 * Config aggregator for the whole organization, and the security team's topic.
 *
 * <p>Not built yet (issue #19): the stack registers only its provider. PLACEHOLDER (org-workload branch only): it
 * exports the security topic's ARN the workload stacks read, so a workload's offline run resolves its
 * StackReference; the security branch's real topic replaces it at merge.
 */
public record SecurityWiring(Platform platform) {

    public static SecurityWiring create(Platform platform) {
        return new SecurityWiring(platform);
    }

    public void export(Context ctx) {
        platform.export(ctx);
        var naming = platform.naming();
        ctx.export(OrganizationOutputs.SECURITY_TOPIC_ARN, Output.of(naming.account().arn("sns", naming.namePrefix() + "-security")));
    }
}
