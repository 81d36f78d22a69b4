package hipaa.guardrails;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What the rules need besides the resources: the tag keys every taggable resource must carry,
 * the AMI ids instances may boot from, and the date exemptions are judged against.
 */
public record GuardrailContext(Set<String> requiredTagKeys, Set<String> approvedAmiIds, LocalDate today, String stack) {

    public GuardrailContext {
        requiredTagKeys = Set.copyOf(Objects.requireNonNull(requiredTagKeys, "requiredTagKeys"));
        approvedAmiIds = Set.copyOf(Objects.requireNonNull(approvedAmiIds, "approvedAmiIds"));
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(stack, "stack");
    }

    /** A context for no stack in particular: only exemptions without {@code stacks} apply. */
    public GuardrailContext(Set<String> requiredTagKeys, Set<String> approvedAmiIds, LocalDate today) {
        this(requiredTagKeys, approvedAmiIds, today, "");
    }

    /** The same context, judging the named stack (stack-scoped exemptions apply to it). */
    public GuardrailContext forStack(String name) {
        return new GuardrailContext(requiredTagKeys, approvedAmiIds, today, name);
    }

    /**
     * The context of a stack run offline: its required tags, and the AMIs it approves. With
     * {@code hipaa:approvedAmiIds} empty the program approves the Amazon Linux image it resolves from AWS's
     * public parameter (App#approvedImages), which offline is what the engine answers for that parameter.
     */
    public static GuardrailContext of(hipaa.settings.Settings settings, LocalDate today) {
        var approved = settings.approvedAmiIds().isEmpty() ? java.util.List.of(hipaa.offline.OfflineEngine.AMAZON_LINUX_AMI)
                : settings.approvedAmiIds();
        return of(settings.requiredTagKeys(), approved, today).forStack(settings.stack());
    }

    /** From any collections (settings often hold lists). */
    public static GuardrailContext of(Collection<String> requiredTagKeys, Collection<String> approvedAmiIds, LocalDate today) {
        return new GuardrailContext(Set.copyOf(requiredTagKeys), Set.copyOf(approvedAmiIds), today);
    }
}
