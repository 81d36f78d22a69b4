package hipaa.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The AWS Config managed rules this program may deploy, as AWS documents them, read from
 * {@code hipaa/audit/config-managed-rules.tsv} (its source and the date it was read are written there).
 *
 * <p>Managed rule identifiers are free text to the Config API until the call fails at deploy time; keeping
 * the documented identifiers, names and parameter names as data lets {@link ConfigRules} refuse a typo
 * before anything is registered, and lets a test prove every deployed rule is one AWS documents.
 */
public final class AwsConfigManagedRules {

    public static final String RESOURCE = "/hipaa/audit/config-managed-rules.tsv";

    /**
     * One managed rule.
     *
     * @param identifier    the source identifier, e.g. {@code INCOMING_SSH_DISABLED}
     * @param ruleName      the name AWS gives the rule, e.g. {@code restricted-ssh} (and its page's name)
     * @param parameters    the input parameter names its page documents, case as documented
     * @param unavailableIn Regions (of the ones this program supports) where its page says it does not run
     */
    public record Entry(String identifier, String ruleName, Set<String> parameters, Set<String> unavailableIn) {
        public Entry {
            parameters = Collections.unmodifiableSet(new LinkedHashSet<>(parameters));
            unavailableIn = Collections.unmodifiableSet(new LinkedHashSet<>(unavailableIn));
        }

        public boolean availableIn(String region) {
            return !unavailableIn.contains(region);
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Z0-9]+(_[A-Z0-9]+)*");
    private static final Pattern RULE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Map<String, Entry> ALL = load();

    private AwsConfigManagedRules() {}

    public static Map<String, Entry> all() {
        return ALL;
    }

    public static Optional<Entry> find(String identifier) {
        return Optional.ofNullable(ALL.get(identifier));
    }

    /** The entry, or a failure naming the data file: an unknown identifier is a bug in this program. */
    public static Entry require(String identifier) {
        return find(identifier).orElseThrow(() -> new IllegalStateException("'" + identifier
                + "' is not an AWS Config managed rule identifier listed in " + RESOURCE
                + "; check the spelling against the rule's page in the AWS Config Developer Guide"));
    }

    private static Map<String, Entry> load() {
        var in = Objects.requireNonNull(AwsConfigManagedRules.class.getResourceAsStream(RESOURCE), RESOURCE);
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(r.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the file's lines, refusing anything malformed so the data file cannot rot silently. */
    static Map<String, Entry> parse(List<String> lines) {
        var out = new LinkedHashMap<String, Entry>();
        int n = 0;
        for (var line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var f = line.split("\t", -1);
            if (f.length != 4) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": expected 4 tab-separated columns, found " + f.length);
            }
            if (!IDENTIFIER.matcher(f[0]).matches() || !RULE_NAME.matcher(f[1]).matches()) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": malformed identifier or rule name: " + line);
            }
            var entry = new Entry(f[0], f[1], list(f[2]), list(f[3]));
            if (out.put(entry.identifier(), entry) != null) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": duplicate identifier " + entry.identifier());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Set<String> list(String column) {
        return column.equals("-") ? Set.of() : new LinkedHashSet<>(Arrays.asList(column.split(",")));
    }
}
