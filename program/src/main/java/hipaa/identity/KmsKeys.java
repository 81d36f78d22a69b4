package hipaa.identity;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The project's customer managed KMS keys, one per purpose so a key's policy names only the services
 * that need it and disabling one does not take the others down.
 *
 * <p>Children: keys {@code <name>-logs}, {@code <name>-data}, {@code <name>-secrets}, each with an alias
 * {@code <name>-<purpose>-alias} ({@code alias/<namePrefix>-<purpose>}). Fixed posture: symmetric,
 * yearly rotation on, 30-day deletion window. Supports 164.312(a)(2)(iv) and 164.312(e)(2)(ii).
 */
public final class KmsKeys extends ComponentResource {

    public static final String TYPE = "hipaa:identity:KmsKeys";
    public static final int DELETION_WINDOW_DAYS = 30;

    /**
     * @param naming  the account (the keys' policies name it) and the name prefix (aliases are unique per
     *                account and Region)
     * @param protect keep the keys through {@code pulumi destroy} and replacements (stateful: losing a key loses the data)
     */
    public record Args(Naming naming, boolean protect) {}

    public final Output<String> logsKeyArn;
    public final Output<String> dataKeyArn;
    public final Output<String> secretsKeyArn;
    /** The three keys, as components receive them. */
    public final Keys keys;

    public KmsKeys(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var logs = key(name, "logs", "CloudWatch Logs: flow logs, audit and application log groups",
                KeyPolicies.logs(args.naming().account(), args.naming().account().arn("cloudtrail", "trail/" + EvidenceNames.trailName(args.naming().namePrefix()))), args);
        var data = key(name, "data", "Data at rest: databases, volumes, backups", KeyPolicies.data(args.naming().account(), args.naming().namePrefix()), args);
        var secrets = key(name, "secrets", "Secrets Manager secrets and SSM SecureStrings",
                KeyPolicies.secrets(args.naming().account()), args);
        this.logsKeyArn = logs.arn();
        this.dataKeyArn = data.arn();
        this.secretsKeyArn = secrets.arn();
        this.keys = new Keys(logsKeyArn, dataKeyArn, secretsKeyArn);
        registerOutputs(Map.of("logsKeyArn", logsKeyArn, "dataKeyArn", dataKeyArn, "secretsKeyArn", secretsKeyArn));
    }

    private Key key(String name, String purpose, String description, PolicyDocument policy, Args args) {
        var opts = CustomResourceOptions.builder().parent(this).protect(args.protect()).build();
        var key = new Key(name + "-" + purpose, KeyArgs.builder()
                .description(args.naming().namePrefix() + " " + purpose + " key. " + description)
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(DELETION_WINDOW_DAYS)
                .policy(policy.toJson())
                .tags(Map.of("Name", args.naming().namePrefix() + "-" + purpose, "Purpose", purpose))
                .build(), opts);
        alias(name + "-" + purpose + "-alias", args.naming().namePrefix() + "-" + purpose, key.keyId(), this);
        return key;
    }

    /**
     * The alias {@code alias/<aliasName>} of a key, as a child of {@code parent}. Every key of the stack needs
     * one under the stack's prefix: key ARNs carry no name, so the guards find the stack's keys by alias
     * ({@code kms:ResourceAliases}, {@link EvidenceNames.Names#keyAliasPattern()}). Keys made outside this
     * component (the alert key, the static content key) call this too.
     */
    public static Alias alias(String name, String aliasName, Output<String> keyId, com.pulumi.resources.Resource parent) {
        return new Alias(name, AliasArgs.builder()
                .name("alias/" + aliasName)
                .targetKeyId(keyId)
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }
}
