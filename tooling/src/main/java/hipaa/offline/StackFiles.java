package hipaa.offline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

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
 * Reads {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml} the way the Pulumi CLI does, and produces the
 * configuration the CLI would hand to the program ({@code PULUMI_CONFIG} and {@code PULUMI_CONFIG_SECRET_KEYS}).
 *
 * <p>Mirrored from the CLI: keys without a namespace get the project's; project-level {@code config:}
 * defaults apply unless the stack sets the key; when the project declares config, a stack key in the
 * project namespace that the project does not declare is an error; scalars become their string form,
 * lists and maps become compact JSON. YAML is read with YAML 1.2 booleans ({@code yes} stays a string,
 * as in the CLI's parser). A {@code secure:} value cannot be decrypted offline: it becomes the
 * deterministic placeholder {@code offline-secret:<key>} and its top-level key is marked secret.
 */
public final class StackFiles {

    /** Configuration as the program receives it. */
    public record StackConfig(String project, String stack, Map<String, String> values, Set<String> secretKeys) {}

    /** A stack file that the CLI itself would refuse. */
    public static final class StackFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StackFileException(String message) {
            super(message);
        }
    }

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.([A-Za-z0-9_.-]+)\\.yaml");

    private StackFiles() {}

    /** The stacks that have a {@code Pulumi.<stack>.yaml} in {@code projectDir}, sorted. */
    public static List<String> stacks(Path projectDir) {
        try (Stream<Path> files = Files.list(projectDir)) {
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
        var stackFile = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(projectFile)) {
            throw new StackFileException("no Pulumi.yaml in " + projectDir.toAbsolutePath());
        }
        if (!Files.isRegularFile(stackFile)) {
            throw new StackFileException("no stack file " + stackFile.getFileName() + " in " + projectDir.toAbsolutePath()
                    + "; stacks here: " + String.join(", ", stacks(projectDir)));
        }
        Map<String, Object> project = read(projectFile);
        String name = String.valueOf(project.get("name"));
        Map<String, Object> declared = asMap(project.getOrDefault("config", Map.of()));
        Map<String, Object> stackDoc = read(stackFile);
        Map<String, Object> stackConfig = asMap(stackDoc.getOrDefault("config", Map.of()));

        var values = new TreeMap<String, String>();
        var secrets = new LinkedHashSet<String>();

        // Project-level defaults first; the stack file overrides them.
        declared.forEach((k, v) -> {
            var key = namespaced(name, k);
            if (v instanceof Map<?, ?> m && (m.containsKey("type") || m.containsKey("default") || m.containsKey("value"))) {
                var dflt = m.containsKey("value") ? m.get("value") : m.get("default");
                if (dflt != null) {
                    values.put(key, render(dflt, key, secrets));
                }
            } else {
                values.put(key, render(v, key, secrets));
            }
        });

        var undeclared = new ArrayList<String>();
        stackConfig.forEach((k, v) -> {
            var key = namespaced(name, k);
            if (!declared.isEmpty() && key.startsWith(name + ":") && !declared.containsKey(key.substring(name.length() + 1))
                    && !declared.containsKey(key)) {
                undeclared.add(key);
            }
            values.put(key, render(v, key, secrets));
        });
        if (!undeclared.isEmpty()) {
            throw new StackFileException("Stack '" + stack + "' uses configuration " + (undeclared.size() == 1 ? "value " : "values ")
                    + String.join(", ", undeclared) + (undeclared.size() == 1 ? " which is" : " which are")
                    + " not defined by the project configuration (Pulumi.yaml); check the spelling against docs/CONFIG.md");
        }
        return new StackConfig(name, stack, Map.copyOf(values), Set.copyOf(secrets));
    }

    private static String namespaced(String project, String key) {
        return key.contains(":") ? key : project + ":" + key;
    }

    private static String render(Object v, String key, Set<String> secrets) {
        if (containsSecure(v)) {
            secrets.add(key);
            v = replaceSecure(v, key);
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return GSON.toJson(v);
        }
        return v == null ? "" : String.valueOf(v);
    }

    private static boolean containsSecure(Object v) {
        if (v instanceof Map<?, ?> m) {
            return (m.size() == 1 && m.containsKey("secure")) || m.values().stream().anyMatch(StackFiles::containsSecure);
        }
        return v instanceof List<?> l && l.stream().anyMatch(StackFiles::containsSecure);
    }

    private static Object replaceSecure(Object v, String key) {
        if (v instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey("secure")) {
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?>)) {
            throw new StackFileException("expected a mapping, found " + o);
        }
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> read(Path file) {
        try {
            Object doc = yaml().load(Files.readString(file));
            return doc == null ? Map.of() : asMap(doc);
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
