package hipaa.audit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.pulumi.aws.cfg.DeliveryChannel;
import com.pulumi.aws.cfg.DeliveryChannelArgs;
import com.pulumi.aws.cfg.Recorder;
import com.pulumi.aws.cfg.RecorderArgs;
import com.pulumi.aws.cfg.RecorderStatus;
import com.pulumi.aws.cfg.RecorderStatusArgs;
import com.pulumi.aws.cfg.RemediationConfiguration;
import com.pulumi.aws.cfg.RemediationConfigurationArgs;
import com.pulumi.aws.cfg.Rule;
import com.pulumi.aws.cfg.RuleArgs;
import com.pulumi.aws.cfg.inputs.DeliveryChannelSnapshotDeliveryPropertiesArgs;
import com.pulumi.aws.cfg.inputs.RecorderRecordingGroupArgs;
import com.pulumi.aws.cfg.inputs.RemediationConfigurationExecutionControlsArgs;
import com.pulumi.aws.cfg.inputs.RemediationConfigurationExecutionControlsSsmControlsArgs;
import com.pulumi.aws.cfg.inputs.RemediationConfigurationParameterArgs;
import com.pulumi.aws.cfg.inputs.RuleScopeArgs;
import com.pulumi.aws.cfg.inputs.RuleSourceArgs;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import hipaa.identity.AwsAccount;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import hipaa.identity.RolePermissions;

/**
 * AWS Config: the recorder that keeps the configuration history of every resource, the managed rules
 * that judge it continuously, the event rule that raises NON_COMPLIANT changes, and the remediation
 * that closes SSH opened to the world.
 *
 * <p>Children. When this stack owns the Region's recorder: role {@code <name>-recorder-role} with the AWS
 * managed read-only policy {@code <name>-recorder-read} and the delivery policy {@code <name>-recorder-delivery}
 * (customer managed, attached by {@code <name>-recorder-delivery-attachment}),
 * the recorder {@code <name>-recorder}, delivery channel {@code <name>-delivery} and
 * {@code <name>-recorder-status} (recording on). Always: one rule {@code <name>-rule-<rule-name>} per
 * {@link ConfigRules.ManagedRule}; for {@code restricted-ssh}, the role {@code <name>-remediate-open-ssh-role},
 * its policy {@code <name>-remediate-open-ssh-policy} (attached by {@code <name>-remediate-open-ssh-policy-attachment}) and {@code <name>-remediate-open-ssh}; the event rule
 * {@code <name>-noncompliant} and, when an alert topic is given, its target {@code <name>-noncompliant-alert}.
 *
 * <p>Fixed posture: every supported resource type recorded; configuration history delivered SSE-KMS with
 * the logs key, snapshots daily. Supports 164.312(b) audit controls, 164.308(a)(1)(ii)(D) information
 * system activity review, 164.308(a)(8) evaluation and 164.308(a)(6)(ii) response and reporting.
 */
public final class ConfigCompliance extends ComponentResource {

    public static final String TYPE = "hipaa:audit:ConfigCompliance";
    /**
     * AWS's runbook that removes rules allowing SSH (TCP 22) from 0.0.0.0/0 and ::/0. Chosen over
     * AWS-DisablePublicAccessForSecurityGroup, whose page says it fails with InvalidPermission.NotFound on
     * security groups of non-default VPCs unless they open the port to both address families, and every
     * security group of this program lives in a non-default VPC.
     */
    public static final String OPEN_SSH_RUNBOOK = "AWS-DisableIncomingSSHOnPort22";
    /** AWS managed policy with the read-only calls the recorder makes on every supported resource type. */
    public static final String CONFIG_ROLE_POLICY = "service-role/AWS_ConfigRole";
    public static final int REMEDIATION_ATTEMPTS = 5;
    public static final int REMEDIATION_RETRY_SECONDS = 60;

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /**
     * @param naming               the name prefix (rule names and the event pattern use it), the account and
     *                             Region for ARNs and confused-deputy conditions
     * @param recording            the recorder and its delivery channel, when this stack owns the Region's;
     *                             empty when another stack does (rules then use that recorder)
     * @param rules                the managed rules to deploy
     * @param autoRemediateOpenSsh remediate open SSH without a person; otherwise the remediation waits for one
     * @param alertTopicArn        SNS topic that receives NON_COMPLIANT changes; empty until the alerting stack exists
     * @param protect              keep the recorder and delivery channel through {@code pulumi destroy}
     * @param exempted             (rule, resource id) pairs the alert rule skips: the exemptions in force
     */
    public record Args(Naming naming, Optional<Recording> recording,
                       List<ConfigRules.ManagedRule> rules, boolean autoRemediateOpenSsh,
                       Optional<Output<String>> alertTopicArn, boolean protect, Output<List<ConfigSubjects.Exempted>> exempted) {
        public Args {
            Objects.requireNonNull(naming, "naming");
            Objects.requireNonNull(recording, "recording");
            Objects.requireNonNull(alertTopicArn, "alertTopicArn");
            Objects.requireNonNull(exempted, "exempted");
            rules = List.copyOf(rules);
            if (rules.stream().map(ConfigRules.ManagedRule::name).distinct().count() != rules.size()) {
                throw new IllegalArgumentException("rules: two rules share a name");
            }
        }
    }

    /**
     * The Region's recorder, owned by this stack.
     *
     * @param bucketName           the history bucket's name, resolved once its policy is in place: this stack's, or
     *                             the log-archive account's in a workload account of an organization
     * @param bucketArn            the same bucket's ARN, for the role's delivery policy
     * @param logsKeyArn           the key delivered objects are encrypted with (the log-archive account's archive key
     *                             in a workload account: the delivery channel's s3KmsKeyArn must be in the bucket's
     *                             Region, AWS Config API Reference, "DeliveryChannel")
     * @param recordGlobalResources record IAM and other global resources here; exactly one Region of an account should
     */
    public record Recording(Output<String> bucketName, Output<String> bucketArn, Output<String> logsKeyArn,
                            boolean recordGlobalResources) {}

    /** The recorder's name, when this stack owns it. */
    public final Optional<Output<String>> recorderName;
    public final Output<String> alertEventRuleName;
    /** Physical names of the deployed rules, in plan order. */
    public final List<String> ruleNames;

    public ConfigCompliance(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var prefix = args.naming().namePrefix();

        // Rules need a recorder that is recording before AWS accepts them.
        var ruleDependencies = new ArrayList<Resource>();
        this.recorderName = args.recording().map(r -> {
            var status = recorder(name, args, r);
            ruleDependencies.add(status);
            return status.name();
        });

        var ruleNames = new ArrayList<String>();
        var deployed = new LinkedHashMap<String, Rule>();
        for (var plan : args.rules()) {
            var physical = prefix + "-" + plan.name();
            var rule = RuleArgs.builder()
                    .name(physical)
                    .description(plan.description())
                    .source(RuleSourceArgs.builder().owner("AWS").sourceIdentifier(plan.identifier()).build());
            if (!plan.parameters().isEmpty()) {
                rule.inputParameters(parametersJson(plan.parameters()));
            }
            if (!plan.resourceTypes().isEmpty()) {
                rule.scope(RuleScopeArgs.builder().complianceResourceTypes(plan.resourceTypes()).build());
            }
            deployed.put(plan.name(), new Rule(name + "-rule-" + plan.name(), rule.build(),
                    CustomResourceOptions.builder().parent(this).dependsOn(ruleDependencies).build()));
            ruleNames.add(physical);
        }
        this.ruleNames = List.copyOf(ruleNames);

        var openSsh = deployed.get(ConfigRules.OPEN_SSH_RULE);
        if (openSsh != null) {
            remediateOpenSsh(name, args, openSsh, child);
        }

        // Exemptions name rules by their AWS name; the stack deploys them as <prefix>-<name> (required-tags once per key).
        var physicalByAwsName = new LinkedHashMap<String, List<String>>();
        for (var plan : args.rules()) {
            physicalByAwsName.computeIfAbsent(AwsConfigManagedRules.require(plan.identifier()).ruleName(), k -> new ArrayList<>())
                    .add(prefix + "-" + plan.name());
        }
        var pattern = args.exempted().apply(pairs -> {
            var rules = pairs.stream().map(ConfigSubjects.Exempted::rule).toList();
            var ids = pairs.stream().map(ConfigSubjects.Exempted::resourceId).toList();
            return Output.all(ids).applyValue(values -> {
                var skipped = new java.util.TreeMap<String, java.util.TreeSet<String>>();
                for (int i = 0; i < rules.size(); i++) {
                    for (var physical : physicalByAwsName.getOrDefault(rules.get(i), List.of())) {
                        skipped.computeIfAbsent(physical, k -> new java.util.TreeSet<>()).add(values.get(i));
                    }
                }
                return noncompliantPattern(prefix, skipped);
            });
        });
        var eventRule = new EventRule(name + "-noncompliant", EventRuleArgs.builder()
                .name(prefix + "-config-noncompliant")
                .description("A resource became NON_COMPLIANT with one of the " + prefix + " AWS Config rules (exemptions skipped)")
                .eventPattern(pattern)
                .build(), child);
        args.alertTopicArn().ifPresent(topic -> new EventTarget(name + "-noncompliant-alert", EventTargetArgs.builder()
                .rule(eventRule.name())
                .targetId("alert-topic")
                .arn(topic)
                .build(), child));
        this.alertEventRuleName = eventRule.name();

        var outputs = new LinkedHashMap<String, Output<?>>();
        recorderName.ifPresent(n -> outputs.put("recorderName", n));
        outputs.put("alertEventRuleName", alertEventRuleName);
        outputs.put("ruleNames", Output.of(this.ruleNames));
        registerOutputs(outputs);
    }

    private RecorderStatus recorder(String name, Args args, Recording r) {
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();
        // AWS's trust for the recorder role, with the aws:SourceAccount condition it shows ("Permissions for the
        // IAM Role Assigned to AWS Config", AWS Config Developer Guide).
        var trust = PolicyDocument.of(Statement.assumeRole("ConfigOfThisAccount", "Service", "config.amazonaws.com")
                .condition("StringEquals", "aws:SourceAccount", account.accountId()));
        var role = new Role(name + "-recorder-role", RoleArgs.builder()
                .name(prefix + "-config-recorder")
                .description("AWS Config recorder of " + prefix + ": reads resource configurations, writes history to its bucket")
                .assumeRolePolicy(trust.toJson())
                .build(), child);
        // AWS requires broad read-only Describe/List/Get on "*" to record every supported resource type;
        // AWS maintains that list in this managed policy as it adds types.
        var read = new RolePolicyAttachment(name + "-recorder-read", RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn("arn:" + account.partition() + ":iam::aws:policy/" + CONFIG_ROLE_POLICY)
                .build(), child);
        var delivery = RolePermissions.attach(name + "-recorder-delivery", prefix + "-config-recorder-delivery",
                "AWS Config recorder of " + prefix + ": write configuration history to its bucket under the logs key",
                role.name(), Output.tuple(r.bucketArn(), r.logsKeyArn()).applyValue(t -> deliveryPolicy(account, t.t1, t.t2).toJson()),
                child).attachment();

        var recorder = new Recorder(name + "-recorder", RecorderArgs.builder()
                .name(prefix)
                .roleArn(role.arn())
                .recordingGroup(RecorderRecordingGroupArgs.builder()
                        .allSupported(true)
                        .includeGlobalResourceTypes(r.recordGlobalResources())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect())
                .dependsOn(read, delivery).build());
        var channel = new DeliveryChannel(name + "-delivery", DeliveryChannelArgs.builder()
                .name(prefix)
                .s3BucketName(r.bucketName())
                .s3KmsKeyArn(r.logsKeyArn())
                .snapshotDeliveryProperties(DeliveryChannelSnapshotDeliveryPropertiesArgs.builder()
                        .deliveryFrequency("TwentyFour_Hours").build())
                // AWS accepts a delivery channel only once a recorder exists.
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).dependsOn(recorder).build());
        return new RecorderStatus(name + "-recorder-status", RecorderStatusArgs.builder()
                .name(recorder.name())
                .isEnabled(true)
                // Recording starts only once there is somewhere to deliver to.
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(channel).build());
    }

    private void remediateOpenSsh(String name, Args args, Rule rule, CustomResourceOptions child) {
        var account = args.naming().account();
        var prefix = args.naming().namePrefix();
        // SSM Automation assumes the role; only automations of this account and Region may: the source conditions
        // AWS documents for Automation's service role ("Cross-service confused deputy prevention", AWS Systems
        // Manager User Guide).
        var trust = PolicyDocument.of(Statement.assumeRole("SsmAutomationOfThisAccount", "Service", "ssm.amazonaws.com")
                .condition("StringEquals", "aws:SourceAccount", account.accountId())
                .condition("ArnLike", "aws:SourceArn", account.arn("ssm", "automation-execution/*")));
        var role = new Role(name + "-remediate-open-ssh-role", RoleArgs.builder()
                .name(prefix + "-remediate-open-ssh")
                .description("Runs " + OPEN_SSH_RUNBOOK + " for the " + prefix + "-" + ConfigRules.OPEN_SSH_RULE + " Config rule")
                .assumeRolePolicy(trust.toJson())
                .build(), child);
        RolePermissions.attach(name + "-remediate-open-ssh-policy", prefix + "-remediate-open-ssh",
                "Revoke SSH-from-anywhere rules of this account's security groups, for " + OPEN_SSH_RUNBOOK, role.name(),
                Output.of(remediationPolicy(account).toJson()), child);
        new RemediationConfiguration(name + "-remediate-open-ssh", RemediationConfigurationArgs.builder()
                .configRuleName(rule.name())
                .resourceType("AWS::EC2::SecurityGroup")
                .targetType("SSM_DOCUMENT")
                .targetId(OPEN_SSH_RUNBOOK)
                .parameters(
                        RemediationConfigurationParameterArgs.builder().name("AutomationAssumeRole").staticValue(role.arn()).build(),
                        RemediationConfigurationParameterArgs.builder().name("SecurityGroupIds").resourceValue("RESOURCE_ID").build())
                .automatic(args.autoRemediateOpenSsh())
                .maximumAutomaticAttempts(REMEDIATION_ATTEMPTS)
                .retryAttemptSeconds(REMEDIATION_RETRY_SECONDS)
                .executionControls(RemediationConfigurationExecutionControlsArgs.builder()
                        .ssmControls(RemediationConfigurationExecutionControlsSsmControlsArgs.builder()
                                .concurrentExecutionRatePercentage(25)
                                .errorPercentage(20)
                                .build())
                        .build())
                .build(), child);
    }

    /**
     * The recorder's write path in its bucket, the bucket ACL check, and the logs key for SSE-KMS. In a workload
     * account of an organization the bucket and the key are the log-archive account's: the bucket's policy must
     * grant AWS Config access (AWS Config API Reference, "DeliveryChannel", s3BucketName: a bucket of another account
     * "must have policies that grant access permissions to AWS Config"; AWS Config Developer Guide, "Permissions for
     * the Amazon S3 Bucket for the AWS Config Delivery Channel") and the key's policy must let this account's
     * recorder use it; both are the log-archive stack's. This role's own policy is the other half IAM asks for.
     */
    static PolicyDocument deliveryPolicy(AwsAccount account, String bucketArn, String logsKeyArn) {
        return PolicyDocument.of(
                Statement.allow("CheckTheHistoryBucketAcl")
                        .actions("s3:GetBucketAcl")
                        .resources(bucketArn),
                Statement.allow("WriteThisAccountsConfigHistory")
                        .actions("s3:PutObject")
                        .resources(bucketArn + "/AWSLogs/" + account.accountId() + "/Config/*")
                        .condition("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"),
                Statement.allow("EncryptWithTheLogsKey")
                        .actions("kms:GenerateDataKey", "kms:Decrypt")
                        .resources(logsKeyArn));
    }

    /**
     * What {@value #OPEN_SSH_RUNBOOK} calls, per its page: it describes the group, then revokes the rule.
     * EC2 Describe* calls have no resource-level permissions, so AWS requires "*" for that one action.
     */
    static PolicyDocument remediationPolicy(AwsAccount account) {
        return PolicyDocument.of(
                Statement.allow("DescribeSecurityGroups")
                        .actions("ec2:DescribeSecurityGroups")
                        .resources("*"),
                Statement.allow("RevokeIngressOnThisAccountsSecurityGroups")
                        .actions("ec2:RevokeSecurityGroupIngress")
                        .resources(account.arn("ec2", "security-group/*")));
    }

    /**
     * NON_COMPLIANT evaluations of this stack's rules only, so stacks sharing an account do not cross-alert, except
     * the exempted (rule, resource) pairs. The compliance change event carries the rule's name twice
     * ({@code detail.configRuleName} and the evaluation's qualifier) and the resource id
     * ({@code detail.resourceId}) (AWS Config Developer Guide, "Example Compliance Change Notification"): the
     * qualifier holds the stack's prefix, and an {@code $or} (EventBridge content filtering) forwards every other
     * rule whole and each rule with exemptions for every resource but the exempted ones.
     */
    static String noncompliantPattern(String namePrefix, java.util.SortedMap<String, ? extends java.util.Collection<String>> skipped) {
        var evaluation = new LinkedHashMap<String, Object>();
        evaluation.put("complianceType", List.of("NON_COMPLIANT"));
        evaluation.put("evaluationResultIdentifier", Map.of("evaluationResultQualifier",
                Map.of("configRuleName", List.of(Map.of("prefix", namePrefix + "-")))));
        var detail = new LinkedHashMap<String, Object>();
        detail.put("messageType", List.of("ComplianceChangeNotification"));
        detail.put("newEvaluationResult", evaluation);
        if (!skipped.isEmpty()) {
            var branches = new ArrayList<Object>();
            branches.add(Map.of("configRuleName", List.of(Map.of("anything-but", List.copyOf(skipped.keySet())))));
            skipped.forEach((rule, ids) -> {
                var branch = new LinkedHashMap<String, Object>();
                branch.put("configRuleName", List.of(rule));
                branch.put("resourceId", List.of(Map.of("anything-but", List.copyOf(ids))));
                branches.add(branch);
            });
            detail.put("$or", branches);
        }
        var pattern = new LinkedHashMap<String, Object>();
        pattern.put("source", List.of("aws.config"));
        pattern.put("detail-type", List.of("Config Rules Compliance Change"));
        pattern.put("detail", detail);
        return GSON.toJson(pattern);
    }

    /** Config takes rule parameters as one JSON object of strings. */
    static Output<String> parametersJson(Map<String, Output<String>> parameters) {
        var names = List.copyOf(parameters.keySet());
        return Output.all(names.stream().map(parameters::get).toList()).applyValue(values -> {
            var m = new LinkedHashMap<String, String>();
            for (int i = 0; i < names.size(); i++) {
                m.put(names.get(i), values.get(i));
            }
            return GSON.toJson(m);
        });
    }
}
