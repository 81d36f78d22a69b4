package hipaa.access;

import hipaa.identity.AwsAccount;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IAM statements of the access hosts' instance roles, as pure data.
 *
 * <p>Rather than the AWS managed policies (AmazonSSMManagedInstanceCore grants every SSM agent feature,
 * CloudWatchAgentServerPolicy lets the agent create and write any log group), each role gets the
 * statements AWS documents as the minimum for Session Manager with logging, plus writes to its own log
 * groups. {@code *} appears only where the action has no resource-level permissions; each such
 * statement says so.
 */
final class InstancePolicies {
    private InstancePolicies() {}

    static final String[] SESSION_CHANNEL_ACTIONS = {"ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"};
    static final String[] LOG_WRITE_ACTIONS = {"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"};

    /**
     * Only EC2 instances may assume an instance role: the trust AWS documents for it ("IAM roles for Amazon EC2",
     * Amazon EC2 User Guide), with no source conditions, since EC2 sends none when an instance takes its role.
     */
    static PolicyDocument trust() {
        return PolicyDocument.of(Statement.assumeRole("Ec2InstancesOnly", "Service", "ec2.amazonaws.com"));
    }

    /**
     * Session Manager with transcripts streamed to CloudWatch Logs and session data encrypted with KMS.
     *
     * @param keyResource the session key ARN, or {@code arn:...:key/*} narrowed by {@code keyAlias}
     */
    static List<Statement> sessionManager(AwsAccount account, String sessionLogGroup, String keyResource,
                                          Optional<String> keyAlias) {
        var out = new ArrayList<Statement>();
        // AWS requires "*": these ssm/ssmmessages actions have no resource-level permissions.
        out.add(Statement.allow("SessionManagerChannels").actions(SESSION_CHANNEL_ACTIONS).resources("*"));
        out.add(writeLogs("SessionTranscripts", account, sessionLogGroup));
        // AWS requires "*": DescribeLogGroups is a list call; the agent uses it to check the group is encrypted.
        out.add(Statement.allow("FindTheSessionLogGroup").actions("logs:DescribeLogGroups").resources("*"));
        out.add(SessionLogging.decryptSessionData(keyResource, keyAlias));
        return out;
    }

    /** The CloudWatch agent writing its own log groups, and no other. */
    static Statement writeLogs(String sid, AwsAccount account, String... logGroups) {
        var arns = new ArrayList<String>();
        for (var g : logGroups) {
            arns.add(logGroupArn(account, g) + ":*");
        }
        return Statement.allow(sid).actions(LOG_WRITE_ACTIONS).resources(arns);
    }

    /**
     * An instance of the bastion's group takes the group's Elastic IP at boot: only that address, and
     * only onto instances that carry the bastion's instance profile.
     */
    static List<Statement> takeElasticIp(AwsAccount account, String allocationId, String instanceProfileArn) {
        return List.of(
                Statement.allow("TakeTheElasticIp").actions("ec2:AssociateAddress")
                        .resources(account.arn("ec2", "elastic-ip/" + allocationId)),
                Statement.allow("OntoInstancesWithThisProfileOnly").actions("ec2:AssociateAddress")
                        .resources(account.arn("ec2", "instance/*"))
                        .condition("ArnEquals", "ec2:InstanceProfile", instanceProfileArn));
    }

    /**
     * The community VPN server keeps its PKI archive in one secret and writes one secret per client
     * profile under a fixed prefix, always under the secrets key.
     */
    static List<Statement> vpnSecrets(AwsAccount account, String pkiSecretArn, String clientSecretPrefix,
                                      String secretsKeyArn) {
        var clients = account.arn("secretsmanager", "secret:" + clientSecretPrefix + "*");
        return List.of(
                Statement.allow("ReadAndWriteThePkiArchive")
                        .actions("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue")
                        .resources(pkiSecretArn),
                Statement.allow("CreateClientProfilesUnderTheSecretsKey").actions("secretsmanager:CreateSecret")
                        .resources(clients)
                        .condition("StringEquals", "secretsmanager:KmsKeyArn", secretsKeyArn),
                Statement.allow("ManageClientProfiles")
                        .actions("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue",
                                "secretsmanager:PutSecretValue", "secretsmanager:DeleteSecret", "secretsmanager:TagResource")
                        .resources(clients),
                Statement.allow("UseTheSecretsKeyThroughSecretsManager")
                        .actions("kms:Decrypt", "kms:GenerateDataKey")
                        .resources(secretsKeyArn)
                        .condition("StringEquals", "kms:ViaService", account.regionalService("secretsmanager")));
    }

    static String logGroupArn(AwsAccount account, String name) {
        return account.arn("logs", "log-group:" + name);
    }

    static String instanceProfileArn(AwsAccount account, String name) {
        return "arn:" + account.partition() + ":iam::" + account.accountId() + ":instance-profile/" + name;
    }
}
