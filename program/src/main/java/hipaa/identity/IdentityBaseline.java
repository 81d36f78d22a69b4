package hipaa.identity;

import com.pulumi.aws.iam.AccountPasswordPolicy;
import com.pulumi.aws.iam.AccountPasswordPolicyArgs;
import com.pulumi.aws.iam.Group;
import com.pulumi.aws.iam.GroupArgs;
import com.pulumi.aws.iam.GroupPoliciesExclusive;
import com.pulumi.aws.iam.GroupPoliciesExclusiveArgs;
import com.pulumi.aws.iam.GroupPolicyAttachment;
import com.pulumi.aws.iam.GroupPolicyAttachmentArgs;
import com.pulumi.aws.iam.GroupPolicyAttachmentsExclusive;
import com.pulumi.aws.iam.GroupPolicyAttachmentsExclusiveArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The people side of IAM: three groups that hold least privilege, MFA before anything, explicit denies
 * on tampering with evidence and detection, a permissions boundary that every principal people create must
 * carry, one audited way around the denies, and the account's password rules.
 *
 * <p>Children. Customer managed policies {@code <name>-require-mfa}, {@code <name>-evidence-protection},
 * {@code <name>-delegation-guard}, {@code <name>-permissions-boundary}, {@code <name>-sysadmin},
 * {@code <name>-audit-archive-read} (IAM names {@code <prefix>-<role>}). Groups {@code <name>-admins},
 * {@code <name>-sysadmins}, {@code <name>-auditors} (IAM names {@code <prefix>-<group>}), each with one
 * attachment {@code <name>-<group>-<policy>} per policy, {@code <name>-<group>-exclusive-attachments}
 * (detaches anything attached by hand at the next update) and {@code <name>-<group>-no-inline-policies}
 * (removes inline policies added by hand). The role {@code <name>-break-glass} ({@code <prefix>-break-glass})
 * with {@code <name>-break-glass-policy} (customer managed, attached by {@code <name>-break-glass-policy-attachment}),
 * {@code <name>-break-glass-security-audit} and {@code <name>-break-glass-audit-archive-read}. With
 * {@link Args#managePasswordPolicy()}, {@code <name>-password-policy}.
 *
 * <p>What each group holds, exactly:
 * <ul>
 *   <li>admins: AdministratorAccess, require-mfa, evidence-protection, delegation-guard: administrator only
 *       after MFA, and every user or role they create carries the boundary;</li>
 *   <li>sysadmins: sysadmin ({@link HumanPolicies#sysadmin}), require-mfa, evidence-protection;</li>
 *   <li>auditors: SecurityAudit, audit-archive-read, require-mfa, evidence-protection: the evidence, not PHI.</li>
 * </ul>
 * No policy outside admins allows {@code *} on {@code *}. The break-glass role holds what auditors read and
 * the guarded actions on its own stack, never its own role, the alert topic, key policies or its alarm; it is
 * assumable only with MFA signed in within the hour, for one hour, and the security alarms page on every use.
 * The deployer role ({@code <prefix>-deployer}, docs/DEPLOY.md) is the one principal outside the guards.
 *
 * <p>Supports 164.308(a)(3)(ii)(A) and (a)(4)(ii)(B)-(C) (authorization, access establishment and
 * modification), 164.308(a)(5)(ii)(D) (password management), 164.312(a)(1) (access control),
 * 164.312(b) and 164.312(c)(1) (audit controls and integrity: the evidence cannot be erased by the people
 * it records), 164.312(d) (person authentication: MFA).
 */
public final class IdentityBaseline extends ComponentResource {

    public static final String TYPE = "hipaa:identity:IdentityBaseline";

    public static final String ADMINS = "admins";
    public static final String SYSADMINS = "sysadmins";
    public static final String AUDITORS = "auditors";

    /** The account password policy: CIS and the HIPAA conformance pack's iam-password-policy values. */
    public static final int MIN_PASSWORD_LENGTH = 14;
    public static final int PASSWORD_REUSE_PREVENTION = 24;
    public static final int MAX_PASSWORD_AGE_DAYS = 90;
    public static final int BREAK_GLASS_SESSION_SECONDS = 3600;
    /** IAM's size limits, in characters without whitespace (IAM User Guide, "IAM and AWS STS quotas"). */
    public static final int MANAGED_POLICY_LIMIT = 6144;

    /**
     * @param naming               the account and the name prefix of groups, policies and the role
     * @param scopeTags            tags every resource of the stack carries; sysadmins operate only those
     * @param managePasswordPolicy whether this stack owns the account's password policy (one per account)
     * @param localTrail           the stack has its own trail (single account), which the guards and auditors name;
     *                             false in a workload account of an organization ({@link EvidenceNames})
     */
    public record Args(Naming naming, Map<String, String> scopeTags, boolean managePasswordPolicy, boolean localTrail) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            scopeTags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scopeTags));
            if (scopeTags.isEmpty()) {
                throw new IllegalArgumentException("scopeTags: empty; sysadmins would operate every resource of the account");
            }
        }
    }

    /** IAM group names by group ({@code admins} to {@code hipaa-prod-admins}). */
    public final Map<String, String> groupNames;
    public final Output<String> breakGlassRoleArn;

    public IdentityBaseline(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();
        var evidence = new EvidenceNames(account, project(args), prefix, args.localTrail());
        var partition = account.partition();

        var requireMfa = policy(name, prefix, "require-mfa", "Deny everything but one's own MFA and password until signed in with MFA",
                HumanPolicies.requireMfa(account).toJson(), child);
        var evidenceProtection = policy(name, prefix, "evidence-protection",
                "Deny stopping, deleting, forging or silencing audit evidence and detection, and changing the stack's IAM, in every stack of the account",
                HumanPolicies.evidenceProtection(evidence).toJson(), child);
        var delegationGuard = policy(name, prefix, "delegation-guard",
                "Deny creating or changing users and roles without " + evidence.permissionsBoundaryName() + ", and group policies outside the stack",
                HumanPolicies.delegationGuard(evidence).toJson(), child);
        // Attached to nothing by the stack: admins must set it on every user and role they create.
        policy(name, prefix, "permissions-boundary",
                "Permissions boundary of every user and role people create: the evidence guards hold for them too",
                HumanPolicies.permissionsBoundary(evidence).toJson(), child);
        var sysadmin = policy(name, prefix, "sysadmin", "Operate this stack's EC2, ECS, RDS, load balancers, Auto Scaling and CloudWatch",
                HumanPolicies.sysadmin(account, prefix, args.scopeTags()).toJson(), child);
        var archiveRead = policy(name, prefix, "audit-archive-read", "Read and decrypt the audit evidence: log buckets, trail and activity log groups",
                HumanPolicies.auditArchiveRead(evidence).toJson(), child);

        var adminAccess = Output.of(HumanPolicies.awsManaged(partition, "AdministratorAccess"));
        var securityAudit = Output.of(HumanPolicies.awsManaged(partition, "SecurityAudit"));

        var names = new LinkedHashMap<String, String>();
        names.put(ADMINS, group(name, prefix, ADMINS, List.of(
                new Attached("administrator-access", adminAccess),
                new Attached("require-mfa", requireMfa.arn()),
                new Attached("evidence-protection", evidenceProtection.arn()),
                new Attached("delegation-guard", delegationGuard.arn())), child));
        names.put(SYSADMINS, group(name, prefix, SYSADMINS, List.of(
                new Attached("sysadmin", sysadmin.arn()),
                new Attached("require-mfa", requireMfa.arn()),
                new Attached("evidence-protection", evidenceProtection.arn())), child));
        // Evidence, not PHI: no ReadOnlyAccess, which reads every object, log and table of the account.
        names.put(AUDITORS, group(name, prefix, AUDITORS, List.of(
                new Attached("security-audit", securityAudit),
                new Attached("audit-archive-read", archiveRead.arn()),
                new Attached("require-mfa", requireMfa.arn()),
                new Attached("evidence-protection", evidenceProtection.arn())), child));
        this.groupNames = java.util.Collections.unmodifiableMap(names);

        var role = new Role(name + "-break-glass", RoleArgs.builder()
                .name(evidence.breakGlassRoleName())
                .description("Break glass: the only way around " + prefix + "-evidence-protection. MFA required; every use raises an alarm")
                .assumeRolePolicy(HumanPolicies.breakGlassTrust(account).toJson())
                .maxSessionDuration(BREAK_GLASS_SESSION_SECONDS)
                .tags(Map.of("Name", evidence.breakGlassRoleName()))
                .build(), child);
        RolePermissions.attach(name + "-break-glass-policy", prefix + "-break-glass",
                "Break glass: exactly what " + prefix + "-evidence-protection denies everyone else", role.name(),
                Output.of(checked(prefix + "-break-glass", HumanPolicies.breakGlassPermissions(evidence).toJson(), MANAGED_POLICY_LIMIT)),
                child);
        // What auditors read is what the console needs to see the evidence; nothing that reads PHI.
        new RolePolicyAttachment(name + "-break-glass-security-audit", RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(securityAudit)
                .build(), child);
        new RolePolicyAttachment(name + "-break-glass-audit-archive-read", RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(archiveRead.arn())
                .build(), child);
        this.breakGlassRoleArn = role.arn();

        if (args.managePasswordPolicy()) {
            passwordPolicy(name + "-password-policy", child);
        }

        var outputs = new LinkedHashMap<String, Output<?>>();
        names.forEach((k, v) -> outputs.put(k + "GroupName", Output.of(v)));
        outputs.put("breakGlassRoleArn", breakGlassRoleArn);
        registerOutputs(outputs);
    }

    /**
     * The account's IAM password policy (one per account): also what the organization's management, log-archive and
     * security accounts get, so every account of the organization holds people's passwords to the same rule.
     */
    public static AccountPasswordPolicy passwordPolicy(String name, CustomResourceOptions opts) {
        return new AccountPasswordPolicy(name, AccountPasswordPolicyArgs.builder()
                .minimumPasswordLength(MIN_PASSWORD_LENGTH)
                .passwordReusePrevention(PASSWORD_REUSE_PREVENTION)
                .maxPasswordAge(MAX_PASSWORD_AGE_DAYS)
                .requireLowercaseCharacters(true)
                .requireUppercaseCharacters(true)
                .requireNumbers(true)
                .requireSymbols(true)
                .allowUsersToChangePassword(true)
                // An expired password is changed at sign-in; hard expiry would lock people out instead.
                .hardExpiry(false)
                .build(), opts);
    }

    private record Attached(String name, Output<String> policyArn) {}

    /**
     * The project the stack belongs to, from its {@code Project} scope tag: the guards cover every stack of
     * the project in the account, whose prefixes all start with {@code <project>-}.
     */
    private static String project(Args args) {
        var project = args.scopeTags().get("Project");
        if (project == null || !args.naming().namePrefix().startsWith(project + "-")) {
            throw new IllegalArgumentException("scopeTags: Project " + project + " is not how namePrefix "
                    + args.naming().namePrefix() + " starts; the guards could not name the account's other stacks");
        }
        return project;
    }

    /**
     * IAM refuses a customer managed policy over 6,144 characters, whitespace not counted (IAM User Guide, "IAM and AWS STS quotas", "IAM object quotas"): refused
     * here, with the policy's name, before anything is created.
     */
    static String checked(String policyName, String document, int limit) {
        long size = document.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (size > limit) {
            throw new IllegalArgumentException("policy " + policyName + " is " + size + " characters; IAM accepts at most "
                    + limit + " (IAM and AWS STS quotas)");
        }
        return document;
    }

    private Policy policy(String name, String prefix, String role, String description, String document,
                          CustomResourceOptions child) {
        return new Policy(name + "-" + role, PolicyArgs.builder()
                .name(prefix + "-" + role)
                .description(description)
                .policy(checked(prefix + "-" + role, document, MANAGED_POLICY_LIMIT))
                .tags(Map.of("Name", prefix + "-" + role))
                .build(), child);
    }

    private String group(String name, String prefix, String role, List<Attached> policies, CustomResourceOptions child) {
        var physical = prefix + "-" + role;
        var group = new Group(name + "-" + role, GroupArgs.builder().name(physical).build(), child);
        var attachments = new ArrayList<Resource>();
        for (var p : policies) {
            attachments.add(new GroupPolicyAttachment(name + "-" + role + "-" + p.name(), GroupPolicyAttachmentArgs.builder()
                    .group(group.name())
                    .policyArn(p.policyArn())
                    .build(), child));
        }
        new GroupPolicyAttachmentsExclusive(name + "-" + role + "-exclusive-attachments",
                GroupPolicyAttachmentsExclusiveArgs.builder()
                        .groupName(group.name())
                        .policyArns(Output.all(policies.stream().map(Attached::policyArn).toList()))
                        .build(), CustomResourceOptions.builder().parent(this).dependsOn(attachments).build());
        new GroupPoliciesExclusive(name + "-" + role + "-no-inline-policies", GroupPoliciesExclusiveArgs.builder()
                .groupName(group.name())
                .policyNames(List.of())
                .build(), child);
        return physical;
    }
}
