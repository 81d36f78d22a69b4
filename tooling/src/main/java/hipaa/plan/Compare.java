package hipaa.plan;

import hipaa.guardrails.GuardrailReport;
import hipaa.offline.RecordedResource;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Two stacks side by side, only where they differ: resource counts by type, sizes, protections, guardrail
 * results and cost. Resources are matched by type and logical name, which are the same in every stack
 * (names never depend on a stack's values except where the stack adds or removes a resource).
 */
final class Compare {
    private Compare() {}

    static String markdown(StackPlan a, StackPlan b) {
        var md = new StringBuilder("# Offline plan: `" + a.stack() + "` and `" + b.stack() + "` compared\n\n")
                .append("Only what differs. Each side is the offline preview of its stack file (`./plan ").append(a.stack())
                .append("`, `./plan ").append(b.stack()).append("` write the full plans).\n\n");
        md.append("| | `").append(a.stack()).append("` | `").append(b.stack()).append("` |\n|---|---|---|\n")
                .append(row("Region", a.region(), b.region()))
                .append(row("Resources", a.resources().size() + " (" + a.awsCount() + " AWS)", b.resources().size() + " (" + b.awsCount() + " AWS)"))
                .append(row("HIPAA guardrails", a.hipaa().summary(), b.hipaa().summary()))
                .append(row("Estimated monthly cost", Costs.money(a.cost().total()), Costs.money(b.cost().total())))
                .append('\n');

        md.append("## Resources by type\n\n");
        table(md, a, b, union(a.counts().keySet(), b.counts().keySet()), t -> "`" + t + "`",
                (p, t) -> String.valueOf(p.counts().getOrDefault(t, 0L)));

        var keys = keysOf(a).stream().filter(keysOf(b)::contains).toList();
        md.append("## Resources in only one stack\n\n");
        only(md, a, b);
        only(md, b, a);
        md.append("\nThe sections below compare the resources both stacks have.\n\n## Sizes\n\n");
        table(md, a, b, keys, Compare::label, (p, k) -> aspect(p, k, "size"));
        md.append("## Protections\n\n");
        table(md, a, b, keys, Compare::label, (p, k) -> aspect(p, k, "protection"));
        md.append("## Encryption and exposure\n\n");
        table(md, a, b, keys, Compare::label, (p, k) -> String.join("; ", java.util.stream.Stream.of(aspect(p, k, "encryption"),
                aspect(p, k, "exposure")).filter(x -> !x.isEmpty()).toList()));

        md.append("## HIPAA guardrail results\n\n");
        table(md, a, b, union(rules(a).keySet(), rules(b).keySet()), id -> "`" + id + "`",
                (p, id) -> rules(p).getOrDefault(id, "(no such rule)"));

        md.append("## Monthly cost\n\n");
        table(md, a, b, keys, Compare::label, (p, k) -> find(p, k).flatMap(p::costOf).map(l -> switch (l.kind()) {
            case PRICED -> Costs.money(l.monthly());
            case FREE -> "free";
            case USAGE -> "usage-based";
            case NOT_PRICED -> "not priced";
        }).orElse(""));
        md.append("| **total** | **").append(Costs.money(a.cost().total())).append("** | **").append(Costs.money(b.cost().total()))
                .append("** |\n");
        return md.toString();
    }

    /** The terminal lines: totals and how many rows differ per section. */
    static String summary(StackPlan a, StackPlan b) {
        var keys = keysOf(a).stream().filter(keysOf(b)::contains).toList();
        long resources = union(a.counts().keySet(), b.counts().keySet()).stream()
                .filter(t -> !Objects.equals(a.counts().get(t), b.counts().get(t))).count();
        long sizes = keys.stream().filter(k -> !aspect(a, k, "size").equals(aspect(b, k, "size"))).count();
        long protections = keys.stream().filter(k -> !aspect(a, k, "protection").equals(aspect(b, k, "protection"))).count();
        long rules = union(rules(a).keySet(), rules(b).keySet()).stream()
                .filter(id -> !Objects.equals(rules(a).get(id), rules(b).get(id))).count();
        return a.stack() + " vs " + b.stack() + ": resources " + a.resources().size() + " vs " + b.resources().size()
                + " (" + resources + " types differ in count); of the resources both have, " + sizes + " differ in size and "
                + protections + " in protection; "
                + rules + " guardrail results differ, monthly estimate " + Costs.money(a.cost().total()) + " vs "
                + Costs.money(b.cost().total());
    }

    /** Resources of {@code a} that {@code b} does not have, per type: an extra AZ, endpoints a stack turns off. */
    private static void only(StringBuilder md, StackPlan a, StackPlan b) {
        var missing = new java.util.TreeMap<String, java.util.List<String>>();
        var theirs = new java.util.HashSet<>(keysOf(b));
        for (var r : a.resources()) {
            if (!theirs.contains(r.type() + "::" + r.name())) {
                missing.computeIfAbsent(r.type(), t -> new java.util.ArrayList<>()).add(r.name());
            }
        }
        if (missing.isEmpty()) {
            md.append("- Only in `").append(a.stack()).append("`: none.\n");
            return;
        }
        md.append("- Only in `").append(a.stack()).append("`:\n");
        missing.forEach((type, names) -> md.append("  - ").append(names.size()).append(" `").append(type).append("`: ")
                .append(String.join(", ", names)).append('\n'));
    }

    private static String row(String what, String a, String b) {
        return "| " + what + " | " + a + " | " + b + " |\n";
    }

    private static <K> void table(StringBuilder md, StackPlan a, StackPlan b, java.util.Collection<K> keys,
                                  Function<K, String> label, java.util.function.BiFunction<StackPlan, K, String> value) {
        var rows = new StringBuilder();
        for (var k : keys) {
            var va = value.apply(a, k);
            var vb = value.apply(b, k);
            if (!va.equals(vb)) {
                rows.append("| ").append(label.apply(k)).append(" | ").append(cell(va)).append(" | ").append(cell(vb)).append(" |\n");
            }
        }
        if (rows.isEmpty()) {
            md.append("No differences.\n\n");
            return;
        }
        md.append("| | `").append(a.stack()).append("` | `").append(b.stack()).append("` |\n|---|---|---|\n").append(rows).append('\n');
    }

    private static String cell(String s) {
        return s.isEmpty() ? "(absent)" : s.replace("|", "\\|");
    }

    private static String label(String key) {
        var i = key.indexOf("::");
        return "`" + key.substring(i + 2) + "` (`" + key.substring(0, i) + "`)";
    }

    private static List<String> keysOf(StackPlan p) {
        return p.resources().stream().map(r -> r.type() + "::" + r.name()).toList();
    }

    private static java.util.Optional<RecordedResource> find(StackPlan p, String key) {
        return p.resources().stream().filter(r -> key.equals(r.type() + "::" + r.name())).findFirst();
    }

    private static String aspect(StackPlan p, String key, String aspect) {
        return find(p, key).map(r -> String.join(", ", p.settingsOf(r).getOrDefault(aspect, List.of()))).orElse("");
    }

    private static Map<String, String> rules(StackPlan p) {
        var out = new LinkedHashMap<String, String>();
        for (var r : p.hipaa().results()) {
            var subjects = r.status() == GuardrailReport.Status.FAILED ? " (" + r.failed().size() + " failing)"
                    : r.status() == GuardrailReport.Status.EXEMPT ? " (" + r.exempted().size() + " exempt)" : "";
            out.put(r.rule().id(), r.status() + subjects);
        }
        return out;
    }

    private static <T extends Comparable<T>> java.util.Collection<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
        if (a instanceof List<?>) {
            var out = new LinkedHashSet<T>(a);
            out.addAll(b);
            return out;
        }
        var out = new TreeSet<T>(a);
        out.addAll(b);
        return out;
    }
}
