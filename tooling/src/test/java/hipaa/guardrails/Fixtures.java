package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static hipaa.guardrails.Res.*;
import static hipaa.guardrails.Types.*;

/**
 * For every rule, a set of resources it passes and one it fails, with the subject and the exact
 * reason of the failure. {@link RuleFixturesTest} requires one entry per rule in the catalogue.
 */
final class Fixtures {
    private Fixtures() {}

    /**
     * @param passing resources on which the rule passes at least once and fails nowhere
     * @param failing resources on which the rule fails for {@code subject} with {@code reason}
     */
    record Fixture(String ruleId, List<RecordedResource> passing, List<RecordedResource> failing, String subject, String reason) {}

    static final Map<String, Fixture> ALL = new LinkedHashMap<>();

    private static void fx(String ruleId, List<RecordedResource> passing, List<RecordedResource> failing, String subject, String reason) {
        if (ALL.put(ruleId, new Fixture(ruleId, passing, failing, subject, reason)) != null) {
            throw new IllegalStateException("two fixtures for " + ruleId);
        }
    }

    // ---- shared building blocks --------------------------------------------------------------

    static final RecordedResource VPC_ = res(VPC, "vpc", "cidrBlock", "10.0.0.0/16");
    static final RecordedResource BUCKET_ = res(BUCKET_V2, "data", "bucket", "hipaa-data");
    static final RecordedResource RDS_ = res(RDS_INSTANCE, "db", "engine", "postgres", "instanceClass", "db.t3.micro",
            "storageEncrypted", true, "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/db", "publiclyAccessible", false,
            "backupRetentionPeriod", 7, "multiAz", true, "deletionProtection", true, "iamDatabaseAuthenticationEnabled", true,
            "enabledCloudwatchLogsExports", l("postgresql", "upgrade"), "monitoringInterval", 60,
            "monitoringRoleArn", "arn:aws:iam::111122223333:role/rds-monitoring",
            "performanceInsightsEnabled", true, "performanceInsightsKmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/pi");
    static final RecordedResource TRAIL_ = res(TRAIL, "trail", "s3BucketName", "hipaa-trail", "isMultiRegionTrail", true,
            "includeGlobalServiceEvents", true, "enableLogFileValidation", true, "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/trail",
            "cloudWatchLogsGroupArn", arn(LOG_GROUP, "trail") + ":*", "cloudWatchLogsRoleArn", "arn:aws:iam::111122223333:role/trail");
    static final RecordedResource ALB_ = res(LB, "alb", "loadBalancerType", "application", "internal", false,
            "dropInvalidHeaderFields", true, "enableDeletionProtection", true,
            "accessLogs", m("bucket", "hipaa-alb-logs", "enabled", true));
    static final RecordedResource HTTPS_ = res(LB_LISTENER, "https", "loadBalancerArn", arn(LB, "alb"), "port", 443, "protocol", "HTTPS",
            "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "certificateArn", "arn:aws:acm:us-east-1:111122223333:certificate/abc",
            "defaultActions", l(m("type", "forward", "targetGroupArn", "tg-arn")));
    static final RecordedResource CDN_ = res(CLOUDFRONT, "cdn", "enabled", true,
            "defaultCacheBehavior", m("viewerProtocolPolicy", "redirect-to-https", "targetOriginId", "alb"),
            "orderedCacheBehaviors", l(m("pathPattern", "/api/*", "viewerProtocolPolicy", "https-only", "targetOriginId", "alb")),
            "viewerCertificate", m("acmCertificateArn", "arn:aws:acm:us-east-1:111122223333:certificate/cdn",
                    "minimumProtocolVersion", "TLSv1.2_2021", "sslSupportMethod", "sni-only"),
            "loggingConfig", m("bucket", "hipaa-cdn-logs.s3.amazonaws.com"), "webAclId", "arn:aws:wafv2:us-east-1:111122223333:global/webacl/cdn");
    static final RecordedResource LT_ = res(LAUNCH_TEMPLATE, "lt", "imageId", "ami-0approved", "instanceType", "t3.micro",
            "metadataOptions", m("httpTokens", "required", "httpEndpoint", "enabled"),
            "blockDeviceMappings", l(m("deviceName", "/dev/xvda", "ebs", m("encrypted", "true", "volumeSize", 20))),
            "networkInterfaces", l(m("deviceIndex", 0, "associatePublicIpAddress", "false")),
            "iamInstanceProfile", m("name", "app-profile"), "monitoring", m("enabled", true),
            "tagSpecifications", l(m("resourceType", "instance", "tags", m("Project", "hipaa", "Owner", "team")),
                    m("resourceType", "volume", "tags", m("Project", "hipaa", "Owner", "team"))));
    static final RecordedResource EC2_ = res(EC2_INSTANCE, "bastion", "ami", "ami-0approved", "instanceType", "t3.micro",
            "subnetId", id("private-a"), "associatePublicIpAddress", false, "metadataOptions", m("httpTokens", "required"),
            "rootBlockDevice", m("encrypted", true), "iamInstanceProfile", "bastion-profile", "monitoring", true);
    static final RecordedResource ASG_ = res(ASG, "workers", "minSize", 1, "maxSize", 2, "healthCheckType", "ELB",
            "targetGroupArns", l("tg-arn"), "launchTemplate", m("id", id("lt"), "version", "$Latest"),
            "vpcZoneIdentifiers", l(id("private-a")));

    static RecordedResource taskDefinition(String name, Map<String, Object> container, Object... extra) {
        var r = res(ECS_TASK_DEFINITION, name, "family", name, "networkMode", "awsvpc", "containerDefinitions", json(List.of(container)));
        for (int i = 0; i < extra.length; i += 2) {
            r = with(r, (String) extra[i], extra[i + 1]);
        }
        return r;
    }

    static final Map<String, Object> CONTAINER = m("name", "app", "image", "app:1", "privileged", false,
            "readonlyRootFilesystem", true, "user", "1000",
            "logConfiguration", m("logDriver", "awslogs", "options", m("awslogs-group", "/ecs/app")),
            "environment", l(m("name", "LOG_LEVEL", "value", "info")),
            "secrets", l(m("name", "DB_PASSWORD", "valueFrom", "arn:aws:secretsmanager:us-east-1:111122223333:secret:db")));

    static Map<String, Object> container(Object... kv) {
        var c = new LinkedHashMap<>(CONTAINER);
        c.putAll(m(kv));
        return c;
    }

    static String policy(Map<?, ?>... statements) {
        return json(m("Version", "2012-10-17", "Statement", List.of(statements)));
    }

    static final String TLS_ONLY = policy(m("Sid", "DenyInsecureTransport", "Effect", "Deny", "Principal", "*", "Action", "s3:*",
            "Resource", l(arn(BUCKET_V2, "data"), arn(BUCKET_V2, "data") + "/*"),
            "Condition", m("Bool", m("aws:SecureTransport", "false"))));

    static {
        network();
        data();
        storage();
        audit();
        edge();
        compute();
        identity();
        tagging();
        deployed();
    }

    private static void network() {
        fx("vpc-flow-logs-enabled",
                list(VPC_, res(FLOW_LOG, "vpc-flow", "vpcId", id("vpc"), "trafficType", "ALL", "logDestination", arn(LOG_GROUP, "flow"))),
                list(VPC_, res(FLOW_LOG, "vpc-flow", "vpcId", id("vpc"), "trafficType", "ACCEPT")),
                "vpc", "flow log vpc-flow: trafficType is \"ACCEPT\", not \"ALL\"");
        fx("vpc-default-security-group-closed",
                list(VPC_, res(DEFAULT_SECURITY_GROUP, "vpc-default", "vpcId", id("vpc"))),
                list(VPC_, res(DEFAULT_SECURITY_GROUP, "vpc-default", "vpcId", id("vpc"),
                        "ingress", l(m("protocol", "-1", "fromPort", 0, "toPort", 0, "self", true)))),
                "vpc", "default security group vpc-default has 1 rule(s): ingress all protocols from self");
        var igw = res(INTERNET_GATEWAY, "igw", "vpcId", id("vpc"));
        var publicRt = res(ROUTE_TABLE, "public-rt", "vpcId", id("vpc"), "routes", l(m("cidrBlock", "0.0.0.0/0", "gatewayId", id("igw"))));
        fx("subnet-auto-assign-public-ip-disabled",
                list(VPC_, igw, publicRt,
                        res(SUBNET, "public-a", "vpcId", id("vpc"), "cidrBlock", "10.0.0.0/24", "mapPublicIpOnLaunch", true),
                        res(ROUTE_TABLE_ASSOCIATION, "public-a-rt", "subnetId", id("public-a"), "routeTableId", id("public-rt")),
                        res(SUBNET, "private-a", "vpcId", id("vpc"), "cidrBlock", "10.0.10.0/24")),
                list(VPC_, res(SUBNET, "private-a", "vpcId", id("vpc"), "cidrBlock", "10.0.10.0/24", "mapPublicIpOnLaunch", true)),
                "private-a", "mapPublicIpOnLaunch is true on a subnet outside the public tier (no route to an internet gateway)");
        fx("restricted-ssh",
                list(res(SECURITY_GROUP, "bastion", "vpcId", id("vpc"),
                        "ingress", l(m("protocol", "tcp", "fromPort", 22, "toPort", 22, "cidrBlocks", l("203.0.113.0/24"))))),
                list(res(SECURITY_GROUP, "bastion", "vpcId", id("vpc"),
                        "ingress", l(m("protocol", "tcp", "fromPort", 0, "toPort", 1024, "ipv6CidrBlocks", l("::/0"))))),
                "bastion", "ingress tcp ports 0-1024 from ::/0 includes port 22");
        fx("restricted-common-ports",
                list(res(SG_INGRESS_RULE, "web-https", "securityGroupId", id("web"), "ipProtocol", "tcp", "fromPort", 443, "toPort", 443,
                        "cidrIpv4", "0.0.0.0/0")),
                list(res(SECURITY_GROUP_RULE, "rdp", "type", "ingress", "securityGroupId", id("web"), "protocol", "tcp",
                        "fromPort", 3389, "toPort", 3389, "cidrBlocks", l("0.0.0.0/0"))),
                "rdp", "ingress tcp port 3389 from 0.0.0.0/0 includes port 3389");
        fx("vpc-sg-open-only-to-authorized-ports",
                list(res(SG_INGRESS_RULE, "web-https", "securityGroupId", id("web"), "ipProtocol", "tcp", "fromPort", 443, "toPort", 443,
                        "cidrIpv4", "0.0.0.0/0")),
                list(res(SG_INGRESS_RULE, "web-any", "securityGroupId", id("web"), "ipProtocol", "-1", "cidrIpv6", "::/0")),
                "web-any", "ingress all protocols from ::/0 opens more than tcp port 443");
        fx("nacl-no-unrestricted-ssh-rdp",
                list(res(NETWORK_ACL, "public-nacl", "vpcId", id("vpc"), "ingress", l(
                                m("ruleNo", 100, "action", "allow", "protocol", "tcp", "fromPort", 443, "toPort", 443, "cidrBlock", "0.0.0.0/0"),
                                m("ruleNo", 200, "action", "deny", "protocol", "tcp", "fromPort", 3389, "toPort", 3389, "cidrBlock", "0.0.0.0/0"),
                                m("ruleNo", 300, "action", "allow", "protocol", "tcp", "fromPort", 1024, "toPort", 65535, "cidrBlock", "0.0.0.0/0"),
                                m("ruleNo", 320, "action", "allow", "protocol", "-1", "fromPort", 0, "toPort", 0, "cidrBlock", "10.0.0.0/16"))),
                        res(NETWORK_ACL_RULE, "udp-3389", "networkAclId", id("public-nacl"), "egress", false, "ruleNumber", 210,
                                "ruleAction", "deny", "protocol", "udp", "fromPort", 3389, "toPort", 3389, "cidrBlock", "0.0.0.0/0"),
                        res(NETWORK_ACL_RULE, "udp-return", "networkAclId", id("public-nacl"), "egress", false, "ruleNumber", 310,
                                "ruleAction", "allow", "protocol", "udp", "fromPort", 1024, "toPort", 65535, "cidrBlock", "0.0.0.0/0"),
                        res(NETWORK_ACL_RULE, "out", "networkAclId", id("public-nacl"), "egress", true, "ruleNumber", 100, "ruleAction", "allow",
                                "protocol", "-1", "fromPort", 0, "toPort", 0, "cidrBlock", "0.0.0.0/0")),
                list(res(NETWORK_ACL_RULE, "rdp", "networkAclId", "acl-elsewhere", "egress", false, "ruleNumber", 90, "ruleAction", "allow",
                        "protocol", "tcp", "fromPort", 3000, "toPort", 4000, "ipv6CidrBlock", "::/0")),
                "rdp", "entry 90 allows tcp ports 3000-4000 from ::/0, so tcp port 3389 is open (no lower-numbered deny)");
    }

    private static void data() {
        fx("rds-storage-encrypted", list(RDS_), list(with(RDS_, "storageEncrypted", null)), "db", "storageEncrypted is not set");
        fx("hipaa-rds-encrypted-with-cmk", list(RDS_), list(with(RDS_, "kmsKeyId", null)), "db", "kmsKeyId is not set");
        fx("rds-instance-public-access-check", list(RDS_), list(with(RDS_, "publiclyAccessible", true)), "db", "publiclyAccessible is true");
        fx("db-instance-backup-enabled", list(RDS_), list(with(RDS_, "backupRetentionPeriod", 0)), "db", "backupRetentionPeriod is 0");
        fx("rds-multi-az-support", list(RDS_), list(with(RDS_, "multiAz", false)), "db", "multiAz is false");
        fx("rds-instance-deletion-protection-enabled", list(RDS_), list(with(RDS_, "deletionProtection", null)),
                "db", "deletionProtection is not set");
        fx("rds-instance-iam-authentication-enabled", list(RDS_), list(with(RDS_, "iamDatabaseAuthenticationEnabled", false)),
                "db", "iamDatabaseAuthenticationEnabled is false");
        fx("rds-logging-enabled", list(RDS_), list(with(RDS_, "enabledCloudwatchLogsExports", l("upgrade"))),
                "db", "enabledCloudwatchLogsExports is [upgrade], missing [postgresql] for engine postgres");
        fx("rds-automatic-minor-version-upgrade-enabled", list(RDS_), list(with(RDS_, "autoMinorVersionUpgrade", false)),
                "db", "autoMinorVersionUpgrade is false");
        fx("rds-enhanced-monitoring-enabled", list(RDS_), list(with(RDS_, "monitoringInterval", 0)), "db", "monitoringInterval is 0");
        fx("hipaa-rds-performance-insights-cmk", list(RDS_), list(with(RDS_, "performanceInsightsKmsKeyId", null)),
                "db", "performanceInsightsKmsKeyId is not set");
        fx("rds-in-backup-plan",
                list(RDS_, res(BACKUP_SELECTION, "db-backup", "planId", id("plan"), "iamRoleArn", "arn:aws:iam::111122223333:role/backup",
                        "resources", l(arn(RDS_INSTANCE, "db")))),
                list(RDS_), "db", "no aws:backup/selection:Selection selects it by ARN or tag");
    }

    private static void storage() {
        var kms = res(BUCKET_SSE, "data-sse", "bucket", id("data"),
                "rules", l(m("applyServerSideEncryptionByDefault", m("sseAlgorithm", "aws:kms", "kmsMasterKeyId", "key-arn"))));
        fx("s3-bucket-server-side-encryption-enabled", list(BUCKET_, kms), list(BUCKET_),
                "data", "no aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2 or inline serverSideEncryptionConfiguration is declared");
        fx("s3-default-encryption-kms", list(BUCKET_, kms),
                list(BUCKET_, res(BUCKET_SSE, "data-sse", "bucket", id("data"),
                        "rules", l(m("applyServerSideEncryptionByDefault", m("sseAlgorithm", "AES256"))))),
                "data", "sseAlgorithm is \"AES256\"");
        fx("s3-bucket-versioning-enabled",
                list(BUCKET_, res(BUCKET_VERSIONING, "data-versioning", "bucket", id("data"), "versioningConfiguration", m("status", "Enabled"))),
                list(BUCKET_, res(BUCKET_VERSIONING, "data-versioning", "bucket", id("data"), "versioningConfiguration", m("status", "Suspended"))),
                "data", "data-versioning: versioningConfiguration.status is \"Suspended\"");
        fx("s3-bucket-logging-enabled",
                list(res(BUCKET, "legacy", "bucket", "hipaa-legacy", "loggings", l(m("targetBucket", "hipaa-logs", "targetPrefix", "legacy/")))),
                list(BUCKET_), "data", "no aws:s3/bucketLoggingV2:BucketLoggingV2 with a targetBucket or inline logging is declared");
        fx("s3-bucket-ssl-requests-only",
                list(BUCKET_, res(BUCKET_POLICY, "data-policy", "bucket", id("data"), "policy", TLS_ONLY)),
                list(BUCKET_, res(BUCKET_POLICY, "data-policy", "bucket", id("data"), "policy", policy(m("Effect", "Deny",
                        "Principal", "*", "Action", "s3:DeleteBucket", "Resource", arn(BUCKET_V2, "data"))))),
                "data", "no policy statement denies s3:* to Principal \"*\" when aws:SecureTransport is false");
        var pab = res(BUCKET_PUBLIC_ACCESS_BLOCK, "data-pab", "bucket", id("data"), "blockPublicAcls", true, "blockPublicPolicy", true,
                "ignorePublicAcls", true, "restrictPublicBuckets", true);
        fx("s3-bucket-level-public-access-prohibited", list(BUCKET_, pab), list(BUCKET_, with(pab, "restrictPublicBuckets", false)),
                "data", "data-pab: restrictPublicBuckets is false");
        fx("s3-account-level-public-access-blocks-periodic",
                list(res(ACCOUNT_PUBLIC_ACCESS_BLOCK, "account", "blockPublicAcls", true, "blockPublicPolicy", true,
                        "ignorePublicAcls", true, "restrictPublicBuckets", true)),
                list(BUCKET_), "stack", "no aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock is declared");
        var lock = res(BUCKET_OBJECT_LOCK, "data-lock", "bucket", id("data"),
                "rule", m("defaultRetention", m("mode", "GOVERNANCE", "days", 365)));
        fx("s3-bucket-default-lock-enabled", list(with(BUCKET_, "objectLockEnabled", true), lock), list(BUCKET_, lock),
                "data", "objectLockEnabled is not set on the bucket, so the default retention cannot apply");
        fx("s3-bucket-public-read-prohibited",
                list(BUCKET_, res(BUCKET_ACL, "data-acl", "bucket", id("data"), "acl", "private")),
                list(BUCKET_, res(BUCKET_ACL, "data-acl", "bucket", id("data"), "acl", "public-read")),
                "data", "acl is \"public-read\"");
        fx("s3-bucket-public-write-prohibited",
                list(BUCKET_, res(BUCKET_POLICY, "data-policy", "bucket", id("data"), "policy", TLS_ONLY)),
                list(BUCKET_, res(BUCKET_POLICY, "data-policy", "bucket", id("data"), "policy", policy(m("Effect", "Allow",
                        "Principal", m("AWS", "*"), "Action", l("s3:PutObject"), "Resource", arn(BUCKET_V2, "data") + "/*")))),
                "data", "policy allows [s3:PutObject] to Principal \"*\" without a condition (public write)");
        fx("s3-bucket-replication-enabled",
                list(BUCKET_, res(BUCKET_REPLICATION, "data-replication", "bucket", id("data"), "role", "arn:aws:iam::111122223333:role/repl",
                        "rules", l(m("id", "all", "status", "Enabled", "destination", m("bucket", "arn:aws:s3:::hipaa-data-dr"))))),
                list(BUCKET_), "data", "no aws:s3/bucketReplicationConfig:BucketReplicationConfig with an Enabled rule is declared");
        fx("s3-lifecycle-policy-check",
                list(BUCKET_, res(BUCKET_LIFECYCLE, "data-lifecycle", "bucket", id("data"), "rules", l(m("id", "expire", "status", "Enabled",
                        "noncurrentVersionExpiration", m("noncurrentDays", 365))))),
                list(BUCKET_, res(BUCKET_LIFECYCLE, "data-lifecycle", "bucket", id("data"), "rules", l(m("id", "expire", "status", "Disabled")))),
                "data", "no aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2 with an Enabled rule is declared");
        fx("encrypted-volumes",
                list(res(EBS_VOLUME, "data-vol", "availabilityZone", "us-east-1a", "size", 20, "encrypted", true)),
                list(res(EBS_VOLUME, "data-vol", "availabilityZone", "us-east-1a", "size", 20)),
                "data-vol", "encrypted is not set");
        fx("ec2-ebs-encryption-by-default",
                list(res(EBS_ENCRYPTION_BY_DEFAULT, "ebs-default", "enabled", true)),
                list(res(EBS_ENCRYPTION_BY_DEFAULT, "ebs-default", "enabled", false)),
                "ebs-default", "enabled is false");
        fx("hipaa-backup-vault-encrypted",
                list(res(BACKUP_VAULT, "vault", "kmsKeyArn", "arn:aws:kms:us-east-1:111122223333:key/backup")),
                list(res(BACKUP_VAULT, "vault")), "vault", "kmsKeyArn is not set");
        var selection = res(BACKUP_SELECTION, "all", "planId", id("plan"), "iamRoleArn", "role", "resources", l("*"));
        fx("hipaa-backup-plan-retention",
                list(res(BACKUP_PLAN, "plan", "rules", l(m("ruleName", "daily", "targetVaultName", "vault", "schedule", "cron(0 5 * * ? *)",
                        "lifecycle", m("deleteAfter", 35)))), selection),
                list(res(BACKUP_PLAN, "plan", "rules", l(m("ruleName", "daily", "targetVaultName", "vault",
                        "lifecycle", m("deleteAfter", 7)))), selection),
                "plan", "rule \"daily\": lifecycle.deleteAfter is 7 (< 35 days)");
    }

    private static void audit() {
        fx("cloudtrail-enabled", list(TRAIL_), list(with(TRAIL_, "enableLogging", false)), "trail", "enableLogging is false");
        fx("multi-region-cloudtrail-enabled", list(TRAIL_), list(with(TRAIL_, "isMultiRegionTrail", null)),
                "stack", "trail: isMultiRegionTrail is not set");
        fx("cloud-trail-encryption-enabled", list(TRAIL_), list(with(TRAIL_, "kmsKeyId", null)), "trail", "kmsKeyId is not set");
        fx("cloud-trail-log-file-validation-enabled", list(TRAIL_), list(with(TRAIL_, "enableLogFileValidation", false)),
                "trail", "enableLogFileValidation is false");
        fx("cloud-trail-cloud-watch-logs-enabled", list(TRAIL_), list(with(TRAIL_, "cloudWatchLogsRoleArn", null)),
                "trail", "cloudWatchLogsRoleArn is not set");
        // Without a deployed rule every declared bucket must be covered; with one, the buckets its S3BucketNames names.
        fx("cloudtrail-s3-dataevents-enabled",
                list(BUCKET_, with(TRAIL_, "advancedEventSelectors", l(m("name", "s3-data", "fieldSelectors", l(
                        m("field", "eventCategory", "equals", l("Data")),
                        m("field", "resources.type", "equals", l("AWS::S3::Object"))))))),
                list(BUCKET_, configRule("cloudtrail-s3-dataevents-enabled", "CLOUDTRAIL_S3_DATAEVENTS_ENABLED",
                                "S3BucketNames", "hipaa-data,hipaa-phi"),
                        with(TRAIL_, "eventSelectors", l(m("readWriteType", "All", "dataResources",
                                l(m("type", "AWS::S3::Object", "values", l("arn:aws:s3:::hipaa-data/"))))))),
                "stack", "trail: no S3 data event selector covers [hipaa-phi]");
        var group = res(LOG_GROUP, "app-logs", "retentionInDays", 365, "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/logs");
        fx("cloudwatch-log-group-encrypted", list(group), list(with(group, "kmsKeyId", null)), "app-logs", "kmsKeyId is not set");
        fx("cw-loggroup-retention-period-check", list(group), list(with(group, "retentionInDays", 30)),
                "app-logs", "retentionInDays is 30 (< 365)");
        var alarm = res(METRIC_ALARM, "root-login", "comparisonOperator", "GreaterThanOrEqualToThreshold", "evaluationPeriods", 1,
                "alarmActions", l(arn(SNS_TOPIC, "alerts")), "insufficientDataActions", l(arn(SNS_TOPIC, "alerts")));
        fx("cloudwatch-alarm-action-check", list(alarm), list(with(alarm, "insufficientDataActions", null)),
                "root-login", "insufficientDataActions is not set");
        fx("sns-encrypted-kms", list(res(SNS_TOPIC, "alerts", "kmsMasterKeyId", "alias/sns")), list(res(SNS_TOPIC, "alerts")),
                "alerts", "kmsMasterKeyId is not set");
        var key = res(KMS_KEY, "data-key", "enableKeyRotation", true, "deletionWindowInDays", 30);
        fx("cmk-backing-key-rotation-enabled", list(key, res(KMS_KEY, "signing", "customerMasterKeySpec", "RSA_2048", "keyUsage", "SIGN_VERIFY")),
                list(with(key, "enableKeyRotation", null)), "data-key", "enableKeyRotation is not set");
        fx("kms-cmk-not-scheduled-for-deletion", list(key), list(with(key, "deletionWindowInDays", 7)),
                "data-key", "deletionWindowInDays is 7 (< 30)");
        fx("guardduty-enabled-centralized", list(res(GUARDDUTY_DETECTOR, "detector", "enable", true)), list(TRAIL_),
                "stack", "no aws:guardduty/detector:Detector is declared");
        fx("securityhub-enabled", list(res(SECURITYHUB_ACCOUNT, "hub")), list(TRAIL_),
                "stack", "no aws:securityhub/account:Account is declared");
        var acl = res(WEB_ACL, "edge-acl", "scope", "REGIONAL", "defaultAction", m("allow", m()));
        fx("wafv2-logging-enabled",
                list(acl, res(WEB_ACL_LOGGING, "edge-acl-logs", "resourceArn", arn(WEB_ACL, "edge-acl"),
                        "logDestinationConfigs", l("arn:aws:logs:us-east-1:111122223333:log-group:aws-waf-logs-edge"))),
                list(acl), "edge-acl", "no aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration has resourceArn pointing at this web ACL");
    }

    private static void edge() {
        var http = res(LB_LISTENER, "http", "loadBalancerArn", arn(LB, "alb"), "port", 80, "protocol", "HTTP",
                "defaultActions", l(m("type", "redirect", "redirect", m("protocol", "HTTPS", "port", "443", "statusCode", "HTTP_301"))));
        fx("alb-http-to-https-redirection-check", list(ALB_, http, HTTPS_),
                list(ALB_, with(http, "defaultActions", l(m("type", "forward", "targetGroupArn", "tg-arn")))),
                "http", "protocol is \"HTTP\" and a default action is of type \"forward\", not a redirect to HTTPS");
        fx("elbv2-acm-certificate-required", list(ALB_, HTTPS_),
                list(ALB_, with(HTTPS_, "certificateArn", "arn:aws:iam::111122223333:server-certificate/legacy")),
                "https", "certificateArn is \"arn:aws:iam::111122223333:server-certificate/legacy\", not an ACM certificate");
        fx("hipaa-alb-tls-policy", list(ALB_, HTTPS_), list(ALB_, with(HTTPS_, "sslPolicy", "ELBSecurityPolicy-2016-08")),
                "https", "sslPolicy is \"ELBSecurityPolicy-2016-08\", which allows TLS versions below 1.2");
        fx("alb-http-drop-invalid-header-enabled", list(ALB_), list(with(ALB_, "dropInvalidHeaderFields", false)),
                "alb", "dropInvalidHeaderFields is false");
        fx("elb-deletion-protection-enabled", list(ALB_), list(with(ALB_, "enableDeletionProtection", null)),
                "alb", "enableDeletionProtection is not set");
        fx("elb-logging-enabled", list(ALB_), list(with(ALB_, "accessLogs", m("bucket", "hipaa-alb-logs", "enabled", false))),
                "alb", "accessLogs.enabled is false");
        fx("alb-waf-enabled",
                list(ALB_, res(WEB_ACL_ASSOCIATION, "alb-waf", "resourceArn", arn(LB, "alb"), "webAclArn", arn(WEB_ACL, "edge-acl"))),
                list(ALB_), "alb", "no aws:wafv2/webAclAssociation:WebAclAssociation has resourceArn pointing at this load balancer");
        fx("alb-desync-mode-check", list(ALB_), list(with(ALB_, "desyncMitigationMode", "monitor")),
                "alb", "desyncMitigationMode is \"monitor\"");
        fx("cloudfront-viewer-policy-https", list(CDN_),
                list(with(CDN_, "defaultCacheBehavior", m("viewerProtocolPolicy", "allow-all", "targetOriginId", "alb"))),
                "cdn", "defaultCacheBehavior.viewerProtocolPolicy is \"allow-all\"");
        fx("cloudfront-security-policy-check", list(CDN_), list(with(CDN_, "viewerCertificate", m("cloudfrontDefaultCertificate", true))),
                "cdn", "viewerCertificate.cloudfrontDefaultCertificate is true, which allows TLS 1.0");
        fx("cloudfront-accesslogs-enabled", list(CDN_), list(with(CDN_, "loggingConfig", null)), "cdn", "loggingConfig.bucket is not set");
        fx("cloudfront-associated-with-waf", list(CDN_), list(with(CDN_, "webAclId", null)), "cdn", "webAclId is not set");
    }

    private static void compute() {
        fx("ec2-imdsv2-check", list(LT_, EC2_), list(with(EC2_, "metadataOptions", m("httpTokens", "optional"))),
                "bastion", "metadataOptions.httpTokens is \"optional\"");
        fx("hipaa-ec2-ebs-encrypted", list(LT_, EC2_),
                list(with(LT_, "blockDeviceMappings", l(m("deviceName", "/dev/xvda", "ebs", m("encrypted", "false"))))),
                "lt", "blockDeviceMappings[\"/dev/xvda\"].ebs.encrypted is \"false\"");
        fx("ec2-volume-inuse-check", list(LT_, EC2_, with(EC2_, "rootBlockDevice", m("encrypted", true, "deleteOnTermination", true))),
                list(with(EC2_, "rootBlockDevice", m("encrypted", true, "deleteOnTermination", false))),
                "bastion", "rootBlockDevice.deleteOnTermination is false");
        fx("ec2-launch-template-public-ip-disabled", list(LT_),
                list(with(LT_, "networkInterfaces", l(m("deviceIndex", 0, "associatePublicIpAddress", "true")))),
                "lt", "networkInterfaces[0].associatePublicIpAddress is \"true\"");
        fx("ec2-instance-no-public-ip", list(EC2_, res(SUBNET, "private-a", "vpcId", id("vpc"))),
                list(with(EC2_, "associatePublicIpAddress", null), res(SUBNET, "private-a", "vpcId", id("vpc"), "mapPublicIpOnLaunch", true)),
                "bastion", "associatePublicIpAddress is not set and subnet private-a has mapPublicIpOnLaunch true");
        fx("ec2-instances-in-vpc", list(EC2_), list(with(EC2_, "subnetId", null)), "bastion", "subnetId is not set");
        fx("ec2-instance-profile-attached", list(LT_, EC2_), list(with(LT_, "iamInstanceProfile", null)), "lt", "iamInstanceProfile is not set");
        fx("ec2-instance-detailed-monitoring-enabled", list(LT_, EC2_), list(with(EC2_, "monitoring", false)), "bastion", "monitoring is false");
        fx("autoscaling-group-elb-healthcheck-required", list(ASG_), list(with(ASG_, "healthCheckType", "EC2")),
                "workers", "healthCheckType is \"EC2\"");
        fx("autoscaling-launch-template", list(LT_, ASG_),
                list(with(with(ASG_, "launchTemplate", null), "launchConfiguration", "legacy-lc")),
                "workers", "launchConfiguration is \"legacy-lc\"");
        fx("hipaa-approved-ami", list(LT_, EC2_), list(with(EC2_, "ami", "ami-0unknown")),
                "bastion", "ami is \"ami-0unknown\", which is not an approved AMI");
        fx("ecs-containers-nonprivileged", list(taskDefinition("api", CONTAINER)), list(taskDefinition("api", container("privileged", true))),
                "api", "container \"app\": privileged is true");
        fx("ecs-containers-readonly-access", list(taskDefinition("api", CONTAINER)),
                list(taskDefinition("api", container("readonlyRootFilesystem", false))),
                "api", "container \"app\": readonlyRootFilesystem is false");
        fx("ecs-task-definition-log-configuration", list(taskDefinition("api", CONTAINER)),
                list(taskDefinition("api", container("logConfiguration", m()))),
                "api", "container \"app\": logConfiguration.logDriver is not set");
        fx("hipaa-ecs-no-plaintext-secrets", list(taskDefinition("api", CONTAINER)),
                list(taskDefinition("api", container("environment", l(m("name", "DB_PASSWORD", "value", "hunter2hunter2"))))),
                "api", "container \"app\": environment DB_PASSWORD is set in plaintext");
        fx("ecs-task-definition-user-for-host-mode-check",
                list(taskDefinition("agent", CONTAINER, "networkMode", "host")),
                list(taskDefinition("agent", container("user", "root"), "networkMode", "host")),
                "agent", "container \"app\": user is \"root\" in host network mode");
        var secret = res(SECRET, "db-secret", "kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/secrets");
        fx("secretsmanager-using-cmk", list(secret), list(with(secret, "kmsKeyId", null)), "db-secret", "kmsKeyId is not set");
        fx("secretsmanager-rotation-enabled-check",
                list(secret, res(SECRET_ROTATION, "db-secret-rotation", "secretId", arn(SECRET, "db-secret"),
                        "rotationLambdaArn", "arn:aws:lambda:us-east-1:111122223333:function:rotate",
                        "rotationRules", m("automaticallyAfterDays", 30))),
                list(secret), "db-secret", "no aws:secretsmanager/secretRotation:SecretRotation has secretId pointing at this secret");
    }

    private static void identity() {
        var readLogs = policy(m("Effect", "Allow", "Action", l("logs:GetLogEvents", "logs:FilterLogEvents"), "Resource", "*"));
        fx("iam-policy-no-statements-with-admin-access",
                list(res(IAM_POLICY, "read-logs", "policy", readLogs)),
                list(res(IAM_ROLE, "ops", "assumeRolePolicy", "{}", "inlinePolicies", l(m("name", "everything",
                        "policy", policy(m("Effect", "Allow", "Action", "*", "Resource", "*")))))),
                "ops", "a statement allows Action [*] on Resource \"*\"");
        fx("iam-policy-no-statements-with-full-access",
                list(res(IAM_ROLE_POLICY, "app-logs", "role", id("app"), "policy", readLogs)),
                list(res(IAM_ROLE_POLICY, "app-s3", "role", id("app"), "policy",
                        policy(m("Effect", "Allow", "Action", l("s3:*"), "Resource", arn(BUCKET_V2, "data")))))
                , "app-s3", "a statement allows [s3:*]");
        fx("iam-policy-blacklisted-check",
                list(res(IAM_ROLE_POLICY_ATTACHMENT, "app-ssm", "role", id("app"), "policyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")),
                list(res(IAM_ROLE_POLICY_ATTACHMENT, "app-admin", "role", id("app"), "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess")),
                "app-admin", "policyArn is \"arn:aws:iam::aws:policy/AdministratorAccess\"");
        fx("iam-user-no-policies-check",
                list(res(IAM_POLICY_ATTACHMENT, "readers", "policyArn", arn(IAM_POLICY, "read-logs"), "roles", l(id("app")))),
                list(res(IAM_USER_POLICY_ATTACHMENT, "alice-read", "user", "alice", "policyArn", arn(IAM_POLICY, "read-logs"))),
                "alice-read", "attaches a policy directly to user \"alice\"");
        var alice = res(IAM_USER, "alice", "name", "alice");
        var admins = res(IAM_GROUP, "admins", "name", "admins");
        var appRole = res(IAM_ROLE, "app", "name", "app", "assumeRolePolicy", "{}");
        fx("iam-no-inline-policy-check",
                list(appRole, res(IAM_POLICY, "app-logs", "policy", readLogs),
                        res(IAM_ROLE_POLICY_ATTACHMENT, "app-logs-attachment", "role", "app", "policyArn", arn(IAM_POLICY, "app-logs"))),
                list(appRole, res(IAM_ROLE_POLICY, "app-logs", "role", id("app"), "policy", readLogs)),
                "app", "has inline policies: app-logs (aws:iam/rolePolicy:RolePolicy)");
        fx("iam-user-group-membership-check",
                list(alice, res(IAM_USER_GROUP_MEMBERSHIP, "alice-groups", "user", "alice", "groups", l("admins"))),
                list(alice), "alice", "no aws:iam/userGroupMembership:UserGroupMembership or aws:iam/groupMembership:GroupMembership puts the user in a group");
        fx("iam-group-has-users-check",
                list(admins, res(IAM_GROUP_MEMBERSHIP, "admins-members", "group", id("admins"), "users", l("alice"))),
                list(admins), "admins", "no membership resource adds a user to the group");
        var mfa = policy(m("Sid", "DenyWithoutMfa", "Effect", "Deny", "NotAction", l("iam:ChangePassword", "iam:EnableMFADevice"),
                "Resource", "*", "Condition", m("BoolIfExists", m("aws:MultiFactorAuthPresent", "false"))));
        fx("hipaa-iam-group-requires-mfa",
                list(admins, res(IAM_POLICY, "require-mfa", "policy", mfa),
                        res(IAM_GROUP_POLICY_ATTACHMENT, "admins-mfa", "group", "admins", "policyArn", arn(IAM_POLICY, "require-mfa"))),
                list(admins, res(IAM_GROUP_POLICY, "admins-inline", "group", id("admins"), "policy", readLogs)),
                "admins", "no group policy denies requests when aws:MultiFactorAuthPresent is false");
        var pwd = res(IAM_PASSWORD_POLICY, "passwords", "minimumPasswordLength", 14, "requireLowercaseCharacters", true,
                "requireUppercaseCharacters", true, "requireNumbers", true, "requireSymbols", true,
                "passwordReusePrevention", 24, "maxPasswordAge", 90, "allowUsersToChangePassword", true);
        fx("iam-password-policy", list(pwd), list(with(pwd, "minimumPasswordLength", 8)),
                "passwords", "minimumPasswordLength is 8 (needs >= 14)");
    }

    private static void tagging() {
        var provider = res(PROVIDER, "aws", "region", "us-east-1", "skipCredentialsValidation", "false",
                "defaultTags", "{\"tags\":{\"Project\":\"hipaa\",\"Environment\":\"dev\"}}");
        fx("hipaa-required-tags",
                list(provider, onProvider(with(BUCKET_, "tags", m("Owner", "data-team"))),
                        onProvider(res(IAM_ROLE_POLICY_ATTACHMENT, "untaggable", "role", "app", "policyArn", "arn"))),
                list(provider, onProvider(with(BUCKET_, "tags", m("Name", "data")))),
                "data", "missing required tags [Owner]");
        fx("hipaa-asg-instances-tagged", list(LT_, ASG_),
                list(with(LT_, "tagSpecifications", l(m("resourceType", "instance", "tags", m("Project", "hipaa", "Owner", "team")))),
                        with(ASG_, "tags", l(m("key", "Project", "value", "hipaa", "propagateAtLaunch", true)))),
                "workers", "volumes miss [Owner, Project]");
        fx("hipaa-explicit-aws-provider", list(provider, onProvider(BUCKET_)), list(provider, BUCKET_),
                "data", "provider is not set, so the default provider (ambient region, no default tags) is used");
    }

    /** A deployed AWS Config managed rule, as ConfigCompliance registers it. */
    static RecordedResource configRule(String name, String identifier, String... parameters) {
        var params = new LinkedHashMap<String, String>();
        for (int i = 0; i < parameters.length; i += 2) {
            params.put(parameters[i], parameters[i + 1]);
        }
        return res(CONFIG_RULE, name, "name", "hipaa-dev-" + name, "source", m("owner", "AWS", "sourceIdentifier", identifier),
                "inputParameters", json(params));
    }

    /** The deployed AWS Config rules the catalogue judges as their AWS pages define them (DeployedRules). */
    private static void deployed() {
        var tags = m("Project", "hipaa", "Owner", "team");
        fx("required-tags", list(with(with(EC2_, "tags", tags), "volumeTags", tags)),
                list(configRule("required-tags-owner", "REQUIRED_TAGS", "tag1Key", "Owner"),
                        with(with(EC2_, "tags", m("Project", "hipaa")), "volumeTags", tags)),
                "bastion", "missing [Owner]");
        fx("approved-amis-by-id", list(EC2_),
                list(configRule("approved-amis-by-id", "APPROVED_AMIS_BY_ID", "amiIds", "ami-0new,ami-0other"), EC2_),
                "bastion", "ami is \"ami-0approved\", not in amiIds [ami-0new, ami-0other]");

        var igw = res(INTERNET_GATEWAY, "igw", "vpcId", id("vpc"));
        fx("internet-gateway-authorized-vpc-only",
                list(VPC_, igw, configRule("igw-authorized", "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", "AuthorizedVpcIds", id("vpc"))),
                list(VPC_, igw, configRule("igw-authorized", "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", "AuthorizedVpcIds", "vpc-0other")),
                "igw", "attached to \"vpc-id\", not in AuthorizedVpcIds [vpc-0other]");
        var table = res(ROUTE_TABLE, "public-rt", "vpcId", id("vpc"));
        var toIgw = res(ROUTE, "public-default", "routeTableId", id("public-rt"), "destinationCidrBlock", "0.0.0.0/0", "gatewayId", id("igw"));
        fx("no-unrestricted-route-to-igw",
                list(igw, table, toIgw, configRule("no-route-to-igw", "NO_UNRESTRICTED_ROUTE_TO_IGW", "routeTableIds", id("public-rt"))),
                list(igw, table, toIgw, configRule("no-route-to-igw", "NO_UNRESTRICTED_ROUTE_TO_IGW", "routeTableIds", "rtb-0other")),
                "public-default", "routes the world to an internet gateway from route table \"public-rt-id\", not in routeTableIds [rtb-0other]");

        var role = res(IAM_ROLE, "bastion-role", "name", "bastion-role", "assumeRolePolicy", policy(m("Effect", "Allow",
                "Principal", m("Service", "ec2.amazonaws.com"), "Action", "sts:AssumeRole")));
        var profile = res(IAM_INSTANCE_PROFILE, "bastion-profile", "name", "bastion-profile", "role", "bastion-role");
        fx("ec2-instance-managed-by-systems-manager",
                list(EC2_, profile, role, res(IAM_ROLE_POLICY_ATTACHMENT, "bastion-ssm", "role", "bastion-role",
                        "policyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")),
                list(EC2_, profile, role, res(IAM_ROLE_POLICY_ATTACHMENT, "bastion-cw", "role", "bastion-role",
                        "policyArn", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy")),
                "bastion", "role bastion-role may not call ssm:UpdateInstanceInformation");
        fx("ec2-stopped-instance", list(EC2_, res(INSTANCE_STATE, "bastion-state", "instanceId", id("bastion"), "state", "running")),
                list(EC2_, res(INSTANCE_STATE, "bastion-state", "instanceId", id("bastion"), "state", "stopped")),
                "bastion-state", "state is \"stopped\"");
        var patch = res(SSM_ASSOCIATION, "patching", "name", "AWS-RunPatchBaseline", "parameters", m("Operation", "Install"),
                "targets", l(m("key", "tag:Project", "values", l("hipaa"))));
        fx("ec2-managedinstance-patch-compliance-status-check", list(patch), list(with(patch, "parameters", m("Operation", "Scan"))),
                "patching", "parameters.Operation is \"Scan\": missing patches are reported, never installed");
        var share = res(SNAPSHOT_CREATE_VOLUME_PERMISSION, "snap-share", "snapshotId", "snap-0123", "accountId", "444455556666");
        fx("ebs-snapshot-public-restorable-check", list(share), list(with(share, "accountId", "all")),
                "snap-share", "accountId is \"all\"");

        var snapshot = res(RDS_SNAPSHOT, "db-snap", "dbInstanceIdentifier", id("db"), "dbSnapshotIdentifier", "db-snap");
        fx("rds-snapshot-encrypted", list(RDS_, snapshot), list(with(RDS_, "storageEncrypted", false), snapshot),
                "db-snap", "instance db has storageEncrypted false");
        fx("rds-snapshots-public-prohibited", list(with(snapshot, "sharedAccounts", l("444455556666"))),
                list(with(snapshot, "sharedAccounts", l("444455556666", "all"))),
                "db-snap", "sharedAccounts contains \"all\"");
        fx("s3-bucket-acl-prohibited", list(BUCKET_, res(BUCKET_ACL, "data-acl", "bucket", id("data"), "acl", "private")),
                list(BUCKET_, res(BUCKET_ACL, "data-acl", "bucket", id("data"), "acl", "public-read")),
                "data", "data-acl: acl is \"public-read\"");

        var keyArn = "arn:aws:kms:us-east-1:111122223333:key/data";
        fx("iam-customer-policy-blocked-kms-actions",
                list(res(IAM_POLICY, "decrypt-data", "policy", policy(m("Effect", "Allow", "Action", l("kms:Decrypt"), "Resource", keyArn)))),
                list(res(IAM_POLICY, "decrypt-data", "policy", policy(m("Effect", "Allow", "Action", l("kms:Decrypt"), "Resource", "*")))),
                // The pack's patterns (kms:*, kms:Decrypt, kms:ReEncrypt*) are patterns: kms:Decrypt matches two of them.
                "decrypt-data", "a statement allows [kms:*, kms:Decrypt] on Resource \"*\"");
        fx("iam-inline-policy-blocked-kms-actions",
                list(res(IAM_ROLE_POLICY, "app-keys", "role", "app", "policy",
                        policy(m("Effect", "Allow", "Action", l("kms:Decrypt", "kms:GenerateDataKey"), "Resource", keyArn)))),
                // With the deployed rule's own patterns, only those are blocked.
                list(configRule("inline-kms", "IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS", "blockedActionsPatterns", "kms:ReEncrypt*"),
                        res(IAM_ROLE_POLICY, "app-keys", "role", "app", "policy",
                        policy(m("Effect", "Allow", "Action", l("kms:ReEncryptFrom", "kms:DescribeKey"), "Resource", "*")))),
                "app-keys", "a statement allows [kms:ReEncrypt*] on Resource \"*\"");
        var group = res(IAM_GROUP, "admins", "name", "admins");
        var alice = res(IAM_USER, "alice", "name", "alice");
        fx("iam-user-mfa-enabled", list(group), list(group, alice),
                "alice", "the program creates an IAM user, whose MFA device only its person can enable");
        fx("mfa-enabled-for-iam-console-access", list(group), list(group, res(IAM_USER_LOGIN_PROFILE, "alice-console", "user", "alice")),
                "alice-console", "the program gives user \"alice\" a console password without MFA");
        fx("access-keys-rotated", list(group), list(group, res(IAM_ACCESS_KEY, "alice-key", "user", "alice")),
                "alice-key", "the program creates a long-lived access key for \"alice\" that nothing rotates");

        var daily = m("ruleName", "daily", "targetVaultName", "hipaa-vault", "schedule", "cron(0 5 ? * * *)",
                "lifecycle", m("deleteAfter", 35));
        var plan = res(BACKUP_PLAN, "plan", "name", "hipaa-plan", "rules", l(daily));
        fx("backup-plan-min-frequency-and-min-retention-check", list(plan),
                list(with(plan, "rules", l(m("ruleName", "daily", "targetVaultName", "hipaa-vault", "schedule", "cron(0 5 ? * * *)",
                        "lifecycle", m("deleteAfter", 14))))),
                "plan", "rule \"daily\": lifecycle.deleteAfter is 14 (< 35)");
        var vault = res(BACKUP_VAULT, "vault", "name", "hipaa-vault", "kmsKeyArn", keyArn);
        fx("backup-recovery-point-encrypted", list(vault), list(with(vault, "kmsKeyArn", null)), "vault", "kmsKeyArn is not set");
        var denyDeletion = res(BACKUP_VAULT_POLICY, "vault-policy", "backupVaultName", "hipaa-vault", "policy", policy(m("Effect", "Deny",
                "Principal", "*", "Action", l("backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle",
                        "backup:PutBackupVaultAccessPolicy"), "Resource", "*")));
        fx("backup-recovery-point-manual-deletion-disabled", list(vault, denyDeletion),
                list(vault, with(denyDeletion, "policy", policy(m("Effect", "Deny", "Principal", "*",
                        "Action", l("backup:DeleteRecoveryPoint"), "Resource", "*")))),
                "vault", "vault policy vault-policy does not deny [backup:UpdateRecoveryPointLifecycle, backup:PutBackupVaultAccessPolicy]");
        var byTag = res(BACKUP_SELECTION, "backup-by-tag", "name", "by-tag", "planId", id("plan"), "iamRoleArn", arn(IAM_ROLE, "backup"),
                "selectionTags", l(m("type", "STRINGEQUALS", "key", "Backup", "value", "daily")));
        fx("ebs-in-backup-plan", list(with(EC2_, "volumeTags", m("Backup", "daily")), byTag),
                list(with(with(EC2_, "tags", m("Backup", "daily")), "volumeTags", m("Backup", "none")), byTag),
                "bastion", "no aws:backup/selection:Selection selects its volumes by ARN, tag or volume wildcard");
        var byArn = res(BACKUP_SELECTION, "backup-by-arn", "name", "by-arn", "planId", id("plan"), "iamRoleArn", arn(IAM_ROLE, "backup"),
                "resources", l(arn(EC2_INSTANCE, "bastion")));
        fx("ec2-resources-protected-by-backup-plan", list(EC2_, byArn),
                list(EC2_, with(byArn, "resources", l(arn(EC2_INSTANCE, "other")))),
                "bastion", "no aws:backup/selection:Selection selects it by ARN, tag or instance wildcard");
    }

    /** The rules about account state no program declares: the exact not-applicable reason each gives offline. */
    static final Map<String, String> OUTSIDE = Map.of(
            "iam-user-unused-credentials-check", "judges when each IAM user's credentials were last used: account activity, not a declared resource",
            "iam-root-access-key-check", "judges the root user's access keys, which no program declares",
            "root-account-mfa-enabled", "judges the root user's MFA, which no program declares",
            "root-account-hardware-mfa-enabled", "judges the root user's MFA device type, which no program declares");
}
