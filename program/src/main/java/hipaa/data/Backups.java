package hipaa.data;

import com.pulumi.aws.backup.Plan;
import com.pulumi.aws.backup.PlanArgs;
import com.pulumi.aws.backup.Selection;
import com.pulumi.aws.backup.SelectionArgs;
import com.pulumi.aws.backup.Vault;
import com.pulumi.aws.backup.VaultArgs;
import com.pulumi.aws.backup.VaultLockConfiguration;
import com.pulumi.aws.backup.VaultLockConfigurationArgs;
import com.pulumi.aws.backup.VaultPolicy;
import com.pulumi.aws.backup.VaultPolicyArgs;
import com.pulumi.aws.backup.inputs.PlanRuleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleCopyActionArgs;
import com.pulumi.aws.backup.inputs.PlanRuleCopyActionLifecycleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleLifecycleArgs;
import com.pulumi.aws.backup.inputs.SelectionSelectionTagArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.Keys;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS Backup for the data tier: a second, independent copy of the database and of every volume tagged
 * {@code Backup=daily}, kept in a vault that RDS deletions, instance replacements and {@code pulumi destroy}
 * do not reach.
 *
 * <p>Children: {@code <name>-vault} (encrypted with the data key), {@code <name>-vault-policy} (denies every
 * principal deleting a recovery point, shortening its lifecycle or rewriting this policy: AWS Config
 * {@code backup-recovery-point-manual-deletion-disabled}), {@code <name>-vault-lock} (only with
 * {@link Args#protect()}: a compliance-mode lock once its {@value #LOCK_GRACE_DAYS}-day grace period ends, so no
 * recovery point can be deleted before its retention ends by anyone, the account root included),
 * {@code <name>-plan} (rule {@code daily}: every day at 05:00 UTC, after the default RDS backup window; optional
 * copy to a second vault), {@code <name>-role} with
 * {@code <name>-role-backup} and {@code <name>-role-restores} (the AWS managed policies
 * {@value #BACKUP_POLICY} and {@value #RESTORES_POLICY}), {@code <name>-selection} (the given ARNs plus any
 * resource tagged {@value #TAG_KEY}={@value #TAG_VALUE}: the database and every instance and volume of the bastion,
 * the VPN server and the EC2 app group carry that tag).
 *
 * <p>Supports 164.308(a)(7)(ii)(A) (data backup plan), 164.308(a)(7)(ii)(B) (disaster recovery plan) and
 * 164.312(c)(1) (integrity).
 */
public final class Backups extends ComponentResource {

    public static final String TYPE = "hipaa:data:Backups";
    /** Resources carrying this tag are backed up daily; components tag their EBS volumes with it. */
    public static final String TAG_KEY = "Backup";
    public static final String TAG_VALUE = "daily";
    /** The hour (UTC) the daily job starts, once the default RDS backup window (03:00-04:00) has closed. */
    public static final int SCHEDULE_HOUR_UTC = 5;
    /** Daily at {@value #SCHEDULE_HOUR_UTC}:00 UTC. */
    public static final String SCHEDULE = "cron(0 " + SCHEDULE_HOUR_UTC + " ? * * *)";
    /**
     * The job may start up to this long after the scheduled time. The database's maintenance window must stay
     * clear of it (DatabaseSettings checks): AWS Backup starts no database backup from an hour before the
     * maintenance window until its end (AWS Backup Developer Guide, "Backup plan options and configuration",
     * https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html).
     */
    public static final int START_WINDOW_MINUTES = 60;
    public static final int COMPLETION_WINDOW_MINUTES = 360;
    public static final String BACKUP_POLICY = "AWSBackupServiceRolePolicyForBackup";
    public static final String RESTORES_POLICY = "AWSBackupServiceRolePolicyForRestores";
    /**
     * Days the prod lock can still be changed or removed (AWS's cooling-off minimum is 3): long enough to undo a
     * mistaken first deployment, after which the lock is in compliance mode and immutable
     * (PutBackupVaultLockConfiguration, ChangeableForDays, AWS Backup API reference).
     */
    public static final int LOCK_GRACE_DAYS = 7;
    /**
     * What the vault policy denies to every principal, exactly the three actions AWS Config's
     * {@code backup-recovery-point-manual-deletion-disabled} looks for in a Deny with {@code "Principal": "*"} and
     * {@code "Resource": "*"} (https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-manual-deletion-disabled.html).
     * Vault access policies take no wildcard in Action ("Vault access policies", AWS Backup Developer Guide).
     */
    public static final List<String> DENIED_TO_EVERYONE = List.of(
            "backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy");

    /**
     * @param keys                the data key encrypts the vault
     * @param backupRetentionDays how long daily recovery points (and their copies) are kept ({@code hipaa:backupRetentionDays})
     * @param copyVaultArn        a vault in another Region or account that receives a copy of each recovery point
     * @param resourceArns        resources backed up whatever their tags (the database)
     * @param naming              the name prefix, and the partition of the managed policy ARNs
     * @param protect             lock the vault, and Pulumi protect + retainOnDelete on the vault; without it the
     *                            vault may be destroyed with its recovery points (non-production data only)
     */
    public record Args(Keys keys, int backupRetentionDays, Optional<String> copyVaultArn, List<Output<String>> resourceArns,
                       Naming naming, boolean protect) {
        public Args {
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(copyVaultArn, "copyVaultArn");
            Objects.requireNonNull(naming, "naming");
            resourceArns = List.copyOf(resourceArns);
        }
    }

    public final Output<String> vaultArn;
    public final Output<String> vaultName;
    public final Output<String> planId;
    public final Output<String> roleArn;

    public Backups(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var prefix = args.naming().namePrefix();

        var vault = new Vault(name + "-vault", VaultArgs.builder()
                .name(prefix + "-vault")
                .kmsKeyArn(args.keys().dataKeyArn())
                // Dev data is synthetic and its key goes with the stack; in prod a vault with recovery
                // points can never be deleted by Pulumi.
                .forceDestroy(!args.protect())
                .build(), CustomResourceOptions.builder().parent(this)
                .protect(args.protect()).retainOnDelete(args.protect()).build());
        this.vaultArn = vault.arn();
        this.vaultName = vault.name();

        // The policy denies rewriting itself, so the provider could never update it in place: a change deletes
        // it first (DeleteBackupVaultAccessPolicy stays allowed, so dev can still be destroyed: its vault's
        // forceDestroy deletes recovery points once the policy is gone) and then creates the new one.
        new VaultPolicy(name + "-vault-policy", VaultPolicyArgs.builder()
                .backupVaultName(vault.name())
                .policy(vaultPolicy().toJson())
                .build(), CustomResourceOptions.builder().parent(this)
                .replaceOnChanges("policy").deleteBeforeReplace(true).build());

        if (args.protect()) {
            // Compliance mode (changeableForDays set): after the grace period nobody, the account root included,
            // can delete a recovery point before minRetentionDays, remove the lock or the vault while it holds
            // recovery points. Protected and retained so no Pulumi operation tries to.
            new VaultLockConfiguration(name + "-vault-lock", VaultLockConfigurationArgs.builder()
                    .backupVaultName(vault.name())
                    .minRetentionDays(args.backupRetentionDays())
                    .changeableForDays(LOCK_GRACE_DAYS)
                    .build(), CustomResourceOptions.builder().parent(this).protect(true).retainOnDelete(true).build());
        }

        var rule = PlanRuleArgs.builder()
                .ruleName("daily")
                .targetVaultName(vault.name())
                .schedule(SCHEDULE)
                .startWindow(START_WINDOW_MINUTES)
                .completionWindow(COMPLETION_WINDOW_MINUTES)
                .lifecycle(PlanRuleLifecycleArgs.builder().deleteAfter(args.backupRetentionDays()).build())
                .recoveryPointTags(Map.of(TAG_KEY, TAG_VALUE));
        args.copyVaultArn().ifPresent(copy -> rule.copyActions(PlanRuleCopyActionArgs.builder()
                .destinationVaultArn(copy)
                .lifecycle(PlanRuleCopyActionLifecycleArgs.builder().deleteAfter(args.backupRetentionDays()).build())
                .build()));
        var plan = new Plan(name + "-plan", PlanArgs.builder()
                .name(prefix + "-daily")
                .rules(rule.build())
                .build(), child);
        this.planId = plan.id();

        // The trust AWS documents for a backup service role, with no source conditions ("IAM service roles",
        // AWS Backup Developer Guide); AWS Backup's confused-deputy guidance covers resource policies (its SNS
        // notifications), not this role. iam:PassRole on this role is what limits who can hand it to a backup plan.
        var role = new Role(name + "-role", RoleArgs.builder()
                .name(prefix + "-backup")
                .description("Lets AWS Backup back up and restore the " + prefix + " data tier")
                .assumeRolePolicy(PolicyDocument.of(Statement.assumeRole("AwsBackup", "Service", "backup.amazonaws.com")).toJson())
                .build(), child);
        this.roleArn = role.arn();
        var backupPolicy = new RolePolicyAttachment(name + "-role-backup", RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(managedPolicyArn(args.naming().account().partition(), BACKUP_POLICY))
                .build(), child);
        var restoresPolicy = new RolePolicyAttachment(name + "-role-restores", RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(managedPolicyArn(args.naming().account().partition(), RESTORES_POLICY))
                .build(), child);

        new Selection(name + "-selection", SelectionArgs.builder()
                .name(prefix + "-daily")
                .planId(plan.id())
                .iamRoleArn(role.arn())
                .resources(Output.all(args.resourceArns()))
                .selectionTags(SelectionSelectionTagArgs.builder()
                        .type("STRINGEQUALS").key(TAG_KEY).value(TAG_VALUE).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(backupPolicy, restoresPolicy).build());

        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("vaultArn", vaultArn);
        outputs.put("vaultName", vaultName);
        outputs.put("planId", planId);
        outputs.put("roleArn", roleArn);
        registerOutputs(outputs);
    }

    /** The vault's access policy: {@link #DENIED_TO_EVERYONE} to every principal, on every resource. */
    public static PolicyDocument vaultPolicy() {
        return PolicyDocument.of(Statement.deny("DenyManualDeletionOfRecoveryPoints").principal("*", "*")
                .actions(DENIED_TO_EVERYONE.toArray(String[]::new)).resources("*"));
    }

    /** An AWS managed service-role policy: {@code arn:<partition>:iam::aws:policy/service-role/<name>}. */
    public static String managedPolicyArn(String partition, String policyName) {
        return "arn:" + partition + ":iam::aws:policy/service-role/" + policyName;
    }
}
