package hipaa.access;

import com.pulumi.core.Output;
import hipaa.identity.PolicyDocument.Statement;

import java.util.Objects;
import java.util.Optional;

/**
 * Where Session Manager writes the transcripts of sessions on this stack's instances, and which key
 * encrypts their data, as the instance roles must be told.
 *
 * <p>Session Manager preferences are one document per account and Region, so one stack owns them
 * ({@link SessionManagerPreferences}); the others point at its log group and at its logs key by alias.
 *
 * @param logGroupName the session log group
 * @param keyResource  the KMS key ARN, or {@code arn:...:key/*} when the key is another stack's
 * @param keyAlias     when the key is another stack's, the alias that singles it out ({@code alias/hipaa-prod-logs})
 */
public record SessionLogging(String logGroupName, Output<String> keyResource, Optional<String> keyAlias) {
    public SessionLogging {
        Objects.requireNonNull(logGroupName);
        Objects.requireNonNull(keyResource);
        Objects.requireNonNull(keyAlias);
    }

    /**
     * The statement every instance role that Session Manager uses must hold, whatever else the role may do: the
     * preferences encrypt session data with this key and the agent on the instance decrypts it, so a role
     * without {@code kms:Decrypt} here cannot open a session (Session Manager guide, "Step 2: Verify or add
     * instance permissions for Session Manager": with KMS encryption the instance profile needs kms:Decrypt).
     */
    public Output<Statement> decryptSessionData() {
        return keyResource.applyValue(key -> decryptSessionData(key, keyAlias));
    }

    /** {@link #decryptSessionData()} for a key ARN already known. */
    public static Statement decryptSessionData(String keyResource, Optional<String> keyAlias) {
        var decrypt = Statement.allow("DecryptSessionData").actions("kms:Decrypt").resources(keyResource);
        return keyAlias.map(a -> decrypt.condition("ForAnyValue:StringEquals", "kms:ResourceAliases", a)).orElse(decrypt);
    }

    /** The log group every stack of {@code project} named {@code ownerStack} writes session transcripts to. */
    public static String logGroupName(String project, String ownerStack) {
        return "/" + project + "-" + ownerStack + "/access/ssm-sessions";
    }
}
