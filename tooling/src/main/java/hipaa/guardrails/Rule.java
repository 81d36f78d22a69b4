package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One guardrail, cdk-nag style: an id (the AWS Config managed rule name where one exists, else
 * {@code hipaa-...}), the HIPAA Security Rule sections it supports, the type tokens it judges,
 * a one-line explanation of the compliant state, the fix, and the check.
 *
 * <p>A type token ending in {@code *} is a prefix ({@code aws:*} is every AWS resource; the
 * check then decides what applies). {@link Scope} says how the per-resource check becomes findings:
 * <ul>
 *   <li>{@code EACH}: every resource of the types is judged; none declared means not applicable.</li>
 *   <li>{@code REQUIRED}: as EACH, but the account must have one; none declared fails the stack.</li>
 *   <li>{@code ANY}: the account needs at least one passing resource; one stack-level finding.</li>
 *   <li>{@code ABSENT}: the program must declare none of the types (an IAM user, a console password, an access
 *   key: what only a person can then secure); each declared one is judged (and fails), none declared passes the
 *   stack.</li>
 *   <li>{@code OUTSIDE}: the rule judges account state no program declares (the root user's MFA, how long a
 *   credential went unused); offline it reports one not-applicable finding saying so, and AWS Config alone
 *   judges it after deployment.</li>
 * </ul>
 */
public record Rule(String id, List<String> hipaaSections, List<String> types, Scope scope,
                   String explanation, String fix, Check check) {

    public enum Scope { EACH, REQUIRED, ANY, ABSENT, OUTSIDE }

    /** Judges one resource; the graph answers questions about the resources around it. */
    @FunctionalInterface
    public interface Check {
        Outcome judge(RecordedResource resource, ResourceGraph graph, GuardrailContext ctx);
    }

    public Rule {
        Objects.requireNonNull(id, "id");
        hipaaSections = List.copyOf(hipaaSections);
        types = List.copyOf(types);
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(check, "check");
        if (hipaaSections.isEmpty()) {
            throw new IllegalArgumentException(id + ": a rule needs at least one HIPAA section");
        }
        // A rule about account state judges no declared resource; every other rule judges at least one type.
        if (types.isEmpty() != (scope == Scope.OUTSIDE)) {
            throw new IllegalArgumentException(id + ": " + (types.isEmpty() ? "a rule needs at least one type"
                    : "a rule about account state outside the stack judges no resource type"));
        }
    }

    static Rule each(String id, List<String> sections, List<String> types, String explanation, String fix, Check check) {
        return new Rule(id, sections, types, Scope.EACH, explanation, fix, check);
    }

    static Rule required(String id, List<String> sections, List<String> types, String explanation, String fix, Check check) {
        return new Rule(id, sections, types, Scope.REQUIRED, explanation, fix, check);
    }

    static Rule any(String id, List<String> sections, List<String> types, String explanation, String fix, Check check) {
        return new Rule(id, sections, types, Scope.ANY, explanation, fix, check);
    }

    /** A rule the stack passes by declaring none of {@code types}; {@code check} says why each declared one fails. */
    static Rule absent(String id, List<String> sections, List<String> types, String explanation, String fix, Check check) {
        return new Rule(id, sections, types, Scope.ABSENT, explanation, fix, check);
    }

    /** A rule about account state outside any stack: {@code why} says what AWS Config looks at instead. */
    static Rule outside(String id, List<String> sections, String explanation, String fix, String why) {
        return new Rule(id, sections, List.of(), Scope.OUTSIDE, explanation, fix, (r, g, c) -> Outcome.notApplicable(why));
    }

    public boolean appliesTo(String type) {
        return ResourceGraph.matches(types, type);
    }

    /** All findings of this rule over the graph, in resource registration order. */
    public List<Finding> evaluate(ResourceGraph graph, GuardrailContext ctx) {
        if (scope == Scope.OUTSIDE) {
            return List.of(new Finding(id, Finding.STACK, "", check.judge(null, graph, ctx)));
        }
        var subjects = graph.ofType(types);
        var findings = new ArrayList<Finding>();
        if (subjects.isEmpty()) {
            // In an organization another account's stack may provide what this account must have (Organization).
            var provided = scope == Scope.REQUIRED || scope == Scope.ANY ? ctx.organization().provided(this) : java.util.Optional.<Outcome>empty();
            if (provided.isPresent()) {
                findings.add(new Finding(id, Finding.STACK, "", provided.get()));
            } else if (scope == Scope.ABSENT) {
                findings.add(new Finding(id, Finding.STACK, "", Outcome.pass("declares no " + String.join(" or ", types))));
            } else if (scope != Scope.EACH) {
                findings.add(new Finding(id, Finding.STACK, "", Outcome.fail("no " + String.join(" or ", types) + " is declared")));
            }
            return findings;
        }
        if (scope == Scope.ANY) {
            var failures = new ArrayList<String>();
            for (var r : subjects) {
                var o = check.judge(r, graph, ctx);
                if (o.passed()) {
                    return List.of(new Finding(id, Finding.STACK, "", Outcome.pass(o.reason().isEmpty() ? r.name() : r.name() + ": " + o.reason())));
                }
                failures.add(r.name() + ": " + o.reason());
            }
            return List.of(new Finding(id, Finding.STACK, "", Outcome.fail(failures.stream().collect(Collectors.joining("; ")))));
        }
        for (var r : subjects) {
            findings.add(new Finding(id, r.name(), r.type(), check.judge(r, graph, ctx)));
        }
        return findings;
    }
}
