package hipaa.plan;

import hipaa.audit.Exemptions;
import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plans of the real stacks (from the shared runs) and hand-made resources as the offline engine records them. */
final class StackPlanFixtures {
    private StackPlanFixtures() {}

    static final Prices PRICES = Prices.load();
    private static final Map<String, StackPlan> PLANS = new HashMap<>();

    static synchronized StackPlan plan(String stack) {
        return PLANS.computeIfAbsent(stack, s -> StackPlan.of(Stacks.run(s),
                Exemptions.load(Path.of("guardrails/exemptions.yaml")), LocalDate.now(), PRICES));
    }

    /** A resource with id {@code <name>-id} and an ARN, inputs from key/value pairs (ints become Double). */
    static RecordedResource res(String type, String name, Object... kv) {
        var inputs = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            inputs.put((String) kv[i], wire(kv[i + 1]));
        }
        var state = new LinkedHashMap<String, Object>(inputs);
        state.put("arn", "arn:aws:" + type.substring(4, type.indexOf('/')) + ":us-east-1:123456789012:" + name);
        return new RecordedResource(type, name, name + "-id", Optional.empty(), "", inputs, state);
    }

    static Object wire(Object v) {
        if (v instanceof Integer i) {
            return i.doubleValue();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(StackPlanFixtures::wire).toList();
        }
        if (v instanceof Map<?, ?> m) {
            var out = new LinkedHashMap<String, Object>();
            m.forEach((k, x) -> out.put(String.valueOf(k), wire(x)));
            return out;
        }
        return v;
    }

    static String arn(RecordedResource r) {
        return r.arn().orElseThrow();
    }
}
