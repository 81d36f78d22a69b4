package hipaa.organization;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.audit.AccountBaseline;
import hipaa.audit.Audit;
import hipaa.identity.IdentityBaseline;
import hipaa.identity.Naming;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every account of the organization needs whoever else runs in it, for the management, log-archive and security
 * accounts: the IAM password policy, the account's S3 Block Public Access and EBS encryption by default with its own
 * key. They are account (and Region) settings that no service control policy can set (SCPs only deny; they never
 * restrict the management account at all) and that the organization's detection does not provide. Threat detection is
 * not here: the security account runs it for the organization.
 *
 * <p>Children: {@code <name>-password-policy} (when {@code hipaa:manageAccountBaseline}) and {@code <name>-account}, single
 * mode's {@link AccountBaseline} without detection.
 */
public final class OrganizationAccountBaseline extends ComponentResource {

    public static final String TYPE = "hipaa:organization:AccountBaseline";

    /**
     * @param naming         the name prefix and the account
     * @param manageAccount  this stack owns the account's singletons ({@code hipaa:manageAccountBaseline})
     * @param manageRegional this stack owns the Region's EBS default encryption ({@code hipaa:manageRegionalBaseline})
     * @param protect        protect the default EBS key
     */
    public record Args(Naming naming, boolean manageAccount, boolean manageRegional, boolean protect) {
        public Args {
            Objects.requireNonNull(naming, "naming");
        }
    }

    public OrganizationAccountBaseline(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        if (args.manageAccount()) {
            IdentityBaseline.passwordPolicy(name + "-password-policy", CustomResourceOptions.builder().parent(this).build());
        }
        new AccountBaseline(name + "-account", new AccountBaseline.Args(args.naming(),
                new Audit.Baseline(args.manageAccount(), args.manageRegional(), Optional.empty()), args.protect()),
                ComponentResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of());
    }
}
