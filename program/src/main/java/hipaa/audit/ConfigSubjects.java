package hipaa.audit;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the exemptions in force for a stack into what AWS Config reports: (rule name, resource id) pairs the
 * alert rule for non-compliance skips ({@link ConfigCompliance}).
 *
 * <p>Exemptions name resources by logical name and type token, as the offline guardrails see them; AWS Config
 * names them by resource id (an instance id, a secret's ARN, a DB instance's DbiResourceId), known only once
 * AWS created them. This transformation, set on every component's options by {@code App}, observes each
 * registration without changing it and keeps the resource, so its id can be read as an output. The stack's
 * components are all constructed by the time {@link #seal()} is called (last thing {@code App.stack} does),
 * which resolves {@link #exempted}.
 *
 * <p>Not every exemption can be expressed: an Auto Scaling group's instances and volumes get ids only when the
 * group launches them. Those exemptions are listed by {@link #inexpressible()} and documented in docs/AUDIT.md:
 * AWS Config's finding for them still pages.
 */
public final class ConfigSubjects implements ResourceTransformation {

    /** One (rule, resource) pair AWS Config reports and the alert rule skips. */
    public record Exempted(String rule, Output<String> resourceId) {}

    private final Map<String, Resource> byTypeAndName = new ConcurrentHashMap<>();
    private final CompletableFuture<Map<String, Resource>> sealed = new CompletableFuture<>();
    private final List<Exemptions.Exemption> inexpressible = new ArrayList<>();

    @Override
    public Optional<ResourceTransformation.Result> apply(ResourceTransformation.Args args) {
        var r = args.resource();
        byTypeAndName.put(r.pulumiResourceType() + "::" + r.pulumiResourceName(), r);
        return Optional.empty();
    }

    /** Every component is constructed: the exemptions can now be resolved to resources. */
    public void seal() {
        sealed.complete(Map.copyOf(byTypeAndName));
    }

    /** Exemptions of the file in force for {@code stack} whose subject AWS Config can name; resolves after {@link #seal()}. */
    public Output<List<Exempted>> exempted(Exemptions exemptions, String stack) {
        return Output.of(sealed.thenApply(resources -> {
            var out = new ArrayList<Exempted>();
            for (var e : exemptions.all()) {
                if (!e.appliesTo(stack)) {
                    continue;
                }
                var subject = resources.entrySet().stream()
                        .filter(x -> x.getKey().endsWith("::" + e.resource()) && e.type().map(t -> x.getKey().equals(t + "::" + e.resource())).orElse(true))
                        .map(Map.Entry::getValue).findFirst();
                if (subject.isEmpty()) {
                    continue;
                }
                var id = configResourceId(e.rule(), subject.get());
                if (id.isPresent()) {
                    out.add(new Exempted(e.rule(), id.get()));
                } else {
                    synchronized (inexpressible) {
                        inexpressible.add(e);
                    }
                }
            }
            return List.copyOf(out);
        }));
    }

    /** Exemptions in force whose subject has no id AWS Config could report until AWS launches it (known after resolving). */
    public List<Exemptions.Exemption> inexpressible() {
        synchronized (inexpressible) {
            return List.copyOf(inexpressible);
        }
    }

    /**
     * The id AWS Config reports for the resource in a compliance change ({@code detail.resourceId}): the same id
     * its configuration item carries (AWS Config Developer Guide, "Supported Resource Types" and the
     * ConfigurationItem resourceId). Empty when AWS assigns it only at launch.
     */
    static Optional<Output<String>> configResourceId(String rule, Resource r) {
        // RDS Enhanced Monitoring writes to the Region's RDSOSMetrics log group, which AWS Config names by its name.
        if (rule.equals("cloudwatch-log-group-encrypted") && r instanceof com.pulumi.aws.rds.Instance) {
            return Optional.of(Output.of("RDSOSMetrics"));
        }
        // ebs-in-backup-plan judges the volumes an instance creates, whose ids AWS assigns at launch.
        if (rule.equals("ebs-in-backup-plan")) {
            return Optional.empty();
        }
        if (r instanceof com.pulumi.aws.ec2.Instance i) {
            return Optional.of(i.id());
        }
        if (r instanceof com.pulumi.aws.rds.Instance db) {
            return Optional.of(db.resourceId());
        }
        if (r instanceof com.pulumi.aws.secretsmanager.Secret s) {
            return Optional.of(s.arn());
        }
        if (r instanceof com.pulumi.aws.lb.LoadBalancer lb) {
            return Optional.of(lb.arn());
        }
        if (r instanceof com.pulumi.aws.s3.BucketV2 b) {
            return Optional.of(b.bucket());
        }
        if (r instanceof com.pulumi.aws.backup.Vault v) {
            return Optional.of(v.name());
        }
        if (r instanceof com.pulumi.aws.iam.Group g) {
            return Optional.of(g.uniqueId());
        }
        if (r instanceof com.pulumi.aws.cloudwatch.LogGroup l) {
            return Optional.of(l.name());
        }
        return Optional.empty();
    }
}
