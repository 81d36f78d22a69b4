package hipaa.offline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml} the way the Pulumi CLI does before it starts the
 * program, and produces the configuration the CLI hands to it ({@code PULUMI_CONFIG} and
 * {@code PULUMI_CONFIG_SECRET_KEYS}). A project or stack the CLI would refuse is refused here with the CLI's
 * own message, so {@code ./plan} and the tests fail where {@code pulumi preview} would.
 *
 * <p>The rules, and every message, come from pulumi/pulumi {@code sdk/go/common/workspace}:
 * <ul>
 *   <li>{@code project.go} {@code RewriteShorthandConfigValues}: {@code key: value} in the project's
 *       {@code config:} is a default when the key is in the project's namespace, a {@code value} otherwise;
 *       {@code RewriteConfigPathIntoStackConfigDir}: a string {@code config:} is the old spelling of
 *       {@code stackConfigDir}.</li>
 *   <li>{@code project.go} {@code Project.Validate}: the rules a project's config declarations obey.</li>
 *   <li>{@code config.go} {@code mergeConfig}: a project-namespace key with neither {@code default} nor
 *       {@code value} that the stack does not set is missing (all missing keys in one error); otherwise the
 *       default or value is merged in, and the program cannot tell it from a stack value.</li>
 *   <li>{@code config.go} {@code validateStackConfigValues}/{@code validateStackConfigValue}: a typed key's
 *       value must have its type ({@code ValidateConfigValue} in project.go), a {@code secret: true} key must
 *       be {@code secure:}; keys in sorted order, the first failure stops.</li>
 *   <li>{@code resource/config/key.go} {@code ParseKey}: a stack key is {@code <namespace>:<name>} (or the old
 *       {@code <namespace>:config:<name>}).</li>
 * </ul>
 * Keys the project does not declare are not refused: the CLI no longer checks them (mergeConfig has no such
 * rule), which is why the program refuses the keys it does not read itself ({@code hipaa.settings}).
 *
 * <p>Values as the program receives them: scalars as their string form, lists and maps as compact JSON.
 * YAML is read with YAML 1.2 booleans ({@code yes} stays a string, as in the CLI's Go parser). A
 * {@code secure:} value cannot be decrypted offline: it becomes the deterministic placeholder
 * {@code offline-secret:<key>}, its top-level key is marked secret, and its declared type is not checked
 * (the CLI checks the decrypted text, which the offline run does not have).
 */
public final class StackFiles {

    /** Configuration as the program receives it. */
    public record StackConfig(String project, String stack, Map<String, String> values, Set<String> secretKeys) {}

    /** A project or stack file that the Pulumi CLI itself would refuse; the message is the CLI's. */
    public static class StackFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StackFileException(String message) {
            super(message);
        }
    }

    /** No stack file of that name: a wrong argument rather than a refused stack. */
    public static final class NoSuchStackException extends StackFileException {
        private static final long serialVersionUID = 1L;

        public NoSuchStackException(String message) {
            super(message);
        }
    }

    /** {@code items:} of an array declaration, possibly nested. */
    record ItemsType(String type, ItemsType items) {
        String fullName() {
            return items == null ? type : "array<" + items.fullName() + ">";
        }
    }

    /** One entry of the project's {@code config:} after the shorthand is rewritten (project.go ProjectConfigType). */
    record Declaration(String key, String type, ItemsType items, Object dflt, Object value, boolean secret) {
        boolean typed() {
            return type != null;
        }

        /** InferFullTypeName in project.go. */
        String fullTypeName() {
            return items == null ? type : "array<" + items.fullName() + ">";
        }
    }

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.([A-Za-z0-9_.-]+)\\.yaml");

    private StackFiles() {}

    /** The stacks that have a {@code Pulumi.<stack>.yaml} in the project's stack directory, sorted. */
    public static List<String> stacks(Path projectDir) {
        var dir = stackDirectory(projectDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> STACK_FILE.matcher(p.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches)
                    .map(m -> m.group(1))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StackConfig load(Path projectDir, String stack) {
        var projectFile = projectDir.resolve("Pulumi.yaml");
        if (!Files.isRegularFile(projectFile)) {
            throw new NoSuchStackException("no Pulumi.yaml in " + projectDir.toAbsolutePath());
        }
        Map<String, Object> project = read(projectFile);
        var name = projectName(project);
        var declarations = declarations(name, project);
        validateProject(name, declarations);

        var stackFile = stackDirectory(projectDir).resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(stackFile)) {
            throw new NoSuchStackException("no stack file " + stackFile.getFileName() + " in "
                    + stackFile.getParent().toAbsolutePath() + "; stacks here: " + String.join(", ", stacks(projectDir)));
        }
        Map<String, Object> stackDoc = read(stackFile);
        if (stackDoc.get("environment") != null) {
            // Not a CLI rule: the offline run cannot open Pulumi ESC environments, so it would run on less config
            // than `pulumi preview` sees. Refusing is more honest than guessing.
            throw new StackFileException(stackFile.getFileName() + " imports a Pulumi ESC environment, which the offline "
                    + "run cannot open; move the values it needs into the stack file");
        }
        var stackValues = new LinkedHashMap<String, Object>();
        asMap(stackDoc.get("config"), stackFile.getFileName() + ": config").forEach((k, v) -> stackValues.put(parseKey(k), v));

        merge(name, stack, declarations, stackValues);
        validateStackValues(name, stack, declarations, stackValues);

        var values = new TreeMap<String, String>();
        var secrets = new LinkedHashSet<String>();
        stackValues.forEach((key, v) -> values.put(key, render(v, key, secrets)));
        return new StackConfig(name, stack, Map.copyOf(values), Set.copyOf(secrets));
    }

    // ------------------------------------------------------------------ the project

    private static String projectName(Map<String, Object> project) {
        // project.go ValidateProject
        if (!(project.get("name") instanceof String s) || s.isEmpty()) {
            throw new StackFileException(project.containsKey("name") ? "project is missing a non-empty string 'name' attribute"
                    : "project is missing a 'name' attribute");
        }
        return s;
    }

    /** Where the stack files live: {@code stackConfigDir}, or its old spelling (a string {@code config:}). */
    static Path stackDirectory(Path projectDir) {
        var projectFile = projectDir.resolve("Pulumi.yaml");
        if (!Files.isRegularFile(projectFile)) {
            return projectDir;
        }
        Map<String, Object> project = read(projectFile);
        var dir = project.get("stackConfigDir");
        if (project.get("config") instanceof String legacy) {
            // project.go RewriteConfigPathIntoStackConfigDir
            if (project.containsKey("stackConfigDir")) {
                throw new StackFileException("Should not use both config and stackConfigDir to define the stack directory. "
                        + "Use only stackConfigDir instead.");
            }
            dir = legacy;
        }
        return dir instanceof String s && !s.isEmpty() ? projectDir.resolve(s) : projectDir;
    }

    private static Map<String, Declaration> declarations(String projectName, Map<String, Object> project) {
        var out = new TreeMap<String, Declaration>();
        if (!(project.get("config") instanceof Map<?, ?> config)) {
            return out;
        }
        config.forEach((rawKey, raw) -> {
            var key = String.valueOf(rawKey);
            // project.go RewriteShorthandConfigValues: a bare value is a default in the project's namespace and
            // a value in any other namespace.
            if (raw instanceof String || raw instanceof Integer || raw instanceof Long || raw instanceof Boolean
                    || raw instanceof List<?>) {
                out.put(key, namespacedByProject(projectName, key)
                        ? new Declaration(key, null, null, raw, null, false)
                        : new Declaration(key, null, null, null, raw, false));
                return;
            }
            if (raw == null) {
                out.put(key, new Declaration(key, null, null, null, null, false));
                return;
            }
            if (!(raw instanceof Map<?, ?> m)) {
                throw new StackFileException("Pulumi.yaml: config key '" + key + "' must be a value or a mapping with "
                        + "type, items, default, value, description and secret, not " + raw);
            }
            var type = m.get("type") == null ? null : String.valueOf(m.get("type"));
            out.put(key, new Declaration(key, type, items(m.get("items")), m.get("default"), m.get("value"),
                    Boolean.TRUE.equals(m.get("secret"))));
        });
        return out;
    }

    private static ItemsType items(Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            return null;
        }
        return new ItemsType(m.get("type") == null ? "" : String.valueOf(m.get("type")), items(m.get("items")));
    }

    /** project.go configKeyIsNamespacedByProject. */
    private static boolean namespacedByProject(String projectName, String key) {
        return !key.contains(":") || key.startsWith(projectName + ":");
    }

    /** project.go Project.Validate, over the keys in sorted order so the first error is stable. */
    private static void validateProject(String projectName, Map<String, Declaration> declarations) {
        for (var d : declarations.values()) {
            var key = d.key();
            if (d.dflt() != null && d.value() != null) {
                throw new StackFileException("project config '" + key + "' cannot have both a 'default' and 'value' attribute");
            }
            if (namespacedByProject(projectName, key)) {
                if (d.typed() && "array".equals(d.type()) && d.items() == null) {
                    throw new StackFileException("The configuration key '" + key + "' declares an array "
                            + "but does not specify the underlying type via the 'items' attribute");
                }
                if (d.typed() && d.dflt() != null && !validateConfigValue(d.type(), d.items(), d.dflt())) {
                    throw new StackFileException("The default value specified for configuration key '" + key
                            + "' is not of the expected type '" + d.fullTypeName() + "'");
                }
            } else {
                if (d.typed()) {
                    throw new StackFileException("Configuration key '" + key + "' is not namespaced by the project and should not define a type");
                }
                if (d.dflt() != null) {
                    throw new StackFileException("Configuration key '" + key + "' is not namespaced by the project and "
                            + "should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?");
                }
                if (d.value() == null) {
                    throw new StackFileException("Configuration key '" + key + "' is namespaced and must provide an attribute 'value'");
                }
            }
        }
    }

    // ------------------------------------------------------------------ merge and validate (config.go)

    /** config.go parseConfigKey: a declared key without a namespace belongs to the project. */
    private static String declaredKey(String projectName, String key) {
        return key.contains(":") ? parseKey(key) : projectName + ":" + key;
    }

    /** resource/config/key.go ParseKey, returning the key as {@code namespace:name}. */
    private static String parseKey(String key) {
        var parts = key.split(":", -1);
        if (parts.length == 2) {
            return key;
        }
        if (parts.length == 3 && parts[1].equals("config") && !parts[0].isEmpty() && !parts[2].isEmpty()) {
            return parts[0] + ":" + parts[2];
        }
        throw new StackFileException("could not parse " + key + " as a configuration key "
                + "(configuration keys should be of the form `<namespace>:<name>`)");
    }

    private static void merge(String projectName, String stack, Map<String, Declaration> declarations,
                              Map<String, Object> stackValues) {
        var missing = new ArrayList<String>();
        for (var d : declarations.values()) {
            var key = declaredKey(projectName, d.key());
            boolean found = stackValues.containsKey(key);
            if (!found && d.value() == null && d.dflt() == null && key.startsWith(projectName + ":")) {
                missing.add(d.key());
            } else if (!found && (d.value() != null || d.dflt() != null)) {
                stackValues.put(key, d.dflt() != null ? d.dflt() : d.value());
            }
        }
        if (!missing.isEmpty()) {
            throw new StackFileException("Stack '" + stack + "' is missing configuration "
                    + (missing.size() == 1 ? "value " : "values ") + formatMissingKeys(missing));
        }
    }

    /** config.go formatMissingKeys: {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b' and 'c'}. */
    static String formatMissingKeys(List<String> keys) {
        var sorted = keys.stream().sorted().map(k -> "'" + k + "'").toList();
        if (sorted.size() == 1) {
            return sorted.get(0);
        }
        return String.join(", ", sorted.subList(0, sorted.size() - 1)) + " and " + sorted.get(sorted.size() - 1);
    }

    private static void validateStackValues(String projectName, String stack, Map<String, Declaration> declarations,
                                            Map<String, Object> stackValues) {
        for (var d : declarations.values()) {
            if (!d.typed()) {
                continue;
            }
            var value = stackValues.get(declaredKey(projectName, d.key()));
            boolean secure = isSecure(value);
            if (d.secret() && !secure) {
                throw new StackFileException("Stack '" + stack + "' with configuration key '" + d.key()
                        + "' must be encrypted as it's secret");
            }
            if (secure || containsSecure(value)) {
                continue;
            }
            // The CLI checks the value as the program would receive it: a scalar's text, or a list or map
            // decoded from its JSON (numbers become floats).
            Object content = value instanceof Map<?, ?> || value instanceof List<?>
                    ? GSON.fromJson(GSON.toJson(value), Object.class) : scalarText(value);
            if (!validateConfigValue(d.type(), d.items(), content)) {
                throw new StackFileException("Stack '" + stack + "' with configuration key '" + d.key()
                        + "' must be of type '" + d.fullTypeName() + "'");
            }
        }
    }

    /** project.go ValidateConfigValue. */
    static boolean validateConfigValue(String type, ItemsType items, Object value) {
        switch (type) {
            case "string":
                return value instanceof String;
            case "integer":
                if (value instanceof Integer || value instanceof Long) {
                    return true;
                }
                if (value instanceof Double f && f == Math.rint(f) && !f.isInfinite()) {
                    return true;
                }
                if (value instanceof String s) {
                    return s.matches("[+-]?\\d+") && fitsInLong(s);
                }
                return false;
            case "boolean":
                return "true".equals(value) || "false".equals(value) || value instanceof Boolean;
            case "object":
                return value instanceof Map<?, ?>;
            default:
                if (!(value instanceof List<?> list) || items == null) {
                    return false;
                }
                return list.stream().allMatch(item -> validateConfigValue(items.type(), items.items(), item));
        }
    }

    private static boolean fitsInLong(String s) {
        try {
            Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ values

    private static String render(Object v, String key, Set<String> secrets) {
        if (containsSecure(v)) {
            secrets.add(key);
            v = replaceSecure(v, key);
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return GSON.toJson(v);
        }
        return scalarText(v);
    }

    /** A scalar as the CLI passes it: strings as written, numbers and booleans in their JSON form. */
    private static String scalarText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e21) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    private static boolean isSecure(Object v) {
        return v instanceof Map<?, ?> m && m.size() == 1 && m.get("secure") instanceof String;
    }

    private static boolean containsSecure(Object v) {
        if (v instanceof Map<?, ?> m) {
            return isSecure(m) || m.values().stream().anyMatch(StackFiles::containsSecure);
        }
        return v instanceof List<?> l && l.stream().anyMatch(StackFiles::containsSecure);
    }

    private static Object replaceSecure(Object v, String key) {
        if (v instanceof Map<?, ?> m) {
            if (isSecure(m)) {
                return "offline-secret:" + key;
            }
            var out = new LinkedHashMap<String, Object>();
            m.forEach((k, x) -> out.put(String.valueOf(k), replaceSecure(x, key)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> replaceSecure(x, key)).toList();
        }
        return v;
    }

    // ------------------------------------------------------------------ YAML

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o, String what) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?>)) {
            throw new StackFileException(what + ": expected a mapping, found " + o);
        }
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> read(Path file) {
        try {
            Object doc = yaml().load(Files.readString(file));
            return doc == null ? Map.of() : asMap(doc, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new StackFileException(file.getFileName() + " is not valid YAML: " + e.getMessage());
        }
    }

    private static Yaml yaml() {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new Yaml12Resolver());
    }

    /**
     * YAML 1.2 core-schema scalars, as the CLI's Go parser reads them: only true/false spellings are
     * booleans, so {@code yes}, {@code on} and {@code y} stay strings and reach the program unchanged.
     */
    static final class Yaml12Resolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
                    "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile(
                    "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
                    "-+0123456789.");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL|)$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }
}
