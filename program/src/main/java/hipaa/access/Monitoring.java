package hipaa.access;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Objects;

/**
 * Where an access host's records go and who hears of its alarms.
 *
 * @param sessions         where Session Manager transcripts go
 * @param logRetentionDays retention of the host's own log group ({@code hipaa:accessLogRetentionDays})
 * @param alarmActions     notified when the host's alarms fire, clear or lack data (the alert topic)
 */
public record Monitoring(SessionLogging sessions, int logRetentionDays, List<Output<String>> alarmActions) {
    public Monitoring {
        Objects.requireNonNull(sessions, "sessions");
        alarmActions = List.copyOf(alarmActions);
    }
}
