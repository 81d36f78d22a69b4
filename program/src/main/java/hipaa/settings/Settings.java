package hipaa.settings;

import com.pulumi.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the program needs to know about one stack, read once from {@code ctx.config()} and
 * validated before any resource is registered.
 *
 * <p>Safe values are the defaults here; a stack file relaxes them visibly. The environment decides
 * only what is validated (prod may not relax protections) and the {@code Environment} tag: no
 * component ever sees it.
 *
 * @param project            Pulumi project name, used in physical names
 * @param stack              stack name, used in physical names
 * @param region             AWS Region of the explicit provider
 * @param partition          AWS partition of that Region ({@code aws}, {@code aws-us-gov})
 * @param tags               the provider's default tags: every taggable resource carries them
 * @param requiredTagKeys    tag keys every resource must carry (checked here and by the guardrails)
 * @param deletionProtection whether stateful resources are protected from deletion and replacement
 * @param approvedAmiIds     AMIs instances may run; empty means the latest Amazon Linux 2023 from AWS's
 *                           public SSM parameter. The approved-AMIs Config rule checks the same list
 * @param network            the two VPCs
 * @param alerting           who alarms reach, and operational alarm thresholds
 * @param account            account-level singletons this stack owns
 * @param access             the admin access path: bastion, OpenVPN server, Session Manager
 * @param database           the database and its backups
 * @param audit              the log archive, trail, AWS Config rules and threat detection
 * @param app                the application tier: load balancer, WAF, Fargate service, EC2 group
 * @param front              the optional static front: CloudFront, its bucket, WAF and DNS records
 * @param organization       what the stack is in an AWS organization ({@link AccountRole#SINGLE} by default)
 *
 * <p>Only stacks that run the workload ({@link AccountRole#runsWorkload()}) read the network, access, database,
 * app and front keys; the other roles' accessors for them fail, so a role's wiring cannot quietly use a default
 * its stack file never saw.</p>
 */
public record Settings(String project, String stack, String region, String partition,
                       Map<String, String> tags, List<String> requiredTagKeys, boolean deletionProtection,
                       List<String> approvedAmiIds, NetworkSettings network,
                       AlertingSettings alerting, AccountSettings account, AccessSettings access,
                       DatabaseSettings database, AuditSettings audit, AppSettings app,
                       FrontSettings front, OrganizationSettings organization) {

    public enum Environment { dev, staging, prod }

    /** Tag keys that no stack may drop from {@code requiredTagKeys}. */
    public static final List<String> BASELINE_TAG_KEYS = List.of("Environment", "Owner", "DataClassification");

    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{N} _.:/=+\\-@]{1,256}");
    private static final String TAG_VALUE_RULE = "1 to 256 letters, digits, spaces or _ . : / = + - @ (an AWS tag value)";
    private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.:/=+\\-@]{0,127}");

    /**
     * Reads and validates the stack's config, every key the CLI passed included; throws {@link SettingsException}
     * listing every problem.
     */
    public static Settings read(Context ctx) {
        var reader = new SettingsReader(ctx.stackName(), ctx.config()::get, ctx.config("aws")::get);
        var settings = read(reader, ctx.projectName());
        reader.refuseUnread(PassedConfig.of(ctx));
        reader.throwIfProblems();
        return settings;
    }

    /**
     * The checks that need the AWS account, which only the explicit provider can look up: they run once it is
     * known and before any component is created, and fail with the same one message as every other setting.
     *
     * @param accountId the account the stack deploys to ({@code aws:index/getCallerIdentity})
     */
    public void requireAccount(String accountId) {
        var problems = new java.util.ArrayList<Problem>();
        organization.accountId().filter(expected -> !expected.equals(accountId)).ifPresent(expected -> problems.add(
                Problem.of(SettingsReader.full(accountKey()), expected, "is the account of this "
                        + organization.role().configName() + " stack, but its provider reached account " + accountId
                        + "; run it with the credentials of account " + expected + " (its " + namePrefix() + "-deployer role)")));
        if (!organization.role().runsWorkload()) {
            if (!problems.isEmpty()) {
                throw new SettingsException(stack, problems);
            }
            return;
        }
        var certificate = app.edge().certificateArn();
        var certificateAccount = certificate.split(":")[4];
        if (!certificateAccount.equals(accountId)) {
            // A load balancer listener can use only an ACM certificate of its own account: refused here, a
            // placeholder left in the stack file would fail at the listener, halfway through the deployment.
            problems.add(Problem.of(SettingsReader.full("certificateArn"), certificate, "belongs to account "
                    + certificateAccount + " but the stack deploys to account " + accountId
                    + "; request or import the certificate in ACM in this account and Region and set its ARN"));
        }
        database.backupCopyVaultArn().ifPresent(vault -> {
            var parts = vault.split(":");
            if (parts[3].equals(region) && parts[4].equals(accountId)) {
                // A copy in the same Region and account fails with the vault it copies: it protects nothing.
                problems.add(Problem.of(SettingsReader.full("backupCopyVaultArn"), vault, "is in this stack's own Region "
                        + region + " and account " + accountId + ", so a Regional outage or a compromised account loses "
                        + "both copies; name a vault in another Region or another account"));
            }
        });
        if (!problems.isEmpty()) {
            throw new SettingsException(stack, problems);
        }
    }

    private String accountKey() {
        return switch (organization.role()) {
            case MANAGEMENT -> "managementAccountId";
            case LOG_ARCHIVE -> "logArchiveAccountId";
            case SECURITY -> "securityAccountId";
            default -> "workloadAccountId";
        };
    }

    public AccountRole role() {
        return organization.role();
    }

    @Override
    public NetworkSettings network() {
        return workloadPart(network, "network");
    }

    @Override
    public AccessSettings access() {
        return workloadPart(access, "access");
    }

    @Override
    public DatabaseSettings database() {
        return workloadPart(database, "database");
    }

    @Override
    public AppSettings app() {
        return workloadPart(app, "app");
    }

    @Override
    public FrontSettings front() {
        return workloadPart(front, "front");
    }

    private <T> T workloadPart(T part, String name) {
        if (part == null) {
            throw new IllegalStateException("a " + organization.role().configName() + " stack has no " + name
                    + " settings: only single and workload stacks run the workload");
        }
        return part;
    }

    /** Reads every key, recording problems in the reader instead of throwing. */
    public static Settings read(SettingsReader r, String project) {
        var regionName = r.requiredString("aws:region", Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d"),
                "an AWS Region code this program supports: " + String.join(", ", Regions.all().keySet()));
        var region = Regions.find(regionName);
        if (!regionName.isEmpty() && region.isEmpty()) {
            r.problem("aws:region", regionName, "not a supported Region; use one of " + String.join(", ", Regions.all().keySet()));
        }

        var environment = r.requiredString("environment", Pattern.compile("dev|staging|prod"), "one of dev, staging, prod");
        // A stack named after an environment is that environment, and the production rules follow the stack named
        // prod whatever hipaa:environment says: relabelling prod as dev must not unlock dev's relaxations.
        var named = java.util.Arrays.stream(Environment.values()).map(Enum::name)
                .filter(e -> e.equalsIgnoreCase(r.stack())).findFirst();
        if (named.isPresent() && !environment.isEmpty() && !named.get().equals(environment)) {
            r.problem("environment", environment, "the stack is named " + r.stack() + ", so its environment is "
                    + named.get() + ": set hipaa:environment to " + named.get() + " (the rules of an environment follow "
                    + "the stack's name, so a stack cannot be relabelled out of them), or deploy this configuration as "
                    + "a stack named after its environment");
        }
        boolean production = "prod".equals(environment) || "prod".equals(named.orElse(""));
        var owner = r.requiredString("owner", TAG_VALUE, "the team or person accountable for this stack: " + TAG_VALUE_RULE);
        var classification = r.choice("dataClassification", "phi", List.of("phi", "confidential", "internal", "public"));
        var costCenter = r.optionalString("costCenter", TAG_VALUE, TAG_VALUE_RULE);
        var required = r.stringList("requiredTagKeys", BASELINE_TAG_KEYS, 1, 50, s -> TAG_KEY.matcher(s).matches(),
                "tag keys; must include " + String.join(", ", BASELINE_TAG_KEYS));
        boolean deletionProtection = r.bool("deletionProtection", true);
        var role = OrganizationSettings.role(r);
        boolean workload = role.runsWorkload();
        var approvedAmis = !workload ? List.<String>of() : r.stringList("approvedAmiIds", List.of(), 0, 20, s -> AMI_ID.matcher(s).matches(),
                "AMI ids (ami- followed by 8 or 17 hex digits); empty uses the latest Amazon Linux 2023");

        var network = !workload ? null : NetworkSettings.read(r,
                region.map(Regions.Region::availabilityZones).orElse(NetworkSettings.MAX_AZS), regionName);
        var alerting = AlertingSettings.read(r, production);
        var account = AccountSettings.read(r);
        var access = !workload ? null : AccessSettings.read(r, network, approvedAmis);
        var database = !workload ? null : DatabaseSettings.read(r, production);
        var audit = AuditSettings.read(r, production, approvedAmis, regionName, role);
        var app = !workload ? null : AppSettings.read(r, regionName, region.map(Regions.Region::partition).orElse("aws"),
                production, approvedAmis);
        var front = !workload ? null : FrontSettings.read(r);
        var organization = OrganizationSettings.read(r, role, regionName, audit.replicaRegion());

        var tags = new LinkedHashMap<String, String>();
        tags.put("Project", project);
        tags.put("Stack", r.stack());
        tags.put("Environment", environment);
        tags.put("Owner", owner);
        tags.put("DataClassification", classification);
        costCenter.ifPresent(c -> tags.put("CostCenter", c));
        tags.put("Compliance", "HIPAA");
        tags.put("ManagedBy", "pulumi");

        for (var key : BASELINE_TAG_KEYS) {
            if (!required.contains(key)) {
                r.problem("requiredTagKeys", SettingsReader.json(required), "must include " + key
                        + "; the baseline tags " + String.join(", ", BASELINE_TAG_KEYS) + " cannot be dropped");
            }
        }
        for (var key : required) {
            if (!tags.containsKey(key)) {
                r.problem("requiredTagKeys", SettingsReader.json(required), "requires the tag " + key + ", which this program sets only from "
                        + "hipaa:environment, hipaa:owner, hipaa:dataClassification and hipaa:costCenter; set the matching key or remove " + key);
            }
        }

        if (workload && front.enabled()) {
            // Behind the front the load balancer accepts only CloudFront's origin-facing servers, on 443: it never
            // sees a client address to filter, and port 80 could not be reached.
            var edge = app.edge();
            if (edge.httpRedirect()) {
                r.problem("httpRedirect", "true", "must be false with hipaa:frontEnabled: the load balancer then accepts "
                        + "only CloudFront, over HTTPS, and viewers are redirected to HTTPS by CloudFront "
                        + "(hipaa:frontViewerProtocolPolicy)");
            }
            if (!edge.allowedClientCidrs().equals(AppSettings.ALL_CLIENTS)) {
                r.problem("allowedClientCidrs", SettingsReader.json(edge.allowedClientCidrs()), "cannot be enforced with "
                        + "hipaa:frontEnabled: the load balancer then accepts only CloudFront's origin-facing servers and "
                        + "never sees a client's address; remove the key (viewers reach the app through the front's web ACL)");
            }
        }

        if (production && r.valid("deletionProtection") && !deletionProtection) {
            r.problem("deletionProtection", "false", "prod stacks must keep deletion protection on (true); "
                    + "only non-production stacks may relax it");
        }

        return new Settings(project, r.stack(), regionName, region.map(Regions.Region::partition).orElse("aws"),
                java.util.Collections.unmodifiableMap(tags), required, deletionProtection, approvedAmis, network,
                alerting, account, access, database, audit, app, front, organization);
    }


    /** Prefix for physical names, so several stacks can share one account: {@code hipaa-dev}. */
    public String namePrefix() {
        return project + "-" + stack;
    }

    /** Keys of {@link #tags()} in a stable order for docs and tests. */
    public Set<String> tagKeys() {
        return tags.keySet();
    }
}
