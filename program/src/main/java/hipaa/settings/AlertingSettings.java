package hipaa.settings;

import hipaa.alerting.OperationalAlarms;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who is told when an alarm fires, and where operational alarms draw the line.
 *
 * @param alertEmails addresses subscribed to the alert topic by email; prod needs at least one, since an
 *                    alarm nobody receives protects nothing
 * @param thresholds  operational alarm thresholds
 * @param guardDutyMinSeverity the lowest GuardDuty finding severity that reaches the alert topic
 */
public record AlertingSettings(List<String> alertEmails, OperationalAlarms.Thresholds thresholds,
                               hipaa.alerting.FindingAlerts.Severity guardDutyMinSeverity) {

    /**
     * An address SNS will deliver to: a local part of letters, digits and {@code . _ % + -}, an {@code @},
     * and a domain of dot-separated labels ending in a top-level domain of two or more letters.
     */
    static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]{1,64}@(?=.{4,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    static final String EMAIL_RULE = "email addresses such as security-alerts@example.com";
    static final int MAX_EMAILS = 20;

    static AlertingSettings read(SettingsReader r, boolean production) {
        int problemsBefore = r.problems().size();
        var emails = r.stringList("alertEmails", List.of(), 0, MAX_EMAILS, s -> EMAIL.matcher(s).matches(), EMAIL_RULE);
        var thresholds = new OperationalAlarms.Thresholds(
                r.integer("alarmAlb5xxCount", 10, 1, 100_000),
                r.integer("alarmTargetResponseTimeMs", 1000, 50, 60_000),
                r.integer("alarmEcsCpuPercent", 80, 10, 100),
                r.integer("alarmEcsMemoryPercent", 80, 10, 100),
                r.integer("alarmRdsCpuPercent", 80, 10, 100),
                r.integer("alarmRdsFreeStorageGiB", 10, 1, 65_536),
                r.integer("alarmRdsConnections", 100, 1, 100_000));

        var severity = hipaa.alerting.FindingAlerts.Severity.valueOf(r.choice("guardDutyMinSeverity", "MEDIUM",
                java.util.Arrays.stream(hipaa.alerting.FindingAlerts.Severity.values()).map(Enum::name).toList()));

        boolean emailsReadable = r.problems().size() == problemsBefore;
        var seen = new HashSet<String>();
        for (var e : emails) {
            if (!seen.add(e.toLowerCase(Locale.ROOT))) {
                r.problem("alertEmails", emails.toString(), "lists " + e + " twice; list each address once");
            }
        }
        // An unreadable list was reported already; saying it is also empty would send the reader the wrong way.
        if (production && emails.isEmpty() && emailsReadable) {
            r.problem("alertEmails", "[]", "prod stacks need at least one address: an alarm nobody receives "
                    + "protects nothing; add the security team's address, e.g. [security-alerts@example.com]");
        }
        return new AlertingSettings(emails, thresholds, severity);
    }
}
