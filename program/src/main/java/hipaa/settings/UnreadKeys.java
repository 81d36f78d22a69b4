package hipaa.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns every config key the program does not read into a problem, with the closest key it does read.
 *
 * <p>The Pulumi CLI passes every key of the stack file to the program and no longer refuses keys the project
 * does not declare (pulumi/pulumi {@code sdk/go/common/workspace/config.go}, {@code mergeConfig}). A misspelt
 * key would therefore be ignored and its safe default used in its place without a word; this class makes it
 * one more line of the settings message. What passes: the keys the settings reader read, and the engine's own
 * {@code pulumi:} namespace ({@code pulumi:disable-default-providers}).
 *
 * <p>The {@code aws:} namespace is refused too, {@code aws:region} aside (the program reads it): the stack
 * files disable the default AWS provider and the program configures its own explicit provider, and an
 * explicit provider is configured only from its arguments, never from {@code aws:*} stack config (pulumi/pulumi-aws
 * issue #1307: "It is currently by design that an explicit provider is configured independent of any aws:*
 * config"; the 6.83.0 {@code ProviderArgs} builder reads defaults from environment variables only). So
 * {@code aws:profile} in a stack file would do nothing at all, and a deployment would run with whatever
 * credentials the shell has.
 */
final class UnreadKeys {

    /**
     * Every key of the AWS provider's config, from {@code com.pulumi.aws.Config} of com.pulumi:aws 6.83.0 (each
     * method reads the key of its name). A test compares this list with that class.
     */
    static final List<String> AWS_PROVIDER_KEYS = List.of("accessKey", "allowedAccountIds", "assumeRole",
            "assumeRoleWithWebIdentity", "customCaBundle", "defaultTags", "ec2MetadataServiceEndpoint",
            "ec2MetadataServiceEndpointMode", "endpoints", "forbiddenAccountIds", "httpProxy", "httpsProxy",
            "ignoreTags", "insecure", "maxRetries", "noProxy", "profile", "region", "retryMode",
            "s3UsEast1RegionalEndpoint", "s3UsePathStyle", "secretKey", "sharedConfigFiles", "sharedCredentialsFiles",
            "skipCredentialsValidation", "skipMetadataApiCheck", "skipRegionValidation", "skipRequestingAccountId",
            "stsRegion", "token", "tokenBucketRateLimiterCapacity", "useDualstackEndpoint", "useFipsEndpoint");

    /** The environment variables the provider's AWS SDK reads instead, for the keys people set for credentials. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "profile", "AWS_PROFILE",
            "accessKey", "AWS_ACCESS_KEY_ID",
            "secretKey", "AWS_SECRET_ACCESS_KEY",
            "token", "AWS_SESSION_TOKEN",
            "sharedCredentialsFiles", "AWS_SHARED_CREDENTIALS_FILE",
            "sharedConfigFiles", "AWS_CONFIG_FILE",
            "customCaBundle", "AWS_CA_BUNDLE",
            "maxRetries", "AWS_MAX_ATTEMPTS",
            "retryMode", "AWS_RETRY_MODE");

    private UnreadKeys() {}

    /**
     * @param passed every key the CLI passed
     * @param read   the full keys the settings reader read
     */
    static List<Problem> problems(PassedConfig passed, Collection<String> read) {
        var out = new ArrayList<Problem>();
        for (var entry : passed.values().entrySet()) {
            var key = entry.getKey();
            int colon = key.indexOf(':');
            var namespace = colon < 0 ? "" : key.substring(0, colon);
            var name = key.substring(colon + 1);
            if (read.contains(key) || namespace.equals("pulumi")) {
                continue;
            }
            var found = passed.secretKeys().contains(key) ? "[secret]" : entry.getValue();
            var suggestion = closest(name, read).map(k -> "did you mean " + k + "? ").orElse("");
            String why;
            if (namespace.equals(SettingsReader.PROJECT)) {
                why = "is not a key this program reads; " + (suggestion.isEmpty() ? "remove it " : suggestion)
                        + "(docs/CONFIG.md lists every key)";
            } else if (namespace.equals("aws") && AWS_PROVIDER_KEYS.contains(name)) {
                why = "is ignored: only the default AWS provider reads aws:" + name + ", and the stack disables it "
                        + "(pulumi:disable-default-providers) for the program's own explicit provider, which takes "
                        + "no aws:* stack config (pulumi/pulumi-aws#1307); remove it"
                        + Optional.ofNullable(ENVIRONMENT.get(name))
                        .map(v -> " and set " + v + " in the environment that runs pulumi instead").orElse("");
            } else {
                why = "is not read by this program or by its AWS provider; " + (suggestion.isEmpty()
                        ? "remove it (docs/CONFIG.md lists every key)" : suggestion + "(keys of this program are hipaa:<name>)");
            }
            out.add(Problem.of(key, found, why.strip()));
        }
        return out;
    }

    /**
     * The read key whose name is closest to {@code name}: Levenshtein distance over lower-cased names, ties to
     * the first alphabetically, as the CLI suggests project attributes (pulumi/pulumi project.go
     * {@code findClosestKey}); the CLI allows a distance of 2, long names here get a quarter of their length.
     */
    static Optional<String> closest(String name, Collection<String> read) {
        var needle = name.toLowerCase(Locale.ROOT);
        int best = Math.max(2, needle.length() / 4) + 1;
        String match = null;
        for (var key : read.stream().sorted(UnreadKeys::projectFirst).toList()) {
            var candidate = key.substring(key.indexOf(':') + 1).toLowerCase(Locale.ROOT);
            int d = levenshtein(needle, candidate);
            if (d < best) {
                best = d;
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    /** Project keys before aws:region, each group alphabetical, so a tie suggests this program's key. */
    private static int projectFirst(String a, String b) {
        boolean pa = a.startsWith(SettingsReader.PROJECT + ":");
        boolean pb = b.startsWith(SettingsReader.PROJECT + ":");
        return pa == pb ? a.compareTo(b) : (pa ? -1 : 1);
    }

    static int levenshtein(String a, String b) {
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
