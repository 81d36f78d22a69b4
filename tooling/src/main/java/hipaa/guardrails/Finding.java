package hipaa.guardrails;

/**
 * One rule's outcome for one subject. The subject is a resource (logical name and type token) or,
 * for account-level rules, the whole stack ({@link #STACK}, empty type).
 */
public record Finding(String ruleId, String name, String type, Outcome outcome) {

    /** Subject name of findings about the stack as a whole (exemptions name it as the resource). */
    public static final String STACK = "stack";

    public String label() {
        return type.isEmpty() ? name : name + " (" + type + ")";
    }
}
