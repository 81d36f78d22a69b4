package hipaa.audit;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.AwsAccount;
import hipaa.identity.EvidenceBuckets;
import hipaa.identity.KeyPolicies;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.identity.Naming;
import hipaa.identity.RolePermissions;
import hipaa.storage.PrivateBucket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The second-Region copy of the audit evidence: the CloudTrail archive and the AWS Config history replicated,
 * object by object, into buckets of another Region, so the evidence survives the loss of the stack's Region
 * (HIPAA 164.308(a)(7)(ii)(B), disaster recovery plan; 164.316(b)(2)(i), retention).
 *
 * <p>Everything here goes through the replica Region's explicit provider (the component's parent hands it
 * down). Children: {@code <name>-key} with {@code <name>-key-alias} ({@code alias/<prefix>-audit-replica}, SSE-KMS
 * of the replicas); {@link LogBucket}s {@code <name>-access-logs} (S3 access logs of the two replicas: access
 * logging stays within a Region), {@code <name>-archive} (Object Lock like the archive: S3 replicates locked objects
 * only into a locked bucket) and {@code <name>-config-history}, each with the source's lifecycle, the same
 * TLS-only, delete-denying policy and configuration guard ({@link EvidenceBuckets}), and names under
 * {@code <prefix>-audit-*} so the evidence-protection deny and the auditors' read access cover them; the role
 * {@code <name>-role} S3 assumes, with its customer managed policy {@code <name>-policy}. The source buckets' replication rules are the sources' own ({@link PrivateBucket.Replication}).
 */
public final class AuditReplica extends ComponentResource {

    public static final String TYPE = "hipaa:audit:AuditReplica";

    /**
     * The buckets replicated, in the stack's Region.
     *
     * @param archiveName the CloudTrail archive bucket
     * @param historyName the Config history bucket
     * @param keyArn      the key they are encrypted with (the logs key), which replication decrypts
     */
    public record Sources(String archiveName, String historyName, Output<String> keyArn) {
        public Sources {
            Objects.requireNonNull(archiveName, "archiveName");
            Objects.requireNonNull(historyName, "historyName");
            Objects.requireNonNull(keyArn, "keyArn");
        }
    }

    /**
     * @param naming     the name prefix, and the stack's account and Region (the sources')
     * @param region     the replica Region, same partition
     * @param lifecycle  the sources' transitions and expiry, kept identical
     * @param objectLock the archive's default retention, kept identical
     * @param sources    what is replicated
     * @param protect    protect and retain the replicas and their key
     */
    public record Args(Naming naming, String region, LogBucket.Lifecycle lifecycle, LogBucket.ObjectLock objectLock,
                       Sources sources, boolean protect) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(lifecycle, "lifecycle");
            Objects.requireNonNull(objectLock, "objectLock");
            Objects.requireNonNull(sources, "sources");
            if (region.equals(naming.account().region())) {
                throw new IllegalArgumentException("replica Region " + region + " is the stack's own Region");
            }
        }
    }

    /** The archive's replica, for the archive's replication rule. */
    public final PrivateBucket.Replication archive;
    /** The Config history's replica, for the history's replication rule. */
    public final PrivateBucket.Replication history;
    /** Every replica bucket's name: reads of them are audit events too. */
    public final List<String> bucketNames;

    public AuditReplica(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var home = args.naming().account();
        var replica = new AwsAccount(home.partition(), args.region(), home.accountId());
        var prefix = args.naming().namePrefix();
        var child = ComponentResourceOptions.builder().parent(this).build();

        var key = new Key(name + "-key", KeyArgs.builder()
                .description(prefix + " audit replica key (" + args.region() + "): the second-Region copy of the archive and Config history")
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(KeyPolicies.auditReplica(replica).toJson())
                .tags(Map.of("Name", prefix + "-audit-replica"))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        new Alias(name + "-key-alias", AliasArgs.builder()
                .name("alias/" + prefix + "-audit-replica")
                .targetKeyId(key.keyId())
                .build(), CustomResourceOptions.builder().parent(this).build());

        var accessLogsName = Audit.bucketName(prefix, "audit-access-logs-replica", home);
        var accessLogs = new LogBucket(name + "-access-logs", new LogBucket.Args(accessLogsName, home.partition(),
                Optional.empty(), new LogBucket.Retention(args.lifecycle(), Optional.empty()), Optional.empty(),
                List.of(Audit.accessLogGrant(home, LogBucket.arn(home.partition(), accessLogsName)),
                        EvidenceBuckets.configurationGuard(home, prefix, LogBucket.arn(home.partition(), accessLogsName))),
                args.protect()), child);

        var archiveName = Audit.bucketName(prefix, "audit-archive-replica", home);
        var archive = new LogBucket(name + "-archive", new LogBucket.Args(archiveName, home.partition(),
                Optional.of(key.arn()), new LogBucket.Retention(args.lifecycle(), Optional.of(args.objectLock())),
                Audit.serverAccessLogs(accessLogs, archiveName),
                List.of(EvidenceBuckets.configurationGuard(home, prefix, LogBucket.arn(home.partition(), archiveName))),
                args.protect()), child);
        var historyName = Audit.bucketName(prefix, "audit-config-replica", home);
        var history = new LogBucket(name + "-config-history", new LogBucket.Args(historyName, home.partition(),
                Optional.of(key.arn()), new LogBucket.Retention(args.lifecycle(), Optional.empty()),
                Audit.serverAccessLogs(accessLogs, historyName),
                List.of(EvidenceBuckets.configurationGuard(home, prefix, LogBucket.arn(home.partition(), historyName))),
                args.protect()), child);

        var sources = List.of(LogBucket.arn(home.partition(), args.sources().archiveName()),
                LogBucket.arn(home.partition(), args.sources().historyName()));
        var replicas = List.of(archive.arn, history.arn);
        var role = new Role(name + "-role", RoleArgs.builder()
                .name(prefix + "-audit-replication")
                .description("Lets S3 replicate " + prefix + "'s audit archive and Config history to " + args.region())
                .assumeRolePolicy(trust(home, sources).toJson())
                .build(), CustomResourceOptions.builder().parent(this).build());
        var permissions = RolePermissions.attach(name + "-policy", prefix + "-audit-replication",
                "Read the audit archive and Config history, decrypt them, write and encrypt their replicas in " + args.region(),
                role.name(), Output.tuple(args.sources().keyArn(), key.arn())
                        .applyValue(t -> replicationPolicy(home, replica, sources, replicas, t.t1, t.t2).toJson()),
                CustomResourceOptions.builder().parent(this).build());

        this.archive = new PrivateBucket.Replication(archive.arn, key.arn(), role.arn(), List.of(archive, permissions.attachment()));
        this.history = new PrivateBucket.Replication(history.arn, key.arn(), role.arn(), List.of(history, permissions.attachment()));
        this.bucketNames = List.of(archiveName, historyName, accessLogsName);

        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("archiveBucketName", archive.bucketName);
        outputs.put("configHistoryBucketName", history.bucketName);
        outputs.put("keyArn", key.arn());
        outputs.put("roleArn", role.arn());
        registerOutputs(outputs);
    }

    /** S3 of this account, replicating these buckets only (confused-deputy guard). */
    static PolicyDocument trust(AwsAccount home, List<String> sourceArns) {
        return PolicyDocument.of(Statement.assumeRole("S3ReplicationOfTheseBuckets", "Service", "s3.amazonaws.com")
                .condition("StringEquals", "aws:SourceAccount", home.accountId())
                .condition("ArnLike", "aws:SourceArn", sourceArns.toArray(String[]::new)));
    }

    /**
     * What live replication of SSE-KMS objects needs ("Setting up permissions for live replication" and
     * "Replicating encrypted objects", S3 User Guide): read the sources' configuration and object versions
     * (with their Object Lock retention), write replicas, decrypt with the source key and encrypt with the
     * replica key, each only through S3 of its Region and for these buckets (with S3 Bucket Keys the encryption
     * context is the bucket's ARN, without them the object's). Delete markers are not replicated, so no
     * ReplicateDelete.
     */
    public static PolicyDocument replicationPolicy(AwsAccount home, AwsAccount replica, List<String> sourceArns,
                                                   List<String> replicaArns, String sourceKeyArn, String replicaKeyArn) {
        return PolicyDocument.of(
                Statement.allow("ReadTheSourcesReplicationConfiguration")
                        .actions("s3:GetReplicationConfiguration", "s3:ListBucket")
                        .resources(sourceArns),
                Statement.allow("ReadTheSourcesObjectVersions")
                        .actions("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                                "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold")
                        .resources(objects(sourceArns)),
                Statement.allow("WriteTheReplicas")
                        .actions("s3:ReplicateObject", "s3:ReplicateTags")
                        .resources(objects(replicaArns)),
                Statement.allow("DecryptTheSourcesThroughS3")
                        .actions("kms:Decrypt")
                        .resources(sourceKeyArn)
                        .condition("StringEquals", "kms:ViaService", home.regionalService("s3"))
                        .condition("StringLike", "kms:EncryptionContext:aws:s3:arn", bucketsAndObjects(sourceArns)),
                Statement.allow("EncryptTheReplicasThroughS3")
                        .actions("kms:Encrypt", "kms:GenerateDataKey")
                        .resources(replicaKeyArn)
                        .condition("StringEquals", "kms:ViaService", replica.regionalService("s3"))
                        .condition("StringLike", "kms:EncryptionContext:aws:s3:arn", bucketsAndObjects(replicaArns)));
    }

    private static List<String> objects(List<String> bucketArns) {
        return bucketArns.stream().map(b -> b + "/*").toList();
    }

    private static String[] bucketsAndObjects(List<String> bucketArns) {
        var all = new ArrayList<String>();
        bucketArns.forEach(b -> {
            all.add(b);
            all.add(b + "/*");
        });
        return all.toArray(String[]::new);
    }
}
