package hipaa.guardrails;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An IAM or resource policy JSON document as the rules read it, parsed (the program builds its policies
 * with {@code hipaa.identity.PolicyDocument}; this reads what it registered). Single values and lists
 * are both accepted wherever IAM accepts both; condition keys compare case-insensitively as IAM does.
 */
record ParsedPolicy(List<Statement> statements, boolean parsed) {

    record Statement(String effect, List<String> actions, List<String> notActions, List<String> resources,
                     List<String> principals, Map<String, Map<String, List<String>>> conditions) {

        boolean allows() {
            return "Allow".equalsIgnoreCase(effect);
        }

        boolean denies() {
            return "Deny".equalsIgnoreCase(effect);
        }

        /** Principal {@code "*"} or {@code {"AWS": "*"}}: anyone, authenticated or not. */
        boolean anyPrincipal() {
            return principals.contains("*");
        }

        boolean hasAction(String action) {
            return actions.stream().anyMatch(a -> a.equalsIgnoreCase(action));
        }

        /** The condition value for an operator and key, e.g. ("Bool", "aws:SecureTransport"). */
        List<String> condition(String operator, String key) {
            for (var op : conditions.entrySet()) {
                if (op.getKey().equalsIgnoreCase(operator)) {
                    for (var k : op.getValue().entrySet()) {
                        if (k.getKey().equalsIgnoreCase(key)) {
                            return k.getValue();
                        }
                    }
                }
            }
            return List.of();
        }
    }

    static ParsedPolicy parse(String json) {
        try {
            var root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                return new ParsedPolicy(List.of(), false);
            }
            var statements = new ArrayList<Statement>();
            var st = root.getAsJsonObject().get("Statement");
            var items = st == null ? List.<JsonElement>of() : st.isJsonArray() ? st.getAsJsonArray().asList() : List.of(st);
            for (var s : items) {
                if (!s.isJsonObject()) {
                    continue;
                }
                var o = s.getAsJsonObject();
                var conditions = new LinkedHashMap<String, Map<String, List<String>>>();
                if (o.has("Condition") && o.get("Condition").isJsonObject()) {
                    for (var op : o.getAsJsonObject("Condition").entrySet()) {
                        var keys = new LinkedHashMap<String, List<String>>();
                        if (op.getValue().isJsonObject()) {
                            op.getValue().getAsJsonObject().entrySet().forEach(k -> keys.put(k.getKey(), strings(k.getValue())));
                        }
                        conditions.put(op.getKey(), keys);
                    }
                }
                statements.add(new Statement(o.has("Effect") ? o.get("Effect").getAsString() : "",
                        strings(o.get("Action")), strings(o.get("NotAction")), strings(o.get("Resource")),
                        principals(o.get("Principal")), conditions));
            }
            return new ParsedPolicy(statements, true);
        } catch (RuntimeException e) {
            return new ParsedPolicy(List.of(), false);
        }
    }

    private static List<String> principals(JsonElement p) {
        if (p == null) {
            return List.of();
        }
        if (p.isJsonPrimitive()) {
            return strings(p);
        }
        var out = new ArrayList<String>();
        if (p.isJsonObject()) {
            p.getAsJsonObject().entrySet().forEach(e -> out.addAll(strings(e.getValue())));
        }
        return out;
    }

    private static List<String> strings(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return List.of();
        }
        if (e.isJsonArray()) {
            var out = new ArrayList<String>();
            e.getAsJsonArray().forEach(x -> {
                if (x.isJsonPrimitive()) {
                    out.add(x.getAsString());
                }
            });
            return out;
        }
        return e.isJsonPrimitive() ? List.of(e.getAsString()) : List.of();
    }

    static boolean isFalse(List<String> values) {
        return values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).equals("false"));
    }
}
