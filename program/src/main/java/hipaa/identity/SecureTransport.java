package hipaa.identity;

import hipaa.identity.PolicyDocument.Statement;

import java.util.List;

/**
 * The resource-policy statements that refuse requests not made over TLS, written once for every bucket
 * and topic that carries them.
 *
 * <p>{@code aws:SecureTransport} is false for a plain-HTTP request (IAM User Guide, "AWS global condition
 * context keys"); {@code s3:TlsVersion} is S3's own key for the negotiated TLS version (Amazon S3 User
 * Guide, "Protecting data in transit with encryption"; AWS re:Post, "How can I enforce TLS 1.2 or later
 * for my Amazon S3 buckets?"). Both deny everyone ({@code Principal: *}), AWS services included.
 */
public final class SecureTransport {
    private SecureTransport() {}

    /** Deny {@code actions} on {@code resources} to any request made without TLS. */
    public static Statement denyWithoutTls(String sid, List<String> actions, String... resources) {
        return Statement.deny(sid).principal("*", "*")
                .actions(actions.toArray(String[]::new))
                .resources(resources)
                .condition("Bool", "aws:SecureTransport", "false");
    }

    /** Deny every S3 action on {@code resources} to a request that negotiated a TLS version below 1.2. */
    public static Statement denyS3TlsBelow12(String sid, String... resources) {
        return Statement.deny(sid).principal("*", "*")
                .actions("s3:*")
                .resources(resources)
                .condition("NumericLessThan", "s3:TlsVersion", "1.2");
    }
}
