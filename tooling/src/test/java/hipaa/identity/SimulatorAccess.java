package hipaa.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PolicySimulator} for tests outside this package (the organization's): the same simulator, the same
 * questions, its verdicts as their names. It adds nothing to what the simulator evaluates.
 */
public final class SimulatorAccess {
    private SimulatorAccess() {}

    /**
     * One question: who asks ({@code principal}) for {@code action} on {@code resource}, owned by
     * {@code resourceAccount}, with the principal's identity policies and the resource's policy (document keys).
     */
    public record Question(String id, String principal, String action, String resource, String resourceAccount,
                           Map<String, Object> context, List<String> identity, String resourcePolicy,
                           List<String> explicit) {}

    /** @return the simulator's verdict by question id: Allowed, ExplicitlyDenied, ImplicitlyDenied or Error (with the reason) */
    public static Map<String, String> ask(Map<String, Object> documents, List<Question> questions) {
        var qs = questions.stream().map(q -> new PolicySimulator.Question(q.id(), q.principal(), q.action(), q.resource(),
                q.resourceAccount(), q.context(), q.identity(), null, q.resourcePolicy(), q.explicit())).toList();
        var out = new LinkedHashMap<String, String>();
        PolicySimulator.ask(documents, qs).forEach((id, a) -> out.put(id,
                a.verdict() == PolicySimulator.Verdict.Error ? "Error: " + a.errors() : a.verdict().name()));
        return out;
    }
}
