package hipaa.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a rendered IAM, key or resource policy back into statements that tests can compare. */
public final class Policies {
    private Policies() {}

    public static final String POLICY = "aws:iam/policy:Policy";
    public static final String ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

    /**
     * A role's own customer managed policy (hipaa.identity.RolePermissions), after checking that
     * {@code <name>-attachment} attaches exactly it to the role whose logical name is {@code roleResource}.
     */
    public static hipaa.offline.RecordedResource rolePermissions(hipaa.offline.OfflineRun.Result run, String name,
                                                                 String roleResource) {
        var policy = run.named(POLICY, name);
        var role = run.named("aws:iam/role:Role", roleResource);
        var attachment = run.named(ROLE_ATTACHMENT, name + "-attachment");
        org.assertj.core.api.Assertions.assertThat(attachment.inputs()).as(name + "-attachment")
                .containsEntry("role", role.inputs().get("name"))
                .containsEntry("policyArn", policy.arn().orElseThrow());
        org.assertj.core.api.Assertions.assertThat(attachment.parent()).isEqualTo(policy.parent());
        return policy;
    }

    /**
     * One statement; single values are read as one-element lists so a test never cares how it was rendered.
     *
     * @param principals type to identifiers; {@code {"*": ["*"]}} for {@code "Principal": "*"}
     * @param conditions operator to (key to values)
     */
    public record St(String sid, String effect, Map<String, List<String>> principals, List<String> actions,
                     List<String> notActions, List<String> resources, Map<String, Map<String, List<String>>> conditions) {

        public boolean isAllow() {
            return effect.equals("Allow");
        }
    }

    public static List<St> statements(String json) {
        var out = new ArrayList<St>();
        for (var e : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("Statement")) {
            var s = e.getAsJsonObject();
            var principals = new LinkedHashMap<String, List<String>>();
            if (s.has("Principal")) {
                var p = s.get("Principal");
                if (p.isJsonPrimitive()) {
                    principals.put(p.getAsString(), List.of(p.getAsString()));
                } else {
                    p.getAsJsonObject().entrySet().forEach(en -> principals.put(en.getKey(), list(en.getValue())));
                }
            }
            var conditions = new LinkedHashMap<String, Map<String, List<String>>>();
            if (s.has("Condition")) {
                for (var op : s.getAsJsonObject("Condition").entrySet()) {
                    var kv = new LinkedHashMap<String, List<String>>();
                    op.getValue().getAsJsonObject().entrySet().forEach(en -> kv.put(en.getKey(), list(en.getValue())));
                    conditions.put(op.getKey(), kv);
                }
            }
            out.add(new St(string(s, "Sid"), string(s, "Effect"), principals, list(s.get("Action")), list(s.get("NotAction")),
                    list(s.get("Resource")), conditions));
        }
        return out;
    }

    public static St statement(String json, String sid) {
        return statements(json).stream().filter(s -> s.sid().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + json));
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsString() : "";
    }

    private static List<String> list(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return List.of();
        }
        if (e.isJsonPrimitive()) {
            return List.of(e.getAsString());
        }
        var out = new ArrayList<String>();
        e.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
        return List.copyOf(out);
    }
}
