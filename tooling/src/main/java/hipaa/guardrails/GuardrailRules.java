package hipaa.guardrails;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The HIPAA guardrails this project enforces on what the program declares, before anything is
 * deployed.
 *
 * <p>Most rules are the AWS Config managed rules of the "Operational Best Practices for HIPAA
 * Security" conformance pack that can be judged from declared inputs, under the same ids, with
 * the pack's parameters where it sets them; the HIPAA sections follow cdk-nag's HIPAA Security pack.
 * Rules with a {@code hipaa-} id are the project's own (customer managed keys, TLS policy, tags,
 * approved AMIs, ...). Rules whose scope is {@link Rule.Scope#REQUIRED} or {@link Rule.Scope#ANY}
 * are account-level: they fail the stack when no resource of the type is declared.
 *
 * <p>Ids are unique; {@link #ALL} is grouped by domain and is the order reports use for
 * {@link GuardrailReport#catalogueMarkdown}.
 */
public final class GuardrailRules {
    private GuardrailRules() {}

    public static final List<Rule> ALL = Stream.of(
                    NetworkRules.RULES, DataRules.RULES, StorageRules.RULES, AuditRules.RULES,
                    EdgeRules.RULES, ComputeRules.RULES, IdentityRules.RULES, TaggingRules.RULES)
            .flatMap(List::stream)
            .toList();

    private static final Map<String, Rule> BY_ID = index();

    private static Map<String, Rule> index() {
        var m = new LinkedHashMap<String, Rule>();
        for (var r : ALL) {
            if (m.put(r.id(), r) != null) {
                throw new IllegalStateException("duplicate rule id " + r.id());
            }
        }
        return m;
    }

    public static Optional<Rule> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
