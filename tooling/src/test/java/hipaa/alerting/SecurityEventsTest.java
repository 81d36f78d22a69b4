package hipaa.alerting;

import hipaa.alerting.SecurityEvents.SecurityEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every security alarm's filter pattern against sample log events: each catches the event it exists for
 * and ignores a harmless neighbour (same service, a read). Samples live in
 * {@code src/test/resources/hipaa/alerting/events} as {@code <id>.match*.json|log} and
 * {@code <id>.ignore*.json|log}.
 */
class SecurityEventsTest {

    static final String BREAK_GLASS = "arn:aws:iam::123456789012:role/hipaa-prod-break-glass";

    static List<SecurityEvent> all() {
        var out = new ArrayList<>(SecurityEvents.trail(Optional.of(BREAK_GLASS)));
        out.add(SecurityEvents.BASTION_SSH_FAILURES);
        return out;
    }

    static Stream<SecurityEvent> events() {
        return all().stream();
    }

    private static Path samples() {
        try {
            return Path.of(SecurityEventsTest.class.getResource("/hipaa/alerting/events").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> samples(String id, String kind) throws IOException {
        try (var files = Files.list(samples())) {
            return files.filter(p -> p.getFileName().toString().startsWith(id + "." + kind)).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void catchesItsEventAndIgnoresAHarmlessOne(SecurityEvent event) throws IOException {
        var pattern = FilterPattern.parse(event.pattern());
        var matches = samples(event.id(), "match");
        var ignores = samples(event.id(), "ignore");
        assertThat(matches).as("samples the pattern must catch").isNotEmpty();
        assertThat(ignores).as("samples the pattern must ignore").isNotEmpty();
        for (var p : matches) {
            assertThat(pattern.matches(Files.readString(p))).as(p.getFileName() + " must match " + event.pattern()).isTrue();
        }
        for (var p : ignores) {
            assertThat(pattern.matches(Files.readString(p))).as(p.getFileName() + " must not match " + event.pattern()).isFalse();
        }
    }

    @Test
    void everySampleBelongsToAnEvent() throws IOException {
        var ids = all().stream().map(SecurityEvent::id).toList();
        try (var files = Files.list(samples())) {
            var orphans = files.map(p -> p.getFileName().toString())
                    .filter(f -> ids.stream().noneMatch(id -> f.startsWith(id + ".match") || f.startsWith(id + ".ignore")))
                    .toList();
            assertThat(orphans).isEmpty();
        }
    }

    @Test
    void theSetIsTheQuickStartsSevenPlusTheCisMonitoringSet() {
        assertThat(SecurityEvents.trail(Optional.empty())).extracting(SecurityEvent::id).containsExactly(
                "cloudtrail-changes", "new-access-key", "iam-policy-changes", "root-activity", "network-acl-changes",
                "security-group-changes", "unauthorized-api-calls", "console-authentication-failures",
                "console-sign-in-without-mfa", "kms-key-disabled-or-deleted", "s3-bucket-policy-changes", "config-changes",
                "route-table-changes", "vpc-changes", "network-gateway-changes");
        assertThat(SecurityEvents.trail(Optional.of(BREAK_GLASS))).extracting(SecurityEvent::id).last().isEqualTo("break-glass-used");
    }

    @Test
    void thresholdsAreOneExceptWhereASingleEventIsRoutine() {
        assertThat(all()).filteredOn(e -> e.threshold() != 1)
                .extracting(SecurityEvent::id, SecurityEvent::threshold)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unauthorized-api-calls", 5),
                        org.assertj.core.groups.Tuple.tuple("console-authentication-failures", 3),
                        org.assertj.core.groups.Tuple.tuple("bastion-ssh-failures", 5));
    }

    @Test
    void theBreakGlassPatternNamesOnlyTheRoleItIsGiven() {
        var other = FilterPattern.parse(SecurityEvents.breakGlassUse("arn:aws:iam::123456789012:role/hipaa-dev-break-glass"));
        assertThat(other.matches(read("break-glass-used.match.json"))).isFalse();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SecurityEvents.breakGlassUse("hipaa-prod-break-glass")))
                .hasMessage("breakGlassRoleArn: not a role ARN: hipaa-prod-break-glass");
    }

    private static String read(String name) {
        try {
            return Files.readString(samples().resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
