package hipaa.plan;

import com.pulumi.core.annotations.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type token the price rules and the diagram roles name is a real resource of the aws provider this
 * project builds with: a misspelt token would silently never match, and its resources would be unpriced or
 * undrawn.
 */
class TypeTokensTest {

    /** {@code aws:ec2/vpc:Vpc} is {@code com.pulumi.aws.ec2.Vpc} carrying {@code @ResourceType(type="aws:ec2/vpc:Vpc")}. */
    static boolean isAwsResource(String token) {
        var module = token.substring(4, token.indexOf('/'));
        var kind = token.substring(token.lastIndexOf(':') + 1);
        try {
            var cls = Class.forName("com.pulumi.aws." + module + "." + kind, false, TypeTokensTest.class.getClassLoader());
            var annotation = cls.getAnnotation(ResourceType.class);
            return annotation != null && annotation.type().equals(token);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void pricingRulesAndDiagramRolesNameOnlyRealAwsTypes() {
        var tokens = new TreeSet<String>();
        tokens.addAll(StackPlanFixtures.PRICES.rules().keySet());
        tokens.addAll(Topology.ROLES.keySet());
        var unknown = new ArrayList<String>();
        for (var t : tokens) {
            if (!isAwsResource(t)) {
                unknown.add(t);
            }
        }
        assertThat(unknown).isEmpty();
        assertThat(tokens).hasSizeGreaterThan(100);
    }

    @Test
    void theCheckItselfRejectsAMisspeltOrWrongModuleToken() {
        assertThat(isAwsResource("aws:ec2/vpc:Vpc")).isTrue();
        for (var bad : Set.of("aws:ec2/vpcs:Vpc", "aws:vpc/vpc:Vpc", "aws:ec2/vpc:VPC", "aws:rds/dbInstance:Instance")) {
            assertThat(isAwsResource(bad)).as(bad).isFalse();
        }
    }
}
