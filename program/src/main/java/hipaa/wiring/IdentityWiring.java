package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.identity.IdentityBaseline;
import hipaa.identity.Keys;
import hipaa.identity.KmsKeys;
import hipaa.settings.AccountRole;

import java.util.Map;

/**
 * Identity: the stack's customer managed keys, and the IAM groups, policies and break-glass role people use.
 *
 * @param kms      the keys
 * @param baseline the groups, policies and break-glass role
 */
public record IdentityWiring(KmsKeys kms, IdentityBaseline baseline) {

    public static IdentityWiring create(Platform platform) {
        var settings = platform.settings();
        var kms = new KmsKeys("kms", new KmsKeys.Args(platform.naming(), platform.protect()), platform.opts());
        // Sysadmins operate only what carries this stack's Project and Stack tags, which the provider puts on everything.
        var baseline = new IdentityBaseline("identity", new IdentityBaseline.Args(platform.naming(),
                Map.of("Project", settings.tags().get("Project"), "Stack", settings.tags().get("Stack")),
                settings.account().manageAccountBaseline(),
                // A workload account of an organization is recorded by the organization trail, not a trail of its own.
                settings.role() != AccountRole.WORKLOAD), platform.opts());
        return new IdentityWiring(kms, baseline);
    }

    public Keys keys() {
        return kms.keys;
    }

    public void export(Context ctx) {
        ctx.export("logsKeyArn", kms.logsKeyArn);
        ctx.export("dataKeyArn", kms.dataKeyArn);
        ctx.export("secretsKeyArn", kms.secretsKeyArn);
        ctx.export("adminsGroupName", Output.of(baseline.groupNames.get(IdentityBaseline.ADMINS)));
        ctx.export("sysadminsGroupName", Output.of(baseline.groupNames.get(IdentityBaseline.SYSADMINS)));
        ctx.export("auditorsGroupName", Output.of(baseline.groupNames.get(IdentityBaseline.AUDITORS)));
        ctx.export("breakGlassRoleArn", baseline.breakGlassRoleArn);
    }
}
