package hipaa.identity;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM, KMS key or resource policy as typed data, rendered to JSON in a stable order.
 *
 * <p>Policies are built from values, never by gluing strings, so a test can read back exactly which
 * principal may do what on which resource, and a stray quote cannot widen a grant.
 */
public record PolicyDocument(List<Statement> statements) {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    public PolicyDocument {
        statements = List.copyOf(statements);
        for (var st : statements) {
            if (st.actions().isEmpty()) {
                throw new IllegalArgumentException(st.sid() + ": a statement needs actions");
            }
            if (st.resources().isEmpty() && st.principals().isEmpty()) {
                throw new IllegalArgumentException(st.sid() + ": an identity-policy statement needs resources");
            }
        }
        if (statements.stream().map(Statement::sid).distinct().count() != statements.size()) {
            throw new IllegalArgumentException("statement ids must be unique");
        }
    }

    public static PolicyDocument of(Statement... statements) {
        return new PolicyDocument(Arrays.asList(statements));
    }

    public PolicyDocument with(Statement... more) {
        var all = new ArrayList<>(statements);
        all.addAll(Arrays.asList(more));
        return new PolicyDocument(all);
    }

    public String toJson() {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("Version", "2012-10-17");
        doc.put("Statement", statements.stream().map(Statement::toMap).toList());
        return GSON.toJson(doc);
    }

    /**
     * One statement. Build with {@link #allow(String)} or {@link #deny(String)}.
     *
     * @param sid        statement id, unique in the document
     * @param effect     {@code Allow} or {@code Deny}
     * @param principals principal type ({@code AWS}, {@code Service}, {@code *}) to identifiers; empty for identity policies
     * @param actions    actions; a document rejects a statement without any
     * @param resources  resources; empty only in trust policies, which have no Resource element
     * @param conditions operator to (condition key to values)
     */
    public record Statement(String sid, String effect, Map<String, List<String>> principals, List<String> actions,
                            List<String> resources, Map<String, Map<String, List<String>>> conditions) {

        public Statement {
            Objects.requireNonNull(sid);
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw new IllegalArgumentException("effect: " + effect);
            }
            principals = copy(principals);
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
            var c = new LinkedHashMap<String, Map<String, List<String>>>();
            conditions.forEach((op, kv) -> c.put(op, copy(kv)));
            conditions = java.util.Collections.unmodifiableMap(c);
        }

        public static Statement allow(String sid) {
            return new Statement(sid, "Allow", Map.of(), List.of(), List.of(), Map.of());
        }

        public static Statement deny(String sid) {
            return new Statement(sid, "Deny", Map.of(), List.of(), List.of(), Map.of());
        }

        /** A trust-policy statement: who may assume the role. */
        public static Statement assumeRole(String sid, String principalType, String... principals) {
            return new Statement(sid, "Allow", Map.of(principalType, List.of(principals)), List.of("sts:AssumeRole"),
                    List.of(), Map.of());
        }

        public Statement actions(String... a) {
            return new Statement(sid, effect, principals, List.of(a), resources, conditions);
        }

        public Statement resources(String... r) {
            return new Statement(sid, effect, principals, actions, List.of(r), conditions);
        }

        public Statement resources(List<String> r) {
            return new Statement(sid, effect, principals, actions, r, conditions);
        }

        public Statement principal(String type, String... ids) {
            var p = new LinkedHashMap<>(principals);
            p.put(type, List.of(ids));
            return new Statement(sid, effect, p, actions, resources, conditions);
        }

        public Statement condition(String operator, String key, String... values) {
            var c = new LinkedHashMap<String, Map<String, List<String>>>();
            conditions.forEach((op, kv) -> c.put(op, new LinkedHashMap<>(kv)));
            c.computeIfAbsent(operator, k -> new LinkedHashMap<>()).put(key, List.of(values));
            return new Statement(sid, effect, principals, actions, resources, c);
        }

        Map<String, Object> toMap() {
            var m = new LinkedHashMap<String, Object>();
            m.put("Sid", sid);
            m.put("Effect", effect);
            if (!principals.isEmpty()) {
                if (principals.size() == 1 && principals.containsKey("*")) {
                    m.put("Principal", "*");
                } else {
                    var p = new LinkedHashMap<String, Object>();
                    principals.forEach((k, v) -> p.put(k, one(v)));
                    m.put("Principal", p);
                }
            }
            m.put("Action", one(actions));
            if (!resources.isEmpty()) {
                m.put("Resource", one(resources));
            }
            if (!conditions.isEmpty()) {
                var c = new LinkedHashMap<String, Object>();
                conditions.forEach((op, kv) -> {
                    var inner = new LinkedHashMap<String, Object>();
                    kv.forEach((k, v) -> inner.put(k, one(v)));
                    c.put(op, inner);
                });
                m.put("Condition", c);
            }
            return m;
        }

        private static Object one(List<String> v) {
            return v.size() == 1 ? v.get(0) : v;
        }

        private static Map<String, List<String>> copy(Map<String, List<String>> m) {
            var out = new LinkedHashMap<String, List<String>>();
            m.forEach((k, v) -> out.put(k, List.copyOf(v)));
            return java.util.Collections.unmodifiableMap(out);
        }
    }
}
