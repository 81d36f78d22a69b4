package hipaa.settings;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.testing.FrontConfig;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front's configuration: off unless asked for, and when on, refused before any resource exists unless
 * it names a domain, a hosted zone and a certificate CloudFront can use.
 */
class FrontSettingsTest {

    static Arguments row(String key, String value, String expectedLine) {
        var m = FrontConfig.on();
        m.put(key, value);
        return Arguments.of(key + "=" + value, m, expectedLine);
    }

    static Stream<Arguments> rows() {
        var euCert = FrontConfig.CERT.replace("us-east-1", "eu-west-1");
        return Stream.of(
                row("hipaa:frontCertificateArn", euCert, "hipaa:frontCertificateArn: found \"" + euCert + "\"; a certificate in "
                        + "us-east-1: CloudFront reads viewer certificates only from us-east-1; request or import the certificate there"),
                row("hipaa:frontHostedZoneId", null, "hipaa:frontHostedZoneId: missing; required when hipaa:frontEnabled is true: "
                        + "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ"),
                row("hipaa:frontDomain", null, "hipaa:frontDomain: missing; required when hipaa:frontEnabled is true: "
                        + "a lowercase DNS name such as app.example.com"),
                row("hipaa:frontCertificateArn", null, "hipaa:frontCertificateArn: missing; required when hipaa:frontEnabled is true: "
                        + "an ACM certificate ARN, arn:aws:acm:us-east-1:<account>:certificate/<id>"),
                row("hipaa:frontViewerProtocolPolicy", "allow-all",
                        "hipaa:frontViewerProtocolPolicy: found \"allow-all\"; one of redirect-to-https, https-only"),
                row("hipaa:frontEnabled", "yes", "hipaa:frontEnabled: found \"yes\"; true or false"),
                // Behind the front the load balancer takes only CloudFront, on 443.
                row("hipaa:httpRedirect", "true", "hipaa:httpRedirect: found \"true\"; must be false with hipaa:frontEnabled: "
                        + "the load balancer then accepts only CloudFront, over HTTPS, and viewers are redirected to HTTPS by "
                        + "CloudFront (hipaa:frontViewerProtocolPolicy)"),
                row("hipaa:allowedClientCidrs", "[\"203.0.113.0/24\"]", "hipaa:allowedClientCidrs: found [\"203.0.113.0/24\"]; "
                        + "cannot be enforced with hipaa:frontEnabled: the load balancer then accepts only CloudFront's "
                        + "origin-facing servers and never sees a client's address; remove the key (viewers reach the app "
                        + "through the front's web ACL)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRejectedWithItsMessageBeforeAnyResource(String label, Map<String, String> overrides, String expectedLine) {
        var run = OfflineRun.run(Stacks.with("dev", overrides), false, App::stack);
        assertThat(run.result().exitCode()).isNotZero();
        assertThat(run.resources()).as("resources registered").isEmpty();
        var message = String.join("\n", run.result().errors());
        assertThat(message).startsWith("Stack 'dev' has 1 configuration problem; nothing was created.")
                .contains("\n  - " + expectedLine + "\n");
    }

    @Test
    void aCertificateOutsideUsEast1IsRefusedEvenWhileTheFrontIsOff() {
        var run = OfflineRun.run(Stacks.with("dev", Map.of("hipaa:frontCertificateArn", FrontConfig.CERT.replace("us-east-1", "us-west-2"))),
                false, App::stack);
        assertThat(run.resources()).isEmpty();
        assertThat(String.join("\n", run.result().errors())).contains("hipaa:frontCertificateArn: found \"" + FrontConfig.CERT.replace("us-east-1", "us-west-2"));
    }

    @Test
    void aCompleteFrontConfigurationIsAccepted() {
        var s = Stacks.settings(Stacks.with("dev", FrontConfig.on())).front();
        assertThat(s.enabled()).isTrue();
        assertThat(s.allAliases()).containsExactly("app.example.com");
        assertThat(s.apiDomain()).isEqualTo("api.app.example.com");
        assertThat(s.apiPathPattern()).isEqualTo("/api/*");
        assertThat(s.viewerProtocolPolicy()).isEqualTo("redirect-to-https");
        assertThat(s.defaultRootObject()).isEqualTo("index.html");
    }
}
