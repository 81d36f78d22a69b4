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
 * ({@code NotAction}), or the resources they do not cover ({@code NotResource}): the only ways IAM can say
 * "deny everything except managing your own MFA" or "deny adding members to any group but these".
 *
 * <p>The statements stay typed {@link PolicyDocument.Statement} values: a statement named in
 * {@code notActionSids} keeps its exceptions in {@code actions()}, one named in {@code notResourceSids} in
 * {@code resources()}, and {@link #toJson()} renders them under {@code NotAction} / {@code NotResource}.
 * Only a deny may do this here, with one exception: an allow may use {@code NotAction} when the document is
 * a permissions boundary ({@code boundary}), which grants nothing by itself. Anywhere else an allow with
 * {@code NotAction} or {@code NotResource} grants every action or resource AWS will ever add.
 *
 * @param document        the statements
 * @param notActionSids   ids of the statements whose actions are exceptions
 * @param notResourceSids ids of the deny statements whose resources are exceptions
 * @param boundary        whether the document is only ever attached as a permissions boundary
 */
public record NotActionPolicy(PolicyDocument document, Set<String> notActionSids, Set<String> notResourceSids,
                              boolean boundary) {

    public NotActionPolicy(PolicyDocument document, Set<String> notActionSids) {
        this(document, notActionSids, Set.of(), false);
    }

    public NotActionPolicy {
        Objects.requireNonNull(document, "document");
        notActionSids = Set.copyOf(notActionSids);
        notResourceSids = Set.copyOf(notResourceSids);
        var seen = new HashSet<String>();
        for (var st : document.statements()) {
            boolean notAction = notActionSids.contains(st.sid());
            boolean notResource = notResourceSids.contains(st.sid());
            if (notAction || notResource) {
                if (!st.effect().equals("Deny") && !(boundary && notAction && !notResource)) {
                    throw new IllegalArgumentException(st.sid() + ": NotAction is allowed only on Deny statements");
                }
                seen.add(st.sid());
            }
        }
        var named = new HashSet<>(notActionSids);
        named.addAll(notResourceSids);
        if (!seen.equals(named)) {
            throw new IllegalArgumentException("no statements " + named.stream().filter(s -> !seen.contains(s)).sorted().toList());
        }
    }

    public String toJson() {
        var root = JsonParser.parseString(document.toJson()).getAsJsonObject();
        var statements = new JsonArray();
        for (JsonElement e : root.getAsJsonArray("Statement")) {
            var st = e.getAsJsonObject();
            var sid = st.get("Sid").getAsString();
            boolean notAction = notActionSids.contains(sid);
            boolean notResource = notResourceSids.contains(sid);
            // Same key order as every other statement: Sid, Effect, (Not)Action, (Not)Resource, Condition.
            var out = new JsonObject();
            st.entrySet().forEach(en -> {
                var key = en.getKey();
                if (notAction && key.equals("Action")) {
                    key = "NotAction";
                } else if (notResource && key.equals("Resource")) {
                    key = "NotResource";
                }
                out.add(key, en.getValue());
            });
            statements.add(out);
        }
        root.add("Statement", statements);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(root);
    }
}
