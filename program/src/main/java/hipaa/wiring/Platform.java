package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilter;
import com.pulumi.aws.inputs.GetAvailabilityZonesPlainArgs;
import com.pulumi.aws.inputs.GetCallerIdentityPlainArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.ComponentResourceOptions;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.settings.Settings;

import java.util.List;

/**
 * Where the stack deploys, resolved once before any component exists: the explicit AWS provider, the account
 * it reaches, the Availability Zones it uses and how the stack names things. Every domain's wiring starts
 * from it.
 *
 * @param settings          the validated configuration
 * @param naming            the name prefix and the account
 * @param availabilityZones the zones both VPCs use, in name order
 * @param opts              what every top-level component gets: the explicit provider
 * @param invoke            what every data source call gets: the same provider
 */
public record Platform(Settings settings, Naming naming, List<String> availabilityZones,
                       ComponentResourceOptions opts, InvokeOptions invoke) {

    public Platform {
        availabilityZones = List.copyOf(availabilityZones);
    }

    /**
     * The stack files disable the default provider, so nothing can be created untagged or in a Region the
     * settings did not validate: this one is explicit. Stops with one message, before any component exists,
     * when the account or the Region cannot take the stack.
     */
    public static Platform connect(Settings settings) {
        var aws = provider("aws", settings.region(), settings);
        var invoke = InvokeOptions.builder().provider(aws).build();
        var account = new AwsAccount(settings.partition(), settings.region(), AwsFunctions
                .getCallerIdentityPlain(GetCallerIdentityPlainArgs.builder().build(), invoke).join().accountId());
        settings.requireAccount(account.accountId());
        var zones = availabilityZones(settings, invoke);
        return new Platform(settings, new Naming(settings.namePrefix(), account), zones,
                ComponentResourceOptions.builder().providers(aws).build(), invoke);
    }

    /** An explicit provider in {@code region}, tagged like every other resource of the stack. */
    public static Provider provider(String name, String region, Settings settings) {
        return new Provider(name, ProviderArgs.builder()
                .region(region)
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(settings.tags()).build())
                .build());
    }

    public AwsAccount account() {
        return naming.account();
    }

    /** Whether stateful resources are protected from deletion and replacement ({@code hipaa:deletionProtection}). */
    public boolean protect() {
        return settings.deletionProtection();
    }

    public void export(Context ctx) {
        ctx.export("region", Output.of(settings.region()));
        ctx.export("availabilityZones", Output.of(availabilityZones));
    }

    /** The first {@code azCount} zones AWS reports available to this account, in name order. */
    private static List<String> availabilityZones(Settings settings, InvokeOptions invoke) {
        var names = AwsFunctions.getAvailabilityZonesPlain(GetAvailabilityZonesPlainArgs.builder()
                .state("available")
                .filters(GetAvailabilityZonesFilter.builder()
                        .name("opt-in-status").values("opt-in-not-required").build())
                .build(), invoke).join().names().stream().sorted().toList();
        int wanted = settings.network().azCount();
        if (names.size() < wanted) {
            throw new RunException("Stack '" + settings.stack() + "': hipaa:azCount is " + wanted + " but AWS reports only "
                    + names.size() + " available Availability Zones in " + settings.region() + " (" + names
                    + "); lower hipaa:azCount to " + names.size() + ".");
        }
        return List.copyOf(names.subList(0, wanted));
    }
}
