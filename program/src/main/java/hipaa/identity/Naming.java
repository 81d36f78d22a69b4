package hipaa.identity;

import java.util.Objects;

/**
 * How the stack names what it creates. Every physical name (a bucket, a log group, an alias, an alarm)
 * starts with {@code namePrefix}, so several stacks can share one account; ARNs and service principals
 * name the account and Region.
 *
 * @param namePrefix {@code <project>-<stack>}, e.g. {@code hipaa-prod}
 * @param account    where the stack deploys
 */
public record Naming(String namePrefix, AwsAccount account) {
    public Naming {
        Objects.requireNonNull(namePrefix, "namePrefix");
        Objects.requireNonNull(account, "account");
    }
}
