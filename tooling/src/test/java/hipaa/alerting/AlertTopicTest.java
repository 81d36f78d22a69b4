package hipaa.alerting;

import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.offline.RecordedResource;
import hipaa.testing.Components;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The topic on its own: subscription names stay stable as addresses come and go. */
class AlertTopicTest {

    static final AwsAccount ACCOUNT = new AwsAccount("aws", "us-east-1", "123456789012");
    static final Naming PROD = new Naming("hipaa-prod", ACCOUNT);

    @Test
    void eachAddressGetsAChildNamedAfterItSoOthersNeverMove() {
        var run = Components.run(opts -> new AlertTopic("alerts", new AlertTopic.Args(PROD,
                List.of("oncall@example.com", "Security.Team@example.org"), true), opts));
        assertThat(run.ofType("aws:sns/topicSubscription:TopicSubscription")).extracting(RecordedResource::name)
                .containsExactlyInAnyOrder("alerts-email-oncall-at-example-com", "alerts-email-security-team-at-example-org");
        var one = Components.run(opts -> new AlertTopic("alerts", new AlertTopic.Args(PROD,
                List.of("Security.Team@example.org"), true), opts));
        assertThat(one.ofType("aws:sns/topicSubscription:TopicSubscription")).extracting(RecordedResource::name)
                .containsExactly("alerts-email-security-team-at-example-org");
    }

    @Test
    void refusesTwoAddressesThatWouldShareAChildName() {
        assertThatThrownBy(() -> new AlertTopic.Args(PROD, List.of("a.b@example.com", "a-b@example.com"), true))
                .hasMessage("emails: two addresses share the child name a-b-at-example-com: [a.b@example.com, a-b@example.com]");
    }

    @Test
    void theTopicPolicyNamesTheTopicItGuards() {
        var arn = "arn:aws:sns:us-east-1:123456789012:hipaa-prod-alerts";
        assertThat(hipaa.testing.Policies.statements(AlertTopic.policy(ACCOUNT, arn).toJson()))
                .allSatisfy(s -> assertThat(s.resources()).containsExactly(arn));
    }
}
