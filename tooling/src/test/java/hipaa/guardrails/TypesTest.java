package hipaa.guardrails;

import com.pulumi.core.annotations.ResourceType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Type tokens are read from the pulumi-aws jar, never guessed. */
class TypesTest {

    static String resourceClassName(String token) {
        if (token.equals(Types.PROVIDER)) {
            return "com.pulumi.aws.Provider";
        }
        var args = Taggable.argsClassName(token);
        return args.substring(0, args.length() - "Args".length());
    }

    @Test
    void everyTokenTheRulesUseIsAResourceTypeInTheAwsJar() throws Exception {
        var tokens = new TreeSet<String>();
        for (var f : Types.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                tokens.add((String) f.get(null));
            }
        }
        GuardrailRules.ALL.forEach(r -> r.types().stream().filter(t -> !t.endsWith("*")).forEach(tokens::add));
        for (var token : tokens) {
            var cls = Class.forName(resourceClassName(token), false, getClass().getClassLoader());
            assertThat(cls.getAnnotation(ResourceType.class).type()).as(token).isEqualTo(token);
        }
    }

    @Test
    void taggableComesFromTheArgsClass() {
        assertThat(Taggable.supportsTags(Types.BUCKET_V2)).isTrue();
        assertThat(Taggable.supportsTags(Types.SG_INGRESS_RULE)).isTrue();
        assertThat(Taggable.supportsTags(Types.IAM_GROUP)).isFalse();
        assertThat(Taggable.supportsTags(Types.SECURITY_GROUP_RULE)).isFalse();
        assertThat(Taggable.supportsTags(Types.BUCKET_POLICY)).isFalse();
        assertThat(Taggable.supportsTags("aws:nosuch/thing:Thing")).isFalse();
        assertThat(Taggable.supportsTags("hipaa:network:VpcNetwork")).isFalse();
    }
}
