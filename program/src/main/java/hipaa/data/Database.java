package hipaa.data;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.OptionGroup;
import com.pulumi.aws.rds.OptionGroupArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.OptionGroupOptionArgs;
import com.pulumi.aws.rds.inputs.OptionGroupOptionOptionSettingArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.rds.outputs.InstanceMasterUserSecret;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import hipaa.identity.AwsAccount;
import hipaa.identity.Keys;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.network.Placement;
import hipaa.network.SecurityGroups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The PHI database: one RDS instance in the isolated data subnets that is encrypted with the project's
 * data key, speaks only TLS, keeps its master password out of config, code and state, and cannot be lost
 * to a {@code pulumi destroy}, a replacement or a deleted instance.
 *
 * <p>Children (their names are the stack's identity): {@code <name>-sg} (security group: no ingress of its
 * own, no egress), {@code <name>-subnets} (DB subnet group over the data subnets), {@code <name>-params}
 * (parameter group of the engine's family), {@code <name>-options} (MySQL only: the audit plugin that logs
 * connections), {@code <name>-log-<type>} (one KMS-encrypted log group per exported log type, created before
 * the instance so RDS never creates an unencrypted one), {@code <name>-monitoring-role} and
 * {@code <name>-monitoring-policy} (enhanced monitoring), {@code <name>-instance}.
 *
 * <p>Fixed posture: storage (gp3, autoscaling) and Performance Insights encrypted with the data key; not
 * publicly accessible; {@code rds.force_ssl}/{@code require_secure_transport} on and connections logged;
 * the server certificate from a pinned current RDS CA; master password generated and rotated by RDS in
 * Secrets Manager under the secrets key; IAM database authentication on; automated backups with tags
 * copied to snapshots and kept after the instance is deleted; a final snapshot with a stable identifier
 * ({@code <identifier>-final}) always taken; auto minor version upgrade on. With {@link Args#protect()}:
 * RDS deletion protection, and Pulumi {@code protect} plus {@code retainOnDelete} on the instance and
 * the log groups. The instance carries the tag {@code Backup=daily}, which {@link Backups} selects.
 *
 * <p>Who may reach the database port is not decided here: the security group is created without ingress
 * rules, and {@code network/TrafficFlows} adds one {@code SecurityGroupIngressRule} per allowed source (app
 * tier, bastion, VPN). For the same reason {@code ingress} is left unset rather than empty: an inline list,
 * even an empty one, would make the provider delete those separately managed rules on every update.
 *
 * <p>Supports 164.308(a)(7)(ii)(A) (data backup plan), 164.312(a)(1) (access control),
 * 164.312(a)(2)(iv) (encryption at rest), 164.312(b) (audit controls), 164.312(c)(1) (integrity),
 * 164.312(d) (authentication) and 164.312(e)(1) (transmission security).
 */
public final class Database extends ComponentResource {

    public static final String TYPE = "hipaa:data:Database";
    /** The master user RDS creates; applications use IAM authentication or their own users, never this one. */
    public static final String MASTER_USERNAME = "dbadmin";
    /** Enhanced monitoring granularity; 60 s is enough to see a struggling host and costs least. */
    public static final int MONITORING_INTERVAL_SECONDS = 60;
    /** Performance Insights retention in days; 7 is the free tier. */
    public static final int INSIGHTS_RETENTION_DAYS = 7;
    public static final String MONITORING_POLICY_NAME = "AmazonRDSEnhancedMonitoringRole";

    /**
     * Storage: gp3, encrypted with the data key, grown by RDS up to the ceiling.
     *
     * @param allocatedStorageGiB    initial storage
     * @param maxAllocatedStorageGiB storage autoscaling ceiling
     */
    public record Storage(int allocatedStorageGiB, int maxAllocatedStorageGiB) {}

    /**
     * The database server.
     *
     * @param engine        database engine
     * @param engineVersion major version, one of {@link Engine#versions()}
     * @param instanceClass e.g. {@code db.m6g.large}
     * @param storage       initial storage and its autoscaling ceiling
     * @param multiAz       run a synchronous standby in another AZ
     * @param dbName        database created at launch
     */
    public record Server(Engine engine, String engineVersion, String instanceClass, Storage storage, boolean multiAz,
                           String dbName) {
        public Server {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(storage, "storage");
        }
    }

    /**
     * How RDS backs it up, patches it, certifies it and keeps its logs.
     *
     * @param dbBackupRetentionDays automated backup retention ({@code hipaa:dbBackupRetentionDays}), the RDS
     *                              {@code backupRetentionPeriod}
     * @param backupWindow          daily UTC window {@code hh:mm-hh:mm}
     * @param maintenanceWindow     weekly UTC window {@code ddd:hh:mm-ddd:hh:mm}
     * @param caCertIdentifier      RDS CA of the server certificate
     * @param logRetentionDays      retention of the exported logs
     */
    public record Operations(int dbBackupRetentionDays, String backupWindow, String maintenanceWindow,
                             String caCertIdentifier, int logRetentionDays) {}

    /**
     * @param server     engine, class, storage, standby and the database created at launch
     * @param operations backups, windows, CA and log retention
     * @param placement  the VPC of the security group and the data subnets, one per AZ
     * @param keys       the data key (storage, snapshots, Performance Insights), the secrets key (the master-user
     *                   secret) and the logs key (the log groups)
     * @param naming     the name prefix, and the account and Region for ARNs in the monitoring role's trust policy
     * @param protect    deletion protection in RDS, and Pulumi protect + retainOnDelete on state
     */
    public record Args(Server server, Operations operations, Placement placement, Keys keys, Naming naming,
                       boolean protect) {}

    /** The DB instance identifier: {@code <namePrefix>-db}, lower case as RDS requires. */
    public final String identifier;
    public final Output<String> securityGroupId;
    public final Output<String> arn;
    /** {@code address:port}. */
    public final Output<String> endpoint;
    public final Output<String> address;
    public final Output<Integer> port;
    public final String dbName;
    public final String caCertIdentifier;
    /** ARN of the RDS-managed Secrets Manager secret holding the master credentials (never the password). */
    public final Output<String> masterSecretArn;
    /** Where applications fetch the CA bundle that verifies the server certificate. */
    public final String caBundleUrl;
    /** A connection string with {@code {username}}/{@code {password}} placeholders and full verification. */
    public final Output<String> connectionStringTemplate;

    public Database(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var server = args.server();
        var operations = args.operations();
        var keys = args.keys();
        var engine = server.engine();
        this.identifier = (args.naming().namePrefix() + "-db").toLowerCase(Locale.ROOT);
        this.dbName = server.dbName();
        this.caCertIdentifier = operations.caCertIdentifier();

        // A database answers; it never opens connections, so no egress at all.
        var sg = SecurityGroups.group(name + "-sg", identifier, args.placement().vpcId(), child)
                .description("Database port from the app tier, bastion and VPN only; rules in network/TrafficFlows")
                .create(SecurityGroups.OnDelete.PROVIDER_DEFAULT, SecurityGroups.Egress.NONE_INLINE);
        this.securityGroupId = sg.id();

        var subnets = new SubnetGroup(name + "-subnets", SubnetGroupArgs.builder()
                .name(identifier)
                .description("Isolated data subnets of " + args.naming().namePrefix() + ": no route to the internet")
                .subnetIds(args.placement().subnetIds())
                .tags(Map.of("Name", identifier))
                .build(), child);

        // The family is in the name, so a major version upgrade creates a new group next to the old one
        // instead of fighting over one name.
        var groupName = identifier + "-" + engine.familySlug(server.engineVersion());
        var params = new ParameterGroup(name + "-params", ParameterGroupArgs.builder()
                .name(groupName)
                .family(engine.family(server.engineVersion()))
                .description("TLS only, connections logged")
                .parameters(engine.parameters().stream().map(p -> ParameterGroupParameterArgs.builder()
                        .name(p.name()).value(p.value()).applyMethod(p.applyMethod()).build()).toList())
                .tags(Map.of("Name", groupName))
                .build(), child);

        OptionGroup options = null;
        if (engine.needsAuditOption()) {
            options = new OptionGroup(name + "-options", OptionGroupArgs.builder()
                    .name(groupName)
                    .engineName(engine.id())
                    .majorEngineVersion(server.engineVersion())
                    .optionGroupDescription("Audit plugin logging connections and disconnections only")
                    .options(OptionGroupOptionArgs.builder()
                            .optionName(Engine.AUDIT_PLUGIN)
                            .optionSettings(OptionGroupOptionOptionSettingArgs.builder()
                                    .name(Engine.AUDIT_EVENTS_SETTING).value(Engine.AUDIT_EVENTS).build())
                            .build())
                    .tags(Map.of("Name", groupName))
                    .build(), child);
        }

        var stateful = CustomResourceOptions.builder().parent(this)
                .protect(args.protect()).retainOnDelete(args.protect()).build();
        var logGroups = new ArrayList<Resource>();
        for (var type : engine.logExports()) {
            logGroups.add(new LogGroup(name + "-log-" + type, LogGroupArgs.builder()
                    .name(logGroupName(identifier, type))
                    .retentionInDays(operations.logRetentionDays())
                    .kmsKeyId(keys.logsKeyArn())
                    .build(), stateful));
        }

        var monitoringRole = new Role(name + "-monitoring-role", RoleArgs.builder()
                .name(identifier + "-monitoring")
                .description("Lets RDS enhanced monitoring of " + identifier + " publish OS metrics")
                .assumeRolePolicy(monitoringTrust(args.naming().account(), identifier).toJson())
                .build(), child);
        var monitoringPolicy = new RolePolicyAttachment(name + "-monitoring-policy", RolePolicyAttachmentArgs.builder()
                .role(monitoringRole.name())
                .policyArn(monitoringPolicyArn(args.naming().account().partition()))
                .build(), child);

        var dependencies = new ArrayList<Resource>(logGroups);
        dependencies.add(monitoringPolicy);
        var instanceArgs = InstanceArgs.builder()
                .identifier(identifier)
                .engine(engine.id())
                .engineVersion(server.engineVersion())
                .autoMinorVersionUpgrade(true)
                // Only an explicit change of hipaa:dbEngineVersion in a reviewed stack file triggers one;
                // refusing it would leave no in-place upgrade path at all.
                .allowMajorVersionUpgrade(true)
                .instanceClass(server.instanceClass())
                .storageType("gp3")
                .allocatedStorage(server.storage().allocatedStorageGiB())
                .maxAllocatedStorage(server.storage().maxAllocatedStorageGiB())
                .storageEncrypted(true)
                .kmsKeyId(keys.dataKeyArn())
                .dbName(server.dbName())
                .username(MASTER_USERNAME)
                .manageMasterUserPassword(true)
                .masterUserSecretKmsKeyId(keys.secretsKeyArn())
                .iamDatabaseAuthenticationEnabled(true)
                .dbSubnetGroupName(subnets.name())
                .vpcSecurityGroupIds(Output.all(sg.id()))
                .publiclyAccessible(false)
                .multiAz(server.multiAz())
                .parameterGroupName(params.name())
                .caCertIdentifier(operations.caCertIdentifier())
                .backupRetentionPeriod(operations.dbBackupRetentionDays())
                .backupWindow(operations.backupWindow())
                .maintenanceWindow(operations.maintenanceWindow())
                .copyTagsToSnapshot(true)
                // Automated backups outlive the instance until their retention ends.
                .deleteAutomatedBackups(false)
                .skipFinalSnapshot(false)
                // Stable on purpose: a timestamp would show as a diff on every preview. A second delete of
                // a database with this identifier fails until the old final snapshot is renamed (docs/DATA.md).
                .finalSnapshotIdentifier(identifier + "-final")
                .deletionProtection(args.protect())
                .performanceInsightsEnabled(true)
                .performanceInsightsKmsKeyId(keys.dataKeyArn())
                .performanceInsightsRetentionPeriod(INSIGHTS_RETENTION_DAYS)
                .monitoringInterval(MONITORING_INTERVAL_SECONDS)
                .monitoringRoleArn(monitoringRole.arn())
                .enabledCloudwatchLogsExports(engine.logExports())
                .tags(Map.of("Name", identifier, Backups.TAG_KEY, Backups.TAG_VALUE));
        if (options != null) {
            instanceArgs.optionGroupName(options.name());
        }
        var instance = new Instance(name + "-instance", instanceArgs.build(), CustomResourceOptions.builder()
                .parent(this)
                .protect(args.protect())
                .retainOnDelete(args.protect())
                .dependsOn(dependencies)
                .build());

        this.arn = instance.arn();
        this.endpoint = instance.endpoint();
        this.address = instance.address();
        this.port = instance.port();
        this.masterSecretArn = instance.masterUserSecrets().applyValue(secrets -> secrets.stream()
                .map(InstanceMasterUserSecret::secretArn)
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElse(null));
        this.caBundleUrl = caBundleUrl(args.naming().account().partition(), args.naming().account().region());
        var bundleFile = caBundleUrl.substring(caBundleUrl.lastIndexOf('/') + 1);
        this.connectionStringTemplate = Output.tuple(address, port).applyValue(t ->
                engine.connectionStringTemplate(t.t1, t.t2, server.dbName(), bundleFile));

        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("identifier", Output.of(identifier));
        outputs.put("securityGroupId", securityGroupId);
        outputs.put("arn", arn);
        outputs.put("endpoint", endpoint);
        outputs.put("address", address);
        outputs.put("port", port);
        outputs.put("dbName", Output.of(dbName));
        outputs.put("caCertIdentifier", Output.of(caCertIdentifier));
        outputs.put("masterSecretArn", masterSecretArn);
        outputs.put("caBundleUrl", Output.of(caBundleUrl));
        outputs.put("connectionStringTemplate", connectionStringTemplate);
        registerOutputs(outputs);
    }

    /** The log group RDS writes an exported log type to; it must exist before RDS would create it unencrypted. */
    public static String logGroupName(String identifier, String logType) {
        return "/aws/rds/instance/" + identifier + "/" + logType;
    }

    /** The AWS managed policy for enhanced monitoring (CreateLogGroup/PutLogEvents on RDSOSMetrics only). */
    public static String monitoringPolicyArn(String partition) {
        return "arn:" + partition + ":iam::aws:policy/service-role/" + MONITORING_POLICY_NAME;
    }

    /**
     * Only RDS monitoring acting for this one instance may assume the role: the source conditions stop
     * another account's instance from borrowing it (confused deputy), as AWS documents them ("Setting up and
     * enabling Enhanced Monitoring", Amazon RDS User Guide, "Protecting against the confused deputy problem").
     */
    static PolicyDocument monitoringTrust(AwsAccount account, String identifier) {
        return PolicyDocument.of(Statement.assumeRole("RdsMonitoringOfThisInstanceOnly", "Service", "monitoring.rds.amazonaws.com")
                .condition("StringEquals", "aws:SourceAccount", account.accountId())
                .condition("ArnLike", "aws:SourceArn", account.arn("rds", "db:" + identifier)));
    }

    /**
     * The Region's RDS CA bundle (intermediate and root certificates of every current RDS CA), published
     * by AWS; GovCloud Regions publish theirs on a separate host.
     */
    public static String caBundleUrl(String partition, String region) {
        var host = "aws-us-gov".equals(partition) ? "truststore.pki.us-gov-west-1.rds.amazonaws.com" : "truststore.pki.rds.amazonaws.com";
        return "https://" + host + "/" + region + "/" + region + "-bundle.pem";
    }
}
