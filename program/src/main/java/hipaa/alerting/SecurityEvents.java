package hipaa.alerting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The security events that page a person: every metric filter pattern the program writes lives here,
 * next to the metric it feeds and the threshold that raises its alarm.
 *
 * <p>The set is the AWS HIPAA Quick Start's seven CloudTrail alarms plus the rest of the CIS AWS
 * Foundations Benchmark monitoring section (console sign-in without MFA, console authentication
 * failures, KMS key disabling or deletion, S3 bucket policy, AWS Config, route table, VPC and network
 * gateway changes), failed SSH logins on the bastion, and any use of the break-glass role. Each pattern
 * is proven by {@code SecurityEventsTest} against a sample event it must catch and a harmless one it
 * must ignore ({@code src/test/resources/hipaa/alerting/events}).
 *
 * <p>Every alarm counts events over {@link #PERIOD_SECONDS} with one evaluation period, as the Quick Start
 * and CIS do; thresholds are 1 except where a single event is routine (a mistyped password, a console
 * probing what a read-only user may see), where the count says "someone is trying".
 */
public final class SecurityEvents {
    private SecurityEvents() {}

    public static final int PERIOD_SECONDS = 300;

    /** Where an event's log lines come from. */
    public enum Source {
        /** The CloudTrail trail's CloudWatch Logs group (JSON records). */
        TRAIL,
        /** The bastion's SSH daemon log group (syslog text lines). */
        BASTION_SSH
    }

    /**
     * One watched event.
     *
     * @param id          stable identity: child names, alarm and filter names, sample file names
     * @param metricName  the CloudWatch metric the filter increments
     * @param pattern     the metric filter pattern
     * @param threshold   events per period that raise the alarm
     * @param source      which log group the filter reads
     * @param description what a person receiving the alarm should know
     */
    public record SecurityEvent(String id, String metricName, String pattern, int threshold, Source source,
                                String description) {
        private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{2,40}");

        public SecurityEvent {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("id: " + id);
            }
            Objects.requireNonNull(metricName);
            FilterPattern.parse(pattern);
            if (threshold < 1) {
                throw new IllegalArgumentException(id + ": threshold " + threshold);
            }
            Objects.requireNonNull(source);
            Objects.requireNonNull(description);
        }
    }

    // ------------------------------------------------------------ the Quick Start's seven (A4.1)

    /** CloudTrail configuration changes: anything on CloudTrail that is not a read. */
    public static final String CLOUDTRAIL_CHANGES = "{ ($.eventSource = cloudtrail.amazonaws.com) && ($.eventName != Describe*)"
            + " && ($.eventName != Get*) && ($.eventName != Lookup*) && ($.eventName != List*) }";

    public static final String NEW_ACCESS_KEY = "{ ($.eventName = CreateAccessKey) }";

    public static final String IAM_POLICY_CHANGES = "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy)"
            + " || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy)"
            + " || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy)"
            + " || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion)"
            + " || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy)"
            + " || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }";

    /** Root activity, except what AWS services do on the root's behalf. */
    public static final String ROOT_ACTIVITY = "{ ($.userIdentity.type = \"Root\") && ($.userIdentity.invokedBy NOT EXISTS)"
            + " && ($.eventType != \"AwsServiceEvent\") }";

    public static final String NETWORK_ACL_CHANGES = "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry)"
            + " || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry)"
            + " || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }";

    public static final String SECURITY_GROUP_CHANGES = "{ ($.eventName = AuthorizeSecurityGroupIngress)"
            + " || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress)"
            + " || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup)"
            + " || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) }";

    /**
     * Unauthorized API calls (CIS 4.1): log delivery probing its own bucket and S3 HeadBucket existence
     * checks are excluded because they fail routinely without anyone trying anything.
     */
    public static final String UNAUTHORIZED_API_CALLS = "{ (($.errorCode = \"*UnauthorizedOperation\")"
            + " || ($.errorCode = \"AccessDenied*\")) && ($.sourceIPAddress != \"delivery.logs.amazonaws.com\")"
            + " && ($.eventName != \"HeadBucket\") }";

    /** Failed console logins (the seeds' addition to the seven; CIS 4.6, console authentication failures). */
    public static final String CONSOLE_AUTHENTICATION_FAILURES = "{ ($.eventName = ConsoleLogin)"
            + " && ($.errorMessage = \"Failed authentication\") }";

    // ------------------------------------------------------------ the rest of the CIS monitoring set

    /** Successful IAM-user console sign-in without MFA (CIS 4.2); federated sign-ins carry MFA at the IdP. */
    public static final String CONSOLE_SIGN_IN_WITHOUT_MFA = "{ ($.eventName = \"ConsoleLogin\")"
            + " && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\")"
            + " && ($.responseElements.ConsoleLogin = \"Success\") }";

    public static final String KMS_KEY_DISABLED_OR_DELETED = "{ ($.eventSource = kms.amazonaws.com)"
            + " && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }";

    public static final String S3_BUCKET_POLICY_CHANGES = "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl)"
            + " || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle)"
            + " || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors)"
            + " || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }";

    public static final String CONFIG_CHANGES = "{ ($.eventSource = config.amazonaws.com)"
            + " && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel)"
            + " || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }";

    public static final String ROUTE_TABLE_CHANGES = "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute)"
            + " || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation)"
            + " || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }";

    public static final String VPC_CHANGES = "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc)"
            + " || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection)"
            + " || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection)"
            + " || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc)"
            + " || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink)"
            + " || ($.eventName = EnableVpcClassicLink) }";

    public static final String NETWORK_GATEWAY_CHANGES = "{ ($.eventName = CreateCustomerGateway)"
            + " || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway)"
            + " || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway)"
            + " || ($.eventName = DetachInternetGateway) }";

    // ------------------------------------------------------------ this program's additions

    /** sshd's lines for a wrong password or an unknown user name (syslog text, not JSON). */
    public static final String FAILED_SSH_LOGINS = "?\"Failed password\" ?\"Invalid user\"";

    /**
     * Any use of the break-glass role: assuming it, or any call made with its session. It is the one way
     * around the evidence-protection deny, so every use is news.
     */
    public static String breakGlassUse(String roleArn) {
        if (!roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@-]+")) {
            throw new IllegalArgumentException("breakGlassRoleArn: not a role ARN: " + roleArn);
        }
        return "{ (($.eventSource = sts.amazonaws.com) && ($.eventName = AssumeRole) && ($.requestParameters.roleArn = \""
                + roleArn + "\")) || ($.userIdentity.sessionContext.sessionIssuer.arn = \"" + roleArn + "\") }";
    }

    /** The trail events, in a fixed order (dashboards list alarms in this order). */
    public static List<SecurityEvent> trail(java.util.Optional<String> breakGlassRoleArn) {
        var out = new ArrayList<>(List.of(
                new SecurityEvent("cloudtrail-changes", "CloudTrailChangeCount", CLOUDTRAIL_CHANGES, 1, Source.TRAIL,
                        "CloudTrail configuration changed: check that the trail still logs every Region to the archive."),
                new SecurityEvent("new-access-key", "NewAccessKeyCreated", NEW_ACCESS_KEY, 1, Source.TRAIL,
                        "An IAM access key was created: people sign in with MFA, so long-lived keys need a reason."),
                new SecurityEvent("iam-policy-changes", "IAMPolicyEventCount", IAM_POLICY_CHANGES, 1, Source.TRAIL,
                        "An IAM policy was created, changed, attached or detached."),
                new SecurityEvent("root-activity", "RootUserEventCount", ROOT_ACTIVITY, 1, Source.TRAIL,
                        "The root user did something: root is for the few tasks only root can do."),
                new SecurityEvent("network-acl-changes", "NetworkAclEventCount", NETWORK_ACL_CHANGES, 1, Source.TRAIL,
                        "A network ACL or one of its entries changed."),
                new SecurityEvent("security-group-changes", "SecurityGroupEventCount", SECURITY_GROUP_CHANGES, 1, Source.TRAIL,
                        "A security group or one of its rules changed."),
                new SecurityEvent("unauthorized-api-calls", "UnauthorizedAttemptCount", UNAUTHORIZED_API_CALLS, 5, Source.TRAIL,
                        "Five or more API calls were denied in five minutes: someone is probing, or a role lost a permission."),
                new SecurityEvent("console-authentication-failures", "ConsoleLoginFailureCount", CONSOLE_AUTHENTICATION_FAILURES,
                        3, Source.TRAIL, "Three or more failed console sign-ins in five minutes: a password is being guessed."),
                new SecurityEvent("console-sign-in-without-mfa", "ConsoleSignInWithoutMfaCount", CONSOLE_SIGN_IN_WITHOUT_MFA,
                        1, Source.TRAIL, "An IAM user signed in to the console without MFA."),
                new SecurityEvent("kms-key-disabled-or-deleted", "KmsKeyDisableOrDeletionCount", KMS_KEY_DISABLED_OR_DELETED,
                        1, Source.TRAIL, "A KMS key was disabled or scheduled for deletion: data it protects becomes unreadable."),
                new SecurityEvent("s3-bucket-policy-changes", "S3BucketPolicyEventCount", S3_BUCKET_POLICY_CHANGES, 1, Source.TRAIL,
                        "An S3 bucket's policy, ACL, CORS, lifecycle or replication changed."),
                new SecurityEvent("config-changes", "ConfigEventCount", CONFIG_CHANGES, 1, Source.TRAIL,
                        "AWS Config recording or delivery changed: compliance history may have a gap."),
                new SecurityEvent("route-table-changes", "RouteTableEventCount", ROUTE_TABLE_CHANGES, 1, Source.TRAIL,
                        "A route or route table changed."),
                new SecurityEvent("vpc-changes", "VpcEventCount", VPC_CHANGES, 1, Source.TRAIL,
                        "A VPC, its attributes or a peering connection changed."),
                new SecurityEvent("network-gateway-changes", "NetworkGatewayEventCount", NETWORK_GATEWAY_CHANGES, 1, Source.TRAIL,
                        "An internet or customer gateway was created, attached, detached or deleted.")));
        breakGlassRoleArn.ifPresent(arn -> out.add(new SecurityEvent("break-glass-used", "BreakGlassRoleUseCount",
                breakGlassUse(arn), 1, Source.TRAIL,
                "The break-glass role was assumed or used: confirm the change ticket and review every call it made.")));
        return List.copyOf(out);
    }

    /** Failed SSH logins on the bastion: five in five minutes is guessing, not a typo. */
    public static final SecurityEvent BASTION_SSH_FAILURES = new SecurityEvent("bastion-ssh-failures", "BastionSshFailureCount",
            FAILED_SSH_LOGINS, 5, Source.BASTION_SSH,
            "Five or more failed SSH logins on the bastion in five minutes: someone is guessing credentials.");
}
