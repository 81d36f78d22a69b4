package hipaa.identity;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link PolicyDocument} in which some statements list the actions they do <em>not</em> cover
 * ({@code NotAction}): the only way IAM can say "deny everything except managing your own MFA".
 *
 * <p>The statements stay typed {@link PolicyDocument.Statement} values: a statement named in
 * {@code notActionSids} keeps its exceptions in {@code actions()}, and {@link #toJson()} renders them under
 * {@code NotAction} instead of {@code Action}. Only a deny may do this here: an allow with {@code NotAction}
 * grants every action AWS will ever add.
 *
 * @param document      the statements
 * @param notActionSids ids of the deny statements whose actions are exceptions
 */
public record NotActionPolicy(PolicyDocument document, Set<String> notActionSids) {

    public NotActionPolicy {
        Objects.requireNonNull(document, "document");
        notActionSids = Set.copyOf(notActionSids);
        var seen = new HashSet<String>();
        for (var st : document.statements()) {
            if (notActionSids.contains(st.sid())) {
                if (!st.effect().equals("Deny")) {
                    throw new IllegalArgumentException(st.sid() + ": NotAction is allowed only on Deny statements");
                }
                seen.add(st.sid());
            }
        }
        if (!seen.equals(notActionSids)) {
            throw new IllegalArgumentException("no statements " + notActionSids.stream().filter(s -> !seen.contains(s)).toList());
        }
    }

    public String toJson() {
        var root = JsonParser.parseString(document.toJson()).getAsJsonObject();
        var statements = new JsonArray();
        for (JsonElement e : root.getAsJsonArray("Statement")) {
            var st = e.getAsJsonObject();
            boolean not = notActionSids.contains(st.get("Sid").getAsString());
            // Same key order as every other statement: Sid, Effect, (Not)Action, Resource, Condition.
            var out = new JsonObject();
            st.entrySet().forEach(en -> out.add(not && en.getKey().equals("Action") ? "NotAction" : en.getKey(), en.getValue()));
            statements.add(out);
        }
        root.add("Statement", statements);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(root);
    }
}
