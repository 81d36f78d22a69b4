package hipaa.guardrails;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * HIPAA Security Rule citations, grouped the way cdk-nag's HIPAA Security pack and the AWS
 * "Operational Best Practices for HIPAA Security" conformance pack map them.
 */
public final class Hipaa {
    private Hipaa() {}

    /** Encryption and decryption of ePHI at rest. */
    public static final List<String> AT_REST = List.of("164.312(a)(2)(iv)", "164.312(e)(2)(ii)");
    /** Encryption of ePHI while it moves over a network. */
    public static final List<String> IN_TRANSIT =
            List.of("164.312(a)(2)(iv)", "164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)");
    /** Audit controls and information system activity review. */
    public static final List<String> AUDIT = List.of("164.312(b)", "164.308(a)(1)(ii)(D)");
    /** Access control: unique access paths, workforce authorization, least privilege. */
    public static final List<String> ACCESS = List.of("164.312(a)(1)", "164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)");
    /** Access control that is about network reachability as well. */
    public static final List<String> NETWORK_ACCESS = List.of(
            "164.312(a)(1)", "164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(e)(1)");
    /** Integrity of ePHI and mechanisms to authenticate it. */
    public static final List<String> INTEGRITY = List.of("164.312(c)(1)", "164.312(c)(2)");
    /** Contingency plan: data backup plan and disaster recovery. */
    public static final List<String> BACKUP = List.of("164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)");
    /** Contingency plan: emergency mode operation (availability). */
    public static final List<String> AVAILABILITY = List.of("164.308(a)(7)(i)", "164.308(a)(7)(ii)(C)");
    /** Person or entity authentication. */
    public static final List<String> AUTHENTICATION = List.of("164.312(d)");
    /** Security reminders: patching and updates. */
    public static final List<String> PATCHING = List.of("164.308(a)(5)(ii)(A)");
    /** Protection from malicious software. */
    public static final List<String> MALWARE = List.of("164.308(a)(5)(ii)(B)", "164.308(a)(1)(ii)(B)");
    /** Password management and log-in monitoring. */
    public static final List<String> PASSWORDS = List.of("164.308(a)(5)(ii)(D)", "164.308(a)(5)(ii)(C)", "164.312(d)");
    /** Security incident procedures: detect and respond. */
    public static final List<String> INCIDENT = List.of("164.308(a)(6)(ii)", "164.308(a)(1)(ii)(D)");
    /** Risk analysis needs an inventory; device and media accountability. */
    public static final List<String> INVENTORY = List.of("164.308(a)(1)(ii)(A)", "164.310(d)(2)(iii)");
    /** Key rotation limits how much a compromised key exposes. */
    public static final List<String> KEY_MANAGEMENT = List.of("164.312(a)(2)(iv)", "164.312(e)(2)(ii)");
    /** Credential rotation for system access. */
    public static final List<String> CREDENTIAL_ROTATION = List.of("164.308(a)(4)(ii)(B)");

    @SafeVarargs
    static List<String> all(List<String>... groups) {
        var merged = new LinkedHashSet<String>();
        for (var group : groups) {
            merged.addAll(group);
        }
        return List.copyOf(merged);
    }
}
