package hipaa.settings;

import java.util.Optional;

/**
 * One thing wrong with a stack's configuration.
 *
 * @param key     the full key, e.g. {@code hipaa:azCount}
 * @param found   the value found, as written (an empty string renders as "empty"); absent when the key is missing
 * @param allowed what the key accepts, phrased as the fix
 */
public record Problem(String key, Optional<String> found, String allowed) {

    public static Problem missing(String key, String allowed) {
        return new Problem(key, Optional.empty(), allowed);
    }

    public static Problem of(String key, String found, String allowed) {
        return new Problem(key, Optional.of(found), allowed);
    }

    public String render() {
        return key + ": " + found.map(f -> f.isEmpty() ? "empty" : "found " + quote(f)).orElse("missing") + "; " + allowed;
    }

    private static String quote(String s) {
        return s.startsWith("[") || s.startsWith("{") ? s : "\"" + s + "\"";
    }
}
