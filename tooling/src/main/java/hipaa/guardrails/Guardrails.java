package hipaa.guardrails;

import hipaa.audit.Exemptions;
import hipaa.audit.Exemptions.Exemption;
import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates the HIPAA guardrails over what a program registered. Pure Java: no Pulumi runtime,
 * no AWS calls; it judges the declared inputs, so it proves what the program asked for, not
 * what AWS ended up doing.
 */
public final class Guardrails {
    private Guardrails() {}

    public static GuardrailReport evaluate(List<RecordedResource> resources, Exemptions exemptions, GuardrailContext ctx) {
        return evaluate(resources, exemptions, ctx, GuardrailRules.ALL);
    }

    static GuardrailReport evaluate(List<RecordedResource> resources, Exemptions exemptions, GuardrailContext ctx, List<Rule> rules) {
        var graph = ResourceGraph.of(resources);
        var problems = new ArrayList<GuardrailReport.ExemptionProblem>();
        var active = new ArrayList<Exemption>();
        for (var e : exemptions.all()) {
            // An exemption scoped to other stacks or other account roles is neither applied nor judged stale here.
            if (!e.appliesTo(ctx.stack(), ctx.role())) {
                continue;
            }
            // The feature that creates the exempted resource is off in this stack: dormant, not stale.
            if (e.onlyWith().isPresent() && graph.all().stream().noneMatch(r -> r.name().equals(e.onlyWith().get()))) {
                continue;
            }
            var problem = problem(e, rules, graph, ctx);
            problem.ifPresent(p -> problems.add(new GuardrailReport.ExemptionProblem(e, p)));
            if (problem.isEmpty()) {
                active.add(e);
            }
        }
        var used = new HashSet<Exemption>();
        var results = new ArrayList<GuardrailReport.RuleResult>();
        for (var rule : rules) {
            var passed = new ArrayList<Finding>();
            var failed = new ArrayList<Finding>();
            var exempted = new ArrayList<GuardrailReport.Exempted>();
            var notApplicable = new ArrayList<Finding>();
            for (var f : rule.evaluate(graph, ctx)) {
                switch (f.outcome().status()) {
                    case PASS -> passed.add(f);
                    case NOT_APPLICABLE -> notApplicable.add(f);
                    case FAIL -> {
                        var cover = active.stream().filter(e -> e.matches(f.ruleId(), f.name(), f.type())).findFirst();
                        if (cover.isPresent()) {
                            used.add(cover.get());
                            exempted.add(new GuardrailReport.Exempted(f, cover.get()));
                        } else {
                            failed.add(f);
                        }
                    }
                }
            }
            results.add(new GuardrailReport.RuleResult(rule, passed, failed, exempted, notApplicable));
        }
        var unused = active.stream().filter(e -> !used.contains(e)).toList();
        return new GuardrailReport(results, problems, unused);
    }

    // A stale exemption (its rule or resource is gone) would silently cover the next resource
    // that reuses the name; an expired one forces the periodic review HIPAA risk management needs.
    private static Optional<String> problem(Exemption e, List<Rule> rules, ResourceGraph graph, GuardrailContext ctx) {
        var rule = rules.stream().filter(r -> r.id().equals(e.rule())).findFirst();
        if (rule.isEmpty()) {
            return Optional.of("no rule has id " + e.rule());
        }
        boolean stackLevel = rule.get().scope() != Rule.Scope.EACH;
        boolean matches = (stackLevel && e.resource().equals(Finding.STACK) && e.type().isEmpty())
                || graph.all().stream().anyMatch(r -> r.name().equals(e.resource())
                        && e.type().map(r.type()::equals).orElse(true)
                        && rule.get().appliesTo(r.type()));
        if (!matches) {
            return Optional.of("matches no resource the rule applies to; remove it");
        }
        if (e.reviewBy().isBefore(ctx.today())) {
            return Optional.of("review date " + e.reviewBy() + " has passed; review it and renew the date or fix the resource");
        }
        return Optional.empty();
    }
}
