package hipaa.organization;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/ORGANIZATION.md tabulates every SCP statement with the HIPAA sections the code says it serves, and no other. */
class OrganizationDocTest {

    @Test
    void theScpTableIsTheStatementsOfTheGuard() throws IOException {
        var doc = Files.readString(Path.of("docs/ORGANIZATION.md"));
        var guards = ServiceControlPolicies.statements(new ServiceControlPolicies.Scope("aws", "hipaa", List.of("us-east-1")));
        var rows = doc.lines().filter(l -> l.startsWith("| evidence |") || l.startsWith("| account |")).toList();
        assertThat(rows).hasSameSizeAs(guards);
        for (var g : guards) {
            assertThat(rows).as(g.statement().sid()).anySatisfy(row -> assertThat(row)
                    .startsWith("| " + g.policy() + " | " + g.statement().sid() + " |")
                    .endsWith("| " + g.hipaa() + " |"));
        }
    }
}
