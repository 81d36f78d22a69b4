package hipaa.settings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Strict reader of raw stack config values.
 *
 * <p>Every read records the key's documentation ({@link KeyDoc}) and, when the value is unusable,
 * a {@link Problem}; it then returns the default so reading goes on and one run reports every
 * problem. Nothing is coerced: a boolean is {@code true} or {@code false}, an integer is digits,
 * a list is a YAML/JSON list of strings. (The SDK's own {@code getBoolean} turns "yes" into false and
 * Gson ignores unknown fields, which is why this class exists.)
 *
 * <p>Values arrive exactly as the Pulumi CLI hands them to the program: scalars as their string
 * form, lists as JSON text.
 */
public final class SettingsReader {

    public static final String PROJECT = "hipaa";

    private final String stack;
    private final Function<String, Optional<String>> project;
    private final Function<String, Optional<String>> aws;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, KeyDoc> docs = new LinkedHashMap<>();

    /**
     * @param stack   the stack name, used in messages
     * @param project lookup of keys in the project namespace ({@code ctx.config()::get})
     * @param aws     lookup of keys in the {@code aws} namespace ({@code ctx.config("aws")::get})
     */
    public SettingsReader(String stack, Function<String, Optional<String>> project,
                          Function<String, Optional<String>> aws) {
        this.stack = Objects.requireNonNull(stack);
        this.project = Objects.requireNonNull(project);
        this.aws = Objects.requireNonNull(aws);
    }

    public String stack() {
        return stack;
    }

    public static String full(String key) {
        return key.contains(":") ? key : PROJECT + ":" + key;
    }

    private Optional<String> raw(String key) {
        var full = full(key);
        var ns = full.substring(0, full.indexOf(':'));
        var name = full.substring(full.indexOf(':') + 1);
        return switch (ns) {
            case PROJECT -> project.apply(name);
            case "aws" -> aws.apply(name);
            default -> throw new IllegalArgumentException("no lookup for namespace " + ns);
        };
    }

    private void doc(String key, String type, String dflt, String rule) {
        docs.putIfAbsent(full(key), new KeyDoc(full(key), type, dflt, rule));
    }

    /** Records a problem that spans keys or needs other values to judge. */
    public void problem(String key, String found, String allowed) {
        problems.add(Problem.of(full(key), found, allowed));
    }

    /** A required key that has no value; a key set to the empty string is reported as empty, not missing. */
    public void missing(String key, String allowed) {
        problems.add(raw(key).isPresent() ? Problem.of(full(key), raw(key).get(), allowed) : Problem.missing(full(key), allowed));
    }

    /** True when none of these keys had a problem of its own, so a rule across them judges what the user wrote. */
    public boolean valid(String... keys) {
        var full = java.util.Arrays.stream(keys).map(SettingsReader::full).toList();
        return problems.stream().noneMatch(p -> full.contains(p.key()));
    }

    /** Whether the stack sets the key (or the project gives it a default); false means the code's default applies. */
    public boolean isSet(String key) {
        return raw(key).isPresent();
    }

    /**
     * {@code hipaa:key value}, marked {@code (the default)} when the stack does not set the key, for messages that
     * quote another key: the user sees which values they wrote and which the code chose.
     */
    public String named(String key, Object value) {
        return full(key) + " " + value + (isSet(key) ? "" : " (the default)");
    }

    /**
     * Adds a problem for every key the CLI passed that no read asked for, each with the closest key this program
     * reads; they come first in the message, since a misspelt key also explains the problems its absence causes.
     */
    public void refuseUnread(PassedConfig passed) {
        problems.addAll(0, UnreadKeys.problems(passed, docs.keySet()));
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public Collection<KeyDoc> docs() {
        return docs.values();
    }

    /** Stops the program, before any resource exists, when anything was wrong. */
    public void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new SettingsException(stack, problems);
        }
    }

    // ---------------------------------------------------------------- scalars

    public String string(String key, String dflt, Pattern pattern, String rule) {
        doc(key, "string", dflt, rule);
        var v = raw(key);
        if (v.isEmpty()) {
            return dflt;
        }
        if (!pattern.matcher(v.get()).matches()) {
            problem(key, v.get(), rule);
            return dflt;
        }
        return v.get();
    }

    public Optional<String> optionalString(String key, Pattern pattern, String rule) {
        doc(key, "string", "(none)", rule);
        var v = raw(key).filter(s -> !s.isEmpty());
        if (v.isPresent() && !pattern.matcher(v.get()).matches()) {
            problem(key, v.get(), rule);
            return Optional.empty();
        }
        return v;
    }

    /** A key with no default. Returns the empty string when missing, empty or invalid, after recording why. */
    public String requiredString(String key, Pattern pattern, String rule) {
        doc(key, "string", "(required)", rule);
        var v = raw(key).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            missing(key, "required: " + rule);
            return "";
        }
        if (!pattern.matcher(v.get()).matches()) {
            problem(key, v.get(), rule);
            return "";
        }
        return v.get();
    }

    public String choice(String key, String dflt, List<String> allowed) {
        var rule = "one of " + String.join(", ", allowed);
        doc(key, "string", dflt, rule);
        var v = raw(key);
        if (v.isEmpty()) {
            return dflt;
        }
        if (!allowed.contains(v.get())) {
            problem(key, v.get(), rule);
            return dflt;
        }
        return v.get();
    }

    public int integer(String key, int dflt, int min, int max) {
        var rule = "an integer from " + min + " to " + max;
        doc(key, "integer", Integer.toString(dflt), rule);
        return raw(key).map(v -> parseInt(key, v, rule).filter(i -> i >= min && i <= max, () -> problem(key, v, rule)))
                .flatMap(o -> o)
                .orElse(dflt);
    }

    /** An integer from a fixed set, such as the retention periods CloudWatch Logs accepts. */
    public int integerOneOf(String key, int dflt, List<Integer> allowed) {
        var rule = "one of " + allowed.stream().map(String::valueOf).collect(Collectors.joining(", "));
        doc(key, "integer", Integer.toString(dflt), rule);
        return raw(key).map(v -> parseInt(key, v, rule).filter(allowed::contains, () -> problem(key, v, rule)))
                .flatMap(o -> o)
                .orElse(dflt);
    }

    public boolean bool(String key, boolean dflt) {
        var rule = "true or false";
        doc(key, "boolean", Boolean.toString(dflt), rule);
        var v = raw(key);
        if (v.isEmpty()) {
            return dflt;
        }
        return switch (v.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, v.get(), rule);
                yield dflt;
            }
        };
    }

    // ---------------------------------------------------------------- lists

    /**
     * A list of strings.
     *
     * @param each     what every element must satisfy
     * @param eachRule the same in words, e.g. "IPv4 CIDR blocks"
     */
    public List<String> stringList(String key, List<String> dflt, int minSize, int maxSize,
                                   Predicate<String> each, String eachRule) {
        var rule = "a list of " + sizeText(minSize, maxSize) + eachRule;
        doc(key, "array", json(dflt), rule);
        var v = raw(key);
        if (v.isEmpty()) {
            return dflt;
        }
        var parsed = parseStringList(v.get());
        if (parsed.isEmpty()) {
            problem(key, v.get(), rule);
            return dflt;
        }
        var list = parsed.get();
        var bad = list.stream().filter(each.negate()).toList();
        if (!bad.isEmpty() || list.size() < minSize || list.size() > maxSize) {
            problem(key, v.get(), rule + (bad.isEmpty() ? "" : "; not valid: " + String.join(", ", bad)));
            return dflt;
        }
        return List.copyOf(list);
    }

    /** Like {@link #stringList} but absent means "derive it", which the caller does. */
    public Optional<List<String>> optionalStringList(String key, String derivedText, int minSize, int maxSize,
                                                     Predicate<String> each, String eachRule) {
        var rule = "a list of " + sizeText(minSize, maxSize) + eachRule;
        doc(key, "array", derivedText, rule);
        var v = raw(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        var parsed = parseStringList(v.get());
        if (parsed.isEmpty()) {
            problem(key, v.get(), rule);
            return Optional.empty();
        }
        var list = parsed.get();
        var bad = list.stream().filter(each.negate()).toList();
        if (!bad.isEmpty() || list.size() < minSize || list.size() > maxSize) {
            problem(key, v.get(), rule + (bad.isEmpty() ? "" : "; not valid: " + String.join(", ", bad)));
            return Optional.empty();
        }
        return Optional.of(List.copyOf(list));
    }

    private static String sizeText(int min, int max) {
        if (max == Integer.MAX_VALUE) {
            return min == 0 ? "" : "at least " + min + " ";
        }
        if (min == 0) {
            return "up to " + max + " ";
        }
        return min == max ? min + " " : min + " to " + max + " ";
    }

    private static Optional<List<String>> parseStringList(String json) {
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (JsonSyntaxException ex) {
            return Optional.empty();
        }
        if (!e.isJsonArray()) {
            return Optional.empty();
        }
        JsonArray a = e.getAsJsonArray();
        var out = new ArrayList<String>(a.size());
        for (var item : a) {
            if (!(item instanceof JsonPrimitive p) || !p.isString()) {
                return Optional.empty();
            }
            out.add(p.getAsString());
        }
        return Optional.of(out);
    }

    // ---------------------------------------------------------------- helpers

    /** A list as it is written in a stack file's JSON form, for "found" in messages. */
    public static String json(List<String> values) {
        return new com.google.gson.Gson().toJson(values);
    }

    private Checked parseInt(String key, String v, String rule) {
        if (!v.matches("-?\\d{1,9}")) {
            problem(key, v, rule);
            return Checked.NONE;
        }
        return new Checked(Optional.of(Integer.parseInt(v)));
    }

    /** An optional integer that records a problem when a filter rejects it. */
    private record Checked(Optional<Integer> value) {
        static final Checked NONE = new Checked(Optional.empty());

        Optional<Integer> filter(Predicate<Integer> ok, Runnable onReject) {
            if (value.isPresent() && !ok.test(value.get())) {
                onReject.run();
                return Optional.empty();
            }
            return value;
        }
    }
}
