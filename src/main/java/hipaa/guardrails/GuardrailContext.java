package hipaa.guardrails;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What the rules need besides the resources: the tag keys every taggable resource must carry,
 * the AMI ids instances may boot from, and the date exemptions are judged against.
 */
public record GuardrailContext(Set<String> requiredTagKeys, Set<String> approvedAmiIds, LocalDate today) {

    public GuardrailContext {
        requiredTagKeys = Set.copyOf(Objects.requireNonNull(requiredTagKeys, "requiredTagKeys"));
        approvedAmiIds = Set.copyOf(Objects.requireNonNull(approvedAmiIds, "approvedAmiIds"));
        Objects.requireNonNull(today, "today");
    }

    /** From any collections (settings often hold lists). */
    public static GuardrailContext of(Collection<String> requiredTagKeys, Collection<String> approvedAmiIds, LocalDate today) {
        return new GuardrailContext(Set.copyOf(requiredTagKeys), Set.copyOf(approvedAmiIds), today);
    }
}
