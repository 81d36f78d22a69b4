package hipaa.guardrails;

import java.util.Objects;

/**
 * What one rule concluded about one resource. A failure's reason names the property and the
 * value found ({@code storageEncrypted is false}), so a report line can be acted on alone.
 */
public record Outcome(Status status, String reason) {

    public enum Status { PASS, FAIL, NOT_APPLICABLE }

    public Outcome {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }

    public static Outcome pass() {
        return new Outcome(Status.PASS, "");
    }

    public static Outcome pass(String reason) {
        return new Outcome(Status.PASS, reason);
    }

    public static Outcome fail(String reason) {
        return new Outcome(Status.FAIL, reason);
    }

    public static Outcome notApplicable(String reason) {
        return new Outcome(Status.NOT_APPLICABLE, reason);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    public boolean passed() {
        return status == Status.PASS;
    }
}
