package hipaa.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one stack is in the organization ({@code hipaa:accountRole}): the whole environment in one account
 * (today's default, unchanged), or one account of a four-account organization (docs/ORGANIZATION.md).
 */
public enum AccountRole {
    /** Everything in one account: network, workload, trail, archive, detection. */
    SINGLE("single"),
    /** The organization's management account: SCPs, the organization trail, delegated administrators. */
    MANAGEMENT("management"),
    /** The account that keeps the evidence: the organization's trail, Config and access-log buckets and their key. */
    LOG_ARCHIVE("log-archive"),
    /** The delegated administrator of detection: GuardDuty, Security Hub, Access Analyzer, the Config aggregator. */
    SECURITY("security"),
    /** A workload account (dev, prod): today's stack with the trail and archive replaced by the organization's. */
    WORKLOAD("workload");

    private final String configName;

    AccountRole(String configName) {
        this.configName = configName;
    }

    /** The value of {@code hipaa:accountRole}. */
    public String configName() {
        return configName;
    }

    /** Whether the stack builds the workload: network, access, data, app, alerting and identity. */
    public boolean runsWorkload() {
        return this == SINGLE || this == WORKLOAD;
    }

    /** Whether the stack is one account of an organization. */
    public boolean inOrganization() {
        return this != SINGLE;
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(AccountRole::configName).toList();
    }

    public static AccountRole of(String configName) {
        return Arrays.stream(values()).filter(r -> r.configName.equals(configName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no account role " + configName.toLowerCase(Locale.ROOT)));
    }
}
