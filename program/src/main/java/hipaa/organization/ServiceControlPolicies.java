package hipaa.organization;

import hipaa.identity.AwsAccount;
import hipaa.identity.EvidenceNames;
import hipaa.identity.NotActionPolicy;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The evidence guard of an organization as AWS Organizations service control policies: what no principal of a
 * member account may do, whatever its IAM policies say ({@code AdministratorAccess} included), except the two
 * roles the program itself names: the deployer ({@code <project>-<stack>-deployer}, what {@code pulumi up} runs as)
 * and the break-glass role ({@code <project>-<stack>-break-glass}). The statements are the single-account guards
 * ({@code hipaa.identity.HumanPolicies#guardStatements}) written for every account of the organization: account-free
 * ARNs and the project's name patterns ({@link EvidenceNames#everyStack()}), since one SCP serves every target.
 *
 * <p>Each statement carries the HIPAA Security Rule section it serves ({@link #statements}); docs/ORGANIZATION.md
 * tabulates them. The exception is written as {@code ArnNotLike aws:PrincipalArn}, AWS's documented way to exempt
 * an administrator role from an SCP ("General examples", AWS Organizations User Guide), and
 * {@link #PROTECT_EXEMPT_ROLES} stops anyone but the deployer from creating, re-trusting or re-permissioning a
 * role whose name matches an exempt pattern: otherwise the exception is a way around every statement.
 *
 * <p>Quotas ("Quotas and service limits for AWS Organizations", AWS Organizations User Guide,
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html): an SCP document holds at
 * most {@value #MAX_CHARACTERS} characters, and a root, OU or account holds at most {@value #MAX_PER_TARGET} SCPs,
 * AWS's {@code FullAWSAccess} among them. The guard is {@value #POLICY_COUNT} policies (the longest, with 30 approved
 * Regions and a long project name in aws-us-gov, is under 3,300 characters), so a target keeps room for
 * {@code FullAWSAccess} and two more (Control Tower's, for example). The offline run refuses a larger document as
 * AWS would (the offline plan's create-time checks).
 */
public final class ServiceControlPolicies {
    private ServiceControlPolicies() {}

    /** Maximum size of an SCP document, in characters (Organizations quotas page, "Maximum size of a policy document"). */
    public static final int MAX_CHARACTERS = 5120;
    /** Maximum number of SCPs attached to one root, OU or account (Organizations quotas page). */
    public static final int MAX_PER_TARGET = 5;
    /** How many SCPs the guard is. */
    public static final int POLICY_COUNT = 2;

    public static final String EVIDENCE = "evidence";
    public static final String ACCOUNT = "account";

    /** The sid of the Region deny, rendered with {@code NotAction}. */
    public static final String OUTSIDE_APPROVED_REGIONS = "DenyOutsideTheApprovedRegions";
    /** The sid of the statement that keeps the exempt role names to the deployer. */
    public static final String PROTECT_EXEMPT_ROLES = "DenyChangingTheExemptRoles";

    /**
     * Global services whose requests AWS routes through us-east-1 (or report no Region), exempted from the Region
     * deny: the list of AWS's example SCP "Deny access to AWS based on the requested AWS Region" (AWS Organizations
     * User Guide, "General examples",
     * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html).
     */
    public static final List<String> GLOBAL_SERVICES = List.of("a4b:*", "acm:*", "aws-marketplace-management:*",
            "aws-marketplace:*", "aws-portal:*", "budgets:*", "ce:*", "chime:*", "cloudfront:*", "config:*", "cur:*",
            "directconnect:*", "ec2:DescribeRegions", "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways", "fms:*",
            "globalaccelerator:*", "health:*", "iam:*", "importexport:*", "kms:*", "mobileanalytics:*",
            "networkmanager:*", "organizations:*", "pricing:*", "route53:*", "route53domains:*",
            "route53-recovery-cluster:*", "route53-recovery-control-config:*", "route53-recovery-readiness:*",
            "s3:GetAccountPublic*", "s3:ListAllMyBuckets", "s3:ListMultiRegionAccessPoints", "s3:PutAccountPublic*",
            "shield:*", "sts:*", "support:*", "trustedadvisor:*", "waf-regional:*", "waf:*", "wafv2:*",
            "wellarchitected:*");

    /**
     * What the SCPs are written for.
     *
     * @param partition       {@code aws} or {@code aws-us-gov}
     * @param project         the Pulumi project: every stack of it names its roles and evidence {@code <project>-<stack>-...}
     * @param approvedRegions the Regions member accounts may use ({@code hipaa:approvedRegions})
     */
    public record Scope(String partition, String project, List<String> approvedRegions) {
        public Scope {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(project, "project");
            approvedRegions = List.copyOf(approvedRegions);
            if (approvedRegions.isEmpty()) {
                throw new IllegalArgumentException("approvedRegions: empty; the Region deny would deny every Region");
            }
        }

        /** The project's names in every account: {@code <project>-*}. */
        EvidenceNames.Names names() {
            return new EvidenceNames.Names(new AwsAccount(partition, "*", "*"), project + "-*");
        }

        private String role(String name) {
            return "arn:" + partition + ":iam::*:role/" + name;
        }

        /** Every stack's deployer role, in any account of the organization. */
        public String deployerRoles() {
            return role(EvidenceNames.deployerRoleName(project + "-*"));
        }

        /** Every stack's break-glass role, in any account of the organization. */
        public String breakGlassRoles() {
            return role(EvidenceNames.breakGlassRoleName(project + "-*"));
        }
    }

    /**
     * One statement of the guard.
     *
     * @param policy    which SCP holds it ({@link #EVIDENCE}, {@link #ACCOUNT})
     * @param statement the deny, exception included
     * @param hipaa     the HIPAA Security Rule sections it serves
     * @param purpose   what it keeps, in one sentence (docs/ORGANIZATION.md)
     */
    public record Guard(String policy, Statement statement, String hipaa, String purpose) {}

    /**
     * One SCP: {@code <project>-<name>-guard}.
     *
     * @param name        {@link #EVIDENCE} or {@link #ACCOUNT}
     * @param description what the policy denies
     * @param document    the statements
     */
    public record Scp(String name, String description, NotActionPolicy document) {
        public String json() {
            return document.toJson();
        }
    }

    /** Every statement of the guard, in policy order. */
    public static List<Guard> statements(Scope s) {
        var n = s.names();
        var out = new ArrayList<Guard>();
        // cloudtrail:Put* covers PutEventSelectors, PutInsightSelectors and PutResourcePolicy.
        out.add(exempt(s, EVIDENCE, Statement.deny("DenyStoppingOrChangingTrails").actions("cloudtrail:StopLogging",
                        "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:Put*").resources("*"),
                "164.312(b); 164.308(a)(1)(ii)(D)",
                "No one stops, deletes, redirects or narrows a trail, the organization trail's copies included."));
        // Services write evidence as service principals (CloudTrail, Config's service-linked role, S3 server access
        // logging), which SCPs do not restrict: only people and workloads are kept from the objects.
        out.add(exempt(s, EVIDENCE, Statement.deny("DenyDeletingOrRewritingEvidence").actions("s3:DeleteObject*",
                        "s3:PutObject*", "s3:BypassGovernanceRetention").resources(n.logObjects()),
                "164.312(c)(1); 164.316(b)(2)(i)",
                "No one deletes, overwrites, shortens the retention of or lifts a legal hold on an evidence object."));
        // s3:PutBucket* covers the policy, versioning, Object Lock, ACL, ownership and public access block;
        // s3:PutLifecycleConfiguration also authorizes DeleteBucketLifecycle.
        out.add(exempt(s, EVIDENCE, Statement.deny("DenyChangingEvidenceBuckets").actions("s3:PutBucket*",
                        "s3:DeleteBucket*", "s3:PutLifecycleConfiguration", "s3:PutEncryptionConfiguration",
                        "s3:PutReplicationConfiguration").resources(n.logBuckets()),
                "164.312(c)(1); 164.316(b)(2)(i); 164.308(a)(7)(ii)(B)",
                "No one deletes an evidence bucket or changes its policy, lifecycle, Object Lock, encryption or replication."));
        // Key ARNs carry no name and aliases can move: every key of a member account changes only through the program.
        out.add(exempt(s, EVIDENCE, Statement.deny("DenyDisablingOrDeletingKeys").actions("kms:ScheduleKeyDeletion",
                        "kms:Disable*", "kms:PutKeyPolicy", "kms:DeleteImportedKeyMaterial", "kms:DeleteAlias",
                        "kms:UpdateAlias").resources("*"),
                "164.312(a)(2)(iv); 164.312(c)(1)",
                "No one disables, schedules for deletion, re-permissions or re-aliases a key, so nothing encrypted becomes unreadable."));
        // One detector, hub and account analyzer per account and Region: "*". Filters, trusted IP lists, automation
        // and archive rules suppress findings as surely as disabling the service.
        out.add(exempt(s, EVIDENCE, Statement.deny("DenySilencingThreatDetection").actions("guardduty:Create*",
                        "guardduty:Update*", "guardduty:Delete*", "guardduty:Disassociate*",
                        "guardduty:StopMonitoringMembers", "securityhub:Disable*", "securityhub:Delete*",
                        "securityhub:Update*", "securityhub:Disassociate*", "securityhub:BatchDisableStandards",
                        "securityhub:CreateAutomationRule", "securityhub:BatchUpdateAutomationRules",
                        "access-analyzer:DeleteAnalyzer", "access-analyzer:CreateArchiveRule",
                        "access-analyzer:UpdateArchiveRule", "access-analyzer:ApplyArchiveRule").resources("*"),
                "164.308(a)(1)(ii)(D); 164.308(a)(6)(ii); 164.308(a)(5)(ii)(B)",
                "No one disables, leaves or filters GuardDuty, Security Hub or IAM Access Analyzer."));
        // One recorder and delivery channel per account and Region; rule ARNs carry an id AWS picks: "*".
        out.add(exempt(s, EVIDENCE, Statement.deny("DenyStoppingConfig").actions("config:Stop*", "config:Delete*",
                        "config:PutConfigurationRecorder", "config:PutDeliveryChannel", "config:PutRetentionConfiguration",
                        "config:PutConfigRule").resources("*"),
                "164.308(a)(8); 164.312(b)",
                "No one stops or rewires AWS Config's recorder or delivery channel, or deletes or rewrites a rule."));
        out.add(exempt(s, EVIDENCE, Statement.deny("DenyDisablingEbsDefaultEncryption")
                        .actions("ec2:DisableEbsEncryptionByDefault").resources("*"),
                "164.312(a)(2)(iv)",
                "No one turns off EBS encryption by default, so every new volume and snapshot stays encrypted."));
        out.add(exempt(s, ACCOUNT, Statement.deny(OUTSIDE_APPROVED_REGIONS).actions(GLOBAL_SERVICES.toArray(String[]::new))
                        .resources("*")
                        .condition("StringNotEquals", "aws:RequestedRegion", s.approvedRegions().toArray(String[]::new)),
                "164.308(a)(1)(ii)(B); 164.312(b)",
                "Nothing but global services runs outside the approved Regions, where the risk analysis, the network and the monitoring are."));
        out.add(exempt(s, ACCOUNT, Statement.deny("DenyIamUsersAndAccessKeys").actions("iam:CreateUser",
                        "iam:CreateAccessKey").resources("*"),
                "164.312(a)(2)(i); 164.312(d)",
                "No IAM user or long-term access key: people sign in as themselves, with MFA, through federation."));
        out.add(exempt(s, ACCOUNT, Statement.deny("DenyLeavingTheOrganization").actions("organizations:LeaveOrganization")
                        .resources("*"),
                "164.308(a)(1)(ii)(D); 164.312(b)",
                "No account leaves the organization, and with it the trail, the detection and these policies."));
        // The deployer alone: break-glass must not be able to mint a role the guard exempts, nor widen its own.
        out.add(new Guard(ACCOUNT, Statement.deny(PROTECT_EXEMPT_ROLES).actions("iam:CreateRole", "iam:DeleteRole",
                        "iam:UpdateRole*", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
                        "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary",
                        "iam:DeleteRolePermissionsBoundary", "iam:TagRole", "iam:UntagRole", "iam:PassRole")
                .resources(s.deployerRoles(), s.breakGlassRoles())
                .condition("ArnNotLike", "aws:PrincipalArn", s.deployerRoles()),
                "164.308(a)(4)(ii)(B); 164.308(a)(3)(ii)(A)",
                "Only the deployer creates or changes a role with an exempt name, so the exception cannot be claimed by naming a role."));
        return List.copyOf(out);
    }

    /** The statement with the exception for the deployer and break-glass roles. */
    private static Guard exempt(Scope s, String policy, Statement st, String hipaa, String purpose) {
        return new Guard(policy, st.condition("ArnNotLike", "aws:PrincipalArn", s.deployerRoles(), s.breakGlassRoles()),
                hipaa, purpose);
    }

    /** The guard as SCPs. */
    public static List<Scp> policies(Scope s) {
        var all = statements(s);
        var out = new ArrayList<Scp>();
        for (var name : List.of(EVIDENCE, ACCOUNT)) {
            var doc = new PolicyDocument(all.stream().filter(g -> g.policy().equals(name)).map(Guard::statement).toList());
            var notAction = doc.statements().stream().anyMatch(st -> st.sid().equals(OUTSIDE_APPROVED_REGIONS))
                    ? Set.of(OUTSIDE_APPROVED_REGIONS) : Set.<String>of();
            out.add(new Scp(name, description(name), new NotActionPolicy(doc, notAction)));
        }
        return List.copyOf(out);
    }

    private static String description(String name) {
        return switch (name) {
            case EVIDENCE -> "Evidence guard: trails, evidence buckets and objects, keys, GuardDuty, Security Hub, "
                    + "Access Analyzer, Config, EBS default encryption";
            case ACCOUNT -> "Account guard: approved Regions, no IAM users or access keys, no leaving, exempt roles";
            default -> throw new IllegalArgumentException(name);
        };
    }
}
