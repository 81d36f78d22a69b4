package hipaa.identity;

import com.pulumi.core.Output;

import java.util.Objects;

/**
 * The stack's customer managed keys by purpose ({@link KmsKeys}), as components receive them.
 *
 * @param logsKeyArn    CloudWatch Logs: flow logs, audit and application log groups
 * @param dataKeyArn    data at rest: databases, volumes, backups
 * @param secretsKeyArn Secrets Manager secrets and SSM SecureStrings
 */
public record Keys(Output<String> logsKeyArn, Output<String> dataKeyArn, Output<String> secretsKeyArn) {
    public Keys {
        Objects.requireNonNull(logsKeyArn, "logsKeyArn");
        Objects.requireNonNull(dataKeyArn, "dataKeyArn");
        Objects.requireNonNull(secretsKeyArn, "secretsKeyArn");
    }
}
