package hipaa.settings;

import com.pulumi.exceptions.RunException;

import java.util.List;

/**
 * The stack's configuration cannot be used. Thrown before any resource is registered.
 *
 * <p>It extends {@link RunException} because the Java SDK prints only the message of a
 * {@code RunException}, never its stack trace: the user sees the list of problems and nothing else.
 */
public final class SettingsException extends RunException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public SettingsException(String stack, List<Problem> problems) {
        super(render(stack, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    static String render(String stack, List<Problem> problems) {
        var out = new StringBuilder();
        out.append("Stack '").append(stack).append("' has ").append(problems.size())
                .append(problems.size() == 1 ? " configuration problem" : " configuration problems")
                .append("; nothing was created.\n");
        for (var p : problems) {
            out.append("  - ").append(p.render()).append('\n');
        }
        out.append("Fix them in Pulumi.").append(stack).append(".yaml, or with `pulumi config set <key> <value> --stack ")
                .append(stack).append("`; docs/CONFIG.md lists every key.");
        return out.toString();
    }
}
