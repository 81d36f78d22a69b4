package hipaa.organization;

import com.pulumi.aws.organizations.DelegatedAdministrator;
import com.pulumi.aws.organizations.DelegatedAdministratorArgs;
import com.pulumi.aws.organizations.Organization;
import com.pulumi.aws.organizations.OrganizationArgs;
import com.pulumi.aws.organizations.Policy;
import com.pulumi.aws.organizations.PolicyArgs;
import com.pulumi.aws.organizations.PolicyAttachment;
import com.pulumi.aws.organizations.PolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The organization itself, its service control policies and the delegated administrators, registered from the
 * management account.
 *
 * <p>Children: {@code organization} (the existing organization, adopted once and never deleted), one
 * {@code <name>-scp-<policy>} per SCP ({@link ServiceControlPolicies}) with one {@code <name>-scp-<policy>-<target>}
 * attachment per target, {@code <name>-guardduty-admin-<region>} and {@code <name>-securityhub-admin-<region>} per
 * approved Region (both services designate their administrator Region by Region), and
 * {@code <name>-delegated-admin-access-analyzer} and {@code <name>-delegated-admin-config}.
 *
 * <p>The organization is created outside the program (Organizations' console, or Control Tower) and adopted on the
 * first {@code pulumi up} through the {@code import} option with {@code hipaa:organizationId}: with Pulumi CLI 3.18x
 * and later an import whose inputs differ is imported, then updated to them (Pulumi docs, "Resource option: import";
 * pulumi/pulumi#19339). Once in the state the option is ignored. It is protected and retained on delete: no
 * {@code pulumi destroy} may dissolve an organization.
 */
public final class OrganizationGuard extends ComponentResource {

    public static final String TYPE = "hipaa:organization:OrganizationGuard";

    /**
     * Services the organization trusts (organizations:EnableAWSServiceAccess), by the service principal each one's
     * page of "AWS services that you can use with AWS Organizations" names: the organization trail, Config's
     * aggregator and its organization rules, GuardDuty and its Malware Protection, Security Hub, IAM Access Analyzer.
     */
    public static final List<String> TRUSTED_SERVICES = List.of("cloudtrail.amazonaws.com", "config.amazonaws.com",
            "config-multiaccountsetup.amazonaws.com", "guardduty.amazonaws.com",
            "malware-protection.guardduty.amazonaws.com", "securityhub.amazonaws.com", "access-analyzer.amazonaws.com");

    /**
     * Services whose delegated administrator is registered through Organizations (RegisterDelegatedAdministrator).
     * GuardDuty and Security Hub register theirs through their own API ({@code EnableOrganizationAdminAccount}),
     * which registers it with Organizations too: a second registration of theirs would fail as already registered.
     */
    public static final List<String> DELEGATED_SERVICES = List.of("access-analyzer.amazonaws.com", "config.amazonaws.com");

    /**
     * @param organizationId   the existing organization ({@code hipaa:organizationId})
     * @param namePrefix       the stack's prefix: SCPs are {@code <prefix>-<policy>-guard}
     * @param scope            what the SCPs are written for
     * @param targetIds        OUs or accounts every SCP is attached to ({@code hipaa:scpTargetIds})
     * @param securityAccount  the delegated administrator of detection ({@code hipaa:securityAccountId})
     * @param regionProviders  a provider per approved Region, in order, this stack's own Region's first
     */
    public record Args(String organizationId, String namePrefix, ServiceControlPolicies.Scope scope,
                       List<String> targetIds, String securityAccount, Map<String, ProviderResource> regionProviders) {
        public Args {
            Objects.requireNonNull(organizationId, "organizationId");
            Objects.requireNonNull(namePrefix, "namePrefix");
            Objects.requireNonNull(scope, "scope");
            targetIds = List.copyOf(targetIds);
            if (targetIds.isEmpty()) {
                throw new IllegalArgumentException("targetIds: empty; SCPs attached nowhere guard nothing");
            }
            Objects.requireNonNull(securityAccount, "securityAccount");
            regionProviders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(regionProviders));
        }
    }

    public final Organization organization;
    /** The SCP resources by policy name ({@link ServiceControlPolicies#EVIDENCE}, ...). */
    public final Map<String, Policy> policies;

    public OrganizationGuard(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        this.organization = new Organization("organization", OrganizationArgs.builder()
                .featureSet("ALL")
                .enabledPolicyTypes("SERVICE_CONTROL_POLICY")
                .awsServiceAccessPrincipals(TRUSTED_SERVICES)
                .build(), CustomResourceOptions.builder().parent(this).protect(true).retainOnDelete(true)
                .importId(args.organizationId()).build());
        // SCPs exist only once the organization has the SCP policy type enabled; the administrators only once
        // their service is trusted.
        var afterOrganization = CustomResourceOptions.builder().parent(this).dependsOn(organization).build();

        var policies = new LinkedHashMap<String, Policy>();
        for (var scp : ServiceControlPolicies.policies(args.scope())) {
            var policyName = args.namePrefix() + "-" + scp.name() + "-guard";
            var policy = new Policy(name + "-scp-" + scp.name(), PolicyArgs.builder()
                    .name(policyName)
                    .description(scp.description())
                    .type("SERVICE_CONTROL_POLICY")
                    .content(scp.json())
                    .tags(Map.of("Name", policyName))
                    .build(), afterOrganization);
            policies.put(scp.name(), policy);
            for (var target : args.targetIds()) {
                new PolicyAttachment(name + "-scp-" + scp.name() + "-" + target, PolicyAttachmentArgs.builder()
                        .policyId(policy.id())
                        .targetId(target)
                        .build(), CustomResourceOptions.builder().parent(this).build());
            }
        }
        this.policies = java.util.Collections.unmodifiableMap(policies);

        var admins = new ArrayList<Output<String>>();
        for (var region : args.regionProviders().entrySet()) {
            var inRegion = CustomResourceOptions.builder().parent(this).dependsOn(organization).provider(region.getValue()).build();
            admins.add(new com.pulumi.aws.guardduty.OrganizationAdminAccount(name + "-guardduty-admin-" + region.getKey(),
                    com.pulumi.aws.guardduty.OrganizationAdminAccountArgs.builder()
                            .adminAccountId(args.securityAccount()).build(), inRegion).adminAccountId());
            admins.add(new com.pulumi.aws.securityhub.OrganizationAdminAccount(name + "-securityhub-admin-" + region.getKey(),
                    com.pulumi.aws.securityhub.OrganizationAdminAccountArgs.builder()
                            .adminAccountId(args.securityAccount()).build(), inRegion).adminAccountId());
        }
        for (var service : DELEGATED_SERVICES) {
            new DelegatedAdministrator(name + "-delegated-admin-" + service.substring(0, service.indexOf('.')),
                    DelegatedAdministratorArgs.builder()
                            .accountId(args.securityAccount())
                            .servicePrincipal(service)
                            .build(), afterOrganization);
        }
        registerOutputs(Map.of("organizationId", organization.id()));
    }
}
