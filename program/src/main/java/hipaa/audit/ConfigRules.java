package hipaa.audit;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which AWS Config managed rules a stack deploys, with which parameters: the AWS HIPAA Quick Start's
 * set, and the rules of AWS Config's "Operational Best Practices for HIPAA Security" conformance pack
 * that apply to what this program deploys, each with the pack's parameters.
 *
 * <p>Pure data: {@link ConfigCompliance} registers what {@link #plan} returns. Every identifier and
 * parameter name is checked against {@link AwsConfigManagedRules} when a rule is built, so a typo stops the
 * program (and the build) instead of failing {@code pulumi up} half-way.
 *
 * <p>Where the pack leaves a parameter empty and this program knows the answer, the rule gets it, so the
 * stack passes its own checks: the VPCs allowed an internet gateway, the route tables allowed a default
 * route to one, HTTPS as the one port open to the world, the keys volumes, databases and secrets must use.
 * Pack rules left out, and why, are listed in docs/AUDIT.md.
 */
public final class ConfigRules {
    private ConfigRules() {}

    /** Where a rule comes from. */
    public enum Origin {
        QUICK_START("AWS HIPAA Quick Start"),
        HIPAA_PACK("Operational Best Practices for HIPAA Security"),
        BOTH("AWS HIPAA Quick Start and Operational Best Practices for HIPAA Security");

        public final String label;

        Origin(String label) {
            this.label = label;
        }
    }

    /** The rule whose NON_COMPLIANT security groups are remediated automatically. */
    public static final String OPEN_SSH_RULE = "restricted-ssh";
    /** Ports the pack's restricted-common-ports rule blocks: FTP data and control, RDP, MySQL, 4333 (mSQL). */
    public static final List<String> PACK_BLOCKED_PORTS = List.of("20", "21", "3389", "3306", "4333");
    /** The only TCP port this program opens to the world: HTTPS on the public load balancer. */
    public static final String AUTHORIZED_PUBLIC_TCP_PORTS = "443";
    /** The pack's KMS action patterns no IAM policy may allow on every key. */
    public static final String PACK_BLOCKED_KMS_ACTIONS = "kms:*, kms:Decrypt, kms:ReEncrypt*";
    /** REQUIRED_TAGS checks at most six keys per rule; one rule per key keeps each key's identity stable. */
    public static final List<String> REQUIRED_TAG_SCOPE = List.of("AWS::EC2::Instance", "AWS::EC2::Volume");

    /**
     * One managed rule to deploy.
     *
     * @param name          rule name without the stack prefix, e.g. {@code restricted-ssh}
     * @param identifier    AWS source identifier, e.g. {@code INCOMING_SSH_DISABLED}
     * @param parameters    input parameters in a stable order; values may come from other resources
     * @param resourceTypes the scope's compliance resource types; empty for account-wide and periodic rules
     * @param origin        where the rule comes from
     * @param hipaa         the HIPAA Security Rule section it supports, for the rule's description
     */
    public record ManagedRule(String name, String identifier, Map<String, Output<String>> parameters,
                              List<String> resourceTypes, Origin origin, String hipaa) {
        public ManagedRule {
            Objects.requireNonNull(name, "name");
            var entry = AwsConfigManagedRules.require(identifier);
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            for (var p : parameters.keySet()) {
                if (!entry.parameters().contains(p)) {
                    throw new IllegalStateException(identifier + " has no parameter '" + p + "'; its page documents "
                            + (entry.parameters().isEmpty() ? "none" : String.join(", ", entry.parameters())));
                }
            }
            resourceTypes = List.copyOf(resourceTypes);
        }

        public String description() {
            return "HIPAA " + hipaa + ". From the " + origin.label + ".";
        }
    }

    /**
     * What the rule set depends on.
     *
     * @param region              the stack's Region: rules AWS does not run there are left out
     * @param requiredTagKeys     tag keys every instance and volume must carry, one rule per key
     * @param approvedAmiIds      AMIs instances may run: the stack's list, or the Amazon Linux image the program
     *                            resolved from AWS's public parameter when the stack lists none
     * @param dataEventBucketNames buckets whose S3 data events the trail records: the evidence and the PHI buckets
     * @param archiveBucketName   the bucket the trail delivers to
     * @param authorizedVpcIds    VPCs allowed an internet gateway
     * @param publicRouteTableIds route tables allowed a default route to an internet gateway
     * @param dataKeyArn          the key EBS volumes and databases must be encrypted with
     * @param secretsKeyArn       the key secrets must be encrypted with
     */
    public record Inputs(String region, List<String> requiredTagKeys, List<String> approvedAmiIds,
                         List<String> dataEventBucketNames, Output<String> archiveBucketName,
                         Output<List<String>> authorizedVpcIds, Output<List<String>> publicRouteTableIds,
                         Output<String> dataKeyArn, Output<String> secretsKeyArn) {
        public Inputs {
            requiredTagKeys = List.copyOf(requiredTagKeys);
            approvedAmiIds = List.copyOf(approvedAmiIds);
            dataEventBucketNames = List.copyOf(dataEventBucketNames);
            if (requiredTagKeys.isEmpty()) {
                throw new IllegalArgumentException("requiredTagKeys: empty; the required-tags rules need at least one key");
            }
            if (approvedAmiIds.isEmpty()) {
                throw new IllegalArgumentException("approvedAmiIds: empty; the approved-amis-by-id rule needs the images instances run");
            }
        }
    }

    // HIPAA Security Rule sections the rules support.
    static final String AUDIT = "164.312(b) audit controls";
    static final String INTEGRITY = "164.312(c)(1) integrity";
    static final String AT_REST = "164.312(a)(2)(iv) encryption and decryption";
    static final String TRANSMISSION = "164.312(e)(1) transmission security";
    static final String ACCESS = "164.312(a)(1) access control";
    static final String AUTHENTICATION = "164.312(d) person or entity authentication";
    static final String PASSWORDS = "164.308(a)(5)(ii)(D) password management";
    static final String MONITORING = "164.308(a)(1)(ii)(D) information system activity review";
    static final String INCIDENTS = "164.308(a)(6)(ii) response and reporting";
    static final String CONTINGENCY = "164.308(a)(7)(ii)(A) data backup plan";
    static final String CONFIGURATION = "164.308(a)(1)(ii)(B) risk management";

    private static final String INSTANCE = "AWS::EC2::Instance";
    private static final String SECURITY_GROUP = "AWS::EC2::SecurityGroup";
    private static final String BUCKET = "AWS::S3::Bucket";
    private static final String DB_INSTANCE = "AWS::RDS::DBInstance";
    private static final List<String> DB_SNAPSHOTS = List.of("AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot");
    private static final List<String> IAM_PRINCIPALS = List.of("AWS::IAM::Group", "AWS::IAM::Role", "AWS::IAM::User");

    /** Every rule this stack deploys, in a stable order, without those AWS does not run in its Region. */
    public static List<ManagedRule> plan(Inputs in) {
        return all(in).stream()
                .filter(r -> AwsConfigManagedRules.require(r.identifier()).availableIn(in.region()))
                .toList();
    }

    /** The rules {@link #plan} leaves out because AWS does not run them in the Region. */
    public static List<String> unavailable(Inputs in) {
        return all(in).stream()
                .filter(r -> !AwsConfigManagedRules.require(r.identifier()).availableIn(in.region()))
                .map(ManagedRule::name).toList();
    }

    static List<ManagedRule> all(Inputs in) {
        var rules = new ArrayList<ManagedRule>();

        // ---- the Quick Start's set ----------------------------------------------------------------
        for (var key : in.requiredTagKeys()) {
            rules.add(rule("required-tags-" + slug(key), "REQUIRED_TAGS", Map.of("tag1Key", Output.of(key)),
                    REQUIRED_TAG_SCOPE, Origin.QUICK_START, CONFIGURATION));
        }
        rules.add(rule("RESTRICTED_INCOMING_TRAFFIC", blockedPorts(), List.of(SECURITY_GROUP), Origin.BOTH, TRANSMISSION));
        rules.add(rule("APPROVED_AMIS_BY_ID", Map.of("amiIds", Output.of(String.join(",", in.approvedAmiIds()))),
                List.of(INSTANCE), Origin.QUICK_START, CONFIGURATION));
        rules.add(rule("CLOUD_TRAIL_ENABLED", Map.of("s3BucketName", in.archiveBucketName()), List.of(), Origin.BOTH, AUDIT));
        rules.add(rule("INCOMING_SSH_DISABLED", Map.of(), List.of(SECURITY_GROUP), Origin.BOTH, ACCESS));

        // ---- CloudTrail and CloudWatch -----------------------------------------------------------
        rules.add(pack("CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", AUDIT));
        rules.add(pack("CLOUD_TRAIL_ENCRYPTION_ENABLED", AT_REST));
        rules.add(pack("CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", INTEGRITY));
        rules.add(rule("MULTI_REGION_CLOUD_TRAIL_ENABLED", Map.of("s3BucketName", in.archiveBucketName()), List.of(),
                Origin.HIPAA_PACK, AUDIT));
        // Without a list the rule demands data events on every bucket in the account; the trail records them for
        // the audit evidence and the PHI buckets, so the rule checks that it keeps doing so for exactly those.
        rules.add(rule("CLOUDTRAIL_S3_DATAEVENTS_ENABLED",
                Map.of("S3BucketNames", Output.of(String.join(",", in.dataEventBucketNames()))), List.of(),
                Origin.HIPAA_PACK, AUDIT));
        rules.add(pack("CLOUDWATCH_LOG_GROUP_ENCRYPTED", AT_REST));
        rules.add(rule("CLOUDWATCH_ALARM_ACTION_CHECK", ordered(
                        "alarmActionRequired", "true", "insufficientDataActionRequired", "true", "okActionRequired", "false"),
                List.of("AWS::CloudWatch::Alarm"), Origin.HIPAA_PACK, INCIDENTS));

        // ---- network -----------------------------------------------------------------------------
        rules.add(rule("VPC_FLOW_LOGS_ENABLED", Map.of("trafficType", Output.of("ALL")), List.of(), Origin.HIPAA_PACK, AUDIT));
        rules.add(pack("VPC_DEFAULT_SECURITY_GROUP_CLOSED", ACCESS, SECURITY_GROUP));
        rules.add(rule("VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS", Map.of("authorizedTcpPorts", Output.of(AUTHORIZED_PUBLIC_TCP_PORTS)),
                List.of(SECURITY_GROUP), Origin.HIPAA_PACK, TRANSMISSION));
        rules.add(rule("INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", Map.of("AuthorizedVpcIds", csv(in.authorizedVpcIds())),
                List.of("AWS::EC2::InternetGateway"), Origin.HIPAA_PACK, ACCESS));
        rules.add(rule("NO_UNRESTRICTED_ROUTE_TO_IGW", Map.of("routeTableIds", csv(in.publicRouteTableIds())),
                List.of("AWS::EC2::RouteTable"), Origin.HIPAA_PACK, ACCESS));
        rules.add(pack("SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", ACCESS, "AWS::EC2::Subnet"));

        // ---- instances and volumes ---------------------------------------------------------------
        rules.add(pack("EC2_IMDSV2_CHECK", ACCESS, INSTANCE));
        rules.add(pack("EC2_INSTANCE_NO_PUBLIC_IP", ACCESS, INSTANCE));
        rules.add(pack("EC2_INSTANCE_MANAGED_BY_SSM", CONFIGURATION, INSTANCE, "AWS::SSM::ManagedInstanceInventory"));
        rules.add(pack("EC2_INSTANCE_PROFILE_ATTACHED", ACCESS, INSTANCE));
        rules.add(pack("INSTANCES_IN_VPC", ACCESS, INSTANCE));
        rules.add(pack("EC2_STOPPED_INSTANCE", CONFIGURATION));
        rules.add(pack("EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK", CONFIGURATION, "AWS::SSM::PatchCompliance"));
        rules.add(pack("EC2_EBS_ENCRYPTION_BY_DEFAULT", AT_REST));
        rules.add(rule("ENCRYPTED_VOLUMES", Map.of("kmsId", in.dataKeyArn()), List.of("AWS::EC2::Volume"), Origin.HIPAA_PACK, AT_REST));
        rules.add(pack("EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK", ACCESS));
        rules.add(pack("AUTOSCALING_GROUP_ELB_HEALTHCHECK_REQUIRED", CONTINGENCY, "AWS::AutoScaling::AutoScalingGroup"));

        // ---- databases ---------------------------------------------------------------------------
        rules.add(rule("RDS_STORAGE_ENCRYPTED", Map.of("kmsKeyId", in.dataKeyArn()), List.of(DB_INSTANCE), Origin.HIPAA_PACK, AT_REST));
        rules.add(pack("RDS_INSTANCE_PUBLIC_ACCESS_CHECK", ACCESS, DB_INSTANCE));
        rules.add(pack("RDS_MULTI_AZ_SUPPORT", CONTINGENCY, DB_INSTANCE));
        rules.add(pack("RDS_SNAPSHOT_ENCRYPTED", AT_REST, DB_SNAPSHOTS.toArray(String[]::new)));
        rules.add(pack("RDS_SNAPSHOTS_PUBLIC_PROHIBITED", ACCESS, DB_SNAPSHOTS.toArray(String[]::new)));
        rules.add(pack("DB_INSTANCE_BACKUP_ENABLED", CONTINGENCY, DB_INSTANCE));
        rules.add(pack("RDS_LOGGING_ENABLED", AUDIT, DB_INSTANCE));
        rules.add(pack("RDS_ENHANCED_MONITORING_ENABLED", MONITORING, DB_INSTANCE));
        rules.add(pack("RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED", CONFIGURATION, DB_INSTANCE));
        rules.add(pack("RDS_IN_BACKUP_PLAN", CONTINGENCY));

        // ---- S3 ----------------------------------------------------------------------------------
        rules.add(rule("S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC", ordered(
                        "BlockPublicAcls", "true", "BlockPublicPolicy", "true", "IgnorePublicAcls", "true", "RestrictPublicBuckets", "true"),
                List.of(), Origin.HIPAA_PACK, ACCESS));
        rules.add(pack("S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED", ACCESS, BUCKET));
        rules.add(pack("S3_BUCKET_PUBLIC_READ_PROHIBITED", ACCESS, BUCKET));
        rules.add(pack("S3_BUCKET_PUBLIC_WRITE_PROHIBITED", ACCESS, BUCKET));
        rules.add(pack("S3_BUCKET_ACL_PROHIBITED", ACCESS, BUCKET));
        rules.add(pack("S3_BUCKET_SSL_REQUESTS_ONLY", TRANSMISSION, BUCKET));
        rules.add(pack("S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", AT_REST, BUCKET));
        rules.add(pack("S3_BUCKET_VERSIONING_ENABLED", INTEGRITY, BUCKET));

        // ---- load balancers, topics, secrets, keys -----------------------------------------------
        rules.add(pack("ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK", TRANSMISSION));
        rules.add(pack("ELBV2_ACM_CERTIFICATE_REQUIRED", TRANSMISSION));
        rules.add(pack("ELB_DELETION_PROTECTION_ENABLED", CONTINGENCY, "AWS::ElasticLoadBalancingV2::LoadBalancer"));
        rules.add(pack("ELB_LOGGING_ENABLED", AUDIT, "AWS::ElasticLoadBalancing::LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer"));
        rules.add(pack("SNS_ENCRYPTED_KMS", AT_REST, "AWS::SNS::Topic"));
        rules.add(pack("SECRETSMANAGER_ROTATION_ENABLED_CHECK", AUTHENTICATION, "AWS::SecretsManager::Secret"));
        rules.add(rule("SECRETSMANAGER_USING_CMK", Map.of("kmsKeyArns", in.secretsKeyArn()),
                List.of("AWS::SecretsManager::Secret"), Origin.HIPAA_PACK, AT_REST));
        rules.add(pack("KMS_CMK_NOT_SCHEDULED_FOR_DELETION", AT_REST, "AWS::KMS::Key"));

        // ---- identity ----------------------------------------------------------------------------
        rules.add(rule("IAM_PASSWORD_POLICY", ordered(
                        "MaxPasswordAge", "90", "MinimumPasswordLength", "14", "PasswordReusePrevention", "24",
                        "RequireLowercaseCharacters", "true", "RequireNumbers", "true", "RequireSymbols", "true",
                        "RequireUppercaseCharacters", "true"),
                List.of(), Origin.HIPAA_PACK, PASSWORDS));
        rules.add(pack("IAM_ROOT_ACCESS_KEY_CHECK", ACCESS));
        rules.add(pack("ROOT_ACCOUNT_MFA_ENABLED", AUTHENTICATION));
        rules.add(pack("ROOT_ACCOUNT_HARDWARE_MFA_ENABLED", AUTHENTICATION));
        rules.add(pack("IAM_USER_MFA_ENABLED", AUTHENTICATION));
        rules.add(pack("MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", AUTHENTICATION));
        rules.add(pack("IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", ACCESS, "AWS::IAM::Policy"));
        rules.add(pack("IAM_USER_NO_POLICIES_CHECK", ACCESS, "AWS::IAM::User"));
        rules.add(rule("ACCESS_KEYS_ROTATED", ordered("maxAccessKeyAge", "90"), List.of(), Origin.HIPAA_PACK, PASSWORDS));
        rules.add(rule("IAM_USER_UNUSED_CREDENTIALS_CHECK", ordered("maxCredentialUsageAge", "90"), List.of(),
                Origin.HIPAA_PACK, ACCESS));
        rules.add(rule("IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS", ordered("blockedActionsPatterns", PACK_BLOCKED_KMS_ACTIONS),
                List.of("AWS::IAM::Policy"), Origin.HIPAA_PACK, ACCESS));
        rules.add(rule("IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS", ordered("blockedActionsPatterns", PACK_BLOCKED_KMS_ACTIONS),
                IAM_PRINCIPALS, Origin.HIPAA_PACK, ACCESS));

        // ---- detection and backups ---------------------------------------------------------------
        rules.add(pack("GUARDDUTY_ENABLED_CENTRALIZED", INCIDENTS));
        rules.add(pack("SECURITYHUB_ENABLED", MONITORING));
        rules.add(pack("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", CONTINGENCY, "AWS::Backup::BackupPlan"));
        rules.add(pack("BACKUP_RECOVERY_POINT_ENCRYPTED", AT_REST, "AWS::Backup::RecoveryPoint"));
        rules.add(pack("BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", CONTINGENCY, "AWS::Backup::BackupVault"));
        rules.add(pack("EBS_IN_BACKUP_PLAN", CONTINGENCY));
        rules.add(pack("EC2_RESOURCES_PROTECTED_BY_BACKUP_PLAN", CONTINGENCY, INSTANCE));
        return List.copyOf(rules);
    }

    /** Tag key as it may appear in a rule name: lowercase letters, digits and hyphens. */
    static String slug(String key) {
        var s = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "key" : s;
    }

    private static ManagedRule pack(String identifier, String hipaa, String... resourceTypes) {
        return rule(identifier, Map.of(), List.of(resourceTypes), Origin.HIPAA_PACK, hipaa);
    }

    private static ManagedRule rule(String identifier, Map<String, Output<String>> parameters, List<String> resourceTypes,
                                    Origin origin, String hipaa) {
        return rule(AwsConfigManagedRules.require(identifier).ruleName(), identifier, parameters, resourceTypes, origin, hipaa);
    }

    private static ManagedRule rule(String name, String identifier, Map<String, Output<String>> parameters,
                                    List<String> resourceTypes, Origin origin, String hipaa) {
        return new ManagedRule(name, identifier, parameters, resourceTypes, origin, hipaa);
    }

    private static Map<String, Output<String>> blockedPorts() {
        var out = new LinkedHashMap<String, Output<String>>();
        for (int i = 0; i < PACK_BLOCKED_PORTS.size(); i++) {
            out.put("blockedPort" + (i + 1), Output.of(PACK_BLOCKED_PORTS.get(i)));
        }
        return out;
    }

    /** Alternating names and values, kept in the order written. */
    private static Map<String, Output<String>> ordered(String... namesAndValues) {
        var out = new LinkedHashMap<String, Output<String>>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], Output.of(namesAndValues[i + 1]));
        }
        return out;
    }

    private static Output<String> csv(Output<List<String>> values) {
        return values.applyValue(v -> v.stream().collect(Collectors.joining(",")));
    }
}
