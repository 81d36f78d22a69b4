package hipaa.identity;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Policies;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/IDENTITY.md says what the stacks do: its guard table and its review of AWS managed policies. */
class IdentityDocTest {

    static final Path DOC = Path.of("docs/IDENTITY.md");

    /** The rows of the markdown table that follows {@code heading}, as cells. */
    static List<List<String>> table(String heading) throws IOException {
        var lines = Files.readAllLines(DOC);
        var rows = new ArrayList<List<String>>();
        int i = lines.indexOf(heading);
        assertThat(i).as("heading " + heading).isNotNegative();
        while (++i < lines.size() && !lines.get(i).startsWith("| ")) {
            // text before the table
        }
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(Arrays.stream(lines.get(i).split("\\|")).skip(1).map(String::strip).toList());
        }
        return rows;
    }

    private static String code(String cell) {
        var m = Pattern.compile("`([^`]+)`").matcher(cell);
        return m.find() ? m.group(1) : cell;
    }

    @Test
    void theGuardTableListsEveryDenyOfTheEvidenceProtectionAndNoOther() throws IOException {
        var run = Stacks.run("prod");
        var doc = run.ofType("aws:iam/policy:Policy").stream().filter(p -> "hipaa-prod-evidence-protection".equals(p.inputs().get("name")))
                .findFirst().orElseThrow().string("policy").orElseThrow();
        var sids = Policies.statements(doc).stream().map(s -> s.sid().substring("Deny".length())).toList();
        assertThat(table("## The guards").stream().map(r -> code(r.get(0))).toList()).containsExactlyElementsOf(sids);
    }

    @Test
    void theReviewedManagedPoliciesAreExactlyThoseOnWorkloadAndServiceRolesWithTheirWritesOnEveryResource() throws IOException {
        // Every AWS managed policy any stack attaches to a role other than break-glass (a person's role).
        var front = OfflineRun.run(EvidenceSimulationTest.prodWithFront(), false, App::stack);
        var runs = new ArrayList<OfflineRun.Result>();
        Stacks.names().forEach(s -> runs.add(Stacks.run(s)));
        runs.add(front);
        // Neither real stack runs the EC2 app group by default: the fixture that does brings its instance role.
        runs.add(hipaa.testing.AppStacks.run(hipaa.testing.AppStacks.BOTH_WORKLOADS));
        var attached = new TreeMap<String, String>();
        for (var run : runs) {
            for (RecordedResource a : run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
                var arn = (String) a.inputs().get("policyArn");
                var role = ((String) a.inputs().get("role")).replaceFirst("^hipaa-(dev|prod)-", "<prefix>-");
                if (arn.startsWith("arn:aws:iam::aws:policy/") && !role.equals("<prefix>-break-glass")) {
                    attached.put(arn.substring(arn.lastIndexOf('/') + 1), role);
                }
            }
        }
        var rows = table("## Workload and service roles");
        var documented = new LinkedHashMap<String, String>();
        rows.forEach(r -> documented.put(code(r.get(0)), code(r.get(1))));
        assertThat(documented).isEqualTo(attached);
        assertThat(attached).doesNotContainKey("CloudWatchAgentServerPolicy");

        var arns = new LinkedHashMap<String, String>();
        for (var run : runs) {
            run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream().map(a -> (String) a.inputs().get("policyArn"))
                    .filter(a -> attached.containsKey(a.substring(a.lastIndexOf('/') + 1))).forEach(a -> arns.put(a.substring(a.lastIndexOf('/') + 1), a));
        }
        var writes = PolicySimulator.writesOnEveryResource(List.copyOf(arns.values()));
        for (var r : rows) {
            var listed = Pattern.compile("`([^`]+)`").matcher(r.get(2)).results().map(m -> m.group(1)).toList();
            assertThat(listed).as(r.get(0) + " writes on *").isEqualTo(writes.get(arns.get(code(r.get(0)))));
            assertThat(r.get(3)).as(r.get(0) + " reason").isNotBlank();
        }
    }
}
