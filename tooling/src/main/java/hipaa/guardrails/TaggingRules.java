package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static hipaa.guardrails.Types.*;

/**
 * The project's own inventory rules. Tags are how a risk analysis finds every system that holds
 * ePHI, who owns it, and which environment it belongs to.
 */
final class TaggingRules {
    private TaggingRules() {}

    /** Matches every AWS resource type; checks decide what applies. */
    static final String EVERY_AWS_TYPE = "aws:*";

    static final List<Rule> RULES = List.of(
            Rule.each("hipaa-required-tags", Hipaa.INVENTORY, List.of(EVERY_AWS_TYPE),
                    "Every taggable AWS resource carries the required tag keys, from its own tags or its provider's default tags.",
                    "Add the keys to the explicit provider's defaultTags (preferred) or to the resource's tags.",
                    TaggingRules::requiredTags),
            Rule.each("hipaa-asg-instances-tagged", Hipaa.INVENTORY, List.of(ASG),
                    "Instances and volumes an Auto Scaling group launches carry the required tags (provider default tags do not reach them).",
                    "Add the keys to the launch template's tagSpecifications for \"instance\" and \"volume\" (or ASG tags with propagateAtLaunch for instances).",
                    TaggingRules::launchedInstancesTagged),
            Rule.each("hipaa-explicit-aws-provider", Hipaa.INVENTORY, List.of(EVERY_AWS_TYPE),
                    "Every AWS resource uses the program's explicit provider, which carries the region and default tags.",
                    "Pass the provider down (ComponentResourceOptions.providers(aws)) and disable default providers in the stack config.",
                    TaggingRules::explicitProvider));

    static Outcome requiredTags(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        if (!r.type().equals(ASG) && !Taggable.supportsTags(r.type()) && !r.inputs().containsKey("tags")) {
            return Outcome.notApplicable("the type takes no tags");
        }
        var missing = missing(ctx.requiredTagKeys(), g.tagsOf(r));
        return missing.isEmpty() ? Outcome.pass() : Outcome.fail("missing required tags " + missing
                + (r.type().equals(ASG) ? " (Auto Scaling groups get no provider default tags)" : ""));
    }

    static Set<String> missing(Set<String> required, Map<String, String> tags) {
        var missing = new TreeSet<String>();
        for (var key : required) {
            var v = tags.get(key);
            if (v == null || v.isBlank()) {
                missing.add(key);
            }
        }
        return missing;
    }

    static Outcome launchedInstancesTagged(RecordedResource asg, ResourceGraph g, GuardrailContext ctx) {
        var instanceTags = new java.util.LinkedHashMap<String, String>();
        var volumeTags = new java.util.LinkedHashMap<String, String>();
        In.maps(asg.inputs().get("tags")).stream()
                .filter(t -> In.isTrue(t.get("propagateAtLaunch")))
                .forEach(t -> instanceTags.put(String.valueOf(t.get("key")), String.valueOf(t.get("value"))));
        var lt = g.launchTemplateOf(asg);
        if (lt.isPresent()) {
            for (var spec : In.maps(lt.get().inputs().get("tagSpecifications"))) {
                var target = "instance".equals(spec.get("resourceType")) ? instanceTags
                        : "volume".equals(spec.get("resourceType")) ? volumeTags : null;
                if (target != null) {
                    In.map(spec.get("tags")).forEach((k, v) -> target.put(k, String.valueOf(v)));
                }
            }
        }
        var problems = new ArrayList<String>();
        var instances = missing(ctx.requiredTagKeys(), instanceTags);
        if (!instances.isEmpty()) {
            problems.add("instances miss " + instances);
        }
        var volumes = missing(ctx.requiredTagKeys(), volumeTags);
        if (!volumes.isEmpty()) {
            problems.add("volumes miss " + volumes + (lt.isEmpty() ? " (launch template not declared in the stack)" : ""));
        }
        return problems.isEmpty() ? Outcome.pass() : Outcome.fail(String.join("; ", problems));
    }

    static Outcome explicitProvider(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        if (r.provider().isEmpty()) {
            return Outcome.fail("provider is not set, so the default provider (ambient region, no default tags) is used");
        }
        return g.providerOf(r).isPresent() ? Outcome.pass()
                : Outcome.fail(In.is("provider", r.provider()) + ", which is not among the recorded resources");
    }
}
