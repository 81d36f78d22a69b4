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
 * The people side of IAM: three groups that hold least privilege, MFA before anything, an explicit deny
 * on tampering with evidence, one audited way around it, and the account's password rules.
 *
 * <p>Children. Customer managed policies {@code <name>-require-mfa}, {@code <name>-evidence-protection},
 * {@code <name>-sysadmin}, {@code <name>-audit-archive-read} (IAM names {@code <prefix>-<role>}). Groups
 * {@code <name>-admins}, {@code <name>-sysadmins}, {@code <name>-auditors} (IAM names {@code <prefix>-<group>}),
 * each with one attachment {@code <name>-<group>-<policy>} per policy, {@code <name>-<group>-exclusive-attachments}
 * (detaches anything attached by hand at the next update) and {@code <name>-<group>-no-inline-policies}
 * (removes inline policies added by hand). The role {@code <name>-break-glass} ({@code <prefix>-break-glass})
 * with {@code <name>-break-glass-policy} (customer managed, attached by {@code <name>-break-glass-policy-attachment})
 * and {@code <name>-break-glass-read-only}. With
 * {@link Args#managePasswordPolicy()}, {@code <name>-password-policy}.
 *
 * <p>What each group holds, exactly:
 * <ul>
 *   <li>admins: AdministratorAccess, require-mfa, evidence-protection: administrator only after MFA;</li>
 *   <li>sysadmins: sysadmin ({@link HumanPolicies#sysadmin}), require-mfa, evidence-protection;</li>
 *   <li>auditors: ReadOnlyAccess, SecurityAudit, audit-archive-read, require-mfa, evidence-protection.</li>
 * </ul>
 * No policy outside admins allows {@code *} on {@code *}. The break-glass role holds ReadOnlyAccess and
 * exactly the actions the evidence-protection deny takes away; it is assumable only with MFA signed in
 * within the hour, for one hour, and the security alarms page on every use.
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

    /**
     * @param naming               the account and the name prefix of groups, policies and the role
     * @param scopeTags            tags every resource of the stack carries; sysadmins operate only those
     * @param managePasswordPolicy whether this stack owns the account's password policy (one per account)
     */
    public record Args(Naming naming, Map<String, String> scopeTags, boolean managePasswordPolicy) {
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
        var evidence = new EvidenceNames(account, prefix);
        var partition = account.partition();

        var requireMfa = policy(name, prefix, "require-mfa", "Deny everything but one's own MFA and password until signed in with MFA",
                HumanPolicies.requireMfa(account).toJson(), child);
        var evidenceProtection = policy(name, prefix, "evidence-protection",
                "Deny stopping, deleting or rewriting audit evidence and loosening human access; break-glass only",
                HumanPolicies.evidenceProtection(evidence).toJson(), child);
        var sysadmin = policy(name, prefix, "sysadmin", "Operate this stack's EC2, ECS, RDS, load balancers, Auto Scaling and CloudWatch",
                HumanPolicies.sysadmin(account, prefix, args.scopeTags()).toJson(), child);
        var archiveRead = policy(name, prefix, "audit-archive-read", "Read and decrypt the audit log archive",
                HumanPolicies.auditArchiveRead(evidence).toJson(), child);

        var adminAccess = Output.of(HumanPolicies.awsManaged(partition, "AdministratorAccess"));
        var readOnly = Output.of(HumanPolicies.awsManaged(partition, "ReadOnlyAccess"));
        var securityAudit = Output.of(HumanPolicies.awsManaged(partition, "SecurityAudit"));

        var names = new LinkedHashMap<String, String>();
        names.put(ADMINS, group(name, prefix, ADMINS, List.of(
                new Attached("administrator-access", adminAccess),
                new Attached("require-mfa", requireMfa.arn()),
                new Attached("evidence-protection", evidenceProtection.arn())), child));
        names.put(SYSADMINS, group(name, prefix, SYSADMINS, List.of(
                new Attached("sysadmin", sysadmin.arn()),
                new Attached("require-mfa", requireMfa.arn()),
                new Attached("evidence-protection", evidenceProtection.arn())), child));
        names.put(AUDITORS, group(name, prefix, AUDITORS, List.of(
                new Attached("read-only-access", readOnly),
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
                Output.of(HumanPolicies.breakGlassPermissions(evidence).toJson()), child);
        // Reading is what makes the console usable; every write beyond the guarded actions stays with admins.
        new RolePolicyAttachment(name + "-break-glass-read-only", RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(readOnly)
                .build(), child);
        this.breakGlassRoleArn = role.arn();

        if (args.managePasswordPolicy()) {
            new AccountPasswordPolicy(name + "-password-policy", AccountPasswordPolicyArgs.builder()
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
                    .build(), child);
        }

        var outputs = new LinkedHashMap<String, Output<?>>();
        names.forEach((k, v) -> outputs.put(k + "GroupName", Output.of(v)));
        outputs.put("breakGlassRoleArn", breakGlassRoleArn);
        registerOutputs(outputs);
    }

    private record Attached(String name, Output<String> policyArn) {}

    private Policy policy(String name, String prefix, String role, String description, String document,
                          CustomResourceOptions child) {
        return new Policy(name + "-" + role, PolicyArgs.builder()
                .name(prefix + "-" + role)
                .description(description)
                .policy(document)
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
