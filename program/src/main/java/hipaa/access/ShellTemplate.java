package hipaa.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A shell script kept as a file under {@code src/main/resources/hipaa/access/}, with typed values put in
 * its {@code {{NAME}}} placeholders.
 *
 * <p>Every value is checked against the pattern its caller declares and written as one single-quoted shell
 * word (a list becomes several words, for an array), so no value can end a quote, start a command or
 * split into two arguments: the script's text is never built by joining strings. Placeholders stand only
 * where the template expects one word ({@code readonly X={{X}}}). Rendering fails when the template and the
 * values disagree, in either direction, so a renamed placeholder cannot ship as a literal {@code {{X}}}.
 */
final class ShellTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z][A-Z0-9_]*)}}");

    private final String name;
    private final String text;
    private final Map<String, String> words = new LinkedHashMap<>();

    private ShellTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** The template {@code hipaa/access/<file>} from the classpath. */
    static ShellTemplate load(String file) {
        var path = "/hipaa/access/" + file;
        try (InputStream in = Objects.requireNonNull(ShellTemplate.class.getResourceAsStream(path), path)) {
            return new ShellTemplate(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One word; {@code allowed} says what the value may contain (an empty value is allowed only if it matches). */
    ShellTemplate word(String placeholder, String value, Pattern allowed) {
        check(placeholder, value, allowed);
        return put(placeholder, quote(value));
    }

    /** Several words, for {@code readonly -a X=({{X}})}. */
    ShellTemplate words(String placeholder, List<String> values, Pattern allowed) {
        values.forEach(v -> check(placeholder, v, allowed));
        return put(placeholder, String.join(" ", values.stream().map(ShellTemplate::quote).toList()));
    }

    /** The script with every placeholder filled. */
    String render() {
        var found = new TreeSet<String>();
        var m = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            var key = m.group(1);
            found.add(key);
            var value = words.get(key);
            if (value == null) {
                throw new IllegalStateException(name + ": no value for {{" + key + "}}");
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        var unused = new TreeSet<>(words.keySet());
        unused.removeAll(found);
        if (!unused.isEmpty()) {
            throw new IllegalStateException(name + ": values for placeholders it does not have: " + unused);
        }
        return out.toString();
    }

    /** POSIX single quoting: the only character that needs care inside '...' is ' itself. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private void check(String placeholder, String value, Pattern allowed) {
        Objects.requireNonNull(value, placeholder);
        if (!allowed.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": {{" + placeholder + "}} value " + quote(value)
                    + " does not match " + allowed.pattern());
        }
    }

    private ShellTemplate put(String placeholder, String shell) {
        if (words.putIfAbsent(placeholder, shell) != null) {
            throw new IllegalStateException(name + ": {{" + placeholder + "}} given twice");
        }
        return this;
    }
}
