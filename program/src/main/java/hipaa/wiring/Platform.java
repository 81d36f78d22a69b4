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
import com.pulumi.aws.ssm.SsmFunctions;
import com.pulumi.aws.ssm.inputs.GetParameterPlainArgs;
import hipaa.access.Images;
import hipaa.audit.ConfigSubjects;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.organization.OrganizationAccountBaseline;
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
 * @param approvedImages    the AMIs instances may run and launch from (never empty: {@link #approvedImages(Settings, InvokeOptions)})
 * @param opts              what every top-level component gets: the explicit provider, and {@code subjects}
 *                          watching every resource
 * @param invoke            what every data source call gets: the same provider
 * @param subjects          every resource of the stack, for the ids AWS Config reports of the exempted ones
 */
public record Platform(Settings settings, Naming naming, List<String> availabilityZones, List<String> approvedImages,
                       ComponentResourceOptions opts, InvokeOptions invoke, ConfigSubjects subjects) {

    public Platform {
        availabilityZones = List.copyOf(availabilityZones);
        approvedImages = List.copyOf(approvedImages);
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
        // Only the stacks that run hosts in VPCs need zones and images.
        boolean workload = settings.role().runsWorkload();
        var zones = workload ? availabilityZones(settings, invoke) : List.<String>of();
        var images = workload ? approvedImages(settings, invoke) : List.<String>of();
        // Observes every resource so the exemptions can be turned into the ids AWS Config reports.
        var subjects = new ConfigSubjects();
        return new Platform(settings, new Naming(settings.namePrefix(), account), zones, images,
                ComponentResourceOptions.builder().providers(aws).resourceTransformations(subjects).build(), invoke,
                subjects);
    }

    /** The image hosts launch from: the first approved one. */
    public String image() {
        return approvedImages.get(0);
    }

    /**
     * An explicit provider in {@code region}, tagged like every other resource of the stack. A stack of an
     * organization refuses every account but its role's ({@code allowedAccountIds}): credentials meant for one account
     * of the organization can never change another. It uses the credentials it is run with, as a single-account
     * stack does (docs/ORGANIZATION.md, "Credentials"): {@code pulumi up} runs as the account's {@code <prefix>-deployer}
     * and a pull request's preview as its read-only role. A provider that assumed the deployer role itself would
     * need previews to be allowed to assume it, handing a pull request's code the deployer's permissions.
     */
    public static Provider provider(String name, String region, Settings settings) {
        var args = ProviderArgs.builder()
                .region(region)
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(settings.tags()).build());
        settings.organization().accountId().ifPresent(args::allowedAccountIds);
        return new Provider(name, args.build());
    }

    /**
     * The account settings every account of the organization needs and nothing else provides (password policy, S3
     * Block Public Access, EBS default encryption), for the management, log-archive and security stacks; a workload
     * gets them from its own identity and audit wiring, as a single-account stack does.
     */
    public OrganizationAccountBaseline organizationAccountBaseline() {
        return new OrganizationAccountBaseline("account-baseline", new OrganizationAccountBaseline.Args(naming,
                settings.account().manageAccountBaseline(), settings.audit().manageRegionalBaseline(), protect()), opts);
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

    /**
     * The AMIs instances may run: {@code hipaa:approvedAmiIds}, or, when it is empty, the one Amazon Linux 2023
     * image AWS's public parameter names at this deployment. Every host then launches that id (not the parameter,
     * which moves with each release), and AWS Config's approved-amis-by-id rule checks it: a new release
     * reaches the hosts, and the approved list, with the next {@code pulumi up}.
     */
    private static List<String> approvedImages(Settings settings, InvokeOptions invoke) {
        if (!settings.approvedAmiIds().isEmpty()) {
            return settings.approvedAmiIds();
        }
        return List.of(SsmFunctions.getParameterPlain(GetParameterPlainArgs.builder()
                .name(Images.AMAZON_LINUX_2023_PARAMETER).build(), invoke).join().value());
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
