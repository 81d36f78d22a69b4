package hipaa.audit;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import hipaa.settings.AccountRole;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Accepted exceptions to the compliance rules, read from {@code guardrails/exemptions.yaml}: the one list both
 * the offline guardrails and the deployed alerting obey. The file is packaged into the program as
 * {@value #RESOURCE} (program/pom.xml), so {@code pulumi up} reads the same bytes the plan and the tests read,
 * and the EventBridge rule that pages on AWS Config non-compliance skips exactly the exempted
 * (rule, resource) pairs ({@link ConfigCompliance}).
 *
 * <pre>
 * exemptions:
 *   - rule: rds-multi-az-support
 *     resource: db                      # logical name; "stack" for account-level findings
 *     type: aws:rds/instance:Instance   # optional, when two resources share the name
 *     reason: Dev runs a single-AZ instance to halve cost; it holds synthetic data only.
 *     reviewBy: 2026-06-30
 *     stacks: [dev]                     # optional: only these stacks; absent means every stack
 *     onlyWith: front                   # optional: in force only where the stack declares this resource
 *     roles: [single, workload]         # optional: only stacks of these account roles (hipaa:accountRole)
 * </pre>
 *
 * {@code roles} scopes an exemption to what a stack is ({@link AccountRole}): an exemption about a resource only the
 * workload builds (the admins group, the bastion) names {@code single} and {@code workload}, so the organization's
 * management, log-archive and security stacks neither apply it nor judge it stale.
 *
 * {@code onlyWith} is for resources an optional feature creates (the static front's buckets exist only with
 * {@code hipaa:frontEnabled}, the EC2 application's group only with {@code hipaa:ec2AppEnabled}): where the named resource is absent the exemption is dormant instead of stale;
 * where it is present, the exemption must match as any other.
 *
 * Every field but {@code type} is required, the reason must be at least {@value #MIN_REASON_LENGTH}
 * characters, and unknown keys are rejected (a misspelt {@code reviewBy} must not pass silently).
 * Whether an exemption still matches something, and whether its review date has passed, is judged
 * by the offline guardrails (the tooling's Guardrails) against the resources and the date.
 */
public final class Exemptions {

    public static final int MIN_REASON_LENGTH = 20;
    /** Where the program finds the file on its classpath. */
    public static final String RESOURCE = "/hipaa/audit/exemptions.yaml";
    /** The subject name of findings about the stack as a whole. */
    public static final String STACK = "stack";
    private static final Set<String> KEYS = Set.of("rule", "resource", "type", "reason", "reviewBy", "stacks", "onlyWith", "roles");

    /**
     * One exemption.
     *
     * @param index    1-based position in the file, for messages
     * @param rule     the rule id it exempts
     * @param resource logical name of the exempted resource, or {@value #STACK}
     * @param type     type token, when given
     * @param stacks   the stacks it applies to; empty for every stack. A relaxation meant for dev must name
     *                 dev, or it would also hide the same finding in prod
     * @param onlyWith logical name of the resource (or component) whose presence puts it in force; empty for always
     * @param roles    the account roles ({@link AccountRole#configName()}) whose stacks it applies to; empty for every role
     */
    public record Exemption(int index, String rule, String resource, Optional<String> type, String reason, LocalDate reviewBy,
                            Set<String> stacks, Optional<String> onlyWith, Set<String> roles) {

        public Exemption {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(reviewBy, "reviewBy");
            stacks = Set.copyOf(stacks);
            Objects.requireNonNull(onlyWith, "onlyWith");
            roles = Set.copyOf(roles);
        }

        /** An exemption for stacks of every account role. */
        public Exemption(int index, String rule, String resource, Optional<String> type, String reason, LocalDate reviewBy,
                         Set<String> stacks, Optional<String> onlyWith) {
            this(index, rule, resource, type, reason, reviewBy, stacks, onlyWith, Set.of());
        }

        /** An exemption always in force where its stacks say. */
        public Exemption(int index, String rule, String resource, Optional<String> type, String reason, LocalDate reviewBy,
                         Set<String> stacks) {
            this(index, rule, resource, type, reason, reviewBy, stacks, Optional.empty());
        }

        /** An exemption for every stack. */
        public Exemption(int index, String rule, String resource, Optional<String> type, String reason, LocalDate reviewBy) {
            this(index, rule, resource, type, reason, reviewBy, Set.of());
        }

        /** Whether it is in force for the stack being judged (an unnamed stack sees only unscoped exemptions). */
        public boolean appliesTo(String stack) {
            return stacks.isEmpty() || stacks.contains(stack);
        }

        /** Whether it is in force for the stack {@code stack} whose account role is {@code role}. */
        public boolean appliesTo(String stack, AccountRole role) {
            return appliesTo(stack) && (roles.isEmpty() || roles.contains(role.configName()));
        }

        /** Whether it covers the finding of {@code ruleId} about the resource {@code name} of type {@code resourceType}. */
        public boolean matches(String ruleId, String name, String resourceType) {
            return rule.equals(ruleId) && resource.equals(name) && type.map(resourceType::equals).orElse(true);
        }

        /** {@code exemption #2 (rule rds-multi-az-support, resource db)} */
        public String label() {
            return "exemption #" + index + " (rule " + rule + ", resource " + resource + type.map(t -> " of type " + t).orElse("") + ")";
        }
    }

    private final List<Exemption> entries;

    private Exemptions(List<Exemption> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Exemptions none() {
        return new Exemptions(List.of());
    }

    public static Exemptions of(List<Exemption> entries) {
        return new Exemptions(entries);
    }

    public List<Exemption> all() {
        return entries;
    }

    /** The exemptions that may apply to a stack of {@code role} (those without {@code roles} and those naming it). */
    public Exemptions forRole(AccountRole role) {
        return new Exemptions(entries.stream().filter(e -> e.roles().isEmpty() || e.roles().contains(role.configName())).toList());
    }

    /** The file packaged with the program. */
    public static Exemptions bundled() {
        try (var in = Exemptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath; program/pom.xml packages guardrails/exemptions.yaml");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "guardrails/exemptions.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads the file; throws {@link IllegalArgumentException} naming every malformed entry. */
    public static Exemptions load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read exemptions file " + file, e);
        }
    }

    public static Exemptions parse(String yaml, String source) {
        Object root;
        try {
            var options = new LoaderOptions();
            var dumper = new DumperOptions();
            root = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new DatesAsText()).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return none();
        }
        if (!(root instanceof Map<?, ?> top) || !top.keySet().equals(Set.of("exemptions"))) {
            throw new IllegalArgumentException(source + ": expected a single top-level key 'exemptions' holding a list");
        }
        var list = top.get("exemptions");
        if (list == null) {
            return none();
        }
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException(source + ": 'exemptions' must be a list");
        }
        var problems = new ArrayList<String>();
        var entries = new ArrayList<Exemption>();
        var seen = new HashSet<String>();
        for (int i = 0; i < items.size(); i++) {
            int index = i + 1;
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                problems.add("exemption #" + index + ": expected a mapping with rule, resource, reason, reviewBy");
                continue;
            }
            var where = "exemption #" + index + " (rule " + m.get("rule") + ", resource " + m.get("resource") + ")";
            var entryProblems = new ArrayList<String>();
            for (var key : m.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    entryProblems.add("unknown key '" + key + "' (allowed: rule, resource, type, reason, reviewBy, stacks, onlyWith, roles)");
                }
            }
            var rule = text(m.get("rule"));
            var resource = text(m.get("resource"));
            var type = text(m.get("type"));
            var reason = text(m.get("reason"));
            if (rule == null) {
                entryProblems.add("rule is missing");
            }
            if (resource == null) {
                entryProblems.add("resource is missing");
            }
            if (m.containsKey("type") && type == null) {
                entryProblems.add("type is empty");
            }
            if (reason == null) {
                entryProblems.add("reason is missing");
            } else if (reason.length() < MIN_REASON_LENGTH) {
                entryProblems.add("reason \"" + reason + "\" is " + reason.length()
                        + " characters; explain in at least one sentence (" + MIN_REASON_LENGTH + "+ characters)");
            }
            var reviewBy = date(m.get("reviewBy"), entryProblems);
            var stacks = new java.util.LinkedHashSet<String>();
            var rawStacks = m.get("stacks");
            if (rawStacks instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof String str && !str.isBlank())) {
                l.forEach(x -> stacks.add((String) x));
            } else if (rawStacks != null) {
                entryProblems.add("stacks must be a non-empty list of stack names, such as [dev]");
            }
            var roles = new java.util.LinkedHashSet<String>();
            var rawRoles = m.get("roles");
            if (rawRoles instanceof List<?> l && !l.isEmpty()
                    && l.stream().allMatch(x -> x instanceof String str && AccountRole.configNames().contains(str))) {
                l.forEach(x -> roles.add((String) x));
            } else if (rawRoles != null) {
                entryProblems.add("roles must be a non-empty list of account roles (" + String.join(", ", AccountRole.configNames())
                        + "), found " + rawRoles);
            }
            var onlyWith = text(m.get("onlyWith"));
            if (m.containsKey("onlyWith") && onlyWith == null) {
                entryProblems.add("onlyWith is empty");
            }
            if (entryProblems.isEmpty()) {
                var key = rule + "|" + resource + "|" + type;
                if (!seen.add(key)) {
                    entryProblems.add("duplicates an earlier exemption for the same rule and resource");
                }
            }
            if (entryProblems.isEmpty()) {
                entries.add(new Exemption(index, rule, resource, Optional.ofNullable(type), reason, reviewBy, stacks,
                        Optional.ofNullable(onlyWith), roles));
            } else {
                entryProblems.forEach(p -> problems.add(where + ": " + p));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + problems.size() + " malformed exemption(s):\n  " + String.join("\n  ", problems));
        }
        return new Exemptions(entries);
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        var s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    /**
     * Keeps unquoted dates as text: SnakeYAML's own timestamp parsing is lenient and would turn
     * 2026-13-01 into 2027-01-01, where {@link LocalDate#parse} rejects it.
     */
    private static final class DatesAsText extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            var tag = super.resolve(kind, value, implicit);
            return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }

    private static LocalDate date(Object v, List<String> problems) {
        if (v == null) {
            problems.add("reviewBy is missing (YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(String.valueOf(v).trim());
        } catch (DateTimeParseException e) {
            problems.add("reviewBy '" + v + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }
}
