package hipaa.guardrails;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading recorded inputs. Values arrive as the engine serialized them: numbers as Double,
 * nested args as Map, lists as List, some provider booleans as the strings "true"/"false",
 * and absent when unset.
 */
final class In {
    private In() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object v) {
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static List<Map<String, Object>> maps(Object v) {
        return list(v).stream().map(In::map).toList();
    }

    /** Walks nested maps; a list on the way contributes its first element (singleton blocks). */
    static Object at(Map<String, Object> root, String... path) {
        Object cur = root;
        for (String key : path) {
            if (cur instanceof List<?> l) {
                cur = l.isEmpty() ? null : l.get(0);
            }
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(key);
        }
        return cur;
    }

    /** True for Boolean.TRUE and for the string "true" (launch templates and providers use strings). */
    static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v) || (v instanceof String s && s.equalsIgnoreCase("true"));
    }

    static boolean isFalse(Object v) {
        return Boolean.FALSE.equals(v) || (v instanceof String s && s.equalsIgnoreCase("false"));
    }

    static Optional<Integer> integer(Object v) {
        if (v instanceof Number n) {
            return Optional.of(n.intValue());
        }
        if (v instanceof String s) {
            try {
                return Optional.of(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<String> string(Object v) {
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v)).filter(s -> !s.isBlank());
    }

    /** How a report shows a found value: numbers without ".0", strings quoted, absent as "not set". */
    static String show(Object v) {
        if (v == null) {
            return "not set";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(v);
    }

    /** {@code key is <value>} for a failure reason. */
    static String is(String key, Object v) {
        return key + " is " + show(v);
    }
}
