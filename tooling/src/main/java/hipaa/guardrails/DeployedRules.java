package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static hipaa.guardrails.Types.*;

/**
 * AWS Config managed rules the stack deploys that the catalogue did not judge before issue 17, each with the
 * meaning its page in the AWS Config Developer Guide gives it
 * ({@code https://docs.aws.amazon.com/config/latest/developerguide/<rule id>.html}) and the parameters the stack
 * deploys ({@link ResourceGraph#deployedParameters}); without a deployed rule, the page's defaults.
 *
 * <p>Rules about account state no program declares (the root user's MFA and access keys, how long a credential
 * went unused) are {@link Rule.Scope#OUTSIDE}: offline they say so, and AWS Config alone judges them.
 */
final class DeployedRules {
    private DeployedRules() {}

    /** The KMS actions the HIPAA pack blocks on every key (iam-*-policy-blocked-kms-actions, blockedActionsPatterns). */
    static final List<String> PACK_BLOCKED_KMS_ACTIONS = List.of("kms:*", "kms:Decrypt", "kms:ReEncrypt*");
    /** backup-plan-min-frequency-and-min-retention-check's documented defaults. */
    static final int DEFAULT_BACKUP_FREQUENCY_DAYS = 1;
    static final int DEFAULT_BACKUP_RETENTION_DAYS = 35;
    /** The actions backup-recovery-point-manual-deletion-disabled wants a vault policy to deny. */
    static final List<String> RECOVERY_POINT_DELETION = List.of("backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle",
            "backup:PutBackupVaultAccessPolicy");
    static final List<String> MACHINES = List.of(EC2_INSTANCE, ASG);

    static final List<Rule> RULES = List.of(
            // ---- tags and images ----------------------------------------------------------------
            Rule.each("required-tags", Hipaa.INVENTORY, List.of(EC2_INSTANCE, ASG, EBS_VOLUME),
                    "Instances and volumes carry each tag key the stack's required-tags rules name (tag1Key).",
                    "Tag the instance and its volumes (volumeTags), or the launch template's instance and volume tagSpecifications.",
                    DeployedRules::requiredTags),
            Rule.each("approved-amis-by-id", Hipaa.MALWARE, MACHINES,
                    "Instances run only AMIs the deployed rule lists in amiIds.",
                    "Launch from an id in hipaa:approvedAmiIds (or, when it is empty, the Amazon Linux image the program resolved).",
                    DeployedRules::approvedAmisById),
            // ---- network --------------------------------------------------------------------------
            Rule.each("internet-gateway-authorized-vpc-only", Hipaa.NETWORK_ACCESS, List.of(INTERNET_GATEWAY),
                    "Internet gateways are attached only to the VPCs the rule's AuthorizedVpcIds lists.",
                    "Attach the gateway to an authorized VPC, or add the VPC to the rule's AuthorizedVpcIds.",
                    DeployedRules::igwAuthorized),
            Rule.each("no-unrestricted-route-to-igw", Hipaa.NETWORK_ACCESS, List.of(ROUTE, ROUTE_TABLE),
                    "Only the route tables the rule's routeTableIds lists send 0.0.0.0/0 or ::/0 to an internet gateway.",
                    "Remove the default route to the internet gateway, or list the (public) route table in routeTableIds.",
                    DeployedRules::noUnrestrictedRoute),
            // ---- instances ------------------------------------------------------------------------
            Rule.each("ec2-instance-managed-by-systems-manager", Hipaa.PATCHING, MACHINES,
                    "Instances can register with Systems Manager: their instance profile's role may call ssm:UpdateInstanceInformation.",
                    "Attach AmazonSSMManagedInstanceCore (or an equivalent policy) to the instance profile's role.",
                    DeployedRules::managedBySsm),
            Rule.each("ec2-stopped-instance", Hipaa.AVAILABILITY, List.of(EC2_INSTANCE, INSTANCE_STATE),
                    "No instance is left stopped (AWS Config: longer than 30 days).",
                    "Remove the aws:ec2/instanceState that stops the instance, or remove the instance.",
                    (r, g, c) -> r.type().equals(INSTANCE_STATE) && "stopped".equals(r.inputs().get("state"))
                            ? Outcome.fail("state is \"stopped\"") : Outcome.pass()),
            // AWS Config reads the patch compliance Systems Manager records for each managed instance
            // (https://docs.aws.amazon.com/config/latest/developerguide/ec2-managedinstance-patch-compliance-status-check.html).
            // AWS-RunPatchBaseline with Operation Scan records the missing patches and installs none, so its
            // instances stay NON_COMPLIANT; with Install they are patched and reported COMPLIANT.
            Rule.each("ec2-managedinstance-patch-compliance-status-check", Hipaa.PATCHING, List.of(SSM_ASSOCIATION),
                    "Managed instances the patch baseline scans report every patch installed: the patch association installs, not only scans.",
                    "Associate AWS-RunPatchBaseline with parameters Operation \"Install\".",
                    DeployedRules::patchAssociation),
            Rule.each("ebs-snapshot-public-restorable-check", Hipaa.NETWORK_ACCESS, List.of(SNAPSHOT_CREATE_VOLUME_PERMISSION),
                    "No EBS snapshot may be restored by everyone.",
                    "Grant createVolumePermission to specific accounts, never \"all\".",
                    (r, g, c) -> "all".equals(r.inputs().get("accountId")) ? Outcome.fail("accountId is \"all\"") : Outcome.pass()),
            // ---- databases ------------------------------------------------------------------------
            Rule.each("rds-snapshot-encrypted", Hipaa.AT_REST, List.of(RDS_SNAPSHOT),
                    "Manual database snapshots are encrypted (they inherit the instance's storage encryption).",
                    "Snapshot only instances with storageEncrypted(true).",
                    (r, g, c) -> g.resolve(r.inputs().get("dbInstanceIdentifier"), RDS_INSTANCE)
                            .map(db -> In.isTrue(db.inputs().get("storageEncrypted")) ? Outcome.pass()
                                    : Outcome.fail("instance " + db.name() + " has storageEncrypted " + In.show(db.inputs().get("storageEncrypted"))))
                            .orElse(Outcome.fail("the snapshot's instance is not declared, so its encryption is unknown"))),
            Rule.each("rds-snapshots-public-prohibited", Hipaa.NETWORK_ACCESS, List.of(RDS_SNAPSHOT),
                    "No database snapshot is shared with everyone.",
                    "Remove \"all\" from sharedAccounts.",
                    (r, g, c) -> r.list("sharedAccounts").contains("all") ? Outcome.fail("sharedAccounts contains \"all\"") : Outcome.pass()),
            // ---- S3 -------------------------------------------------------------------------------
            Rule.each("s3-bucket-acl-prohibited", Hipaa.NETWORK_ACCESS, StorageRules.BUCKETS,
                    "No bucket grants access through an ACL (ownership BucketOwnerEnforced, or no ACL beyond private).",
                    "Add an aws:s3/bucketOwnershipControls with objectOwnership \"BucketOwnerEnforced\" and drop the ACL.",
                    DeployedRules::aclProhibited),
            // ---- identity -------------------------------------------------------------------------
            Rule.each("iam-customer-policy-blocked-kms-actions", Hipaa.ACCESS, List.of(IAM_POLICY),
                    "No customer managed policy allows kms:*, kms:Decrypt or kms:ReEncrypt* on every key (Resource \"*\").",
                    "Name the key ARNs the principal needs instead of \"*\".",
                    DeployedRules::blockedKmsActions),
            Rule.each("iam-inline-policy-blocked-kms-actions", Hipaa.ACCESS, List.of(IAM_ROLE_POLICY, IAM_USER_POLICY, IAM_GROUP_POLICY, IAM_ROLE),
                    "No inline policy allows kms:*, kms:Decrypt or kms:ReEncrypt* on every key (Resource \"*\").",
                    "Name the key ARNs the principal needs instead of \"*\".",
                    DeployedRules::blockedKmsActions),
            Rule.absent("iam-user-mfa-enabled", Hipaa.AUTHENTICATION, List.of(IAM_USER),
                    "IAM users have MFA; the program creates none (people are federated or join groups by the access process).",
                    "Remove the aws:iam/user; people get access through the groups in docs/IDENTITY.md.",
                    (r, g, c) -> Outcome.fail("the program creates an IAM user, whose MFA device only its person can enable")),
            Rule.absent("mfa-enabled-for-iam-console-access", Hipaa.AUTHENTICATION, List.of(IAM_USER_LOGIN_PROFILE),
                    "IAM users with a console password have MFA; the program gives no user a password.",
                    "Remove the aws:iam/userLoginProfile.",
                    (r, g, c) -> Outcome.fail("the program gives user " + In.show(r.inputs().get("user")) + " a console password without MFA")),
            Rule.absent("access-keys-rotated", Hipaa.CREDENTIAL_ROTATION, List.of(IAM_ACCESS_KEY),
                    "Access keys are rotated within maxAccessKeyAge (90 days); the program creates none.",
                    "Remove the aws:iam/accessKey; workloads use roles, people sign in with MFA.",
                    (r, g, c) -> Outcome.fail("the program creates a long-lived access key for " + In.show(r.inputs().get("user"))
                            + " that nothing rotates")),
            Rule.outside("iam-user-unused-credentials-check", Hipaa.ACCESS,
                    "IAM user passwords and access keys unused for maxCredentialUsageAge (90 days) are disabled.",
                    "Disable or remove the credentials the report names.",
                    "judges when each IAM user's credentials were last used: account activity, not a declared resource"),
            Rule.outside("iam-root-access-key-check", Hipaa.ACCESS,
                    "The root user has no access key.",
                    "Delete the root user's access keys (IAM console, Security credentials).",
                    "judges the root user's access keys, which no program declares"),
            Rule.outside("root-account-mfa-enabled", Hipaa.AUTHENTICATION,
                    "The root user signs in with MFA.",
                    "Enable MFA on the root user (docs/IDENTITY.md, account setup).",
                    "judges the root user's MFA, which no program declares"),
            Rule.outside("root-account-hardware-mfa-enabled", Hipaa.AUTHENTICATION,
                    "The root user's MFA is a hardware device.",
                    "Register a hardware MFA device for the root user (docs/IDENTITY.md, account setup).",
                    "judges the root user's MFA device type, which no program declares"),
            // ---- backups --------------------------------------------------------------------------
            Rule.each("backup-plan-min-frequency-and-min-retention-check", Hipaa.BACKUP, List.of(BACKUP_PLAN),
                    "Every backup rule runs at least daily and keeps recovery points at least 35 days (the rule's defaults).",
                    "Schedule each rule daily (cron(M H * * ? *)) and set lifecycle.deleteAfter to 35 or more.",
                    DeployedRules::backupPlanFrequency),
            Rule.each("backup-recovery-point-encrypted", Hipaa.all(Hipaa.AT_REST, Hipaa.BACKUP), List.of(BACKUP_VAULT),
                    "Recovery points are encrypted: the vault has a KMS key.",
                    "Set kmsKeyArn on the vault.",
                    (r, g, c) -> DataRules.requireSet(r, "kmsKeyArn")),
            Rule.each("backup-recovery-point-manual-deletion-disabled", Hipaa.BACKUP, List.of(BACKUP_VAULT),
                    "The vault's access policy denies every principal backup:DeleteRecoveryPoint, UpdateRecoveryPointLifecycle and PutBackupVaultAccessPolicy.",
                    "Add an aws:backup/vaultPolicy denying those three actions to Principal \"*\".",
                    DeployedRules::manualDeletionDisabled),
            Rule.each("ebs-in-backup-plan", Hipaa.BACKUP, List.of(EC2_INSTANCE, ASG, EBS_VOLUME),
                    "Every EBS volume (standalone, or created with an instance or by an Auto Scaling group) is selected by a backup plan.",
                    "Select the volumes in an aws:backup/selection: by ARN, by tag, or by arn:...:volume/* with a tag condition.",
                    (r, g, c) -> protectedByBackup(r, g, "volume")),
            Rule.each("ec2-resources-protected-by-backup-plan", Hipaa.BACKUP, MACHINES,
                    "Every instance (declared, or launched by an Auto Scaling group) is selected by a backup plan.",
                    "Select the instances in an aws:backup/selection: by ARN, by tag, or by arn:...:instance/* with a tag condition.",
                    (r, g, c) -> protectedByBackup(r, g, "instance")));

    // ---- helpers ------------------------------------------------------------------------------

    /** The Systems Manager document that scans for and installs patches (AWS Systems Manager User Guide). */
    static final String PATCH_DOCUMENT = "AWS-RunPatchBaseline";

    static Outcome patchAssociation(RecordedResource association, ResourceGraph g, GuardrailContext ctx) {
        if (!PATCH_DOCUMENT.equals(association.inputs().get("name"))) {
            return Outcome.notApplicable("not a patch association");
        }
        var operation = In.map(association.inputs().get("parameters")).get("Operation");
        return "Install".equals(operation) ? Outcome.pass("installs missing patches")
                : Outcome.fail(In.is("parameters.Operation", operation) + ": missing patches are reported, never installed");
    }

    /** The tags AWS puts on what an Auto Scaling group launches: propagated group tags and the template's tag specifications. */
    static Map<String, String> launchedTags(RecordedResource asg, ResourceGraph g, String resourceType) {
        var tags = new LinkedHashMap<String, String>();
        if (resourceType.equals("instance")) {
            In.maps(asg.inputs().get("tags")).stream().filter(t -> In.isTrue(t.get("propagateAtLaunch")))
                    .forEach(t -> tags.put(String.valueOf(t.get("key")), String.valueOf(t.get("value"))));
        }
        g.launchTemplateOf(asg).ifPresent(lt -> In.maps(lt.inputs().get("tagSpecifications")).stream()
                .filter(s -> resourceType.equals(s.get("resourceType")))
                .forEach(s -> In.map(s.get("tags")).forEach((k, v) -> tags.put(k, String.valueOf(v)))));
        return tags;
    }

    /** Tags of the volumes an instance creates: its volumeTags (the provider's default tags do not reach them). */
    static Map<String, String> volumeTags(RecordedResource instance) {
        var tags = new LinkedHashMap<String, String>();
        In.map(instance.inputs().get("volumeTags")).forEach((k, v) -> tags.put(k, String.valueOf(v)));
        return tags;
    }

    static Outcome requiredTags(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var keys = g.deployedParameters("REQUIRED_TAGS").stream().map(p -> p.get("tag1Key")).filter(java.util.Objects::nonNull).toList();
        var required = Set.copyOf(keys.isEmpty() ? List.copyOf(ctx.requiredTagKeys()) : keys);
        var problems = new ArrayList<String>();
        if (r.type().equals(ASG)) {
            var i = TaggingRules.missing(required, launchedTags(r, g, "instance"));
            var v = TaggingRules.missing(required, launchedTags(r, g, "volume"));
            if (!i.isEmpty()) {
                problems.add("instances it launches miss " + i);
            }
            if (!v.isEmpty()) {
                problems.add("volumes it launches miss " + v);
            }
        } else {
            var own = TaggingRules.missing(required, g.tagsOf(r));
            if (!own.isEmpty()) {
                problems.add("missing " + own);
            }
            if (r.type().equals(EC2_INSTANCE)) {
                var v = TaggingRules.missing(required, volumeTags(r));
                if (!v.isEmpty()) {
                    problems.add("its volumes (volumeTags) miss " + v);
                }
            }
        }
        return problems.isEmpty() ? Outcome.pass() : Outcome.fail(String.join("; ", problems));
    }

    /** The AMI an instance or a group's launch template boots, if declared. */
    static Optional<String> imageOf(RecordedResource r, ResourceGraph g) {
        if (r.type().equals(ASG)) {
            return g.launchTemplateOf(r).flatMap(lt -> lt.string("imageId"));
        }
        return r.string("ami").or(() -> g.resolve(In.at(r.inputs(), "launchTemplate", "id"), LAUNCH_TEMPLATE).flatMap(lt -> lt.string("imageId")));
    }

    static Outcome approvedAmisById(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var approved = g.deployedList("APPROVED_AMIS_BY_ID", "amiIds").orElse(List.copyOf(ctx.approvedAmiIds()));
        var ami = imageOf(r, g);
        if (ami.isEmpty()) {
            return Outcome.fail("no AMI is declared");
        }
        return approved.contains(ami.get()) ? Outcome.pass()
                : Outcome.fail(In.is(r.type().equals(ASG) ? "its launch template's imageId" : "ami", ami.get()) + ", not in amiIds " + approved);
    }

    static Outcome igwAuthorized(RecordedResource igw, ResourceGraph g, GuardrailContext ctx) {
        var vpc = igw.string("vpcId");
        if (vpc.isEmpty()) {
            return Outcome.pass("not attached");
        }
        var authorized = g.deployedList("INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", "AuthorizedVpcIds").orElse(List.of());
        return authorized.contains(vpc.get()) ? Outcome.pass()
                : Outcome.fail("attached to " + In.show(vpc.get()) + ", not in AuthorizedVpcIds " + authorized);
    }

    static Outcome noUnrestrictedRoute(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var allowed = g.deployedList("NO_UNRESTRICTED_ROUTE_TO_IGW", "routeTableIds").orElse(List.of());
        var routes = new ArrayList<Map<String, Object>>();
        Optional<RecordedResource> table;
        if (r.type().equals(ROUTE)) {
            routes.add(r.inputs());
            table = g.resolve(r.inputs().get("routeTableId"), ROUTE_TABLE);
        } else {
            routes.addAll(In.maps(r.inputs().get("routes")));
            table = Optional.of(r);
        }
        for (var route : routes) {
            boolean world = "0.0.0.0/0".equals(route.get("destinationCidrBlock")) || "0.0.0.0/0".equals(route.get("cidrBlock"))
                    || "::/0".equals(route.get("destinationIpv6CidrBlock")) || "::/0".equals(route.get("ipv6CidrBlock"));
            var gateway = In.string(route.get("gatewayId"));
            boolean toIgw = gateway.isPresent() && (gateway.get().startsWith("igw-") || g.resolve(gateway.get(), INTERNET_GATEWAY).isPresent());
            if (world && toIgw) {
                var id = table.map(RecordedResource::id).orElse(String.valueOf(route.get("routeTableId")));
                if (!allowed.contains(id)) {
                    return Outcome.fail("routes the world to an internet gateway from route table " + In.show(id)
                            + ", not in routeTableIds " + allowed);
                }
            }
        }
        return Outcome.pass();
    }

    /** The role behind an instance's or a launch template's instance profile. */
    static Optional<RecordedResource> instanceRole(RecordedResource r, ResourceGraph g) {
        Object profileRef;
        if (r.type().equals(ASG)) {
            var lt = g.launchTemplateOf(r);
            if (lt.isEmpty()) {
                return Optional.empty();
            }
            var p = lt.get().map("iamInstanceProfile");
            profileRef = p.getOrDefault("arn", p.get("name"));
        } else {
            profileRef = r.inputs().get("iamInstanceProfile");
        }
        return g.resolve(profileRef, IAM_INSTANCE_PROFILE).flatMap(p -> g.resolve(p.inputs().get("role"), IAM_ROLE));
    }

    static Outcome managedBySsm(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var role = instanceRole(r, g);
        if (role.isEmpty()) {
            return Outcome.fail("no declared instance profile role, so the SSM agent cannot register");
        }
        for (var att : g.referencing(role.get(), "role", IAM_ROLE_POLICY_ATTACHMENT)) {
            if (String.valueOf(att.inputs().get("policyArn")).endsWith(":policy/AmazonSSMManagedInstanceCore")) {
                return Outcome.pass("AmazonSSMManagedInstanceCore");
            }
            var managed = g.resolve(att.inputs().get("policyArn"), IAM_POLICY);
            if (managed.isPresent() && allowsSsmRegistration(managed.get().string("policy").orElse(""))) {
                return Outcome.pass("policy " + managed.get().name());
            }
        }
        for (var inline : g.referencing(role.get(), "role", IAM_ROLE_POLICY)) {
            if (allowsSsmRegistration(inline.string("policy").orElse(""))) {
                return Outcome.pass("inline policy " + inline.name());
            }
        }
        return Outcome.fail("role " + role.get().name() + " may not call ssm:UpdateInstanceInformation");
    }

    private static boolean allowsSsmRegistration(String json) {
        return ParsedPolicy.parse(json).statements().stream()
                .anyMatch(s -> s.allows() && (s.hasAction("ssm:UpdateInstanceInformation") || s.hasAction("ssm:*") || s.hasAction("*")));
    }

    static Outcome aclProhibited(RecordedResource bucket, ResourceGraph g, GuardrailContext ctx) {
        var acl = bucket.string("acl").filter(a -> !a.equals("private"));
        if (acl.isPresent()) {
            return Outcome.fail(In.is("acl", acl.get()));
        }
        for (var part : g.bucketParts(bucket, BUCKET_ACL)) {
            var canned = part.string("acl").filter(a -> !a.equals("private"));
            if (canned.isPresent()) {
                return Outcome.fail(part.name() + ": " + In.is("acl", canned.get()));
            }
            if (!In.maps(In.at(part.inputs(), "accessControlPolicy", "grants")).isEmpty()) {
                return Outcome.fail(part.name() + ": accessControlPolicy grants access through the ACL");
            }
        }
        return Outcome.pass();
    }

    static Outcome blockedKmsActions(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var blocked = g.deployedList(r.type().equals(IAM_POLICY) ? "IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS"
                : "IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS", "blockedActionsPatterns").orElse(PACK_BLOCKED_KMS_ACTIONS);
        return IdentityRules.eachStatement(r, s -> {
            if (!s.allows() || !s.resources().contains("*")) {
                return null;
            }
            var hits = blocked.stream().filter(b -> s.hasAction(b) || s.hasAction("*")
                    || (b.endsWith("*") && s.actions().stream().anyMatch(a -> a.startsWith(b.substring(0, b.length() - 1))))).toList();
            return hits.isEmpty() ? null : "allows " + hits + " on Resource \"*\"";
        });
    }

    static final Pattern DAILY_CRON = Pattern.compile("cron\\(\\S+ \\S+ (\\*|\\?) \\* (\\*|\\?) \\*\\)");

    static Outcome backupPlanFrequency(RecordedResource plan, ResourceGraph g, GuardrailContext ctx) {
        var params = g.deployedParameters("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK").stream().findFirst().orElse(Map.of());
        int retention = In.integer(params.get("requiredRetentionDays")).orElse(DEFAULT_BACKUP_RETENTION_DAYS);
        var rules = In.maps(plan.inputs().get("rules"));
        if (rules.isEmpty()) {
            return Outcome.fail("rules is not set");
        }
        for (var rule : rules) {
            var name = In.show(rule.get("ruleName"));
            var schedule = String.valueOf(rule.get("schedule"));
            if (!DAILY_CRON.matcher(schedule).matches()) {
                return Outcome.fail("rule " + name + ": " + In.is("schedule", schedule) + ", less often than every "
                        + DEFAULT_BACKUP_FREQUENCY_DAYS + " day");
            }
            var keep = In.integer(In.at(rule, "lifecycle", "deleteAfter"));
            if (keep.isPresent() && keep.get() < retention) {
                return Outcome.fail("rule " + name + ": lifecycle.deleteAfter is " + keep.get() + " (< " + retention + ")");
            }
        }
        return Outcome.pass();
    }

    static Outcome manualDeletionDisabled(RecordedResource vault, ResourceGraph g, GuardrailContext ctx) {
        for (var policy : g.referencing(vault, "backupVaultName", BACKUP_VAULT_POLICY)) {
            var denied = ParsedPolicy.parse(policy.string("policy").orElse("")).statements().stream()
                    .filter(s -> s.denies() && s.anyPrincipal()).flatMap(s -> s.actions().stream()).toList();
            var missing = RECOVERY_POINT_DELETION.stream().filter(a -> !denied.contains(a) && !denied.contains("backup:*")).toList();
            return missing.isEmpty() ? Outcome.pass() : Outcome.fail("vault policy " + policy.name() + " does not deny " + missing);
        }
        return Outcome.fail("no " + BACKUP_VAULT_POLICY + " denies manual deletion of recovery points");
    }

    /**
     * Whether a backup selection covers what {@code r} is or launches. AWS Backup selects a resource listed in
     * {@code resources} (ARN or wildcard) or carrying one of {@code selectionTags}, and every one of the
     * selection's {@code conditions} must then hold (AWS Backup Developer Guide, "Assigning resources").
     */
    static Outcome protectedByBackup(RecordedResource r, ResourceGraph g, String kind) {
        Map<String, String> tags;
        Optional<String> arn;
        String what;
        if (r.type().equals(ASG)) {
            tags = launchedTags(r, g, kind);
            arn = Optional.empty();
            what = kind.equals("instance") ? "the instances it launches" : "the volumes it launches";
        } else if (r.type().equals(EC2_INSTANCE) && kind.equals("volume")) {
            tags = volumeTags(r);
            arn = Optional.empty();
            what = "its volumes";
        } else {
            tags = g.tagsOf(r);
            arn = r.arn();
            what = "it";
        }
        for (var sel : g.ofType(BACKUP_SELECTION)) {
            var resources = sel.list("resources").stream().map(String::valueOf).toList();
            var selectionTags = In.maps(sel.inputs().get("selectionTags"));
            boolean listed = resources.stream().anyMatch(p -> arn.map(a -> a.equals(p)).orElse(false)
                    || (p.endsWith(":" + kind + "/*") && p.startsWith("arn:")));
            boolean tagged = selectionTags.stream().anyMatch(t -> "STRINGEQUALS".equalsIgnoreCase(String.valueOf(t.get("type")))
                    && String.valueOf(t.get("value")).equals(tags.get(String.valueOf(t.get("key")))));
            boolean base = (resources.isEmpty() && selectionTags.isEmpty()) || listed || tagged;
            boolean conditions = In.maps(sel.inputs().get("conditions")).stream()
                    .flatMap(c -> In.maps(c.get("stringEquals")).stream())
                    .allMatch(c -> String.valueOf(c.get("value")).equals(tags.get(String.valueOf(c.get("key")).replace("aws:ResourceTag/", ""))));
            if (base && conditions) {
                return Outcome.pass("selected by " + sel.name());
            }
        }
        return Outcome.fail("no " + BACKUP_SELECTION + " selects " + what + " by ARN, tag or " + kind + " wildcard");
    }
}
