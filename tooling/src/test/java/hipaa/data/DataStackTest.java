package hipaa.data;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.settings.Settings;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static hipaa.testing.Stacks.integer;
import static hipaa.testing.Stacks.maps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data tier of every real stack file, as the program registers it: the database's security posture
 * input by input, what differs between stacks exactly as the stack files say, the backups, the deletion
 * guards the engine receives, and the outputs applications read.
 *
 * <p>Like every test under the offline engine, this proves what the program asks AWS for, not that AWS
 * accepts it.
 */
class DataStackTest {

    static final String INSTANCE = "aws:rds/instance:Instance";
    static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    static final String ROLE = "aws:iam/role:Role";
    static final String ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

    static Stream<String> stacks() {
        return Stacks.names();
    }

    /** The per-stack values the stack files set on purpose: multiAz, deletion protection, retention. */
    record Expected(boolean multiAz, boolean deletionProtection, int rdsRetentionDays, int vaultRetentionDays) {}

    static final Map<String, Expected> STACK_FILES = Map.of(
            "dev", new Expected(false, false, 7, 35),
            "prod", new Expected(true, true, 35, 35));

    private static RecordedResource instance(OfflineRun.Result run) {
        return run.named(INSTANCE, "db-instance");
    }

    private static String keyArn(OfflineRun.Result run, String purpose) {
        return run.named("aws:kms/key:Key", "kms-" + purpose).arn().orElseThrow();
    }

    // ------------------------------------------------------------------ identity

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void childNamesAreTheDocumentedOnes(String stack) {
        var run = Stacks.run(stack);
        var protect = Stacks.settings(stack).deletionProtection();
        assertThat(Stacks.children(run, "db")).extracting(RecordedResource::name).containsExactlyInAnyOrder(
                "db-sg", "db-subnets", "db-params", "db-log-postgresql", "db-log-upgrade",
                "db-monitoring-role", "db-monitoring-policy", "db-instance");
        var backupChildren = protect
                ? List.of("backup-vault", "backup-vault-policy", "backup-vault-lock", "backup-plan", "backup-role",
                "backup-role-backup", "backup-role-restores", "backup-selection")
                : List.of("backup-vault", "backup-vault-policy", "backup-plan", "backup-role", "backup-role-backup",
                "backup-role-restores", "backup-selection");
        assertThat(Stacks.children(run, "backup")).extracting(RecordedResource::name)
                .containsExactlyInAnyOrderElementsOf(backupChildren);
        assertThat(run.named(Database.TYPE, "db").parent()).isEmpty();
        assertThat(run.named(Backups.TYPE, "backup").parent()).isEmpty();
        assertThat(run.ofType(INSTANCE)).hasSize(1);
    }

    // ------------------------------------------------------------------ the instance

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void instanceIsEncryptedPrivateAndManagedAsConfigured(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var db = s.database();
        var in = instance(run).inputs();
        var id = s.namePrefix() + "-db";

        assertThat(in).containsEntry("identifier", id)
                .containsEntry("engine", "postgres")
                .containsEntry("engineVersion", db.engineVersion())
                .containsEntry("instanceClass", db.instanceClass())
                .containsEntry("storageType", "gp3")
                .containsEntry("allocatedStorage", (double) db.allocatedStorageGiB())
                .containsEntry("maxAllocatedStorage", (double) db.maxAllocatedStorageGiB())
                .containsEntry("storageEncrypted", true)
                .containsEntry("kmsKeyId", keyArn(run, "data"))
                .containsEntry("publiclyAccessible", false)
                .containsEntry("caCertIdentifier", "rds-ca-rsa2048-g1")
                .containsEntry("iamDatabaseAuthenticationEnabled", true)
                .containsEntry("autoMinorVersionUpgrade", true)
                .containsEntry("dbName", "app")
                .containsEntry("username", Database.MASTER_USERNAME)
                .containsEntry("vpcSecurityGroupIds", List.of(run.named("aws:ec2/securityGroup:SecurityGroup", "db-sg").id()))
                .containsEntry("dbSubnetGroupName", run.named("aws:rds/subnetGroup:SubnetGroup", "db-subnets").inputs().get("name"))
                .containsEntry("parameterGroupName", run.named("aws:rds/parameterGroup:ParameterGroup", "db-params").inputs().get("name"))
                .containsEntry("performanceInsightsEnabled", true)
                .containsEntry("performanceInsightsKmsKeyId", keyArn(run, "data"))
                .containsEntry("performanceInsightsRetentionPeriod", 7.0)
                .containsEntry("monitoringInterval", 60.0)
                .containsEntry("monitoringRoleArn", run.named(ROLE, "db-monitoring-role").arn().orElseThrow())
                .containsEntry("enabledCloudwatchLogsExports", List.of("postgresql", "upgrade"))
                .containsEntry("backupWindow", "03:00-04:00")
                .containsEntry("maintenanceWindow", "sun:08:00-sun:09:00")
                .containsEntry("copyTagsToSnapshot", true)
                .containsEntry("tags", Map.of("Name", id, "Backup", "daily"))
                .doesNotContainKey("optionGroupName");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void credentialsAreManagedByRdsAndNeverInConfigCodeOrState(String stack) {
        var run = Stacks.run(stack);
        var in = instance(run).inputs();
        assertThat(in).containsEntry("manageMasterUserPassword", true)
                .containsEntry("masterUserSecretKmsKeyId", keyArn(run, "secrets"))
                .doesNotContainKey("password");
        assertThat(run.config().values().keySet()).noneMatch(k -> k.toLowerCase().contains("password"));
        // The only credential-shaped output is the secret's ARN; the password never leaves Secrets Manager.
        var secret = maps(instance(run).state().get("masterUserSecrets")).get(0).get("secretArn");
        assertThat(run.outputs().get("dbMasterSecretArn").value()).isEqualTo(secret);
        assertThat((String) secret).startsWith("arn:aws");
        assertThat(run.outputs().keySet()).noneMatch(k -> k.toLowerCase().contains("password"));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void dataSurvivesDeletionAndReplacement(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var in = instance(run).inputs();
        assertThat(in).containsEntry("skipFinalSnapshot", false)
                .containsEntry("finalSnapshotIdentifier", s.namePrefix() + "-db-final")
                .containsEntry("deleteAutomatedBackups", false)
                .containsEntry("deletionProtection", s.deletionProtection())
                .containsEntry("multiAz", s.database().multiAz())
                .containsEntry("backupRetentionPeriod", (double) s.database().dbBackupRetentionDays());
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void stacksDifferExactlyAsTheirStackFilesSay(String stack) {
        var expected = STACK_FILES.get(stack);
        var s = Stacks.settings(stack);
        var fallback = new Expected(s.database().multiAz(), s.deletionProtection(), s.database().dbBackupRetentionDays(),
                s.database().backupRetentionDays());
        var e = expected == null ? fallback : expected;
        var run = Stacks.run(stack);
        var in = instance(run).inputs();
        assertThat(in.get("multiAz")).isEqualTo(e.multiAz());
        assertThat(in.get("deletionProtection")).isEqualTo(e.deletionProtection());
        assertThat(integer(in.get("backupRetentionPeriod"))).isEqualTo(e.rdsRetentionDays());
        var rule = maps(run.named("aws:backup/plan:Plan", "backup-plan").inputs().get("rules")).get(0);
        assertThat(integer(((Map<?, ?>) rule.get("lifecycle")).get("deleteAfter"))).isEqualTo(e.vaultRetentionDays());
    }

    // ------------------------------------------------------------------ network placement

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void subnetGroupIsExactlyTheIsolatedDataSubnets(String stack) {
        var run = Stacks.run(stack);
        var dataSubnets = run.ofType("aws:ec2/subnet:Subnet").stream()
                .filter(r -> r.name().startsWith("production-data-")).map(RecordedResource::id).toList();
        assertThat(dataSubnets).hasSize(Stacks.settings(stack).network().azCount());
        var group = run.named("aws:rds/subnetGroup:SubnetGroup", "db-subnets");
        assertThat(group.inputs().get("subnetIds")).isEqualTo(dataSubnets);
        assertThat(group.inputs()).containsEntry("name", Stacks.settings(stack).namePrefix() + "-db");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void securityGroupOpensNothingItselfAndHasNoEgress(String stack) {
        var run = Stacks.run(stack);
        var sg = run.named("aws:ec2/securityGroup:SecurityGroup", "db-sg");
        assertThat(sg.inputs()).containsEntry("vpcId", run.named("aws:ec2/vpc:Vpc", "production-vpc").id())
                .containsEntry("egress", List.of())
                // Unset, not empty: TrafficFlows owns the ingress rules and the provider must not fight them.
                .doesNotContainKey("ingress");
        var rulesOnIt = run.resources().stream()
                .filter(r -> r.type().startsWith("aws:vpc/securityGroup") || r.type().equals("aws:ec2/securityGroupRule:SecurityGroupRule"))
                .filter(r -> sg.id().equals(r.inputs().get("securityGroupId")))
                .filter(r -> r.parent().map(p -> p.type().startsWith("hipaa:data:")).orElse(false))
                .toList();
        assertThat(rulesOnIt).as("the data tier grants no access to its own database").isEmpty();
        assertThat(run.outputs().get("dbSecurityGroupId").value()).isEqualTo(sg.id());
    }

    // ------------------------------------------------------------------ TLS and logging

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void parameterGroupForcesTlsAndLogsConnections(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var params = run.named("aws:rds/parameterGroup:ParameterGroup", "db-params");
        assertThat(params.inputs()).containsEntry("family", "postgres" + s.database().engineVersion())
                .containsEntry("name", s.namePrefix() + "-db-postgres" + s.database().engineVersion());
        assertThat(maps(params.inputs().get("parameters"))).containsExactly(
                Map.of("name", "rds.force_ssl", "value", "1", "applyMethod", "immediate"),
                Map.of("name", "ssl_min_protocol_version", "value", "TLSv1.2", "applyMethod", "immediate"),
                Map.of("name", "log_connections", "value", "1", "applyMethod", "immediate"),
                Map.of("name", "log_disconnections", "value", "1", "applyMethod", "immediate"),
                Map.of("name", "password_encryption", "value", "scram-sha-256", "applyMethod", "immediate"));
        assertThat(run.ofType("aws:rds/optionGroup:OptionGroup")).isEmpty();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyExportedLogHasAnEncryptedLogGroupCreatedBeforeTheInstance(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var options = RegistrationOptions.of(stack, INSTANCE, "db-instance");
        for (var type : List.of("postgresql", "upgrade")) {
            var group = run.named(LOG_GROUP, "db-log-" + type);
            assertThat(group.inputs()).containsEntry("name", "/aws/rds/instance/" + s.namePrefix() + "-db/" + type)
                    .containsEntry("kmsKeyId", keyArn(run, "logs"))
                    .containsEntry("retentionInDays", (double) s.database().logRetentionDays());
            assertThat(options.dependsOnName("db-log-" + type)).as("instance waits for db-log-" + type).isTrue();
        }
        assertThat(options.dependsOnName("db-monitoring-policy")).isTrue();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void monitoringRoleServesOnlyThisInstance(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var role = run.named(ROLE, "db-monitoring-role");
        var trust = JsonParser.parseString((String) role.inputs().get("assumeRolePolicy")).getAsJsonObject();
        var statements = trust.getAsJsonArray("Statement");
        assertThat(statements).hasSize(1);
        var st = statements.get(0).getAsJsonObject();
        assertThat(st.getAsJsonObject("Principal").get("Service").getAsString()).isEqualTo("monitoring.rds.amazonaws.com");
        assertThat(st.get("Action").getAsString()).isEqualTo("sts:AssumeRole");
        var condition = st.getAsJsonObject("Condition");
        assertThat(condition.getAsJsonObject("StringEquals").get("aws:SourceAccount").getAsString()).isEqualTo("123456789012");
        assertThat(condition.getAsJsonObject("ArnLike").get("aws:SourceArn").getAsString())
                .isEqualTo("arn:" + s.partition() + ":rds:" + s.region() + ":123456789012:db:" + s.namePrefix() + "-db");
        var attachments = Stacks.children(run, "db").stream().filter(r -> r.type().equals(ATTACHMENT)).toList();
        assertThat(attachments).singleElement().satisfies(a -> assertThat(a.inputs())
                .containsEntry("role", role.inputs().get("name"))
                .containsEntry("policyArn", "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"));
    }

    // ------------------------------------------------------------------ deletion guards

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void statefulChildrenAreProtectedAndRetainedExactlyWhenTheStackProtectsData(String stack) {
        boolean protect = Stacks.settings(stack).deletionProtection();
        var stateful = List.of(
                List.of(INSTANCE, "db-instance"),
                List.of(LOG_GROUP, "db-log-postgresql"),
                List.of(LOG_GROUP, "db-log-upgrade"),
                List.of("aws:backup/vault:Vault", "backup-vault"));
        var run = Stacks.run(stack);
        for (var r : stateful) {
            var o = run.protection(run.named(r.get(0), r.get(1)));
            assertThat(o.protect()).as(r.get(1) + " protect").isEqualTo(protect);
            assertThat(o.retainOnDelete()).as(r.get(1) + " retainOnDelete").isEqualTo(protect);
        }
        // Protection sits on the stateful children only, never on the components (it would pin every child).
        assertThat(run.protection(run.named(Database.TYPE, "db"))).isEqualTo(OfflineRun.Protection.NONE);
        assertThat(run.protection(run.named(Backups.TYPE, "backup"))).isEqualTo(OfflineRun.Protection.NONE);
        assertThat(run.protection(run.named("aws:rds/parameterGroup:ParameterGroup", "db-params")))
                .isEqualTo(OfflineRun.Protection.NONE);
    }

    // ------------------------------------------------------------------ AWS Backup

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void vaultIsEncryptedWithTheDataKeyAndLockedWhenProtected(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var vault = run.named("aws:backup/vault:Vault", "backup-vault");
        assertThat(vault.inputs()).containsEntry("name", s.namePrefix() + "-vault")
                .containsEntry("kmsKeyArn", keyArn(run, "data"))
                .containsEntry("forceDestroy", !s.deletionProtection());
        var locks = run.ofType("aws:backup/vaultLockConfiguration:VaultLockConfiguration");
        if (s.deletionProtection()) {
            assertThat(locks).singleElement().satisfies(l -> {
                assertThat(l.inputs())
                        .containsEntry("backupVaultName", s.namePrefix() + "-vault")
                        .containsEntry("minRetentionDays", (double) s.database().backupRetentionDays())
                        // Compliance mode once the grace period ends: nobody can remove the lock after that.
                        .containsEntry("changeableForDays", (double) Backups.LOCK_GRACE_DAYS)
                        .doesNotContainKey("maxRetentionDays");
                assertThat(run.protection(l)).isEqualTo(new OfflineRun.Protection(true, true));
            });
            assertThat(Backups.LOCK_GRACE_DAYS).isBetween(3, 30);
        } else {
            assertThat(locks).isEmpty();
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void vaultPolicyDeniesEveryPrincipalDeletingRecoveryPointsShorteningThemOrRewritingThePolicy(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var policy = run.named("aws:backup/vaultPolicy:VaultPolicy", "backup-vault-policy");
        assertThat(policy.inputs()).containsEntry("backupVaultName", s.namePrefix() + "-vault");
        // AWS Config backup-recovery-point-manual-deletion-disabled: a Deny of these three actions with a wildcard
        // Principal and Resource.
        assertThat(JsonParser.parseString(policy.string("policy").orElseThrow())).isEqualTo(JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyManualDeletionOfRecoveryPoints","Effect":"Deny",
                 "Principal":"*","Action":["backup:DeleteRecoveryPoint","backup:UpdateRecoveryPointLifecycle",
                 "backup:PutBackupVaultAccessPolicy"],"Resource":"*"}]}"""));
        // The policy forbids PutBackupVaultAccessPolicy, so a change must delete it before creating the new one.
        var options = RegistrationOptions.of(stack, "aws:backup/vaultPolicy:VaultPolicy", "backup-vault-policy");
        assertThat(options.replaceOnChanges()).containsExactly("policy");
        assertThat(options.deleteBeforeReplace()).isTrue();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void everyInstanceAndVolumeTheStackRunsCarriesTheTagTheBackupPlanSelects(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var selected = Map.of(Backups.TAG_KEY, Backups.TAG_VALUE);
        assertThat(maps(run.named("aws:backup/selection:Selection", "backup-selection").inputs().get("selectionTags")))
                .containsExactly(Map.of("type", "STRINGEQUALS", "key", "Backup", "value", "daily"));
        // Instances declared one by one (the VPN server): the instance and, through volumeTags, its volumes.
        assertThat(run.ofType("aws:ec2/instance:Instance")).extracting(RecordedResource::name).containsExactly("vpn-instance");
        assertThat(run.ofType("aws:ec2/instance:Instance")).allSatisfy(i -> {
            assertThat(tags(i.inputs().get("tags"))).containsAllEntriesOf(selected);
            assertThat(tags(i.inputs().get("volumeTags"))).containsAllEntriesOf(selected);
        });
        // Instances an Auto Scaling group launches: the template tags each instance and volume it creates.
        var templates = s.app().ec2().enabled() ? List.of("bastion-lt", "app-ec2-template") : List.of("bastion-lt");
        assertThat(run.ofType("aws:ec2/launchTemplate:LaunchTemplate")).extracting(RecordedResource::name)
                .containsExactlyInAnyOrderElementsOf(templates);
        assertThat(run.ofType("aws:ec2/launchTemplate:LaunchTemplate")).allSatisfy(t -> {
            var specs = maps(t.inputs().get("tagSpecifications"));
            for (var type : List.of("instance", "volume")) {
                assertThat(specs).as(t.name() + " " + type).filteredOn(spec -> type.equals(spec.get("resourceType")))
                        .singleElement().satisfies(spec -> assertThat(tags(spec.get("tags"))).containsAllEntriesOf(selected));
            }
        });
        // No volume of its own today; one added later must be selected too.
        assertThat(run.ofType("aws:ebs/volume:Volume")).allSatisfy(v -> assertThat(tags(v.inputs().get("tags")))
                .containsAllEntriesOf(selected));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tags(Object tags) {
        return tags == null ? Map.of() : (Map<String, Object>) tags;
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void planBacksUpDailyIntoTheVaultForTheConfiguredRetention(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var plan = run.named("aws:backup/plan:Plan", "backup-plan");
        assertThat(plan.inputs()).containsEntry("name", s.namePrefix() + "-daily");
        assertThat(maps(plan.inputs().get("rules"))).singleElement().satisfies(rule -> assertThat(rule)
                .containsEntry("ruleName", "daily")
                .containsEntry("schedule", "cron(0 5 ? * * *)")
                .containsEntry("targetVaultName", s.namePrefix() + "-vault")
                .containsEntry("lifecycle", Map.of("deleteAfter", (double) s.database().backupRetentionDays()))
                .doesNotContainKey("copyActions"));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void selectionCoversTheDatabaseAndEverythingTaggedForBackup(String stack) {
        var run = Stacks.run(stack);
        var selection = run.named("aws:backup/selection:Selection", "backup-selection");
        assertThat(selection.inputs())
                .containsEntry("planId", run.named("aws:backup/plan:Plan", "backup-plan").id())
                .containsEntry("iamRoleArn", run.named(ROLE, "backup-role").arn().orElseThrow())
                .containsEntry("resources", List.of(instance(run).arn().orElseThrow()))
                .containsEntry("selectionTags", List.of(Map.of("type", "STRINGEQUALS", "key", "Backup", "value", "daily")));
        assertThat(instance(run).arn().orElseThrow()).endsWith(":db:" + Stacks.settings(stack).namePrefix() + "-db");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void backupRoleIsAssumedByAwsBackupWithTheTwoManagedPoliciesOnly(String stack) {
        var run = Stacks.run(stack);
        var role = run.named(ROLE, "backup-role");
        JsonObject st = JsonParser.parseString((String) role.inputs().get("assumeRolePolicy")).getAsJsonObject()
                .getAsJsonArray("Statement").get(0).getAsJsonObject();
        assertThat(st.getAsJsonObject("Principal").get("Service").getAsString()).isEqualTo("backup.amazonaws.com");
        assertThat(st.get("Action").getAsString()).isEqualTo("sts:AssumeRole");
        assertThat(Stacks.children(run, "backup").stream().filter(r -> r.type().equals(ATTACHMENT)))
                .allSatisfy(a -> assertThat(a.inputs()).containsEntry("role", role.inputs().get("name")))
                .extracting(a -> a.inputs().get("policyArn"))
                .containsExactlyInAnyOrder(
                        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                        "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores");
        assertThat(RegistrationOptions.of(stack, "aws:backup/selection:Selection", "backup-selection").dependencies())
                .anyMatch(u -> u.endsWith("::backup-role-backup"));
    }

    // ------------------------------------------------------------------ outputs

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void outputsTellTheAppWhereAndHowToConnectWithFullVerification(String stack) {
        var run = Stacks.run(stack);
        Settings s = Stacks.settings(stack);
        var state = instance(run).state();
        var out = run.outputs();
        assertThat(out.get("dbEndpoint").value()).isEqualTo(state.get("endpoint"));
        assertThat(out.get("dbAddress").value()).isEqualTo(state.get("address"));
        assertThat(out.get("dbPort").value()).isEqualTo(5432);
        assertThat(out.get("dbName").value()).isEqualTo("app");
        assertThat(out.get("dbCaCertIdentifier").value()).isEqualTo("rds-ca-rsa2048-g1");
        assertThat(out.get("dbCaBundleUrl").value())
                .isEqualTo("https://truststore.pki.rds.amazonaws.com/" + s.region() + "/" + s.region() + "-bundle.pem");
        assertThat(out.get("dbConnectionStringTemplate").value()).isEqualTo("postgresql://{username}:{password}@"
                + state.get("address") + ":5432/app?sslmode=verify-full&sslrootcert=" + s.region() + "-bundle.pem");
        assertThat(out.get("backupVaultArn").value())
                .isEqualTo(run.named("aws:backup/vault:Vault", "backup-vault").arn().orElseThrow());
        assertThat(out.get("backupPlanId").value()).isEqualTo("backup-plan-id");
    }
}
