package hipaa.plan;

import hipaa.audit.Exemptions;
import hipaa.guardrails.GuardrailContext;
import hipaa.guardrails.GuardrailReport;
import hipaa.guardrails.Guardrails;
import hipaa.guardrails.Organization;
import hipaa.offline.OfflineRun;
import hipaa.offline.Quotas;
import hipaa.offline.ReferencedStacks;
import hipaa.settings.AccountRole;
import hipaa.offline.RecordedResource;
import hipaa.settings.Placeholders;
import hipaa.settings.Settings;
import hipaa.settings.SettingsReader;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything the plan says about one stack, computed once from an offline preview run: the resources and
 * their key settings, the HIPAA guardrails report, the architecture graph and the cost estimate. The
 * writers ({@link PlanFiles}) and the comparison ({@link Compare}) only read it.
 */
record StackPlan(String stack, String region, OfflineRun.Result run, ResourceIndex index, GuardrailReport hipaa,
                 Topology topology, Costs.Estimate cost) {

    static StackPlan of(OfflineRun.Result run, Exemptions exemptions, LocalDate today, Prices prices) {
        return of(run, exemptions, Organization.load(java.nio.file.Path.of(Organization.FILE)), today, prices);
    }

    /** @param organization what the organization's stacks provide each role ({@link Organization#FILE}) */
    static StackPlan of(OfflineRun.Result run, Exemptions exemptions, Organization organization, LocalDate today, Prices prices) {
        var config = run.config();
        var region = config.values().getOrDefault("aws:region", "");
        var index = new ResourceIndex(run.resources(), config.project() + "-" + config.stack());
        var settings = settings(config);
        var hipaa = Guardrails.evaluate(run.resources(), exemptions,
                GuardrailContext.of(settings, today, organization, run));
        return new StackPlan(config.stack(), region, run, index, hipaa, Topology.of(index), Costs.estimate(index, region, prices));
    }

    /** The settings the program read, for the guardrails' context (tag keys, approved AMIs). */
    static Settings settings(hipaa.offline.StackFiles.StackConfig config) {
        var project = config.project();
        var reader = new SettingsReader(config.stack(),
                k -> Optional.ofNullable(config.values().get(project + ":" + k)),
                k -> Optional.ofNullable(config.values().get("aws:" + k)));
        var s = Settings.read(reader, project);
        reader.throwIfProblems();
        return s;
    }

    /** The stack's account role ({@code hipaa:accountRole}). */
    AccountRole role() {
        return settings(run.config()).role();
    }

    /** How each stack this one references was answered: {@code my-org/hipaa/org-security (offline run of ...)}. */
    List<String> references() {
        return run.referenced().stream().map(ReferencedStacks.Referenced::describe).toList();
    }

    List<RecordedResource> resources() {
        return run.resources();
    }

    Map<String, List<String>> settingsOf(RecordedResource r) {
        return KeySettings.of(r, run.protection(r), index);
    }

    Map<String, Long> counts() {
        return new TreeMap<>(resources().stream().collect(Collectors.groupingBy(RecordedResource::type, Collectors.counting())));
    }

    long awsCount() {
        return resources().stream().filter(RecordedResource::isCustomAws).count();
    }

    /** Placeholders still in the stack file: what the program warns about on every run. */
    List<Placeholders.Placeholder> placeholders() {
        var config = run.config();
        var project = config.project();
        return Placeholders.find(config.stack(), project, k -> Optional.ofNullable(config.values().get(project + ":" + k)),
                k -> Optional.ofNullable(config.values().get("aws:" + k)));
    }

    /**
     * Each quota-bound count against AWS's default: Region-wide counts per Region, the per-zone, per-VPC,
     * per-interface and per-group ones at their largest.
     */
    List<Quotas.Use> quotas() {
        var largest = new java.util.LinkedHashMap<String, Quotas.Use>();
        for (var use : Quotas.uses(run.graph(), region)) {
            var key = use.quota().per.equals("Region") ? use.quota().name() + " " + use.scope() : use.quota().name();
            largest.merge(key, use, (a, b) -> b.total() > a.total() ? b : a);
        }
        return List.copyOf(largest.values());
    }

    Optional<Costs.Line> costOf(RecordedResource r) {
        return cost.lines().stream().filter(l -> l.resource() == r).findFirst();
    }
}
