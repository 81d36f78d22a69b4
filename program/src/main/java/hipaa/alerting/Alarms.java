package hipaa.alerting;

import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.core.Output;

import java.util.List;

/** What every alarm of the program shares: it reaches a person on every state change. */
final class Alarms {
    private Alarms() {}

    /**
     * An alarm builder that notifies the topic when it fires, when it clears, and when it loses its data,
     * so nobody has to remember to look (the HIPAA conformance pack's cloudwatch-alarm-action-check asks
     * for all three).
     */
    static MetricAlarmArgs.Builder notifying(Output<String> topicArn) {
        var topic = topicArn.applyValue(List::of);
        return MetricAlarmArgs.builder()
                .actionsEnabled(true)
                .alarmActions(topic)
                .okActions(topic)
                .insufficientDataActions(topic);
    }
}
