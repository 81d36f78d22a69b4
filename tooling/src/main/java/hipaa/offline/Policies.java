package hipaa.offline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading IAM policy documents (key, bucket, topic and trust policies) as AWS does: one or many statements,
 * principals and actions as a string or a list, wildcards in actions and ARNs.
 */
final class Policies {
    private Policies() {}

    /** One principal of a statement: {@code type} is {@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser} or {@code *}. */
    record Principal(String type, String value) {}

    /**
     * @param effect     {@code Allow} or {@code Deny}
     * @param principals the statement's {@code Principal} (or {@code NotPrincipal}) entries
     * @param actions    its {@code Action} entries
     * @param conditions operator to key to values
     */
    record Statement(String effect, List<Principal> principals, List<String> actions, Map<String, Map<String, List<String>>> conditions) {}

    static Optional<List<Statement>> parse(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("Statement")) {
            return Optional.empty();
        }
        var out = new ArrayList<Statement>();
        for (var s : elements(root.getAsJsonObject().get("Statement"))) {
            if (s.isJsonObject()) {
                out.add(statement(s.getAsJsonObject()));
            }
        }
        return Optional.of(out);
    }

    private static Statement statement(JsonObject s) {
        var principals = new ArrayList<Principal>();
        for (var field : List.of("Principal", "NotPrincipal")) {
            if (!s.has(field)) {
                continue;
            }
            var p = s.get(field);
            if (p.isJsonPrimitive()) {
                principals.add(new Principal("*", p.getAsString()));
            } else if (p.isJsonObject()) {
                p.getAsJsonObject().entrySet().forEach(e -> strings(e.getValue()).forEach(v -> principals.add(new Principal(e.getKey(), v))));
            }
        }
        var conditions = new java.util.LinkedHashMap<String, Map<String, List<String>>>();
        if (s.has("Condition") && s.get("Condition").isJsonObject()) {
            s.getAsJsonObject("Condition").entrySet().forEach(op -> {
                var keys = new java.util.LinkedHashMap<String, List<String>>();
                if (op.getValue().isJsonObject()) {
                    op.getValue().getAsJsonObject().entrySet().forEach(k -> keys.put(k.getKey(), strings(k.getValue())));
                }
                conditions.put(op.getKey(), keys);
            });
        }
        return new Statement(s.has("Effect") ? s.get("Effect").getAsString() : "", List.copyOf(principals),
                s.has("Action") ? strings(s.get("Action")) : List.of(), conditions);
    }

    private static List<JsonElement> elements(JsonElement e) {
        var out = new ArrayList<JsonElement>();
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(out::add);
        } else {
            out.add(e);
        }
        return out;
    }

    private static List<String> strings(JsonElement e) {
        return elements(e).stream().filter(JsonElement::isJsonPrimitive).map(JsonElement::getAsString).toList();
    }

    /** IAM's wildcard match ({@code *} any run of characters, {@code ?} one), case-sensitive as for ARNs. */
    static boolean matches(String pattern, String value) {
        var regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }

    /** Actions match case-insensitively (IAM treats {@code kms:decrypt} as {@code kms:Decrypt}). */
    static boolean allowsAction(Statement s, String action) {
        return s.actions().stream().anyMatch(a -> matches(a.toLowerCase(java.util.Locale.ROOT), action.toLowerCase(java.util.Locale.ROOT)));
    }
}
