package hipaa.guardrails;

import hipaa.audit.Exemptions;
import hipaa.audit.Exemptions.Exemption;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of one evaluation: per rule, which subjects passed, failed, were exempted or were
 * out of scope, plus problems with the exemptions themselves. {@link #render()} is deterministic
 * (failures first, then by rule id and subject), so it can be printed by a test or a CLI.
 */
public final class GuardrailReport {

    public enum Status { FAILED, EXEMPT, PASSED, NOT_APPLICABLE }

    /** A failed finding an exemption covers. */
    public record Exempted(Finding finding, Exemption exemption) {}

    /**
     * One rule's result. Status: FAILED if any failure is unexempted, else EXEMPT if any failure
     * is exempted, else PASSED if anything passed, else NOT_APPLICABLE.
     */
    public record RuleResult(Rule rule, List<Finding> passed, List<Finding> failed, List<Exempted> exempted,
                             List<Finding> notApplicable) {

        public RuleResult {
            passed = List.copyOf(passed);
            failed = List.copyOf(failed);
            exempted = List.copyOf(exempted);
            notApplicable = List.copyOf(notApplicable);
        }

        public Status status() {
            return !failed.isEmpty() ? Status.FAILED : !exempted.isEmpty() ? Status.EXEMPT
                    : !passed.isEmpty() ? Status.PASSED : Status.NOT_APPLICABLE;
        }
    }

    /** Something wrong with an exemption: it matches nothing, names an unknown rule, or is past its review date. */
    public record ExemptionProblem(Exemption exemption, String problem) {
        public String message() {
            return exemption.label() + ": " + problem;
        }
    }

    private static final Comparator<Finding> BY_SUBJECT = Comparator.comparing(Finding::name).thenComparing(Finding::type);

    private final List<RuleResult> results;
    private final List<ExemptionProblem> exemptionProblems;
    private final List<Exemption> unused;

    GuardrailReport(List<RuleResult> results, List<ExemptionProblem> exemptionProblems, List<Exemption> unused) {
        this.results = List.copyOf(results);
        this.exemptionProblems = List.copyOf(exemptionProblems);
        this.unused = List.copyOf(unused);
    }

    public List<RuleResult> results() {
        return results;
    }

    public Optional<RuleResult> result(String ruleId) {
        return results.stream().filter(r -> r.rule().id().equals(ruleId)).findFirst();
    }

    public List<ExemptionProblem> exemptionProblems() {
        return exemptionProblems;
    }

    /** Valid exemptions that covered no failure in this evaluation (informational: another stack may need them). */
    public List<Exemption> unusedExemptions() {
        return unused;
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** True when a rule failed without a valid exemption, or an exemption itself is wrong. */
    public boolean hasUnexemptedFailures() {
        return count(Status.FAILED) > 0 || !exemptionProblems.isEmpty();
    }

    /** {@code 88 rules: 50 passed, 2 failed, 5 exempt, 31 not applicable} (plus exemption problems, if any). */
    public String summary() {
        var s = results.size() + " rules: " + count(Status.PASSED) + " passed, " + count(Status.FAILED) + " failed, "
                + count(Status.EXEMPT) + " exempt, " + count(Status.NOT_APPLICABLE) + " not applicable";
        return exemptionProblems.isEmpty() ? s : s + "; " + exemptionProblems.size() + " exemption problem(s)";
    }

    /** One line per unexempted failure and exemption problem: {@code rule-id subject: reason}. */
    public List<String> failureLines() {
        var lines = sorted().stream()
                .flatMap(r -> r.failed().stream().sorted(BY_SUBJECT).map(f -> r.rule().id() + " " + f.label() + ": " + f.outcome().reason()))
                .collect(Collectors.toList());
        exemptionProblems.forEach(p -> lines.add(p.message()));
        return lines;
    }

    private List<RuleResult> sorted() {
        return results.stream()
                .sorted(Comparator.comparing((RuleResult r) -> r.status().ordinal()).thenComparing(r -> r.rule().id()))
                .toList();
    }

    /** The full text report. */
    public String render() {
        var out = new StringBuilder("HIPAA guardrails: ").append(summary()).append('\n');
        Status previous = null;
        for (var r : sorted()) {
            var rule = r.rule();
            // Failures and exemptions are blocks; passed and not-applicable rules are one line each.
            if (r.status() != previous || r.status() == Status.FAILED || r.status() == Status.EXEMPT) {
                out.append('\n');
            }
            previous = r.status();
            out.append(r.status()).append(' ').append(rule.id())
                    .append(" [").append(String.join(", ", rule.hipaaSections())).append(']');
            switch (r.status()) {
                case FAILED, EXEMPT -> {
                    out.append('\n');
                    r.failed().stream().sorted(BY_SUBJECT).forEach(f ->
                            out.append("  FAIL   ").append(f.label()).append(": ").append(f.outcome().reason()).append('\n'));
                    r.exempted().stream().sorted(Comparator.comparing(Exempted::finding, BY_SUBJECT)).forEach(e ->
                            out.append("  EXEMPT ").append(e.finding().label()).append(": ").append(e.finding().outcome().reason())
                                    .append(" (until ").append(e.exemption().reviewBy()).append(": ").append(e.exemption().reason()).append(")\n"));
                    if (!r.failed().isEmpty()) {
                        out.append("  fix: ").append(rule.fix()).append('\n');
                    }
                }
                case PASSED -> out.append(": ").append(r.passed().size()).append(r.passed().size() == 1 ? " subject" : " subjects")
                        .append(r.notApplicable().isEmpty() ? "" : ", " + r.notApplicable().size() + " not applicable").append('\n');
                case NOT_APPLICABLE -> out.append(r.notApplicable().isEmpty()
                        ? ": no " + String.join(" or ", rule.types()) + " declared\n"
                        : ": " + r.notApplicable().size() + " out of scope\n");
            }
        }
        if (!exemptionProblems.isEmpty()) {
            out.append("\nExemption problems:\n");
            exemptionProblems.forEach(p -> out.append("  ").append(p.message()).append('\n'));
        }
        if (!unused.isEmpty()) {
            out.append("\nExemptions that covered nothing in this evaluation:\n");
            unused.forEach(e -> out.append("  ").append(e.label()).append('\n'));
        }
        return out.toString();
    }

    /** A Markdown table of the rules: id, HIPAA sections, types, scope, explanation, fix. */
    public static String catalogueMarkdown(List<Rule> rules) {
        var out = new StringBuilder("| Rule | HIPAA sections | Applies to | Scope | Compliant when | Fix | AWS Config |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (var r : rules) {
            out.append("| `").append(r.id()).append("` | ")
                    .append(String.join(", ", r.hipaaSections())).append(" | ")
                    .append(r.types().isEmpty() ? "account state" : r.types().stream().map(t -> "`" + t + "`").collect(Collectors.joining("<br>"))).append(" | ")
                    .append(switch (r.scope()) {
                        case EACH -> "each";
                        case REQUIRED -> "account: required";
                        case ANY -> "account: at least one";
                        case ABSENT -> "account: none declared";
                        case OUTSIDE -> "account state: AWS Config only";
                    }).append(" | ")
                    .append(cell(r.explanation())).append(" | ")
                    .append(cell(r.fix())).append(" | ")
                    .append(GuardrailRules.deployedAs(r).map(e -> "deployed as AWS Config rule `" + e.identifier() + "` with parameters "
                            + (e.parameters().isEmpty() ? "none" : "from " + String.join(", ", e.parameters()) + " as each stack's plan shows")
                            + " ([page](" + GuardrailRules.page(e) + "))").orElse("not deployed")).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
