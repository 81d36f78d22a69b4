package hipaa.guardrails;

import hipaa.offline.RecordedResource;
import hipaa.settings.AccountRole;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a stack of an organization gets from the other accounts' stacks, read from {@value #FILE}: the data the lead
 * tunes, not code. It answers only one question, the one an account-level rule asks when the stack declares none of
 * the rule's types ("the account must have a trail"): whether another account's stack provides it for this
 * account, or whether the rule does not apply to the role. A resource the stack does declare is always judged.
 *
 * <p>Where AWS's rule of the same id evaluates the account, this follows what AWS sees there: an organization trail
 * exists in every member account (CloudTrail API Reference, CreateTrail {@code IsOrganizationTrail}: "the trail will be
 * created in all AWS accounts that belong to the organization"), so {@code cloudtrail-enabled} and
 * {@code multi-region-cloudtrail-enabled} (AWS Config developer guide: "Checks if an AWS CloudTrail trail is enabled in
 * your AWS account") find it in a member account; GuardDuty and Security Hub, auto-enabled by the delegated
 * administrator, run in the member account itself.
 *
 * <p>Outcomes: when the providing stack's own offline run is at hand (it answered one of this stack's
 * StackReferences) and declares the evidence, PASS naming it; when that run declares none, FAIL; when this stack does
 * not reference the provider (every member account's trail comes from the management stack, which no member stack
 * references), NOT_APPLICABLE here, naming the stack whose plan judges it.
 */
public final class Organization {
    /** The data file, relative to the project directory. */
    public static final String FILE = "guardrails/organization.yaml";

    /**
     * One account-level control another account's stack provides.
     *
     * @param rules    the rule ids it answers
     * @param roles    the roles ({@link AccountRole#configName()}) it is provided to
     * @param by       the role of the stack that provides it
     * @param evidence the type token that stack declares for it
     * @param inputs   inputs the evidence must carry ({@code isOrganizationTrail: true}); empty for any
     * @param what     what it is, for the report
     */
    public record Provision(List<String> rules, Set<String> roles, String by, String evidence, Map<String, Object> inputs,
                            String what) {}

    /**
     * A rule that does not apply to stacks of some roles, when they declare none of its types.
     *
     * @param rules the rule ids
     * @param roles the roles
     * @param why   why, for the report
     */
    public record NotApplicable(List<String> rules, Set<String> roles, String why) {}

    /**
     * A stack that plays a role, as this stack sees it.
     *
     * @param stack     its fully qualified name, as this stack's settings give it
     * @param resources its resources, when its own offline run answered this stack's reference
     */
    public record Provider(String stack, Optional<List<RecordedResource>> resources) {}

    private final List<Provision> provisions;
    private final List<NotApplicable> notApplicable;
    private final AccountRole role;
    private final Map<String, Provider> providers;

    /** No organization: a single-account stack provides everything itself. */
    public static final Organization NONE = new Organization(List.of(), List.of(), AccountRole.SINGLE, Map.of());

    private Organization(List<Provision> provisions, List<NotApplicable> notApplicable, AccountRole role,
                         Map<String, Provider> providers) {
        this.provisions = List.copyOf(provisions);
        this.notApplicable = List.copyOf(notApplicable);
        this.role = Objects.requireNonNull(role);
        this.providers = Map.copyOf(providers);
    }

    public List<Provision> provisions() {
        return provisions;
    }

    public List<NotApplicable> notApplicable() {
        return notApplicable;
    }

    public AccountRole role() {
        return role;
    }

    /** The same data, for a stack of {@code role} that sees the providing stacks {@code providers} (by role name). */
    public Organization forStack(AccountRole role, Map<String, Provider> providers) {
        return new Organization(provisions, notApplicable, role, providers);
    }

    /**
     * What the organization answers for {@code rule} in a stack that declares none of its types; empty when the rule
     * judges this stack as in a single account (it must declare one).
     */
    public Optional<Outcome> provided(Rule rule) {
        if (role == AccountRole.SINGLE) {
            return Optional.empty();
        }
        var roleName = role.configName();
        for (var p : provisions) {
            if (!p.rules().contains(rule.id()) || !p.roles().contains(roleName)) {
                continue;
            }
            var provider = providers.get(p.by());
            var stack = provider == null ? "the " + p.by() + " stack" : "the " + p.by() + " stack " + provider.stack();
            if (provider == null || provider.resources().isEmpty()) {
                return Optional.of(Outcome.notApplicable("provided by the organization: " + p.what() + ", declared by "
                        + stack + " (" + p.evidence() + (p.inputs().isEmpty() ? "" : " with " + p.inputs())
                        + ") and judged in that stack's own plan"));
            }
            var found = provider.resources().get().stream().filter(r -> r.type().equals(p.evidence()))
                    .filter(r -> p.inputs().entrySet().stream().allMatch(e -> Objects.equals(r.inputs().get(e.getKey()), e.getValue())))
                    .findFirst();
            return Optional.of(found.isPresent()
                    ? Outcome.pass("provided by the organization: " + p.what() + " (" + stack + " declares " + p.evidence()
                    + " " + found.get().name() + ")")
                    : Outcome.fail("provided by the organization only if " + stack + " declares it: " + p.what() + "; its "
                    + "offline run declares no " + p.evidence() + (p.inputs().isEmpty() ? "" : " with " + p.inputs())));
        }
        return notApplicable.stream().filter(n -> n.rules().contains(rule.id()) && n.roles().contains(roleName)).findFirst()
                .map(n -> Outcome.notApplicable("not applicable to a " + roleName + " account: " + n.why()));
    }

    /** Reads {@code file}; no file means no organization data (every account-level rule judged as in one account). */
    public static Organization load(Path file) {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Organization parse(String yaml, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top) || !Set.of("provided", "notApplicable").containsAll(top.keySet())) {
            throw new IllegalArgumentException(source + ": expected the top-level keys 'provided' and 'notApplicable'");
        }
        var problems = new ArrayList<String>();
        var provisions = new ArrayList<Provision>();
        var skipped = new ArrayList<NotApplicable>();
        var entries = list(top.get("provided"));
        for (int i = 0; i < entries.size(); i++) {
            var where = source + ": provided #" + (i + 1);
            if (!(entries.get(i) instanceof Map<?, ?> m) || !Set.of("rules", "roles", "by", "evidence", "inputs", "what").containsAll(m.keySet())) {
                problems.add(where + ": expected rules, roles, by, evidence, what and optional inputs");
                continue;
            }
            var rules = ids(m.get("rules"), where, problems);
            var roles = roles(m.get("roles"), where, problems);
            var by = String.valueOf(m.get("by"));
            if (!AccountRole.configNames().contains(by)) {
                problems.add(where + ": by must be an account role, found " + by);
            }
            var evidence = m.get("evidence") instanceof String s && s.startsWith("aws:") ? s : null;
            if (evidence == null) {
                problems.add(where + ": evidence must be a type token (aws:...)");
            }
            var inputs = m.get("inputs") == null ? Map.<String, Object>of() : new LinkedHashMap<>((Map<String, Object>) m.get("inputs"));
            var what = m.get("what") instanceof String s && !s.isBlank() ? s.strip() : null;
            if (what == null) {
                problems.add(where + ": what is missing");
            }
            provisions.add(new Provision(rules, roles, by, String.valueOf(evidence), inputs, String.valueOf(what)));
        }
        var na = list(top.get("notApplicable"));
        for (int i = 0; i < na.size(); i++) {
            var where = source + ": notApplicable #" + (i + 1);
            if (!(na.get(i) instanceof Map<?, ?> m) || !Set.of("rules", "roles", "why").equals(m.keySet())) {
                problems.add(where + ": expected rules, roles and why");
                continue;
            }
            skipped.add(new NotApplicable(ids(m.get("rules"), where, problems), roles(m.get("roles"), where, problems),
                    String.valueOf(m.get("why")).strip()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new Organization(provisions, skipped, AccountRole.SINGLE, Map.of());
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static List<String> ids(Object o, String where, List<String> problems) {
        var out = new ArrayList<String>();
        for (var x : list(o)) {
            var id = String.valueOf(x);
            if (GuardrailRules.byId(id).isEmpty()) {
                problems.add(where + ": no rule has id " + id);
            }
            out.add(id);
        }
        if (out.isEmpty()) {
            problems.add(where + ": rules must be a non-empty list of rule ids");
        }
        return List.copyOf(out);
    }

    private static Set<String> roles(Object o, String where, List<String> problems) {
        var out = new java.util.LinkedHashSet<String>();
        for (var x : list(o)) {
            var r = String.valueOf(x);
            if (!AccountRole.configNames().contains(r) || r.equals(AccountRole.SINGLE.configName())) {
                problems.add(where + ": " + r + " is not a role of an organization (" + String.join(", ",
                        AccountRole.configNames().stream().filter(n -> !n.equals("single")).toList()) + ")");
            }
            out.add(r);
        }
        if (out.isEmpty()) {
            problems.add(where + ": roles must be a non-empty list");
        }
        return Set.copyOf(out);
    }
}
