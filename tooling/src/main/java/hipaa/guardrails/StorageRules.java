package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static hipaa.guardrails.Types.*;

/**
 * S3, EBS and AWS Backup rules. Buckets are judged together with their separate configuration
 * resources (aws 6.x {@code ...V2} style) and with the legacy inline blocks.
 */
final class StorageRules {
    private StorageRules() {}

    static final List<String> BUCKETS = List.of(BUCKET_V2, BUCKET);
    static final Set<String> PUBLIC_READ_ACLS = Set.of("public-read", "public-read-write", "authenticated-read");
    static final Set<String> READ_ACTIONS = Set.of("*", "s3:*", "s3:GetObject", "s3:Get*", "s3:ListBucket", "s3:List*");
    static final Set<String> WRITE_ACTIONS = Set.of("*", "s3:*", "s3:PutObject", "s3:Put*", "s3:DeleteObject", "s3:Delete*");
    static final int MIN_BACKUP_RETENTION_DAYS = 35;

    static final List<Rule> RULES = List.of(
            Rule.each("s3-bucket-server-side-encryption-enabled", Hipaa.all(Hipaa.AT_REST, List.of("164.312(c)(2)")), BUCKETS,
                    "Each bucket declares default server-side encryption.",
                    "Add an aws:s3/bucketServerSideEncryptionConfigurationV2 with sseAlgorithm \"aws:kms\" and kmsMasterKeyId.",
                    (b, g, c) -> sseAlgorithm(b, g).isPresent() ? Outcome.pass()
                            : Outcome.fail("no " + BUCKET_SSE + " or inline serverSideEncryptionConfiguration is declared")),
            Rule.each("s3-default-encryption-kms", Hipaa.AT_REST, BUCKETS,
                    "Buckets encrypt with KMS by default, except log buckets whose writers support only SSE-S3.",
                    "Set sseAlgorithm(\"aws:kms\") and kmsMasterKeyId(<customer managed key arn>).",
                    StorageRules::defaultEncryptionKms),
            Rule.each("s3-bucket-versioning-enabled", Hipaa.all(Hipaa.BACKUP, Hipaa.INTEGRITY), BUCKETS,
                    "Versioning keeps every object version, so overwritten or deleted ePHI can be recovered.",
                    "Add an aws:s3/bucketVersioningV2 with versioningConfiguration.status \"Enabled\".",
                    StorageRules::versioningEnabled),
            Rule.each("s3-bucket-logging-enabled", Hipaa.all(List.of("164.308(a)(3)(ii)(A)"), Hipaa.AUDIT), BUCKETS,
                    "Server access logging records every request made to the bucket.",
                    "Add an aws:s3/bucketLoggingV2 with targetBucket(<access-log bucket>) and a targetPrefix.",
                    StorageRules::loggingEnabled),
            Rule.each("s3-bucket-ssl-requests-only", Hipaa.all(Hipaa.IN_TRANSIT, List.of("164.312(c)(2)")), BUCKETS,
                    "The bucket policy denies every request made without TLS (aws:SecureTransport false).",
                    "Add a Deny statement for Principal \"*\", Action \"s3:*\", Condition Bool aws:SecureTransport \"false\".",
                    StorageRules::sslRequestsOnly),
            Rule.each("s3-bucket-level-public-access-prohibited", Hipaa.NETWORK_ACCESS, BUCKETS,
                    "Each bucket has a public access block with all four settings on.",
                    "Add an aws:s3/bucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true.",
                    StorageRules::bucketPublicAccessBlock),
            Rule.required("s3-account-level-public-access-blocks-periodic", Hipaa.NETWORK_ACCESS, List.of(ACCOUNT_PUBLIC_ACCESS_BLOCK),
                    "The account blocks public ACLs and policies on every bucket, present and future.",
                    "Declare an aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock with all four settings true.",
                    (r, g, c) -> allFourBlocks(r)),
            Rule.each("s3-bucket-default-lock-enabled", Hipaa.INTEGRITY, BUCKETS,
                    "Object Lock with a default retention keeps objects from being altered or deleted for a set time.",
                    "Create the bucket with objectLockEnabled(true) and add an aws:s3/bucketObjectLockConfigurationV2 with rule.defaultRetention.",
                    StorageRules::defaultLockEnabled),
            Rule.each("s3-bucket-public-read-prohibited", Hipaa.NETWORK_ACCESS, BUCKETS,
                    "Neither an ACL nor a policy statement lets anyone outside the account read the bucket.",
                    "Use a private ACL (or BucketOwnerEnforced ownership) and drop Allow statements for Principal \"*\".",
                    (b, g, c) -> publicAccess(b, g, PUBLIC_READ_ACLS, READ_ACTIONS, "read")),
            Rule.each("s3-bucket-public-write-prohibited", Hipaa.NETWORK_ACCESS, BUCKETS,
                    "Neither an ACL nor a policy statement lets anyone outside the account write to the bucket.",
                    "Use a private ACL and drop Allow statements for Principal \"*\" with write actions.",
                    (b, g, c) -> publicAccess(b, g, Set.of("public-read-write"), WRITE_ACTIONS, "write")),
            Rule.each("s3-bucket-replication-enabled", Hipaa.BACKUP, BUCKETS,
                    "Objects are replicated to a second bucket (cross-region for disaster recovery).",
                    "Add an aws:s3/bucketReplicationConfig with an Enabled rule to a bucket in another region.",
                    StorageRules::replicationEnabled),
            Rule.each("s3-lifecycle-policy-check", List.of("164.310(d)(2)(i)", "164.316(b)(2)(i)"), BUCKETS,
                    "A lifecycle rule manages how long objects (and old versions) are kept and when they expire.",
                    "Add an aws:s3/bucketLifecycleConfigurationV2 with at least one rule whose status is \"Enabled\".",
                    StorageRules::lifecycleConfigured),
            Rule.each("encrypted-volumes", Hipaa.AT_REST, List.of(EBS_VOLUME),
                    "Standalone EBS volumes are encrypted.",
                    "Set encrypted(true) and kmsKeyId(<customer managed key arn>).",
                    (r, g, c) -> DataRules.requireTrue(r, "encrypted")),
            Rule.required("ec2-ebs-encryption-by-default", Hipaa.AT_REST, List.of(EBS_ENCRYPTION_BY_DEFAULT),
                    "The account encrypts every new EBS volume, including those launched by Auto Scaling.",
                    "Declare an aws:ebs/encryptionByDefault:EncryptionByDefault with enabled(true).",
                    (r, g, c) -> In.isFalse(r.inputs().get("enabled")) ? Outcome.fail("enabled is false") : Outcome.pass()),
            Rule.each("hipaa-backup-vault-encrypted", Hipaa.all(Hipaa.AT_REST, Hipaa.BACKUP), List.of(BACKUP_VAULT),
                    "Backup vaults encrypt recovery points with a customer managed KMS key.",
                    "Set kmsKeyArn(<customer managed key arn>).",
                    (r, g, c) -> DataRules.requireSet(r, "kmsKeyArn")),
            Rule.required("hipaa-backup-plan-retention", Hipaa.BACKUP, List.of(BACKUP_PLAN),
                    "An AWS Backup plan exists, selects resources, and keeps recovery points at least 35 days.",
                    "Declare an aws:backup/plan:Plan whose rules keep lifecycle.deleteAfter >= 35 and an aws:backup/selection:Selection with planId(plan.id()).",
                    StorageRules::backupPlan));

    // ---- encryption ---------------------------------------------------------------------------

    /** The default-encryption algorithm, from a separate SSE resource or an inline block. */
    static Optional<String> sseAlgorithm(RecordedResource bucket, ResourceGraph g) {
        var fromParts = g.bucketParts(bucket, BUCKET_SSE).stream()
                .map(p -> In.at(p.inputs(), "rules", "applyServerSideEncryptionByDefault", "sseAlgorithm"));
        var inline = Stream.of(
                In.at(bucket.inputs(), "serverSideEncryptionConfiguration", "rule", "applyServerSideEncryptionByDefault", "sseAlgorithm"),
                In.at(bucket.inputs(), "serverSideEncryptionConfigurations", "rules", "applyServerSideEncryptionByDefaults", "sseAlgorithm"));
        return Stream.concat(fromParts, inline).flatMap(v -> In.string(v).stream()).findFirst();
    }

    // ALB access logs and S3 server access logs can only be delivered to SSE-S3 buckets.
    static Outcome defaultEncryptionKms(RecordedResource bucket, ResourceGraph g, GuardrailContext ctx) {
        if (g.receivesAccessLogs(bucket)) {
            return Outcome.notApplicable("receives ALB or S3 access logs, which support only SSE-S3");
        }
        var alg = sseAlgorithm(bucket, g);
        if (alg.isEmpty()) {
            return Outcome.fail("sseAlgorithm is not set");
        }
        return alg.get().startsWith("aws:kms") ? Outcome.pass() : Outcome.fail(In.is("sseAlgorithm", alg.get()));
    }

    // ---- versioning, logging, lock, replication, lifecycle -----------------------------------------

    static Outcome versioningEnabled(RecordedResource bucket, ResourceGraph g, GuardrailContext ctx) {
        var parts = g.bucketParts(bucket, BUCKET_VERSIONING);
        for (var p : parts) {
            var status = In.at(p.inputs(), "versioningConfiguration", "status");
            if ("Enabled".equals(status)) {
                return Outcome.pass();
            }
        }
        if (In.isTrue(In.at(bucket.inputs(), "versioning", "enabled")) || In.isTrue(In.at(bucket.inputs(), "versionings", "enabled"))) {
            return Outcome.pass();
        }
        if (!parts.isEmpty()) {
            return Outcome.fail(parts.get(0).name() + ": " + In.is("versioningConfiguration.status",
                    In.at(parts.get(0).inputs(), "versioningConfiguration", "status")));
        }
        return Outcome.fail("no " + BUCKET_VERSIONING + " or inline versioning is declared");
    }

    static Outcome loggingEnabled(RecordedResource bucket, ResourceGraph g, GuardrailContext ctx) {
        var parts = g.bucketParts(bucket, BUCKET_LOGGING).stream().filter(p -> p.string("targetBucket").isPresent()).toList();
        if (!parts.isEmpty() || In.string(In.at(bucket.inputs(), "loggings", "targetBucket")).isPresent()
                || In.string(In.at(bucket.inputs(), "logging", "targetBucket")).isPresent()) {
            return Outcome.pass();
        }
        return Outcome.fail("no " + BUCKET_LOGGING + " with a targetBucket or inline logging is declared");
    }

    static Outcome defaultLockEnabled(RecordedResource bucket, ResourceGraph g, GuardrailContext ctx) {
        var retention = g.bucketParts(bucket, BUCKET_OBJECT_LOCK).stream()
                .map(p -> In.map(In.at(p.inputs(), "rule", "defaultRetention")))
                .filter(m -> !m.isEmpty())
                .findFirst()
                .or(() -> Stream.of(In.at(bucket.inputs(), "objectLockConfiguration", "rule", "defaultRetention"),
                                In.at(bucket.inputs(), "objectLockConfiguration", "rules", "defaultRetentions"))
                        .map(In::map).filter(m -> !m.isEmpty()).findFirst());
        if (retention.isEmpty()) {
            return Outcome.fail("no " + BUCKET_OBJECT_LOCK + " with rule.defaultRetention is declared");
        }
        var enabled = bucket.inputs().get("objectLockEnabled");
        var inlineEnabled = In.at(bucket.inputs(), "objectLockConfiguration", "objectLockEnabled");
        if (!In.isTrue(enabled) && !"Enabled".equals(inlineEnabled)) {
            return Outcome.fail(In.is("objectLockEnabled", enabled) + " on the bucket, so the default retention cannot apply");
        }
        return Outcome.pass("default retention " + In.show(retention.get().get("mode")));
    }

    static Outcome replicationEnabled(RecordedResource bucket, ResourceGraph g, GuardrailContext ctx) {
        var enabled = g.bucketParts(bucket, BUCKET_REPLICATION).stream()
                .flatMap(p -> In.maps(p.inputs().get("rules")).stream())
                .anyMatch(r -> "Enabled".equals(r.get("status")));
        var inline = Stream.of(In.at(bucket.inputs(), "replicationConfiguration", "rules"),
                        In.at(bucket.inputs(), "replicationConfigurations", "rules"))
                .flatMap(v -> In.maps(v).stream()).anyMatch(r -> "Enabled".equals(r.get("status")));
        return enabled || inline ? Outcome.pass()
                : Outcome.fail("no " + BUCKET_REPLICATION + " with an Enabled rule is declared");
    }

    static Outcome lifecycleConfigured(RecordedResource bucket, ResourceGraph g, GuardrailContext ctx) {
        var enabled = g.bucketParts(bucket, BUCKET_LIFECYCLE).stream()
                .flatMap(p -> In.maps(p.inputs().get("rules")).stream())
                .anyMatch(r -> "Enabled".equals(r.get("status")));
        var inline = In.maps(bucket.inputs().get("lifecycleRules")).stream().anyMatch(r -> In.isTrue(r.get("enabled")));
        return enabled || inline ? Outcome.pass()
                : Outcome.fail("no " + BUCKET_LIFECYCLE + " with an Enabled rule is declared");
    }

    // ---- access -------------------------------------------------------------------------------

    static Outcome sslRequestsOnly(RecordedResource bucket, ResourceGraph g, GuardrailContext ctx) {
        var docs = g.bucketPolicies(bucket);
        if (docs.isEmpty()) {
            return Outcome.fail("no " + BUCKET_POLICY + " or inline policy is declared");
        }
        for (var doc : docs) {
            for (var s : ParsedPolicy.parse(doc).statements()) {
                if (s.denies() && s.anyPrincipal() && (s.hasAction("s3:*") || s.hasAction("*"))
                        && ParsedPolicy.isFalse(s.condition("Bool", "aws:SecureTransport"))) {
                    return Outcome.pass();
                }
            }
        }
        return Outcome.fail("no policy statement denies s3:* to Principal \"*\" when aws:SecureTransport is false");
    }

    static Outcome bucketPublicAccessBlock(RecordedResource bucket, ResourceGraph g, GuardrailContext ctx) {
        var blocks = g.bucketParts(bucket, BUCKET_PUBLIC_ACCESS_BLOCK);
        if (blocks.isEmpty()) {
            return Outcome.fail("no " + BUCKET_PUBLIC_ACCESS_BLOCK + " is declared");
        }
        return allFourBlocks(blocks.get(0));
    }

    static Outcome allFourBlocks(RecordedResource block) {
        for (var key : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            var v = block.inputs().get(key);
            if (!In.isTrue(v)) {
                return Outcome.fail(block.name() + ": " + In.is(key, v));
            }
        }
        return Outcome.pass();
    }

    static Outcome publicAccess(RecordedResource bucket, ResourceGraph g, Set<String> badAcls, Set<String> actions, String what) {
        var acls = new ArrayList<Object>();
        acls.add(bucket.inputs().get("acl"));
        g.bucketParts(bucket, BUCKET_ACL).forEach(a -> acls.add(a.inputs().get("acl")));
        for (var acl : acls) {
            if (acl != null && badAcls.contains(String.valueOf(acl))) {
                return Outcome.fail(In.is("acl", acl));
            }
        }
        for (var doc : g.bucketPolicies(bucket)) {
            for (var s : ParsedPolicy.parse(doc).statements()) {
                if (s.allows() && s.anyPrincipal() && s.conditions().isEmpty()
                        && s.actions().stream().anyMatch(a -> actions.stream().anyMatch(a::equalsIgnoreCase))) {
                    return Outcome.fail("policy allows " + s.actions() + " to Principal \"*\" without a condition (public " + what + ")");
                }
            }
        }
        return Outcome.pass();
    }

    // ---- backup -------------------------------------------------------------------------------

    static Outcome backupPlan(RecordedResource plan, ResourceGraph g, GuardrailContext ctx) {
        var rules = In.maps(plan.inputs().get("rules"));
        if (rules.isEmpty()) {
            return Outcome.fail("rules is not set");
        }
        for (var rule : rules) {
            var deleteAfter = In.at(rule, "lifecycle", "deleteAfter");
            if (deleteAfter != null && In.integer(deleteAfter).orElse(0) < MIN_BACKUP_RETENTION_DAYS) {
                return Outcome.fail("rule " + In.show(rule.get("ruleName")) + ": " + In.is("lifecycle.deleteAfter", deleteAfter)
                        + " (< " + MIN_BACKUP_RETENTION_DAYS + " days)");
            }
        }
        if (g.referencing(plan, "planId", BACKUP_SELECTION).isEmpty()) {
            return Outcome.fail("no " + BACKUP_SELECTION + " has planId pointing at this plan, so it backs up nothing");
        }
        return Outcome.pass();
    }
}
