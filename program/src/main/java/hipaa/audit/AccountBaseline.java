package hipaa.audit;

import com.pulumi.aws.accessanalyzer.Analyzer;
import com.pulumi.aws.accessanalyzer.AnalyzerArgs;
import com.pulumi.aws.ebs.DefaultKmsKey;
import com.pulumi.aws.ebs.DefaultKmsKeyArgs;
import com.pulumi.aws.ebs.EncryptionByDefault;
import com.pulumi.aws.ebs.EncryptionByDefaultArgs;
import com.pulumi.aws.guardduty.Detector;
import com.pulumi.aws.guardduty.DetectorArgs;
import com.pulumi.aws.guardduty.DetectorFeature;
import com.pulumi.aws.guardduty.DetectorFeatureArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.s3.AccountPublicAccessBlock;
import com.pulumi.aws.s3.AccountPublicAccessBlockArgs;
import com.pulumi.aws.securityhub.Account;
import com.pulumi.aws.securityhub.AccountArgs;
import com.pulumi.aws.securityhub.StandardsSubscription;
import com.pulumi.aws.securityhub.StandardsSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The account's security baseline: the services AWS allows once per account (or once per account and
 * Region), so exactly one stack may own each. {@link Args#manageAccount()} and
 * {@link Args#manageRegional()} say whether this stack is that owner; see docs/AUDIT.md.
 *
 * <p>Children, account-wide: {@code <name>-s3-public-access-block}. Per Region: {@code <name>-ebs-encryption},
 * {@code <name>-ebs-key} with {@code <name>-ebs-key-alias} (the Region's own default EBS key, retained on delete)
 * and {@code <name>-ebs-default-key} (new volumes encrypted with it), {@code <name>-guardduty}
 * with {@code <name>-guardduty-s3} and {@code <name>-guardduty-ebs-malware}, {@code <name>-securityhub}
 * with {@code <name>-securityhub-fsbp} (AWS Foundational Security Best Practices), and
 * {@code <name>-access-analyzer}; the last three only where the stack owns detection
 * ({@link Audit.Baseline#detection()}), never in a workload account of an organization.
 *
 * <p>Supports 164.308(a)(1)(ii)(D) information system activity review, 164.308(a)(5)(ii)(B) protection
 * from malicious software, 164.308(a)(6)(ii) response and reporting, 164.312(a)(1) access control and
 * 164.312(a)(2)(iv) encryption.
 */
public final class AccountBaseline extends ComponentResource {

    public static final String TYPE = "hipaa:audit:AccountBaseline";
    public static final String FSBP_STANDARD = "standards/aws-foundational-security-best-practices/v/1.0.0";
    public static final String GUARDDUTY_S3 = "S3_DATA_EVENTS";
    public static final String GUARDDUTY_EBS_MALWARE = "EBS_MALWARE_PROTECTION";

    /**
     * @param naming     the name prefix, the account and Region
     * @param baseline   which singletons this stack owns (the account-wide S3 public access block; GuardDuty,
     *                   Security Hub, IAM Access Analyzer and EBS default encryption in this Region) and which
     *                   GuardDuty protections are on
     * @param protect    keep the detector (its findings) and Security Hub through {@code pulumi destroy}
     */
    public record Args(Naming naming, Audit.Baseline baseline, boolean protect) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(baseline, "baseline");
        }
    }

    /** The GuardDuty detector's id, when this stack owns it. */
    public final Optional<Output<String>> guardDutyDetectorId;

    public AccountBaseline(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();

        if (args.baseline().manageAccount()) {
            // Retained even in unprotected stacks: deleting a dev stack must never reopen public access for
            // the whole account, and PutPublicAccessBlock is idempotent, so a second owner cannot conflict.
            new AccountPublicAccessBlock(name + "-s3-public-access-block", AccountPublicAccessBlockArgs.builder()
                    .accountId(args.naming().account().accountId())
                    .blockPublicAcls(true)
                    .blockPublicPolicy(true)
                    .ignorePublicAcls(true)
                    .restrictPublicBuckets(true)
                    .build(), CustomResourceOptions.builder().parent(this).retainOnDelete(true).build());
        }

        if (!args.baseline().manageRegional()) {
            this.guardDutyDetectorId = Optional.empty();
            registerOutputs(Map.of());
            return;
        }

        new EncryptionByDefault(name + "-ebs-encryption", EncryptionByDefaultArgs.builder().enabled(true).build(), child);
        // The Region's default key encrypts every volume created without a key of its own, other teams' too: a key
        // of its own, not the stack's data key (whose policy is tailored to this stack and which a dev destroy
        // deletes). Kept through every destroy: a volume it encrypted must stay readable after the stack is gone.
        var ebsKey = new Key(name + "-ebs-key", KeyArgs.builder()
                .description(args.naming().namePrefix() + " default EBS encryption key of " + args.naming().account().region()
                        + ": volumes created without a key of their own, by anyone in the account")
                .keyUsage("ENCRYPT_DECRYPT")
                .customerMasterKeySpec("SYMMETRIC_DEFAULT")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(ebsDefaultKeyPolicy(args.naming().account()).toJson())
                .tags(Map.of("Name", args.naming().namePrefix() + "-ebs-default", "Purpose", "ebs-default"))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).retainOnDelete(true).build());
        new Alias(name + "-ebs-key-alias", AliasArgs.builder()
                .name("alias/" + args.naming().namePrefix() + "-ebs-default")
                .targetKeyId(ebsKey.keyId())
                .build(), child);
        new DefaultKmsKey(name + "-ebs-default-key", DefaultKmsKeyArgs.builder().keyArn(ebsKey.arn()).build(), child);

        // In a workload account of an organization the security account, GuardDuty's and Security Hub's delegated
        // administrator, enables both for every member (guardduty.OrganizationConfiguration auto-enable ALL,
        // securityhub.OrganizationConfiguration auto-enable) and its organization analyzer covers the account: a
        // detector or hub created here would conflict with the one the administrator enabled (one per account and
        // Region), and member accounts cannot change what the administrator manages (GuardDuty User Guide,
        // "Understanding the relationship between GuardDuty administrator account and member accounts").
        if (args.baseline().detection().isEmpty()) {
            this.guardDutyDetectorId = Optional.empty();
            registerOutputs(Map.of());
            return;
        }
        var detection = args.baseline().detection().get();
        // Deleting a detector deletes its findings: evidence, so protected and retained where state is.
        var detector = new Detector(name + "-guardduty", DetectorArgs.builder()
                .enable(true)
                // Findings reach Security Hub and EventBridge within 15 minutes instead of the default 6 hours.
                .findingPublishingFrequency("FIFTEEN_MINUTES")
                .tags(Map.of("Name", args.naming().namePrefix() + "-guardduty"))
                .build(), CustomResourceOptions.builder().parent(this)
                .protect(args.protect()).retainOnDelete(args.protect()).build());
        // Both features are always declared, so turning one off is an explicit DISABLED, not AWS's default.
        new DetectorFeature(name + "-guardduty-s3", DetectorFeatureArgs.builder()
                .detectorId(detector.id())
                .name(GUARDDUTY_S3)
                .status(status(detection.guardDutyS3Protection()))
                .build(), child);
        new DetectorFeature(name + "-guardduty-ebs-malware", DetectorFeatureArgs.builder()
                .detectorId(detector.id())
                .name(GUARDDUTY_EBS_MALWARE)
                .status(status(detection.guardDutyEbsMalwareProtection()))
                .build(), child);

        securityHub(name, args.naming().account(), this, args.protect());

        new Analyzer(name + "-access-analyzer", AnalyzerArgs.builder()
                .analyzerName(args.naming().namePrefix() + "-account")
                .type("ACCOUNT")
                .build(), child);

        this.guardDutyDetectorId = Optional.of(detector.id());
        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("guardDutyDetectorId", detector.id());
        registerOutputs(outputs);
    }

    /**
     * The default EBS key's policy: the one AWS gives its own aws/ebs key. Any principal of this account may use
     * the key, but only through EC2 in this Region, and only as far as its own IAM policies allow EC2 volumes; so
     * every team's launches work as with aws/ebs (Auto Scaling's service-linked roles included, without naming
     * any), and nobody can use it directly. The account root administers it, as on every key here.
     */
    public static PolicyDocument ebsDefaultKeyPolicy(AwsAccount a) {
        return PolicyDocument.of(
                Statement.allow("EnableIamPoliciesInThisAccount").principal("AWS", a.root()).actions("kms:*").resources("*"),
                Statement.allow("AllowEbsForPrincipalsOfThisAccountThroughEc2Only").principal("AWS", "*")
                        .actions("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant",
                                "kms:DescribeKey")
                        .resources("*")
                        .condition("StringEquals", "kms:CallerAccount", a.accountId())
                        .condition("StringEquals", "kms:ViaService", a.regionalService("ec2")));
    }

    /** Standards ARNs carry the Region but no account. */
    /**
     * Security Hub in this account with AWS Foundational Security Best Practices only: {@code <name>-securityhub} and
     * {@code <name>-securityhub-fsbp}, children of {@code parent}. Also the security account's, which administers
     * the organization's.
     */
    public static Account securityHub(String name, AwsAccount account, com.pulumi.resources.Resource parent, boolean protect) {
        var hub = new Account(name + "-securityhub", AccountArgs.builder()
                // Only the standard chosen below; AWS's defaults would also enable CIS 1.2.
                .enableDefaultStandards(false)
                .autoEnableControls(true)
                // One finding per control across standards instead of one per standard.
                .controlFindingGenerator("SECURITY_CONTROL")
                .build(), CustomResourceOptions.builder().parent(parent).protect(protect).build());
        new StandardsSubscription(name + "-securityhub-fsbp", StandardsSubscriptionArgs.builder()
                .standardsArn(fsbpArn(account))
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(hub).build());
        return hub;
    }

    public static String fsbpArn(AwsAccount account) {
        return "arn:" + account.partition() + ":securityhub:" + account.region() + "::" + FSBP_STANDARD;
    }

    private static String status(boolean on) {
        return on ? "ENABLED" : "DISABLED";
    }
}
