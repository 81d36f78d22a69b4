package hipaa.audit;

import java.util.Locale;

/**
 * S3 Object Lock retention modes.
 *
 * <p>{@link #COMPLIANCE}: nobody, the account root included, can delete or overwrite a locked object
 * version or shorten its retention until it expires. {@link #GOVERNANCE}: principals granted
 * {@code s3:BypassGovernanceRetention} can, which lets a non-production stack clean up synthetic data.
 */
public enum ObjectLockMode {
    GOVERNANCE, COMPLIANCE;

    /** The value S3 takes ({@code GOVERNANCE}, {@code COMPLIANCE}). */
    public String s3Value() {
        return name();
    }

    /** The value stack files use ({@code governance}, {@code compliance}). */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ObjectLockMode fromConfig(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
