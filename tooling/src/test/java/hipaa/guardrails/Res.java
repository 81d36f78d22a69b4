package hipaa.guardrails;

import com.google.gson.GsonBuilder;
import hipaa.offline.RecordedResource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds recorded resources the way the offline engine records them: id {@code <name>-id}, state =
 * inputs + an {@code arn}, numbers as Double. Keys are wire names checked against the aws jar by
 * {@link FixtureWireNamesTest}.
 */
final class Res {
    private Res() {}

    static final String ACCOUNT = "111122223333";
    static final String PROVIDER_REF = "urn:pulumi:dev::hipaa::pulumi:pulumi:Stack$pulumi:providers:aws::aws::aws-id";
    static final GuardrailContext CTX = new GuardrailContext(Set.of("Project", "Owner"), Set.of("ami-0approved"),
            LocalDate.of(2025, 6, 1));

    static String arn(String type, String name) {
        return "arn:aws:mock:us-east-1:" + ACCOUNT + ":" + type + "/" + name;
    }

    /** A resource on the default provider; inputs from key/value pairs (ints become Double). */
    static RecordedResource res(String type, String name, Object... kv) {
        return build(type, name, "", m(kv));
    }

    static RecordedResource build(String type, String name, String provider, Map<String, Object> inputs) {
        var state = new LinkedHashMap<>(inputs);
        state.putIfAbsent("arn", arn(type, name));
        return new RecordedResource(type, name, name + "-id", Optional.empty(), provider, inputs, state);
    }

    /** The same resource with one input changed ({@code null} removes it). */
    static RecordedResource with(RecordedResource r, String key, Object value) {
        var inputs = new LinkedHashMap<>(r.inputs());
        if (value == null) {
            inputs.remove(key);
        } else {
            inputs.put(key, normalize(value));
        }
        return build(r.type(), r.name(), r.provider(), inputs);
    }

    static RecordedResource onProvider(RecordedResource r) {
        return build(r.type(), r.name(), PROVIDER_REF, r.inputs());
    }

    /** A map from key/value pairs, with ints turned into Double as the engine delivers them. */
    static Map<String, Object> m(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("odd key/value list " + Arrays.toString(kv));
        }
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], normalize(kv[i + 1]));
        }
        return map;
    }

    static List<Object> l(Object... items) {
        var list = new ArrayList<Object>();
        for (var i : items) {
            list.add(normalize(i));
        }
        return list;
    }

    private static Object normalize(Object v) {
        return v instanceof Integer i ? Double.valueOf(i) : v;
    }

    static String json(Object o) {
        return new GsonBuilder().disableHtmlEscaping().create().toJson(o);
    }

    static String id(String name) {
        return name + "-id";
    }

    static List<RecordedResource> list(RecordedResource... rs) {
        return List.of(rs);
    }
}
