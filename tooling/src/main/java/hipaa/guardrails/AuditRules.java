package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.List;

import static hipaa.guardrails.Types.*;

/** CloudTrail, CloudWatch, SNS, KMS, GuardDuty, Security Hub and WAF logging rules. */
final class AuditRules {
    private AuditRules() {}

    static final int MIN_LOG_RETENTION_DAYS = 365;

    static final List<Rule> RULES = List.of(
            Rule.required("cloudtrail-enabled", Hipaa.AUDIT, List.of(TRAIL),
                    "The account has a logging CloudTrail trail, delivering to the bucket the rule's s3BucketName names.",
                    "Declare an aws:cloudtrail/trail:Trail, leave enableLogging unset or true, deliver to the archive bucket.",
                    AuditRules::trailEnabled),
            Rule.any("multi-region-cloudtrail-enabled", Hipaa.AUDIT, List.of(TRAIL),
                    "At least one logging trail records API activity in every region.",
                    "Set isMultiRegionTrail(true) (and includeGlobalServiceEvents(true)) on the account trail.",
                    AuditRules::multiRegion),
            Rule.each("cloud-trail-encryption-enabled", Hipaa.AT_REST, List.of(TRAIL),
                    "Trail log files are encrypted with a customer managed KMS key.",
                    "Set kmsKeyId(<customer managed key arn>) on the trail.",
                    (r, g, c) -> DataRules.requireSet(r, "kmsKeyId")),
            Rule.each("cloud-trail-log-file-validation-enabled", Hipaa.INTEGRITY, List.of(TRAIL),
                    "Digest files make any change to delivered trail logs detectable.",
                    "Set enableLogFileValidation(true).",
                    (r, g, c) -> DataRules.requireTrue(r, "enableLogFileValidation")),
            Rule.each("cloud-trail-cloud-watch-logs-enabled", Hipaa.all(List.of("164.308(a)(3)(ii)(A)"), Hipaa.AUDIT, Hipaa.INCIDENT),
                    List.of(TRAIL),
                    "Trail events also stream to CloudWatch Logs, where metric filters and alarms watch them.",
                    "Set cloudWatchLogsGroupArn(logGroup.arn() + \":*\") and cloudWatchLogsRoleArn(<delivery role arn>).",
                    AuditRules::cloudWatchLogs),
            // AWS Config: without S3BucketNames, data events for every bucket; with it, for each named bucket
            // (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-dataevents-enabled.html).
            Rule.any("cloudtrail-s3-dataevents-enabled", Hipaa.AUDIT, List.of(TRAIL),
                    "Trails record S3 object-level (data) events for every bucket the rule's S3BucketNames names, or for all buckets without it.",
                    "Add eventSelectors with dataResources type \"AWS::S3::Object\", or an advanced selector on resources.type.",
                    AuditRules::s3DataEvents),
            // AWS Config judges every log group in the Region, also those AWS creates for the stack: RDS Enhanced
            // Monitoring writes to RDSOSMetrics, which RDS creates without a key
            // (https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-log-group-encrypted.html).
            Rule.each("cloudwatch-log-group-encrypted", Hipaa.AT_REST, List.of(LOG_GROUP, RDS_INSTANCE),
                    "Log groups, the program's and those AWS creates for it (RDSOSMetrics), are encrypted with a KMS key.",
                    "Set kmsKeyId(<key arn>); the key policy must allow the logs.<region>.amazonaws.com principal.",
                    AuditRules::logGroupEncrypted),
            Rule.each("cw-loggroup-retention-period-check", Hipaa.AUDIT, List.of(LOG_GROUP),
                    "Log groups declare their retention, at least 365 days (0 means never expire).",
                    "Set retentionInDays(365) or longer.",
                    AuditRules::logRetention),
            Rule.each("cloudwatch-alarm-action-check", Hipaa.all(Hipaa.AUDIT, Hipaa.INCIDENT), List.of(METRIC_ALARM),
                    "Alarms notify someone on ALARM and on INSUFFICIENT_DATA (the HIPAA pack's parameters).",
                    "Set alarmActions and insufficientDataActions to an SNS topic arn; leave actionsEnabled true.",
                    AuditRules::alarmActions),
            Rule.each("sns-encrypted-kms", Hipaa.AT_REST, List.of(SNS_TOPIC),
                    "SNS topics encrypt messages at rest with KMS.",
                    "Set kmsMasterKeyId(<customer managed key arn>).",
                    (r, g, c) -> DataRules.requireSet(r, "kmsMasterKeyId")),
            Rule.each("cmk-backing-key-rotation-enabled", Hipaa.KEY_MANAGEMENT, List.of(KMS_KEY),
                    "Symmetric customer managed keys rotate their key material automatically.",
                    "Set enableKeyRotation(true).",
                    AuditRules::keyRotation),
            Rule.each("kms-cmk-not-scheduled-for-deletion", Hipaa.all(Hipaa.AT_REST, Hipaa.BACKUP), List.of(KMS_KEY),
                    "Keys stay enabled, and a deletion request leaves the maximum 30 days to cancel it (a declared key is never pending deletion).",
                    "Leave isEnabled unset or true and deletionWindowInDays unset or 30.",
                    AuditRules::keyNotDeletable),
            Rule.required("guardduty-enabled-centralized", Hipaa.INCIDENT, List.of(GUARDDUTY_DETECTOR),
                    "GuardDuty watches the account for threats.",
                    "Declare an aws:guardduty/detector:Detector with enable(true).",
                    (r, g, c) -> In.isFalse(r.inputs().get("enable")) ? Outcome.fail("enable is false") : Outcome.pass()),
            Rule.required("securityhub-enabled", Hipaa.all(Hipaa.INCIDENT, List.of("164.308(a)(1)(ii)(A)")), List.of(SECURITYHUB_ACCOUNT),
                    "Security Hub aggregates findings and runs the security standards checks.",
                    "Declare an aws:securityhub/account:Account.",
                    (r, g, c) -> Outcome.pass()),
            Rule.each("wafv2-logging-enabled", Hipaa.AUDIT, List.of(WEB_ACL),
                    "Each web ACL logs the requests it inspects.",
                    "Add an aws:wafv2/webAclLoggingConfiguration with resourceArn(webAcl.arn()) and a log destination.",
                    (r, g, c) -> g.referencing(r, "resourceArn", WEB_ACL_LOGGING).isEmpty()
                            ? Outcome.fail("no " + WEB_ACL_LOGGING + " has resourceArn pointing at this web ACL")
                            : Outcome.pass()));

    static Outcome trailEnabled(RecordedResource trail, ResourceGraph g, GuardrailContext ctx) {
        if (In.isFalse(trail.inputs().get("enableLogging"))) {
            return Outcome.fail("enableLogging is false");
        }
        var bucket = g.deployedList("CLOUD_TRAIL_ENABLED", "s3BucketName").flatMap(l -> l.stream().findFirst());
        var actual = trail.string("s3BucketName");
        return bucket.isEmpty() || bucket.equals(actual) ? Outcome.pass()
                : Outcome.fail(In.is("s3BucketName", actual.orElse(null)) + ", not the rule's " + In.show(bucket.get()));
    }

    /** RDS creates RDSOSMetrics, unencrypted, for the first instance with Enhanced Monitoring in the Region. */
    static final String RDS_OS_METRICS = "RDSOSMetrics";

    static Outcome logGroupEncrypted(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        if (r.type().equals(LOG_GROUP)) {
            return DataRules.requireSet(r, "kmsKeyId");
        }
        if (In.integer(r.inputs().get("monitoringInterval")).orElse(0) == 0) {
            return Outcome.notApplicable("no Enhanced Monitoring");
        }
        var declared = g.ofType(LOG_GROUP).stream().filter(l -> RDS_OS_METRICS.equals(l.inputs().get("name"))).findFirst();
        return declared.isPresent() ? Outcome.notApplicable("judged with log group " + declared.get().name())
                : Outcome.fail("Enhanced Monitoring writes to " + RDS_OS_METRICS + ", which RDS creates without a KMS key");
    }

    static Outcome multiRegion(RecordedResource trail, ResourceGraph g, GuardrailContext ctx) {
        if (!In.isTrue(trail.inputs().get("isMultiRegionTrail"))) {
            return Outcome.fail(In.is("isMultiRegionTrail", trail.inputs().get("isMultiRegionTrail")));
        }
        return In.isFalse(trail.inputs().get("enableLogging")) ? Outcome.fail("enableLogging is false") : Outcome.pass("multi-region");
    }

    static Outcome cloudWatchLogs(RecordedResource trail, ResourceGraph g, GuardrailContext ctx) {
        var group = DataRules.requireSet(trail, "cloudWatchLogsGroupArn");
        return group.failed() ? group : DataRules.requireSet(trail, "cloudWatchLogsRoleArn");
    }

    static Outcome s3DataEvents(RecordedResource trail, ResourceGraph g, GuardrailContext ctx) {
        var named = g.deployedList("CLOUDTRAIL_S3_DATAEVENTS_ENABLED", "S3BucketNames");
        var buckets = named.orElseGet(() -> g.ofType(StorageRules.BUCKETS).stream()
                .map(b -> String.valueOf(b.inputs().getOrDefault("bucket", b.name()))).toList());
        var missing = buckets.stream().filter(b -> !recordsDataEvents(trail, b)).toList();
        return missing.isEmpty() ? Outcome.pass("records S3 data events for " + (named.isPresent() ? "the named buckets" : "every bucket"))
                : Outcome.fail("no S3 data event selector covers " + missing);
    }

    /** Whether a basic or advanced event selector of the trail records data events on objects of {@code bucket}. */
    static boolean recordsDataEvents(RecordedResource trail, String bucket) {
        var prefix = "arn:aws:s3:::" + bucket + "/";
        var basic = In.maps(trail.inputs().get("eventSelectors")).stream()
                .flatMap(s -> In.maps(s.get("dataResources")).stream())
                .filter(d -> "AWS::S3::Object".equals(d.get("type")))
                .anyMatch(d -> In.list(d.get("values")).stream().map(String::valueOf)
                        .anyMatch(v -> v.equals("arn:aws:s3") || v.equals("arn:aws:s3:::") || prefix.startsWith(v)));
        var advanced = In.maps(trail.inputs().get("advancedEventSelectors")).stream().anyMatch(s -> {
            var fields = In.maps(s.get("fieldSelectors"));
            boolean objects = fields.stream().anyMatch(f -> "resources.type".equals(f.get("field"))
                    && In.list(f.get("equals")).contains("AWS::S3::Object"));
            var arns = fields.stream().filter(f -> "resources.ARN".equals(f.get("field"))).toList();
            return objects && (arns.isEmpty() || arns.stream().anyMatch(f -> In.list(f.get("startsWiths")).stream()
                    .map(String::valueOf).anyMatch(prefix::startsWith)
                    || In.list(f.get("equals")).stream().map(String::valueOf).anyMatch(v -> v.startsWith(prefix))));
        });
        return basic || advanced;
    }

    static Outcome logRetention(RecordedResource group, ResourceGraph g, GuardrailContext ctx) {
        var v = group.inputs().get("retentionInDays");
        var days = In.integer(v);
        if (days.isEmpty()) {
            return Outcome.fail("retentionInDays is not set");
        }
        if (days.get() == 0) {
            return Outcome.pass("never expires");
        }
        return days.get() >= MIN_LOG_RETENTION_DAYS ? Outcome.pass()
                : Outcome.fail(In.is("retentionInDays", v) + " (< " + MIN_LOG_RETENTION_DAYS + ")");
    }

    static Outcome alarmActions(RecordedResource alarm, ResourceGraph g, GuardrailContext ctx) {
        if (In.isFalse(alarm.inputs().get("actionsEnabled"))) {
            return Outcome.fail("actionsEnabled is false");
        }
        for (var key : List.of("alarmActions", "insufficientDataActions")) {
            if (alarm.list(key).isEmpty()) {
                return Outcome.fail(key + " is not set");
            }
        }
        return Outcome.pass();
    }

    // Rotation applies only to symmetric encryption keys; AWS rejects it for the rest.
    static Outcome keyRotation(RecordedResource key, ResourceGraph g, GuardrailContext ctx) {
        var spec = key.string("customerMasterKeySpec").orElse("SYMMETRIC_DEFAULT");
        var usage = key.string("keyUsage").orElse("ENCRYPT_DECRYPT");
        if (!spec.equals("SYMMETRIC_DEFAULT") || !usage.equals("ENCRYPT_DECRYPT")) {
            return Outcome.notApplicable("customerMasterKeySpec " + spec + ", keyUsage " + usage + " cannot rotate automatically");
        }
        return DataRules.requireTrue(key, "enableKeyRotation");
    }

    static Outcome keyNotDeletable(RecordedResource key, ResourceGraph g, GuardrailContext ctx) {
        if (In.isFalse(key.inputs().get("isEnabled"))) {
            return Outcome.fail("isEnabled is false");
        }
        var window = key.inputs().get("deletionWindowInDays");
        if (window != null && In.integer(window).orElse(0) < 30) {
            return Outcome.fail(In.is("deletionWindowInDays", window) + " (< 30)");
        }
        return Outcome.pass();
    }
}
