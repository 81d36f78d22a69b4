package hipaa.organization;

import com.google.gson.Gson;
import hipaa.identity.SimulatorAccess;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "The archive admits no principal from a workload account" (issue 19), put to the IAM policy simulator with the
 * bucket and key policies the real log-archive stack file registers: principals of the workload account (its root
 * user, an administrator, roles named like the workload's deployer and break-glass and like the log-archive's own
 * deployer), each with AdministratorAccess in its account, asking across accounts for every way to read, write,
 * unlock or reconfigure the evidence are explicitly denied; the organization trail and AWS Config of the
 * organization's accounts deliver; another account's trail or Config does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveSimulationTest {
    private static final Gson GSON = new Gson();
    private static final String ARCHIVE = LogArchiveStackTest.ACCOUNT;
    private static final String WORKLOAD = LogArchiveStackTest.WORKLOAD;
    private static final String MANAGEMENT = "111111111111";
    private static final String OUTSIDER = "999999999999";
    private static final String ORG = "o-a1b2c3d4e5";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String REGION = "us-east-1";

    enum Expect { ALLOWED, EXPLICITLY_DENIED, DENIED }

    record Case(String id, Expect expect, SimulatorAccess.Question question) {}

    private final Map<String, Object> documents = new LinkedHashMap<>();
    private final Map<String, String> policyOf = new LinkedHashMap<>();
    private final List<Case> cases = new ArrayList<>();
    private Map<String, String> verdicts;
    private String keyArn;

    private static String bucketArn(String name) {
        return "arn:aws:s3:::" + name;
    }

    /** Who asks from the workload account: the root user and roles, each with AdministratorAccess there. */
    record Asker(String label, String arn, String principalArn, String type) {}

    private List<Asker> workloadPrincipals() {
        var workloadPrefix = Stacks.settings("org-prod").namePrefix();
        var out = new ArrayList<Asker>();
        out.add(new Asker("root", "arn:aws:iam::" + WORKLOAD + ":root", "arn:aws:iam::" + WORKLOAD + ":root", "Account"));
        for (var role : List.of("Admin", workloadPrefix + "-deployer", workloadPrefix + "-break-glass",
                // Named like the log-archive account's own deployer: only its account tells them apart.
                LogArchiveStackTest.PREFIX + "-deployer", LogArchiveStackTest.PREFIX + "-break-glass")) {
            out.add(new Asker(role, "arn:aws:sts::" + WORKLOAD + ":assumed-role/" + role + "/s",
                    "arn:aws:iam::" + WORKLOAD + ":role/" + role, "AssumedRole"));
        }
        return out;
    }

    private void ask(String id, Expect expect, String principal, String action, String resource, Map<String, Object> context,
                     List<String> identity, List<String> explicit) {
        String policy;
        if (resource.startsWith("arn:aws:s3:::")) {
            policy = policyOf.get(resource.substring("arn:aws:s3:::".length()).split("/", 2)[0]);
        } else {
            policy = policyOf.get(resource);
        }
        assertThat(policy).as("policy of " + resource).isNotNull();
        var c = new LinkedHashMap<String, Object>();
        c.put("aws:SecureTransport", "true");
        if (resource.startsWith("arn:aws:s3:::")) {
            c.put("s3:TlsVersion", "1.3");
        }
        c.putAll(context);
        cases.add(new Case(id, expect, new SimulatorAccess.Question(id, principal, action, resource, ARCHIVE, c, identity,
                policy, explicit)));
    }

    @BeforeAll
    void askTheSimulator() {
        var run = LogArchiveStackTest.run();
        var bucketById = new LinkedHashMap<String, String>();
        run.ofType("aws:s3/bucketV2:BucketV2").forEach(b -> bucketById.put(b.id(), (String) b.inputs().get("bucket")));
        for (var p : run.ofType("aws:s3/bucketPolicy:BucketPolicy")) {
            var bucket = bucketById.get((String) p.inputs().get("bucket"));
            documents.put("bucket:" + bucket, GSON.fromJson(p.string("policy").orElseThrow(), Object.class));
            policyOf.put(bucket, "bucket:" + bucket);
        }
        var key = run.named("aws:kms/key:Key", "audit-key");
        keyArn = key.arn().orElseThrow();
        documents.put("key:" + keyArn, GSON.fromJson(key.string("policy").orElseThrow(), Object.class));
        policyOf.put(keyArn, "key:" + keyArn);

        var trail = bucketArn(LogArchiveStackTest.TRAIL_BUCKET);
        var config = bucketArn(LogArchiveStackTest.CONFIG_BUCKET);
        var accessLogs = bucketArn(LogArchiveStackTest.ACCESS_LOG_BUCKET);
        var objects = Map.of(
                "trail", trail + "/AWSLogs/" + ORG + "/" + WORKLOAD + "/CloudTrail/" + REGION + "/2026/12/03/x.json.gz",
                "config", config + "/AWSLogs/" + WORKLOAD + "/Config/" + REGION + "/2026/12/3/ConfigHistory/x.json.gz",
                "access-logs", accessLogs + "/s3-access/" + LogArchiveStackTest.TRAIL_BUCKET + "/x");
        var buckets = Map.of("trail", trail, "config", config, "access-logs", accessLogs);

        // ---- nobody from the workload account, whatever its own policies allow
        for (var who : workloadPrincipals()) {
            var ctx = new LinkedHashMap<String, Object>();
            ctx.put("aws:PrincipalAccount", WORKLOAD);
            ctx.put("aws:PrincipalArn", who.principalArn());
            ctx.put("aws:PrincipalType", who.type());
            // The workload account is in the organization: membership grants nothing here.
            ctx.put("aws:PrincipalOrgID", ORG);
            var explicit = List.of("aws:PrincipalAccount");
            for (var o : objects.entrySet()) {
                for (var action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutObjectRetention",
                        "s3:BypassGovernanceRetention")) {
                    ask("workload/" + who.label() + "/" + action + "/" + o.getKey(), Expect.EXPLICITLY_DENIED, who.arn(), action,
                            o.getValue(), ctx, List.of(ADMIN), explicit);
                }
            }
            for (var b : buckets.entrySet()) {
                for (var action : List.of("s3:PutBucketPolicy", "s3:PutLifecycleConfiguration")) {
                    ask("workload/" + who.label() + "/" + action + "/" + b.getKey(), Expect.EXPLICITLY_DENIED, who.arn(), action,
                            b.getValue(), ctx, List.of(ADMIN), explicit);
                }
            }
            var kmsCtx = new LinkedHashMap<String, Object>(ctx);
            kmsCtx.put("kms:CallerAccount", WORKLOAD);
            for (var action : List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion")) {
                ask("workload/" + who.label() + "/" + action, Expect.EXPLICITLY_DENIED, who.arn(), action, keyArn, kmsCtx,
                        List.of(ADMIN), explicit);
            }
            // Through S3 as well: the key's use-through-S3 statement is for the log-archive account's principals.
            var viaS3 = new LinkedHashMap<String, Object>(kmsCtx);
            viaS3.put("kms:ViaService", "s3." + REGION + ".amazonaws.com");
            ask("workload/" + who.label() + "/kms:Decrypt-via-s3", Expect.EXPLICITLY_DENIED, who.arn(), "kms:Decrypt", keyArn,
                    viaS3, List.of(ADMIN), List.of("aws:PrincipalAccount", "kms:ViaService"));
        }

        // ---- in the log-archive account: only its deployer and break-glass configure the evidence, nobody deletes it
        for (var role : List.of("deployer", "break-glass", "Admin")) {
            var name = role.equals("Admin") ? role : LogArchiveStackTest.PREFIX + "-" + role;
            var roleArn = "arn:aws:iam::" + ARCHIVE + ":role/" + name;
            var ctx = new LinkedHashMap<String, Object>();
            ctx.put("aws:PrincipalAccount", ARCHIVE);
            ctx.put("aws:PrincipalArn", roleArn);
            ctx.put("aws:PrincipalType", "AssumedRole");
            ctx.put("aws:PrincipalOrgID", ORG);
            var who = "arn:aws:sts::" + ARCHIVE + ":assumed-role/" + name + "/s";
            var configures = role.equals("Admin") ? Expect.EXPLICITLY_DENIED : Expect.ALLOWED;
            for (var b : buckets.entrySet()) {
                ask("archive-account/" + name + "/s3:PutBucketPolicy/" + b.getKey(), configures, who, "s3:PutBucketPolicy",
                        b.getValue(), ctx, List.of(ADMIN), List.of("aws:PrincipalArn"));
                ask("archive-account/" + name + "/s3:PutLifecycleConfiguration/" + b.getKey(), configures, who,
                        "s3:PutLifecycleConfiguration", b.getValue(), ctx, List.of(ADMIN), List.of("aws:PrincipalArn"));
            }
            for (var o : objects.entrySet()) {
                ask("archive-account/" + name + "/s3:DeleteObject/" + o.getKey(), Expect.EXPLICITLY_DENIED, who,
                        "s3:DeleteObject", o.getValue(), ctx, List.of(ADMIN), List.of());
            }
            // Administration is delegated to the account's IAM; direct use of the key is not.
            var kmsCtx = new LinkedHashMap<String, Object>(ctx);
            kmsCtx.put("kms:CallerAccount", ARCHIVE);
            ask("archive-account/" + name + "/kms:PutKeyPolicy", Expect.ALLOWED, who, "kms:PutKeyPolicy", keyArn, kmsCtx,
                    List.of(ADMIN), List.of());
            ask("archive-account/" + name + "/kms:Decrypt-directly", Expect.DENIED, who, "kms:Decrypt", keyArn, kmsCtx,
                    List.of(ADMIN), List.of());
        }

        // ---- the organization trail of the management account delivers; no other trail does
        var orgTrail = "arn:aws:cloudtrail:" + REGION + ":" + MANAGEMENT + ":trail/hipaa-org-management-trail";
        var deliver = Map.<String, Object>of("aws:SourceArn", orgTrail, "aws:SourceAccount", MANAGEMENT,
                "s3:x-amz-acl", "bucket-owner-full-control");
        var ct = "cloudtrail.amazonaws.com";
        ask("cloudtrail/organization-trail/member-logs", Expect.ALLOWED, ct, "s3:PutObject", objects.get("trail"), deliver,
                List.of(), List.of("aws:SourceArn"));
        ask("cloudtrail/organization-trail/management-logs", Expect.ALLOWED, ct, "s3:PutObject",
                trail + "/AWSLogs/" + MANAGEMENT + "/CloudTrail/" + REGION + "/x.json.gz", deliver, List.of(), List.of("aws:SourceArn"));
        ask("cloudtrail/organization-trail/acl-check", Expect.ALLOWED, ct, "s3:GetBucketAcl", trail,
                Map.of("aws:SourceArn", orgTrail, "aws:SourceAccount", MANAGEMENT), List.of(), List.of("aws:SourceArn"));
        ask("cloudtrail/organization-trail/encrypts", Expect.ALLOWED, ct, "kms:GenerateDataKey", keyArn,
                Map.of("aws:SourceArn", orgTrail, "kms:EncryptionContext:aws:cloudtrail:arn", orgTrail), List.of(),
                List.of("aws:SourceArn", "kms:EncryptionContext:aws:cloudtrail:arn"));
        for (var other : List.of(WORKLOAD, OUTSIDER)) {
            var otherTrail = "arn:aws:cloudtrail:" + REGION + ":" + other + ":trail/own";
            var theirs = Map.<String, Object>of("aws:SourceArn", otherTrail, "aws:SourceAccount", other,
                    "s3:x-amz-acl", "bucket-owner-full-control");
            ask("cloudtrail/trail-of-" + other + "/own-prefix", Expect.DENIED, ct, "s3:PutObject",
                    trail + "/AWSLogs/" + other + "/CloudTrail/" + REGION + "/x.json.gz", theirs, List.of(), List.of("aws:SourceArn"));
            ask("cloudtrail/trail-of-" + other + "/organization-prefix", Expect.DENIED, ct, "s3:PutObject", objects.get("trail"),
                    theirs, List.of(), List.of("aws:SourceArn"));
            ask("cloudtrail/trail-of-" + other + "/encrypts", Expect.DENIED, ct, "kms:GenerateDataKey", keyArn,
                    Map.of("aws:SourceArn", otherTrail, "kms:EncryptionContext:aws:cloudtrail:arn", otherTrail), List.of(),
                    List.of("aws:SourceArn", "kms:EncryptionContext:aws:cloudtrail:arn"));
        }
        // AWS Config cannot deliver to the locked archive at all: its grants are on the Config bucket only.
        ask("config/not-into-the-trail-archive", Expect.DENIED, "config.amazonaws.com", "s3:PutObject",
                trail + "/AWSLogs/" + WORKLOAD + "/Config/" + REGION + "/x.json.gz",
                Map.of("aws:SourceOrgID", ORG, "aws:SourceAccount", WORKLOAD, "s3:x-amz-acl", "bucket-owner-full-control"),
                List.of(), List.of("aws:SourceOrgID"));

        // ---- AWS Config delivers for the organization's accounts; not for others
        var cfg = "config.amazonaws.com";
        for (var member : List.of(WORKLOAD, MANAGEMENT)) {
            var ours = Map.<String, Object>of("aws:SourceOrgID", ORG, "aws:SourceAccount", member,
                    "s3:x-amz-acl", "bucket-owner-full-control");
            ask("config/" + member + "/delivers", Expect.ALLOWED, cfg, "s3:PutObject",
                    config + "/AWSLogs/" + member + "/Config/" + REGION + "/x.json.gz", ours, List.of(), List.of("aws:SourceOrgID"));
            ask("config/" + member + "/acl-check", Expect.ALLOWED, cfg, "s3:GetBucketAcl", config,
                    Map.of("aws:SourceOrgID", ORG, "aws:SourceAccount", member), List.of(), List.of("aws:SourceOrgID"));
            ask("config/" + member + "/existence-check", Expect.ALLOWED, cfg, "s3:ListBucket", config,
                    Map.of("aws:SourceOrgID", ORG, "aws:SourceAccount", member), List.of(), List.of("aws:SourceOrgID"));
            ask("config/" + member + "/encrypts", Expect.ALLOWED, cfg, "kms:GenerateDataKey", keyArn,
                    Map.of("aws:SourceOrgID", ORG, "aws:SourceAccount", member), List.of(), List.of("aws:SourceAccount"));
        }
        var outside = Map.<String, Object>of("aws:SourceOrgID", "o-zzzzzzzzzz", "aws:SourceAccount", OUTSIDER,
                "s3:x-amz-acl", "bucket-owner-full-control");
        ask("config/outsider/delivers", Expect.DENIED, cfg, "s3:PutObject",
                config + "/AWSLogs/" + OUTSIDER + "/Config/" + REGION + "/x.json.gz", outside, List.of(), List.of("aws:SourceOrgID"));
        ask("config/outsider/acl-check", Expect.DENIED, cfg, "s3:GetBucketAcl", config,
                Map.of("aws:SourceOrgID", "o-zzzzzzzzzz", "aws:SourceAccount", OUTSIDER), List.of(), List.of("aws:SourceOrgID"));
        ask("config/outsider/encrypts", Expect.DENIED, cfg, "kms:GenerateDataKey", keyArn,
                Map.of("aws:SourceOrgID", "o-zzzzzzzzzz", "aws:SourceAccount", OUTSIDER), List.of(), List.of("aws:SourceAccount"));

        verdicts = SimulatorAccess.ask(documents, cases.stream().map(Case::question).toList());
    }

    private void check(String prefix) {
        var asked = cases.stream().filter(c -> c.id().startsWith(prefix)).toList();
        assertThat(asked).as(prefix).isNotEmpty();
        var wrong = new ArrayList<String>();
        for (var c : asked) {
            var v = verdicts.get(c.id());
            boolean ok = switch (c.expect()) {
                case ALLOWED -> "Allowed".equals(v);
                case EXPLICITLY_DENIED -> "ExplicitlyDenied".equals(v);
                case DENIED -> "ExplicitlyDenied".equals(v) || "ImplicitlyDenied".equals(v);
            };
            if (!ok) {
                wrong.add(c.id() + ": expected " + c.expect() + ", simulator says " + v);
            }
        }
        assertThat(wrong).as(prefix).isEmpty();
    }

    @Test
    void theArchiveAdmitsNoPrincipalFromAWorkloadAccount() {
        // 6 principals x (15 object questions + 6 bucket questions + 5 key questions)
        assertThat(cases.stream().filter(c -> c.id().startsWith("workload/"))).hasSize(6 * 26);
        check("workload/");
    }

    @Test
    void onlyTheLogArchiveDeployerAndBreakGlassConfigureTheEvidenceAndNobodyDeletesIt() {
        check("archive-account/");
    }

    @Test
    void theOrganizationTrailDeliversAndNoOtherTrailDoes() {
        check("cloudtrail/");
    }

    @Test
    void configDeliversForTheOrganizationsAccountsOnly() {
        check("config/");
    }
}
