package hipaa.guardrails;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What the rules need besides the resources: the tag keys every taggable resource must carry,
 * the AMI ids instances may boot from, the date exemptions are judged against, and what the stack is in an
 * organization: its account role ({@code hipaa:accountRole}, which scopes exemptions by {@code roles}) and what the
 * organization's other stacks provide it ({@link Organization}).
 */
public record GuardrailContext(Set<String> requiredTagKeys, Set<String> approvedAmiIds, LocalDate today, String stack,
                               Organization organization) {

    public GuardrailContext {
        requiredTagKeys = Set.copyOf(Objects.requireNonNull(requiredTagKeys, "requiredTagKeys"));
        approvedAmiIds = Set.copyOf(Objects.requireNonNull(approvedAmiIds, "approvedAmiIds"));
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(organization, "organization");
    }

    /** A context of a single-account stack. */
    public GuardrailContext(Set<String> requiredTagKeys, Set<String> approvedAmiIds, LocalDate today, String stack) {
        this(requiredTagKeys, approvedAmiIds, today, stack, Organization.NONE);
    }

    /** The stack's account role. */
    public hipaa.settings.AccountRole role() {
        return organization.role();
    }

    /** The same context, for a stack that is {@code organization.role()} in its organization. */
    public GuardrailContext withOrganization(Organization organization) {
        return new GuardrailContext(requiredTagKeys, approvedAmiIds, today, stack, organization);
    }

    /** A context for no stack in particular: only exemptions without {@code stacks} apply. */
    public GuardrailContext(Set<String> requiredTagKeys, Set<String> approvedAmiIds, LocalDate today) {
        this(requiredTagKeys, approvedAmiIds, today, "");
    }

    /** The same context, judging the named stack (stack-scoped exemptions apply to it). */
    public GuardrailContext forStack(String name) {
        return new GuardrailContext(requiredTagKeys, approvedAmiIds, today, name, organization);
    }

    /**
     * The context of a stack run offline: its required tags, and the AMIs it approves. With
     * {@code hipaa:approvedAmiIds} empty the program approves the Amazon Linux image it resolves from AWS's
     * public parameter (App#approvedImages), which offline is what the engine answers for that parameter.
     */
    public static GuardrailContext of(hipaa.settings.Settings settings, LocalDate today) {
        return stack(settings, today)
                .withOrganization(Organization.load(java.nio.file.Path.of(Organization.FILE)).forStack(settings.role(), java.util.Map.of()));
    }

    /** The stack's required tags, approved AMIs and name, before any organization data. */
    private static GuardrailContext stack(hipaa.settings.Settings settings, LocalDate today) {
        var approved = settings.approvedAmiIds().isEmpty() ? java.util.List.of(hipaa.offline.OfflineEngine.AMAZON_LINUX_AMI)
                : settings.approvedAmiIds();
        return of(settings.requiredTagKeys(), approved, today).forStack(settings.stack());
    }

    /**
     * The context of an offline run: as {@link #of(hipaa.settings.Settings, LocalDate)}, with the organization data
     * {@code organization} and the stacks that answered the run's StackReferences as the providers of their roles
     * (the log-archive and security stacks a workload names), with their resources when their own offline run
     * answered.
     */
    public static GuardrailContext of(hipaa.settings.Settings settings, LocalDate today, Organization organization,
                                      hipaa.offline.OfflineRun.Result run) {
        var providers = new java.util.LinkedHashMap<String, Organization.Provider>();
        var org = settings.organization();
        for (var referenced : run.referenced()) {
            var role = org.logArchiveStack().filter(referenced.name()::equals).isPresent() ? hipaa.settings.AccountRole.LOG_ARCHIVE
                    : org.securityStack().filter(referenced.name()::equals).isPresent() ? hipaa.settings.AccountRole.SECURITY : null;
            if (role != null) {
                providers.put(role.configName(), new Organization.Provider(referenced.name(),
                        referenced.run().map(hipaa.offline.OfflineRun.Result::resources)));
            }
        }
        // The caller's organization data, read once per plan: not the file again for every stack.
        return stack(settings, today).withOrganization(organization.forStack(settings.role(), providers));
    }

    /** From any collections (settings often hold lists). */
    public static GuardrailContext of(Collection<String> requiredTagKeys, Collection<String> approvedAmiIds, LocalDate today) {
        return new GuardrailContext(Set.copyOf(requiredTagKeys), Set.copyOf(approvedAmiIds), today);
    }
}
