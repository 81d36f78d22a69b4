package hipaa.identity;

import hipaa.identity.PolicySimulator.Verdict;
import hipaa.offline.OfflineRun;
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
 * The security account's topic and key policies, as {@code Pulumi.org-security.yaml} registers them, put to the IAM
 * policy simulator ({@link PolicySimulator}): a workload account's EventBridge execution role (another account of
 * the organization) may publish and encrypt through SNS; a role outside the organization, an IAM user of the
 * organization, another account's EventBridge rule, and publishing without TLS may not. Cross-account questions:
 * the simulator needs both the caller's identity policy and the resource's policy to allow.
 * (In hipaa.identity because the simulator's runner lives here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTopicSimulationTest {

    static final String SECURITY = "333333333333";
    static final String WORKLOAD = "444444444444";
    static final String OUTSIDER = "999999999999";
    static final String ORGANIZATION = "o-a1b2c3d4e5";
    static final String TOPIC = "arn:aws:sns:us-east-1:" + SECURITY + ":hipaa-org-security-alerts";
    static final String ROLE = "arn:aws:iam::" + WORKLOAD + ":role/hipaa-org-prod-security-events";
    static final String SNS = "sns.us-east-1.amazonaws.com";

    private final Map<String, Object> documents = new LinkedHashMap<>();
    private final List<PolicySimulator.Question> questions = new ArrayList<>();
    private final Map<String, Verdict> expected = new LinkedHashMap<>();
    private Map<String, PolicySimulator.Answer> answers;
    private String keyArn;

    @BeforeAll
    void ask() {
        OfflineRun.Result run = Stacks.run("org-security");
        assertThat(run.succeeded()).as(run.failure()).isTrue();
        var key = run.named("aws:kms/key:Key", "security-alerts-key");
        keyArn = key.arn().orElseThrow();
        documents.put("topic", json(run.named("aws:sns/topicPolicy:TopicPolicy", "security-alerts-topic-policy").inputs().get("policy")));
        documents.put("key", json(key.inputs().get("policy")));
        // The execution role's own policy in its account, what the workload stack gives it: publish to the topic,
        // use the topic's key through SNS.
        documents.put("execution-role", Map.of("Version", "2012-10-17", "Statement", List.of(
                Map.of("Effect", "Allow", "Action", "sns:Publish", "Resource", TOPIC),
                Map.of("Effect", "Allow", "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"), "Resource", keyArn))));

        // Topic: sns:Publish.
        publish("org-role", ROLE, WORKLOAD, ORGANIZATION, true, Verdict.Allowed);
        publish("role-outside-organization", "arn:aws:iam::" + OUTSIDER + ":role/hipaa-org-prod-security-events", OUTSIDER,
                "o-zzzzzzzzzz", true, Verdict.ImplicitlyDenied);
        publish("org-user", "arn:aws:iam::" + WORKLOAD + ":user/someone", WORKLOAD, ORGANIZATION, true, Verdict.ImplicitlyDenied);
        publish("org-role-without-tls", ROLE, WORKLOAD, ORGANIZATION, false, Verdict.ExplicitlyDenied);
        service("this-accounts-findings-rule", SECURITY, "arn:aws:events:us-east-1:" + SECURITY + ":rule/hipaa-org-security-guardduty-findings",
                Verdict.Allowed);
        service("another-rule-of-this-account", SECURITY, "arn:aws:events:us-east-1:" + SECURITY + ":rule/something-else",
                Verdict.ImplicitlyDenied);
        service("another-accounts-rule", WORKLOAD, "arn:aws:events:us-east-1:" + WORKLOAD + ":rule/hipaa-org-security-guardduty-findings",
                Verdict.ImplicitlyDenied);
        // Key: what SNS asks KMS for under the publisher's identity.
        kms("org-role-through-sns", ROLE, WORKLOAD, ORGANIZATION, SNS, Verdict.Allowed);
        kms("org-role-directly", ROLE, WORKLOAD, ORGANIZATION, null, Verdict.ImplicitlyDenied);
        kms("role-outside-organization-through-sns", "arn:aws:iam::" + OUTSIDER + ":role/x", OUTSIDER, "o-zzzzzzzzzz", SNS,
                Verdict.ImplicitlyDenied);
        answers = PolicySimulator.ask(documents, questions);
    }

    private void publish(String id, String principal, String account, String org, boolean tls, Verdict expect) {
        var c = new LinkedHashMap<String, Object>();
        c.put("aws:PrincipalOrgID", org);
        c.put("aws:PrincipalArn", principal);
        c.put("aws:PrincipalAccount", account);
        c.put("aws:SecureTransport", Boolean.toString(tls));
        add(new PolicySimulator.Question("publish/" + id, principal, "sns:Publish", TOPIC, SECURITY, c,
                List.of("execution-role"), null, "topic", List.of("aws:PrincipalOrgID", "aws:SecureTransport")), expect);
    }

    private void service(String id, String sourceAccount, String sourceArn, Verdict expect) {
        var c = new LinkedHashMap<String, Object>();
        c.put("aws:SourceAccount", sourceAccount);
        c.put("aws:SourceArn", sourceArn);
        c.put("aws:SecureTransport", "true");
        add(new PolicySimulator.Question("publish/" + id, "events.amazonaws.com", "sns:Publish", TOPIC, SECURITY, c,
                List.of(), null, "topic", List.of("aws:SourceAccount", "aws:SourceArn")), expect);
    }

    private void kms(String id, String principal, String account, String org, String via, Verdict expect) {
        var c = new LinkedHashMap<String, Object>();
        c.put("aws:PrincipalOrgID", org);
        c.put("aws:PrincipalArn", principal);
        c.put("aws:PrincipalAccount", account);
        c.put("kms:CallerAccount", account);
        var explicit = new ArrayList<>(List.of("aws:PrincipalOrgID"));
        if (via != null) {
            c.put("kms:ViaService", via);
            explicit.add("kms:ViaService");
        }
        add(new PolicySimulator.Question("key/" + id, principal, "kms:GenerateDataKey", keyArn, SECURITY, c,
                List.of("execution-role"), null, "key", explicit), expect);
    }

    private void add(PolicySimulator.Question q, Verdict expect) {
        questions.add(q);
        expected.put(q.id(), expect);
    }

    private static Object json(Object policy) {
        return new com.google.gson.Gson().fromJson((String) policy, Map.class);
    }

    @Test
    void onlyTheOrganizationsRolesAndThisAccountsFindingsRulesPublish() {
        var actual = new LinkedHashMap<String, String>();
        answers.forEach((id, a) -> actual.put(id, a.verdict() + (a.errors().isEmpty() ? "" : " " + a.errors())));
        var want = new LinkedHashMap<String, String>();
        expected.forEach((id, v) -> want.put(id, v.name()));
        assertThat(actual).isEqualTo(want);
    }
}
