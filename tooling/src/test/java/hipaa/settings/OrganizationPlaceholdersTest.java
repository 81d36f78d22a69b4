package hipaa.settings;

import hipaa.offline.StackFiles;
import hipaa.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The example organization's id, accounts and my-org stack names are placeholders, warned about like AWS's example account. */
class OrganizationPlaceholdersTest {

    @Test
    void theExampleOrganizationsValuesInTheWorkloadStackFileArePlaceholders() {
        var config = StackFiles.load(Stacks.PROJECT, "org-prod");
        var found = Placeholders.find("org-prod", config.project(), k -> Optional.ofNullable(config.values().get("hipaa:" + k)),
                k -> Optional.ofNullable(config.values().get("aws:" + k)));
        assertThat(found).extracting(Placeholders.Placeholder::key).contains("hipaa:organizationId", "hipaa:managementAccountId",
                "hipaa:logArchiveAccountId", "hipaa:securityAccountId", "hipaa:workloadAccountId", "hipaa:logArchiveStack",
                "hipaa:securityStack");
        assertThat(Placeholders.why("o-a1b2c3d4e5")).contains("the example organization id of the organization stack files, "
                + "not your organization's (aws organizations describe-organization)");
        assertThat(Placeholders.why("my-org/hipaa/org-security")).contains("a stack of the example Pulumi organization my-org; "
                + "name your own (pulumi stack ls --all prints <organization>/<project>/<stack>)");
        assertThat(Placeholders.why("arn:aws:acm:us-east-1:444444444444:certificate/0b1c")).contains("it names 444444444444, an "
                + "example account id of the organization stack files, not an account of your organization (aws organizations list-accounts)");
        assertThat(Placeholders.why("o-k3j5h7g9f1")).isEmpty();
        assertThat(Placeholders.why("555555555555")).isEmpty();
    }
}
