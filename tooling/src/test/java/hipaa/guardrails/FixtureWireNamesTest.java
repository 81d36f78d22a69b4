package hipaa.guardrails;

import com.pulumi.core.annotations.Import;
import hipaa.offline.RecordedResource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input key a fixture uses, at every nesting level, is an {@code @Import} name of the
 * resource's Args class in the aws jar. Since the fixtures pass and fail the rules, this pins
 * the names the checks read to the provider's real wire names.
 */
class FixtureWireNamesTest {

    @Test
    void fixtureInputsUseTheProvidersWireNames() throws Exception {
        var problems = new LinkedHashSet<String>();
        var resources = Fixtures.ALL.values().stream()
                .flatMap(f -> Stream.concat(f.passing().stream(), f.failing().stream()))
                .distinct()
                .toList();
        for (RecordedResource r : resources) {
            var argsName = r.type().equals(Types.PROVIDER) ? "com.pulumi.aws.ProviderArgs" : Taggable.argsClassName(r.type());
            check(Class.forName(argsName), r.inputs(), r.label(), problems);
        }
        assertThat(problems).isEmpty();
    }

    private static void check(Class<?> args, Map<String, Object> inputs, String where, Set<String> problems) {
        for (var e : inputs.entrySet()) {
            var field = Stream.of(args.getDeclaredFields())
                    .filter(f -> f.getAnnotation(Import.class) != null && f.getAnnotation(Import.class).name().equals(e.getKey()))
                    .findFirst();
            if (field.isEmpty()) {
                problems.add(where + ": " + args.getSimpleName() + " has no input " + e.getKey());
                continue;
            }
            var nested = nestedArgs(field.get().getGenericType());
            if (nested == null) {
                continue;
            }
            var values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
            for (var v : values) {
                if (v instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    var map = (Map<String, Object>) m;
                    check(nested, map, where + "." + e.getKey(), problems);
                }
            }
        }
    }

    /** The nested {@code ...inputs.*Args} class inside Output&lt;X&gt; or Output&lt;List&lt;X&gt;&gt;, if any. */
    private static Class<?> nestedArgs(Type t) {
        if (t instanceof ParameterizedType p) {
            for (var arg : p.getActualTypeArguments()) {
                var c = nestedArgs(arg);
                if (c != null) {
                    return c;
                }
            }
            return null;
        }
        return t instanceof Class<?> c && c.getName().contains(".inputs.") ? c : null;
    }
}
