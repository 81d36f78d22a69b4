package hipaa.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a stack sits in an AWS organization (docs/ORGANIZATION.md). A {@link AccountRole#SINGLE} stack reads
 * none of these keys, so setting one there is refused like any unread key.
 *
 * @param role                what the stack is ({@code hipaa:accountRole})
 * @param organizationId      the organization's id ({@code o-...}); empty for single
 * @param managementAccountId the management account
 * @param logArchiveAccountId the account that keeps the evidence
 * @param securityAccountId   the delegated administrator of detection
 * @param workloadAccountIds  the accounts whose administrators must never reach the evidence (management and
 *                            log-archive stacks; empty elsewhere)
 * @param workloadAccountId   the account a workload stack deploys to; empty for the other roles
 * @param scpTargetIds        OUs ({@code ou-...}) or accounts the SCPs attach to (management only; default the
 *                            workload, log-archive and security accounts)
 * @param approvedRegions     Regions workload accounts may use; the SCP denies the others (management only)
 * @param logArchiveStack     fully qualified name of the log-archive stack ({@code org/project/stack}): management
 *                            and workload stacks read its outputs
 * @param securityStack       fully qualified name of the security stack: workload stacks read its outputs
 */
public record OrganizationSettings(AccountRole role, String organizationId, String managementAccountId,
                                   String logArchiveAccountId, String securityAccountId, List<String> workloadAccountIds,
                                   Optional<String> workloadAccountId, List<String> scpTargetIds,
                                   List<String> approvedRegions, Optional<String> logArchiveStack,
                                   Optional<String> securityStack) {

    /** The settings of a stack that is the whole environment in one account. */
    public static final OrganizationSettings SINGLE = new OrganizationSettings(AccountRole.SINGLE, "", "", "", "",
            List.of(), Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty());

    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** Organizations' target ids: an OU ({@code ou-<root>-<ou>}) or an account; never the root, which holds the management account. */
    private static final Pattern SCP_TARGET = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\\d{12}");
    /** {@code pulumi stack ls --all} names: {@code <organization>/<project>/<stack>}. */
    static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*");

    public OrganizationSettings {
        workloadAccountIds = List.copyOf(workloadAccountIds);
        scpTargetIds = List.copyOf(scpTargetIds);
        approvedRegions = List.copyOf(approvedRegions);
    }

    /** The account this stack deploys to, as the organization's settings name it; empty for single. */
    public Optional<String> accountId() {
        return switch (role) {
            case SINGLE -> Optional.empty();
            case MANAGEMENT -> Optional.of(managementAccountId);
            case LOG_ARCHIVE -> Optional.of(logArchiveAccountId);
            case SECURITY -> Optional.of(securityAccountId);
            case WORKLOAD -> workloadAccountId;
        };
    }

    /** The stacks whose outputs this stack reads (StackReferences), fully qualified. */
    public List<String> references() {
        var out = new ArrayList<String>();
        logArchiveStack.ifPresent(out::add);
        securityStack.ifPresent(out::add);
        return List.copyOf(out);
    }

    /** {@code hipaa:accountRole}: read first, since it decides which other keys the stack reads. */
    static AccountRole role(SettingsReader r) {
        return AccountRole.of(r.choice("accountRole", AccountRole.SINGLE.configName(), AccountRole.configNames()));
    }

    static OrganizationSettings read(SettingsReader r, AccountRole role, String region, Optional<String> replicaRegion) {
        if (role == AccountRole.SINGLE) {
            return SINGLE;
        }
        var organizationId = r.requiredString("organizationId", ORGANIZATION_ID,
                "the organization's id, o- followed by 10 to 32 lowercase letters or digits (aws organizations describe-organization)");
        var management = account(r, "managementAccountId", "the organization's management account");
        var logArchive = account(r, "logArchiveAccountId", "the account that keeps the evidence (the log-archive stack's account)");
        var security = account(r, "securityAccountId", "the delegated administrator of detection (the security stack's account)");
        boolean guardsEvidence = role == AccountRole.MANAGEMENT || role == AccountRole.LOG_ARCHIVE;
        var workloads = guardsEvidence
                ? r.stringList("workloadAccountIds", List.of(), 1, 100, s -> ACCOUNT_ID.matcher(s).matches(),
                "12-digit ids of every workload account (none may reach the evidence)")
                : List.<String>of();
        if (guardsEvidence && !r.isSet("workloadAccountIds")) {
            r.missing("workloadAccountIds", "a list of the 12-digit ids of every workload account");
        }
        var workload = role == AccountRole.WORKLOAD
                ? Optional.of(account(r, "workloadAccountId", "the workload account this stack deploys to"))
                : Optional.<String>empty();

        // Every member account by default: the log-archive and security accounts' administrators must not reach the
        // evidence or silence detection either (their deployers are exempt like every account's).
        var memberAccounts = new ArrayList<>(workloads);
        List.of(logArchive, security).stream().filter(a -> !a.isEmpty() && !memberAccounts.contains(a)).forEach(memberAccounts::add);
        var scpTargets = role == AccountRole.MANAGEMENT
                ? r.stringList("scpTargetIds", List.copyOf(memberAccounts), 1, 100, s -> SCP_TARGET.matcher(s).matches(),
                "OU ids (ou-...) or 12-digit account ids the SCPs attach to, never the root; default the workload, "
                        + "log-archive and security accounts")
                : List.<String>of();
        var regions = new LinkedHashSet<String>();
        regions.add(region);
        replicaRegion.ifPresent(regions::add);
        var approvedRegions = role == AccountRole.MANAGEMENT
                ? r.stringList("approvedRegions", List.copyOf(regions), 1, 30, s -> Regions.find(s).isPresent(),
                "Region codes the workload accounts may use (the SCP denies every other); default this stack's Region "
                        + "and its audit replica Region")
                : List.<String>of();

        var logArchiveStack = role == AccountRole.MANAGEMENT || role == AccountRole.WORKLOAD
                ? Optional.of(r.requiredString("logArchiveStack", STACK_NAME, stackRule("log-archive")))
                : Optional.<String>empty();
        var securityStack = role == AccountRole.WORKLOAD
                ? Optional.of(r.requiredString("securityStack", STACK_NAME, stackRule("security")))
                : Optional.<String>empty();

        var settings = new OrganizationSettings(role, organizationId, management, logArchive, security, workloads, workload,
                scpTargets, approvedRegions, logArchiveStack, securityStack);
        settings.checkAccounts(r);
        return settings;
    }

    private static String stackRule(String role) {
        return "the fully qualified name <organization>/<project>/<stack> of the " + role + " stack (pulumi stack ls --all)";
    }

    private static String account(SettingsReader r, String key, String what) {
        return r.requiredString(key, ACCOUNT_ID, "12 digits: " + what);
    }

    /** The four roles are four accounts: evidence shared with a workload or with detection is not separated. */
    private void checkAccounts(SettingsReader r) {
        var seen = new HashSet<String>();
        for (var key : List.of("managementAccountId", "logArchiveAccountId", "securityAccountId")) {
            var id = switch (key) {
                case "managementAccountId" -> managementAccountId;
                case "logArchiveAccountId" -> logArchiveAccountId;
                default -> securityAccountId;
            };
            if (!id.isEmpty() && r.valid(key) && !seen.add(id)) {
                r.problem(key, id, "is already another role's account; the management, log-archive and security "
                        + "accounts must be three different accounts");
            }
        }
        var shared = new ArrayList<String>();
        workloadAccountIds.stream().filter(seen::contains).forEach(shared::add);
        workloadAccountId.filter(seen::contains).ifPresent(shared::add);
        if (!shared.isEmpty()) {
            var key = role == AccountRole.WORKLOAD ? "workloadAccountId" : "workloadAccountIds";
            r.problem(key, String.join(", ", shared), "names the management, log-archive or security account; a "
                    + "workload must run in an account of its own, or its administrators reach what it shares");
        }
    }
}
