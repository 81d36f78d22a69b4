package hipaa.guardrails;

import hipaa.audit.Exemptions;
import hipaa.guardrails.GuardrailReport.Status;
import hipaa.offline.RecordedResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static hipaa.guardrails.Fixtures.*;
import static hipaa.guardrails.Res.*;
import static hipaa.guardrails.Types.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stack shaped like the one the program should declare passes every rule, with three written
 * exemptions. It shows the rules agree with each other (no rule demands what another forbids).
 */
class ReferenceStackTest {

    static List<RecordedResource> stack() {
        var rs = new ArrayList<RecordedResource>();
        rs.add(res(PROVIDER, "aws", "region", "us-east-1", "defaultTags", "{\"tags\":{\"Project\":\"hipaa\",\"Owner\":\"platform\"}}"));
        var aws = new ArrayList<RecordedResource>();
        // network
        aws.add(VPC_);
        aws.add(res(FLOW_LOG, "vpc-flow", "vpcId", id("vpc"), "trafficType", "ALL", "logDestination", arn(LOG_GROUP, "flow")));
        aws.add(res(DEFAULT_SECURITY_GROUP, "vpc-default", "vpcId", id("vpc")));
        aws.add(res(INTERNET_GATEWAY, "igw", "vpcId", id("vpc")));
        aws.add(res(ROUTE_TABLE, "public-rt", "vpcId", id("vpc")));
        aws.add(res(ROUTE, "public-default", "routeTableId", id("public-rt"), "destinationCidrBlock", "0.0.0.0/0", "gatewayId", id("igw")));
        // The AWS Config rules that name the VPC allowed a gateway and the route table allowed a default route to it.
        aws.add(configRule("igw-authorized", "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", "AuthorizedVpcIds", id("vpc")));
        aws.add(configRule("no-route-to-igw", "NO_UNRESTRICTED_ROUTE_TO_IGW", "routeTableIds", id("public-rt")));
        aws.add(res(SUBNET, "public-a", "vpcId", id("vpc"), "cidrBlock", "10.0.0.0/24", "mapPublicIpOnLaunch", true));
        aws.add(res(ROUTE_TABLE_ASSOCIATION, "public-a", "subnetId", id("public-a"), "routeTableId", id("public-rt")));
        aws.add(res(SUBNET, "private-a", "vpcId", id("vpc"), "cidrBlock", "10.0.10.0/24"));
        aws.add(res(NETWORK_ACL, "public-nacl", "vpcId", id("vpc"), "subnetIds", l(id("public-a")), "ingress", l(
                m("ruleNo", 100, "action", "allow", "protocol", "tcp", "fromPort", 443, "toPort", 443, "cidrBlock", "0.0.0.0/0"),
                m("ruleNo", 200, "action", "deny", "protocol", "-1", "fromPort", 0, "toPort", 0, "cidrBlock", "0.0.0.0/0")),
                "egress", l(m("ruleNo", 100, "action", "allow", "protocol", "-1", "fromPort", 0, "toPort", 0, "cidrBlock", "0.0.0.0/0"))));
        aws.add(res(SECURITY_GROUP, "alb-sg", "vpcId", id("vpc"), "description", "ALB"));
        aws.add(res(SG_INGRESS_RULE, "alb-https", "securityGroupId", id("alb-sg"), "ipProtocol", "tcp", "fromPort", 443, "toPort", 443,
                "cidrIpv4", "0.0.0.0/0"));
        aws.add(res(SECURITY_GROUP, "app-sg", "vpcId", id("vpc"), "ingress", l(m("protocol", "tcp", "fromPort", 8443, "toPort", 8443,
                "securityGroups", l(id("alb-sg")))), "egress", l(m("protocol", "-1", "fromPort", 0, "toPort", 0, "cidrBlocks", l("0.0.0.0/0")))));
        // data
        aws.add(with(RDS_, "tags", m("Backup", "daily")));
        aws.add(res(BACKUP_VAULT, "vault", "name", "hipaa-vault", "kmsKeyArn", arn(KMS_KEY, "data-key")));
        aws.add(res(BACKUP_VAULT_POLICY, "vault-policy", "backupVaultName", "hipaa-vault", "policy", policy(m("Effect", "Deny",
                "Principal", "*", "Action", l("backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle",
                        "backup:PutBackupVaultAccessPolicy"), "Resource", "*"))));
        aws.add(res(BACKUP_PLAN, "plan", "rules", l(m("ruleName", "daily", "targetVaultName", "vault", "schedule", "cron(0 5 * * ? *)",
                "lifecycle", m("deleteAfter", 35)))));
        aws.add(res(BACKUP_SELECTION, "tagged", "planId", id("plan"), "iamRoleArn", "arn:aws:iam::111122223333:role/backup",
                "selectionTags", l(m("type", "STRINGEQUALS", "key", "Backup", "value", "daily"))));
        // storage
        aws.addAll(bucket("data", "hipaa-data", "aws:kms"));
        aws.addAll(bucket("logs", "hipaa-logs", "AES256"));
        aws.add(res(ACCOUNT_PUBLIC_ACCESS_BLOCK, "account", "blockPublicAcls", true, "blockPublicPolicy", true,
                "ignorePublicAcls", true, "restrictPublicBuckets", true));
        aws.add(res(EBS_ENCRYPTION_BY_DEFAULT, "ebs-default", "enabled", true));
        // audit
        aws.add(with(TRAIL_, "eventSelectors", l(m("readWriteType", "All", "includeManagementEvents", true,
                "dataResources", l(m("type", "AWS::S3::Object", "values", l("arn:aws:s3")))))));
        aws.add(res(LOG_GROUP, "trail", "retentionInDays", 2192, "kmsKeyId", arn(KMS_KEY, "data-key")));
        // Enhanced Monitoring's log group, created encrypted before RDS would create it without a key.
        aws.add(res(LOG_GROUP, "rds-os-metrics", "name", "RDSOSMetrics", "retentionInDays", 365, "kmsKeyId", arn(KMS_KEY, "data-key")));
        aws.add(res(METRIC_ALARM, "root-login", "comparisonOperator", "GreaterThanOrEqualToThreshold", "evaluationPeriods", 1,
                "alarmActions", l(arn(SNS_TOPIC, "alerts")), "insufficientDataActions", l(arn(SNS_TOPIC, "alerts"))));
        aws.add(res(SNS_TOPIC, "alerts", "kmsMasterKeyId", arn(KMS_KEY, "data-key")));
        aws.add(res(KMS_KEY, "data-key", "enableKeyRotation", true, "deletionWindowInDays", 30));
        aws.add(res(GUARDDUTY_DETECTOR, "detector", "enable", true));
        aws.add(res(SECURITYHUB_ACCOUNT, "hub"));
        aws.add(res(IAM_PASSWORD_POLICY, "passwords", "minimumPasswordLength", 14, "requireLowercaseCharacters", true,
                "requireUppercaseCharacters", true, "requireNumbers", true, "requireSymbols", true,
                "passwordReusePrevention", 24, "maxPasswordAge", 90));
        // edge
        aws.add(with(ALB_, "accessLogs", m("bucket", "hipaa-logs", "enabled", true)));
        aws.add(res(LB_LISTENER, "http", "loadBalancerArn", arn(LB, "alb"), "port", 80, "protocol", "HTTP",
                "defaultActions", l(m("type", "redirect", "redirect", m("protocol", "HTTPS", "port", "443", "statusCode", "HTTP_301")))));
        aws.add(HTTPS_);
        aws.add(res(WEB_ACL, "edge-acl", "scope", "REGIONAL"));
        aws.add(res(WEB_ACL_ASSOCIATION, "alb-waf", "resourceArn", arn(LB, "alb"), "webAclArn", arn(WEB_ACL, "edge-acl")));
        aws.add(res(WEB_ACL_LOGGING, "edge-acl-logs", "resourceArn", arn(WEB_ACL, "edge-acl"), "logDestinationConfigs", l("arn:aws:logs:waf")));
        // compute
        // Instances and volumes the group launches carry the tag the backup selection selects.
        aws.add(with(LT_, "tagSpecifications", l(m("resourceType", "instance", "tags", m("Project", "hipaa", "Owner", "team", "Backup", "daily")),
                m("resourceType", "volume", "tags", m("Project", "hipaa", "Owner", "team", "Backup", "daily")))));
        aws.add(with(ASG_, "tags", l(m("key", "Project", "value", "hipaa", "propagateAtLaunch", true),
                m("key", "Owner", "value", "platform", "propagateAtLaunch", true))));
        aws.add(res(IAM_INSTANCE_PROFILE, "app-profile", "name", "app-profile", "role", id("app")));
        aws.add(res(IAM_ROLE_POLICY_ATTACHMENT, "app-ssm", "role", id("app"), "policyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"));
        aws.add(taskDefinition("api", CONTAINER));
        aws.add(res(SECRET, "db-secret", "kmsKeyId", arn(KMS_KEY, "data-key")));
        aws.add(res(SECRET_ROTATION, "db-secret-rotation", "secretId", id("db-secret"), "rotationLambdaArn", "arn:aws:lambda:rotate",
                "rotationRules", m("automaticallyAfterDays", 30)));
        // identity
        aws.add(res(IAM_ROLE, "app", "name", "app", "assumeRolePolicy", "{}"));
        aws.add(res(IAM_POLICY, "app-logs", "policy",
                policy(m("Effect", "Allow", "Action", l("logs:PutLogEvents"), "Resource", arn(LOG_GROUP, "app") + ":*"))));
        aws.add(res(IAM_ROLE_POLICY_ATTACHMENT, "app-logs-attachment", "role", "app", "policyArn", arn(IAM_POLICY, "app-logs")));
        aws.add(res(IAM_GROUP, "admins", "name", "admins"));
        aws.add(res(IAM_POLICY, "require-mfa", "policy", policy(m("Effect", "Deny", "NotAction", l("iam:EnableMFADevice"), "Resource", "*",
                "Condition", m("BoolIfExists", m("aws:MultiFactorAuthPresent", "false"))))));
        aws.add(res(IAM_GROUP_POLICY_ATTACHMENT, "admins-mfa", "group", "admins", "policyArn", arn(IAM_POLICY, "require-mfa")));
        // No IAM user: people join the groups through the access process, never through the program.
        aws.forEach(r -> rs.add(onProvider(r)));
        return rs;
    }

    /** A bucket with every part the storage rules look for. */
    static List<RecordedResource> bucket(String name, String bucketName, String sse) {
        var ref = id(name);
        var parts = new ArrayList<>(List.of(
                res(BUCKET_V2, name, "bucket", bucketName, "objectLockEnabled", true),
                res(BUCKET_SSE, name + "-sse", "bucket", ref, "rules", l(m("applyServerSideEncryptionByDefault", m("sseAlgorithm", sse)))),
                res(BUCKET_VERSIONING, name + "-versioning", "bucket", ref, "versioningConfiguration", m("status", "Enabled")),
                res(BUCKET_POLICY, name + "-policy", "bucket", ref, "policy", policy(m("Effect", "Deny", "Principal", "*", "Action", "s3:*",
                        "Resource", l("arn:aws:s3:::" + bucketName, "arn:aws:s3:::" + bucketName + "/*"),
                        "Condition", m("Bool", m("aws:SecureTransport", "false"))))),
                res(BUCKET_PUBLIC_ACCESS_BLOCK, name + "-pab", "bucket", ref, "blockPublicAcls", true, "blockPublicPolicy", true,
                        "ignorePublicAcls", true, "restrictPublicBuckets", true),
                res(BUCKET_OBJECT_LOCK, name + "-lock", "bucket", ref, "rule", m("defaultRetention", m("mode", "GOVERNANCE", "days", 365))),
                res(BUCKET_LIFECYCLE, name + "-lifecycle", "bucket", ref, "rules", l(m("id", "expire-old-versions", "status", "Enabled",
                        "noncurrentVersionExpiration", m("noncurrentDays", 2192)))),
                res(BUCKET_REPLICATION, name + "-replication", "bucket", ref, "role", "arn:aws:iam::111122223333:role/replication",
                        "rules", l(m("id", "dr", "status", name.equals("logs") ? "Disabled" : "Enabled",
                                "destination", m("bucket", "arn:aws:s3:::" + bucketName + "-dr"))))));
        if (!name.equals("logs")) {
            parts.add(res(BUCKET_LOGGING, name + "-logging", "bucket", ref, "targetBucket", "hipaa-logs", "targetPrefix", name + "/"));
        }
        return parts;
    }

    static final Exemptions EXEMPTIONS = Exemptions.parse("""
            exemptions:
              - rule: iam-group-has-users-check
                resource: admins
                reason: Members join through the access process, not through the program; an empty group grants nothing.
                reviewBy: 2026-06-30
              - rule: s3-bucket-logging-enabled
                resource: logs
                reason: The access-log bucket would have to log into itself, an endless loop of log objects.
                reviewBy: 2026-06-30
              - rule: s3-bucket-replication-enabled
                resource: logs
                reason: Access logs are evidence, not ePHI; losing a region's logs does not lose patient data.
                reviewBy: 2026-06-30
            """, "reference-exemptions.yaml");

    @Test
    void theReferenceStackHasNoUnexemptedFailures() {
        var report = Guardrails.evaluate(stack(), EXEMPTIONS, CTX);
        assertThat(report.failureLines()).as(report.render()).isEmpty();
        assertThat(report.hasUnexemptedFailures()).isFalse();
        assertThat(report.count(Status.EXEMPT)).isEqualTo(3);
    }

    @Test
    void onlyRulesForTypesTheStackLeavesOutAreNotApplicable() {
        var report = Guardrails.evaluate(stack(), EXEMPTIONS, CTX);
        assertThat(report.results()).filteredOn(r -> r.status() == Status.NOT_APPLICABLE)
                .extracting(r -> r.rule().id())
                .containsExactlyInAnyOrder("encrypted-volumes", "ec2-instances-in-vpc", "ec2-stopped-instance",
                        "cloudfront-viewer-policy-https", "cloudfront-security-policy-check", "cloudfront-accesslogs-enabled",
                        "cloudfront-associated-with-waf", "iam-user-no-policies-check", "iam-user-group-membership-check",
                        "ecs-task-definition-user-for-host-mode-check", "ec2-managedinstance-patch-compliance-status-check",
                        "ebs-snapshot-public-restorable-check", "rds-snapshot-encrypted", "rds-snapshots-public-prohibited",
                        // account state no stack declares: AWS Config alone judges these
                        "iam-user-unused-credentials-check", "iam-root-access-key-check", "root-account-mfa-enabled",
                        "root-account-hardware-mfa-enabled");
    }

    @Test
    void droppingOneSettingFailsExactlyTheRuleThatGuardsIt() {
        var broken = stack().stream().map(r -> r.name().equals("db") ? with(r, "storageEncrypted", false) : r).toList();
        var report = Guardrails.evaluate(broken, EXEMPTIONS, CTX);
        assertThat(report.failureLines()).containsExactly("rds-storage-encrypted db (aws:rds/instance:Instance): storageEncrypted is false");
    }
}
