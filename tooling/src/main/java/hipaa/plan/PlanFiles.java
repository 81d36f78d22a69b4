package hipaa.plan;

import com.google.gson.GsonBuilder;
import hipaa.guardrails.Finding;
import hipaa.guardrails.GuardrailReport;
import hipaa.offline.Quotas;
import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plan's files for one stack: {@code plan.md} (read by people, renders on GitHub with its Mermaid
 * diagram), {@code plan.json} (read by tools) and {@code architecture.dot}. All are rendered from a
 * {@link StackPlan} and hold the same facts.
 */
final class PlanFiles {
    private PlanFiles() {}

    static String markdown(StackPlan p, Prices prices, String svgNote) {
        var md = new StringBuilder("# Offline plan: stack `" + p.stack() + "`\n\n");
        md.append("What `pulumi preview` would create, computed without AWS from `Pulumi.").append(p.stack())
                .append(".yaml` and the same code `pulumi up` runs (a preview: values AWS computes are unknown).\n\n");
        md.append("- Region: `").append(p.region()).append("`\n")
                .append("- Account role: `").append(p.role().configName()).append("`\n")
                .append("- Resources: ").append(p.resources().size()).append(" (").append(p.awsCount()).append(" AWS)\n")
                .append("- HIPAA guardrails: ").append(p.hipaa().summary()).append("\n")
                .append("- Estimated monthly cost: ").append(costSummary(p.cost())).append("\n")
                .append("- Before the first `pulumi up`: ").append(beforeFirstUpSummary(p)).append("\n\n");

        references(p, md);
        beforeFirstUp(p, md);
        hipaa(p.hipaa(), md, p.run().resources());

        md.append("## Architecture\n\nDrawn from the registered resources (`hipaa/plan/diagram-roles.tsv` says which types are drawn). ")
                .append("The same graph is in `architecture.dot`").append(svgNote).append(".\n\n```mermaid\n")
                .append(Diagrams.mermaid(p.topology())).append("```\n\n");

        cost(p, prices, md);

        md.append("## Resources by type\n\n| Type | Count |\n|---|---|\n");
        p.counts().forEach((t, n) -> md.append("| `").append(t).append("` | ").append(n).append(" |\n"));
        md.append("| **total** | ").append(p.resources().size()).append(" |\n\n## Resource tree\n\n```\n");
        tree(p.resources(), null, "", md);
        md.append("```\n\n## Key settings\n\nEncryption, exposure, size and protection as declared (references show the ")
                .append("referenced resource's name; `protect` and `retainOnDelete` are the Pulumi resource options).\n\n")
                .append("| Resource | Type | Encryption | Exposure | Size | Protection |\n|---|---|---|---|---|---|\n");
        for (var r : p.resources()) {
            var s = p.settingsOf(r);
            if (s.isEmpty()) {
                continue;
            }
            md.append("| `").append(r.name()).append("` | `").append(r.type()).append("` |");
            for (var aspect : KeySettings.ASPECTS.keySet()) {
                md.append(' ').append(cell(String.join(", ", s.getOrDefault(aspect, List.of())))).append(" |");
            }
            md.append('\n');
        }
        md.append("\n## Stack outputs\n\n| Output | Value |\n|---|---|\n");
        p.run().outputs().forEach((k, v) -> md.append("| `").append(k).append("` | ")
                .append(v.secret() ? "[secret]" : v.known() ? "`" + v.value() + "`" : "(known after deploy)").append(" |\n"));
        return md.toString();
    }

    static String beforeFirstUpSummary(StackPlan p) {
        int placeholders = p.placeholders().size();
        long raises = p.quotas().stream().filter(Quotas.Use::overDefault).count();
        long full = p.quotas().stream().filter(u -> !u.overDefault() && u.total() == u.quota().awsDefault).count();
        return placeholders + (placeholders == 1 ? " placeholder" : " placeholders") + " to replace, " + raises
                + (raises == 1 ? " quota" : " quotas") + " to raise, " + full + " at AWS's default";
    }

    /** What a person must do before this stack can deploy: replace placeholders, raise quotas. */
    private static void beforeFirstUp(StackPlan p, StringBuilder md) {
        md.append("## Before the first `pulumi up`\n\n");
        var placeholders = p.placeholders();
        if (placeholders.isEmpty()) {
            md.append("**Placeholders**: none left in `Pulumi.").append(p.stack()).append(".yaml`.\n\n");
        } else {
            md.append("**Placeholders** still in `Pulumi.").append(p.stack()).append(".yaml` (the program logs a warning ")
                    .append("for each on every run): replace them.\n\n| Key | Value | Why it cannot work |\n|---|---|---|\n");
            placeholders.forEach(x -> md.append("| `").append(x.key()).append("` | `").append(x.value()).append("` | ")
                    .append(cell(x.why())).append(" |\n"));
            md.append('\n');
        }
        md.append("**Quotas**: what the stack counts against AWS's default quotas for a new account (Service Quotas ")
                .append("codes). A quota is per account: other stacks and anything else in the same account and Region ")
                .append("count too. The offline run refuses a stack that goes over a default it does not request ")
                .append("(`aws.servicequotas.ServiceQuota`).\n\n| Quota | Counted per | This stack | A new account already has ")
                .append("| AWS default | Before the first `pulumi up` |\n|---|---|---|---|---|---|\n");
        for (var u : p.quotas()) {
            md.append("| ").append(u.quota().label()).append(" | ").append(u.quota().per).append(" | ").append(u.used())
                    .append(" (").append(u.scope()).append(") | ").append(u.quota().usedOnNewAccount).append(" | ")
                    .append(u.quota().awsDefault).append(" | ").append(cell(quotaStatus(u))).append(" |\n");
        }
        md.append('\n');
    }

    static String quotaStatus(Quotas.Use u) {
        if (u.overDefault()) {
            return "raise to " + u.total() + ": the stack requests " + u.requested().orElse(0) + "; AWS must approve the "
                    + "request before `pulumi up` creates what needs it";
        }
        if (u.total() == u.quota().awsDefault) {
            return "fits, with none to spare: anything else in this account and Region that needs one fails; raise it "
                    + "for room";
        }
        return "nothing to do (" + (u.quota().awsDefault - u.total()) + " to spare)";
    }

    static String costSummary(Costs.Estimate c) {
        return Costs.money(c.total()) + " a month in " + c.region() + " (" + c.of(Costs.Kind.PRICED).size() + " priced, "
                + c.of(Costs.Kind.USAGE).size() + " usage-based, " + c.of(Costs.Kind.FREE).size() + " free, "
                + c.of(Costs.Kind.NOT_PRICED).size() + " not priced)";
    }

    /** "deployed as AWS Config rule X with parameters Y", from the rules the stack registered. */
    static String deployedAs(hipaa.guardrails.Rule rule, java.util.List<hipaa.offline.RecordedResource> resources) {
        var entry = hipaa.guardrails.GuardrailRules.deployedAs(rule);
        if (entry.isEmpty()) {
            return "not deployed";
        }
        var params = resources.stream().filter(r -> r.type().equals("aws:cfg/rule:Rule"))
                .filter(r -> entry.get().identifier().equals(String.valueOf(r.map("source").get("sourceIdentifier"))))
                .map(r -> r.string("inputParameters").orElse("none")).collect(Collectors.joining(", "));
        return "deployed as AWS Config rule `" + entry.get().identifier() + "` with parameters " + (params.isEmpty() ? "none (not offered in this Region)" : params);
    }

    private static void hipaa(GuardrailReport report, StringBuilder md, java.util.List<hipaa.offline.RecordedResource> resources) {
        md.append("## HIPAA guardrails\n\n").append(report.hasUnexemptedFailures() ? "**FAILED**: " : "Passed: ")
                .append(report.summary()).append(". Rules and exemptions: `docs/GUARDRAILS.md`, `guardrails/exemptions.yaml`.\n\n")
                .append("| Status | Rule | HIPAA sections | Resources | AWS Config |\n|---|---|---|---|---|\n");
        var sorted = report.results().stream().sorted(java.util.Comparator
                .comparing((GuardrailReport.RuleResult r) -> r.status().ordinal()).thenComparing(r -> r.rule().id())).toList();
        for (var r : sorted) {
            var subjects = switch (r.status()) {
                case FAILED -> r.failed().stream().map(f -> "FAIL " + f.label() + ": " + f.outcome().reason())
                        .collect(Collectors.joining("<br>"));
                case EXEMPT -> r.exempted().stream().map(e -> "EXEMPT " + e.finding().label() + " until "
                        + e.exemption().reviewBy() + ": " + e.exemption().reason()).collect(Collectors.joining("<br>"));
                case PASSED -> r.passed().stream().map(Finding::name).collect(Collectors.joining(", "));
                case NOT_APPLICABLE -> "none declared";
            };
            md.append("| ").append(r.status()).append(" | `").append(r.rule().id()).append("` | ")
                    .append(String.join(", ", r.rule().hipaaSections())).append(" | ").append(cell(subjects)).append(" | ")
                    .append(cell(deployedAs(r.rule(), resources))).append(" |\n");
        }
        report.exemptionProblems().forEach(e -> md.append("\nExemption problem: ").append(e.message()).append('\n'));
        md.append('\n');
    }

    private static void cost(StackPlan p, Prices prices, StringBuilder md) {
        var c = p.cost();
        md.append("## Estimated monthly cost\n\n**").append(Costs.money(c.total())).append("** a month in `").append(c.region())
                .append("`. Usage (traffic, logs, requests) is not estimated: such resources are listed below as ")
                .append("usage-based, and resources the table cannot price as not priced, never counted as zero. ")
                .append("The price table, `src/main/resources/hipaa/plan/prices.tsv`, says:\n\n");
        prices.header().forEach(h -> md.append("> ").append(h).append('\n'));
        md.append("\n| Resource | Type | Monthly | How |\n|---|---|---:|---|\n");
        c.of(Costs.Kind.PRICED).stream().sorted(java.util.Comparator.comparing(Costs.Line::monthly).reversed())
                .forEach(l -> md.append("| `").append(l.resource().name()).append("` | `").append(l.resource().type()).append("` | ")
                        .append(Costs.money(l.monthly())).append(" | ").append(cell(l.basis()
                                + (l.usage().isEmpty() ? "" : "; plus usage: " + l.usage()))).append(" |\n"));
        md.append("| **total** | | **").append(Costs.money(c.total())).append("** | |\n\n");
        section(md, "Usage-based, not estimated", c.of(Costs.Kind.USAGE), true);
        section(md, "Not priced", c.of(Costs.Kind.NOT_PRICED), true);
        section(md, "Free", c.of(Costs.Kind.FREE), false);
    }

    private static void section(StringBuilder md, String title, List<Costs.Line> lines, boolean detail) {
        if (lines.isEmpty()) {
            md.append("**").append(title).append("**: none.\n\n");
            return;
        }
        md.append("**").append(title).append("** (").append(lines.size()).append("):");
        if (!detail) {
            var byType = new java.util.TreeMap<String, Long>(lines.stream()
                    .collect(Collectors.groupingBy(l -> l.resource().type(), Collectors.counting())));
            md.append(' ').append(byType.entrySet().stream().map(e -> e.getValue() + " `" + e.getKey() + "`")
                    .collect(Collectors.joining(", "))).append(".\n\n");
            return;
        }
        md.append("\n\n");
        lines.forEach(l -> md.append("- `").append(l.resource().name()).append("` (`").append(l.resource().type()).append("`): ")
                .append(l.kind() == Costs.Kind.USAGE ? l.usage() : l.basis()).append('\n'));
        md.append('\n');
    }

    private static void tree(List<RecordedResource> all, RecordedResource parent, String indent, StringBuilder md) {
        for (var c : all) {
            boolean isChild = parent == null ? c.parent().isEmpty()
                    : c.parent().map(x -> x.type().equals(parent.type()) && x.name().equals(parent.name())).orElse(false);
            if (isChild) {
                md.append(indent).append(c.name()).append("  (").append(c.type()).append(")\n");
                tree(all, c, indent + "  ", md);
            }
        }
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    // ------------------------------------------------------------------ JSON

    /**
     * The stacks this one reads through StackReferences and what answered each offline: the referenced stack's own
     * offline run (its stack file, the same program) or pinned outputs (ReferencedStacks.PINNED).
     */
    private static void references(StackPlan p, StringBuilder md) {
        if (p.run().referenced().isEmpty()) {
            return;
        }
        md.append("## Referenced stacks\n\nThis stack reads these stacks' outputs (StackReferences named in its settings); "
                + "offline, each was answered as shown, so the values wired here are the ones those stacks would export.\n\n"
                + "| Stack | Answered by |\n|---|---|\n");
        p.run().referenced().forEach(r -> md.append("| `").append(r.name()).append("` | ")
                .append(r.answered() ? r.source() : "not answered: " + r.answer().refusal().orElseThrow()).append(" |\n"));
        md.append('\n');
    }

    static String json(StackPlan p) {
        var root = new LinkedHashMap<String, Object>();
        root.put("stack", p.stack());
        root.put("project", p.run().config().project());
        root.put("region", p.region());
        root.put("accountRole", p.role().configName());
        root.put("references", p.run().referenced().stream().map(r -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("stack", r.name());
            m.put("answeredBy", r.source());
            return m;
        }).toList());
        var resources = new ArrayList<Map<String, Object>>();
        for (var r : p.resources()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("type", r.type());
            m.put("name", r.name());
            m.put("parent", r.parent().map(x -> Map.of("type", x.type(), "name", x.name())).orElse(null));
            var protection = p.run().protection(r);
            m.put("protect", protection.protect());
            m.put("retainOnDelete", protection.retainOnDelete());
            m.put("settings", p.settingsOf(r));
            p.costOf(r).ifPresent(l -> {
                var cost = new LinkedHashMap<String, Object>();
                cost.put("kind", l.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                cost.put("monthlyUsd", round(l.monthly()));
                cost.put("basis", l.basis());
                cost.put("usage", l.usage());
                m.put("cost", cost);
            });
            resources.add(m);
        }
        root.put("resources", resources);
        root.put("counts", p.counts());
        var before = new LinkedHashMap<String, Object>();
        before.put("placeholders", p.placeholders().stream().map(x -> Map.of("key", x.key(), "value", x.value(), "why", x.why())).toList());
        before.put("quotas", p.quotas().stream().map(u -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("serviceCode", u.quota().serviceCode);
            m.put("quotaCode", u.quota().code);
            m.put("quota", u.quota().title);
            m.put("per", u.quota().per);
            m.put("scope", u.scope());
            m.put("used", u.used());
            m.put("usedOnNewAccount", u.quota().usedOnNewAccount);
            m.put("awsDefault", u.quota().awsDefault);
            u.requested().ifPresent(v -> m.put("requested", v));
            m.put("needsRaise", u.overDefault());
            m.put("resources", u.resources());
            return m;
        }).toList());
        root.put("beforeFirstUp", before);
        var hipaa = new LinkedHashMap<String, Object>();
        hipaa.put("summary", p.hipaa().summary());
        hipaa.put("unexemptedFailures", p.hipaa().hasUnexemptedFailures());
        hipaa.put("failureLines", p.hipaa().failureLines());
        var rules = new ArrayList<Map<String, Object>>();
        for (var r : p.hipaa().results()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", r.rule().id());
            m.put("status", r.status().name());
            m.put("hipaaSections", r.rule().hipaaSections());
            m.put("passed", r.passed().stream().map(Finding::label).toList());
            m.put("failed", r.failed().stream().map(f -> Map.of("subject", f.label(), "reason", f.outcome().reason())).toList());
            m.put("exempted", r.exempted().stream().map(e -> Map.of("subject", e.finding().label(), "reason", e.exemption().reason(),
                    "reviewBy", e.exemption().reviewBy().toString())).toList());
            rules.add(m);
        }
        hipaa.put("rules", rules);
        root.put("hipaa", hipaa);
        var cost = new LinkedHashMap<String, Object>();
        cost.put("region", p.cost().region());
        cost.put("totalMonthlyUsd", round(p.cost().total()));
        for (var kind : Costs.Kind.values()) {
            cost.put(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    p.cost().of(kind).stream().map(l -> l.resource().name()).toList());
        }
        root.put("cost", cost);
        var outputs = new LinkedHashMap<String, Object>();
        p.run().outputs().forEach((k, v) -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("value", v.secret() || !v.known() ? null : v.value());
            m.put("known", v.known());
            m.put("secret", v.secret());
            outputs.put(k, m);
        });
        root.put("outputs", outputs);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root) + "\n";
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
