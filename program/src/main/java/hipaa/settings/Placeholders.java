package hipaa.settings;

import com.google.gson.JsonParser;
import com.pulumi.Context;
import hipaa.network.Cidrs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Values a stack file may ship as examples but that cannot work against AWS: alert addresses at domains
 * reserved for documentation, the all-zero certificate id, images tagged {@code replace-me}, documentation
 * address ranges, AWS's documentation account id, the example organization's id, accounts and stack names. The settings accept them (the tests and the offline plan
 * run the real stack files), so the program warns about each one on every run, and the plan lists them
 * under "Before the first `pulumi up`".
 */
public final class Placeholders {
    private Placeholders() {}

    /**
     * One placeholder still in the stack's configuration.
     *
     * @param key   the full key, e.g. {@code hipaa:alertEmails}
     * @param value the value (one element of a list)
     * @param why   why it cannot work
     */
    public record Placeholder(String key, String value, String why) {
        /** The warning the program logs. */
        public String warning(String stack) {
            return "Stack '" + stack + "': " + key + " still holds the placeholder " + value + ": " + why
                    + "; replace it in Pulumi." + stack + ".yaml before relying on this stack.";
        }
    }

    /** RFC 2606 section 3 (second-level) and section 2 with RFC 6761 (top-level names reserved for documentation and tests). */
    private static final Pattern RESERVED_DOMAIN = Pattern.compile(
            "(?:.*\\.)?(?:example\\.(?:com|net|org)|[^.]+\\.(?:example|test|invalid|localhost)|example|test|invalid|localhost)");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@([A-Za-z0-9.-]+)");
    private static final Pattern HOSTNAME = Pattern.compile("(?:\\*\\.)?([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");
    /** RFC 5737: TEST-NET-1, -2 and -3, for documentation only. */
    private static final List<String> DOCUMENTATION_RANGES = List.of("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24");
    /** The account id AWS's documentation uses in examples ("AWS account identifiers", AWS Account Management Reference Guide). */
    public static final String DOCUMENTATION_ACCOUNT = "123456789012";
    /**
     * The example organization of the organization stack files (docs/ORGANIZATION.md): its id, its four accounts (one
     * repeated digit each, which no real account is given in practice, like AWS's own example id) and the
     * {@code my-org} organization of its fully qualified stack names. A stack deployed with them reaches no account of
     * the user's organization: the provider's allowedAccountIds refuses the real one.
     */
    public static final String EXAMPLE_ORGANIZATION = "o-a1b2c3d4e5";
    public static final List<String> EXAMPLE_ACCOUNTS = List.of("111111111111", "222222222222", "333333333333", "444444444444");
    public static final String EXAMPLE_STACK_ORGANIZATION = "my-org";
    private static final Pattern ZERO_CERTIFICATE = Pattern.compile(".*:certificate/0{8}-0{4}-0{4}-0{4}-0{12}");

    /** Every placeholder in the configuration {@code pulumi up} hands the program. */
    public static List<Placeholder> find(Context ctx) {
        return find(ctx.stackName(), ctx.projectName(), ctx.config()::get, ctx.config("aws")::get);
    }

    /**
     * Every placeholder among the keys the program reads, in the order it reads them.
     *
     * @param project lookup of keys in the project namespace, by key without namespace
     * @param aws     lookup of keys in the {@code aws} namespace, by key without namespace
     */
    public static List<Placeholder> find(String stack, String projectName, Function<String, Optional<String>> project,
                                         Function<String, Optional<String>> aws) {
        var reader = new SettingsReader(stack, project, aws);
        Settings.read(reader, projectName);
        var out = new ArrayList<Placeholder>();
        for (var doc : reader.docs()) {
            var full = doc.key();
            var name = full.substring(full.indexOf(':') + 1);
            var raw = (full.startsWith("aws:") ? aws : project).apply(name);
            if (raw.isEmpty() || raw.get().isBlank()) {
                continue;
            }
            for (var value : values(doc, raw.get())) {
                why(value).ifPresent(why -> out.add(new Placeholder(full, value, why)));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> values(KeyDoc doc, String raw) {
        if (!doc.type().equals("array")) {
            return List.of(raw);
        }
        try {
            var out = new ArrayList<String>();
            JsonParser.parseString(raw).getAsJsonArray().forEach(e -> out.add(e.isJsonPrimitive() ? e.getAsString() : e.toString()));
            return out;
        } catch (RuntimeException e) {
            return List.of(raw);
        }
    }

    /** Why the value cannot work, or empty when nothing marks it as a placeholder. */
    static Optional<String> why(String value) {
        var reasons = new ArrayList<String>();
        var email = EMAIL.matcher(value);
        if (email.matches() && RESERVED_DOMAIN.matcher(email.group(1).toLowerCase(Locale.ROOT)).matches()) {
            reasons.add("an address at a domain reserved for documentation (RFC 2606) receives no mail, so its SNS "
                    + "subscription is never confirmed and alerts reach no one");
        } else if (HOSTNAME.matcher(value).matches() && RESERVED_DOMAIN.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
            reasons.add("a domain reserved for documentation (RFC 2606): nobody can own it, so no certificate or DNS record "
                    + "can be made for it");
        }
        if (ZERO_CERTIFICATE.matcher(value).matches()) {
            reasons.add("the all-zero certificate id, which no ACM certificate has");
        }
        if (value.toLowerCase(Locale.ROOT).contains("replace-me")) {
            reasons.add("marked replace-me");
        }
        if (Cidrs.isCanonical(value) && DOCUMENTATION_RANGES.stream().anyMatch(r -> Cidrs.overlap(r, value))) {
            reasons.add("an address range reserved for documentation (RFC 5737), which no real network uses");
        }
        if (value.matches("arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:" + DOCUMENTATION_ACCOUNT + ":.*")
                || value.startsWith(DOCUMENTATION_ACCOUNT + ".dkr.ecr.")) {
            reasons.add("it names " + DOCUMENTATION_ACCOUNT + ", the account id AWS's documentation uses in examples");
        }
        if (value.equals(EXAMPLE_ORGANIZATION)) {
            reasons.add("the example organization id of the organization stack files, not your organization's "
                    + "(aws organizations describe-organization)");
        }
        var account = EXAMPLE_ACCOUNTS.stream().filter(a -> value.equals(a) || value.matches("arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:" + a + ":.*")
                || value.startsWith(a + ".dkr.ecr.")).findFirst();
        account.ifPresent(a -> reasons.add("it names " + a + ", an example account id of the organization stack files, not an "
                + "account of your organization (aws organizations list-accounts)"));
        if (value.startsWith(EXAMPLE_STACK_ORGANIZATION + "/")) {
            reasons.add("a stack of the example Pulumi organization " + EXAMPLE_STACK_ORGANIZATION + "; name your own "
                    + "(pulumi stack ls --all prints <organization>/<project>/<stack>)");
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }
}
