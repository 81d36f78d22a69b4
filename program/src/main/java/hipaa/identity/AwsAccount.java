package hipaa.identity;

/**
 * Where the stack deploys: the values ARNs and service principals are built from.
 *
 * @param partition {@code aws} or {@code aws-us-gov}
 * @param region    e.g. {@code us-east-1}
 * @param accountId the 12-digit account id
 */
public record AwsAccount(String partition, String region, String accountId) {

    /** The account root principal: grants to it delegate the decision to IAM policies in this account. */
    public String root() {
        return "arn:" + partition + ":iam::" + accountId + ":root";
    }

    /** An ARN in this account and Region, e.g. {@code arn("logs", "log-group:/x:*")}. */
    public String arn(String service, String resource) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }

    /** A Regional service principal, e.g. {@code logs.us-east-1.amazonaws.com}. */
    public String regionalService(String service) {
        return service + "." + region + ".amazonaws.com";
    }
}
