package hipaa.compute;

import hipaa.identity.AwsAccount;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

/**
 * What the CloudWatch agent on the app instances may do, in place of the AWS managed
 * CloudWatchAgentServerPolicy: that policy lets an internet-facing instance create, write and shorten the
 * retention of every log group of the account (flow logs, session transcripts, SSH logs among them). Here
 * the agent writes only the app's own log groups, {@code /<prefix>/app/ec2/*}, publishes metrics only in the
 * app's own namespace, and reads only its own configuration parameter.
 */
public final class AppInstancePolicy {
    private AppInstancePolicy() {}

    /** Where the agent ships the app's log files (docs/APP.md). */
    public static String logGroupPrefix(String namePrefix) {
        return "/" + namePrefix + "/app/ec2/";
    }

    /** The CloudWatch namespace of the app's custom metrics (the agent's {@code namespace} setting). */
    public static String metricNamespace(String namePrefix) {
        return namePrefix + "/app";
    }

    /** The agent's configuration parameter: the name the agent's SSM fetch uses (docs/APP.md). */
    public static String configParameter(String namePrefix) {
        return "AmazonCloudWatch-" + namePrefix + "-app";
    }

    public static PolicyDocument telemetry(AwsAccount a, String namePrefix) {
        return PolicyDocument.of(
                Statement.allow("WriteTheAppsOwnLogGroups")
                        .actions("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams")
                        .resources(a.arn("logs", "log-group:" + logGroupPrefix(namePrefix) + "*")),
                // PutMetricData takes no resource ARN: AWS requires "*", and the namespace key narrows it.
                Statement.allow("PublishTheAppsOwnMetrics").actions("cloudwatch:PutMetricData").resources("*")
                        .condition("StringEquals", "cloudwatch:namespace", metricNamespace(namePrefix)),
                // Describe calls take no resource ARN: AWS requires "*". The agent reads volume and tag names
                // to label what it sends.
                Statement.allow("DescribeTheInstanceForDimensions").actions("ec2:DescribeVolumes", "ec2:DescribeTags",
                        "logs:DescribeLogGroups").resources("*"),
                Statement.allow("ReadTheAgentConfiguration").actions("ssm:GetParameter")
                        .resources(a.arn("ssm", "parameter/" + configParameter(namePrefix))));
    }
}
