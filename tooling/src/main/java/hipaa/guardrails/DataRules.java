package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static hipaa.guardrails.Types.*;

/** RDS database rules. */
final class DataRules {
    private DataRules() {}

    static final List<Rule> RULES = List.of(
            Rule.each("rds-storage-encrypted", Hipaa.AT_REST, List.of(RDS_INSTANCE, RDS_CLUSTER),
                    "Database storage, snapshots and replicas holding ePHI are encrypted at rest.",
                    "Set storageEncrypted(true) (with kmsKeyId(...) for a customer managed key).",
                    (r, g, c) -> requireTrue(r, "storageEncrypted")),
            Rule.each("hipaa-rds-encrypted-with-cmk", Hipaa.AT_REST, List.of(RDS_INSTANCE, RDS_CLUSTER),
                    "Database encryption uses a customer managed KMS key, so key use is auditable and revocable.",
                    "Set kmsKeyId(<customer managed key arn>).",
                    (r, g, c) -> requireSet(r, "kmsKeyId")),
            Rule.each("rds-instance-public-access-check", Hipaa.NETWORK_ACCESS, List.of(RDS_INSTANCE, RDS_CLUSTER_INSTANCE),
                    "Database instances have no public endpoint; only resources inside the VPC reach them.",
                    "Leave publiclyAccessible unset or false and place the instance in private subnets.",
                    (r, g, c) -> requireNotTrue(r, "publiclyAccessible")),
            Rule.each("db-instance-backup-enabled", Hipaa.BACKUP, List.of(RDS_INSTANCE, RDS_CLUSTER),
                    "Automated backups are on (backupRetentionPeriod declared and at least 1 day).",
                    "Set backupRetentionPeriod(7) or more (35 for production).",
                    DataRules::backupEnabled),
            Rule.each("rds-multi-az-support", Hipaa.AVAILABILITY, List.of(RDS_INSTANCE),
                    "Non-Aurora instances run Multi-AZ, so an AZ failure does not take ePHI offline.",
                    "Set multiAz(true).",
                    (r, g, c) -> isAurora(r) ? Outcome.notApplicable("Aurora replicates across AZs at the cluster level")
                            : requireTrue(r, "multiAz")),
            Rule.each("rds-instance-deletion-protection-enabled", Hipaa.AVAILABILITY, List.of(RDS_INSTANCE, RDS_CLUSTER),
                    "Databases cannot be deleted until deletion protection is turned off first.",
                    "Set deletionProtection(true).",
                    (r, g, c) -> requireTrue(r, "deletionProtection")),
            Rule.each("rds-instance-iam-authentication-enabled", Hipaa.all(Hipaa.ACCESS, Hipaa.AUTHENTICATION),
                    List.of(RDS_INSTANCE, RDS_CLUSTER),
                    "Database logins can use short-lived IAM tokens instead of long-lived passwords.",
                    "Set iamDatabaseAuthenticationEnabled(true).",
                    (r, g, c) -> supportsIamAuth(r) ? requireTrue(r, "iamDatabaseAuthenticationEnabled")
                            : Outcome.notApplicable(In.is("engine", r.inputs().get("engine")) + ", which has no IAM authentication")),
            Rule.each("rds-logging-enabled", Hipaa.all(List.of("164.308(a)(3)(ii)(A)", "164.308(a)(5)(ii)(C)"), Hipaa.AUDIT),
                    List.of(RDS_INSTANCE, RDS_CLUSTER),
                    "Database engine logs (connections, errors, audit) are exported to CloudWatch Logs.",
                    "Set enabledCloudwatchLogsExports, e.g. [\"postgresql\", \"upgrade\"] or [\"audit\", \"error\", \"general\", \"slowquery\"].",
                    DataRules::loggingEnabled),
            Rule.each("rds-automatic-minor-version-upgrade-enabled", Hipaa.PATCHING, List.of(RDS_INSTANCE, RDS_CLUSTER_INSTANCE),
                    "Minor engine versions (security fixes) are applied automatically in the maintenance window.",
                    "Leave autoMinorVersionUpgrade unset or set it to true.",
                    (r, g, c) -> In.isFalse(r.inputs().get("autoMinorVersionUpgrade"))
                            ? Outcome.fail("autoMinorVersionUpgrade is false") : Outcome.pass()),
            Rule.each("rds-enhanced-monitoring-enabled", Hipaa.AUDIT, List.of(RDS_INSTANCE, RDS_CLUSTER_INSTANCE),
                    "Enhanced Monitoring reports OS-level metrics for each database instance.",
                    "Set monitoringInterval(60) (or 1-30) and monitoringRoleArn(<role with AmazonRDSEnhancedMonitoringRole>).",
                    DataRules::enhancedMonitoring),
            Rule.each("hipaa-rds-performance-insights-cmk", Hipaa.AT_REST, List.of(RDS_INSTANCE, RDS_CLUSTER, RDS_CLUSTER_INSTANCE),
                    "Performance Insights (which stores query text that can contain ePHI) is encrypted with a customer managed key.",
                    "Set performanceInsightsKmsKeyId(<customer managed key arn>) wherever performanceInsightsEnabled(true).",
                    DataRules::performanceInsightsCmk),
            Rule.each("rds-in-backup-plan", Hipaa.BACKUP, List.of(RDS_INSTANCE, RDS_CLUSTER),
                    "Each database is selected by an AWS Backup plan, by ARN or by tag.",
                    "Add an aws:backup/selection:Selection listing the database ARN in resources, or selecting one of its tags.",
                    DataRules::inBackupPlan));

    static Outcome requireTrue(RecordedResource r, String key) {
        var v = r.inputs().get(key);
        return In.isTrue(v) ? Outcome.pass() : Outcome.fail(In.is(key, v));
    }

    static Outcome requireNotTrue(RecordedResource r, String key) {
        var v = r.inputs().get(key);
        return In.isTrue(v) ? Outcome.fail(In.is(key, v)) : Outcome.pass();
    }

    static Outcome requireSet(RecordedResource r, String key) {
        var v = r.inputs().get(key);
        return In.string(v).isPresent() ? Outcome.pass() : Outcome.fail(key + " is not set");
    }

    static boolean isAurora(RecordedResource r) {
        return r.string("engine").orElse("").startsWith("aurora");
    }

    static boolean supportsIamAuth(RecordedResource r) {
        var engine = r.string("engine").orElse("");
        return !(engine.startsWith("sqlserver") || engine.startsWith("oracle") || engine.startsWith("db2"));
    }

    // Absent is a failure: the default differs between API, console and provider, and a HIPAA
    // backup plan should not depend on which one applied.
    static Outcome backupEnabled(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var v = r.inputs().get("backupRetentionPeriod");
        return In.integer(v).filter(days -> days >= 1).isPresent() ? Outcome.pass() : Outcome.fail(In.is("backupRetentionPeriod", v));
    }

    static Outcome loggingEnabled(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var exports = r.list("enabledCloudwatchLogsExports").stream().map(String::valueOf).toList();
        if (exports.isEmpty()) {
            return Outcome.fail("enabledCloudwatchLogsExports is not set");
        }
        var engine = r.string("engine").orElse("").toLowerCase(Locale.ROOT);
        List<String> needed = engine.contains("postgres") ? List.of("postgresql")
                : engine.contains("mysql") || engine.contains("mariadb") ? List.of("audit", "error")
                : List.of();
        var missing = needed.stream().filter(n -> !exports.contains(n)).toList();
        return missing.isEmpty() ? Outcome.pass()
                : Outcome.fail("enabledCloudwatchLogsExports is " + exports + ", missing " + missing + " for engine " + engine);
    }

    static Outcome enhancedMonitoring(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var interval = r.inputs().get("monitoringInterval");
        if (In.integer(interval).filter(i -> i > 0).isEmpty()) {
            return Outcome.fail(In.is("monitoringInterval", interval));
        }
        return r.string("monitoringRoleArn").isPresent() ? Outcome.pass() : Outcome.fail("monitoringRoleArn is not set");
    }

    static Outcome performanceInsightsCmk(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        if (!In.isTrue(r.inputs().get("performanceInsightsEnabled"))) {
            return Outcome.notApplicable("Performance Insights is off");
        }
        return requireSet(r, "performanceInsightsKmsKeyId");
    }

    static Outcome inBackupPlan(RecordedResource db, ResourceGraph g, GuardrailContext ctx) {
        var tags = g.tagsOf(db);
        for (var sel : g.ofType(BACKUP_SELECTION)) {
            var arn = db.arn().orElse("");
            for (var res : sel.list("resources")) {
                if (ResourceGraph.refersTo(res, db) || globMatches(String.valueOf(res), arn)) {
                    return Outcome.pass("selected by " + sel.name());
                }
            }
            for (var t : In.maps(sel.inputs().get("selectionTags"))) {
                if ("STRINGEQUALS".equalsIgnoreCase(String.valueOf(t.get("type")))
                        && t.get("value") != null && t.get("value").equals(tags.get(String.valueOf(t.get("key"))))) {
                    return Outcome.pass("selected by " + sel.name() + " via tag " + t.get("key"));
                }
            }
        }
        return Outcome.fail("no " + BACKUP_SELECTION + " selects it by ARN or tag");
    }

    private static boolean globMatches(String glob, String arn) {
        if (!glob.contains("*") || arn.isEmpty()) {
            return false;
        }
        var regex = Pattern.quote(glob).replace("*", "\\E.*\\Q");
        return arn.matches(regex);
    }
}
