package hipaa.access;

import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.autoscaling.GroupArgs;
import com.pulumi.aws.autoscaling.inputs.GroupLaunchTemplateArgs;
import com.pulumi.aws.autoscaling.inputs.GroupTagArgs;
import com.pulumi.aws.cloudwatch.LogMetricFilter;
import com.pulumi.aws.cloudwatch.LogMetricFilterArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.LogMetricFilterMetricTransformationArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.AutoScalingServiceRole;
import hipaa.identity.Keys;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;
import hipaa.network.Placement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSH bastion of the management VPC: one self-healing instance, no key pair, no password, every
 * login recorded.
 *
 * <p>Children: {@code <name>-sg} (security group), {@code <name>-ssh-from-<cidr-slug>} (SSH from each admin
 * range), {@code <name>-https-out} (its only egress of its own: HTTPS to AWS APIs and package repositories;
 * SSH and database traffic into production is added by the audited traffic flows), {@code <name>-role},
 * {@code <name>-policy} (customer managed) with {@code <name>-policy-attachment}, {@code <name>-profile}, {@code <name>-ssh-logs} (log group for sshd's successes and
 * failures), {@code <name>-ssh-failures} (metric filter) and {@code <name>-ssh-failures-alarm},
 * {@code <name>-eip} (only with an Elastic IP), {@code <name>-lt} (launch template), {@code <name>-asg}
 * (autoscaling group of exactly one) with its own service-linked role {@code <name>-autoscaling-role} and
 * {@code <name>-autoscaling-key-grant}, which lets that role use the data key (see AutoScalingServiceRole).
 *
 * <p>Fixed posture: IMDSv2 only with hop limit 1; root volume encrypted with the data key; no public address
 * unless the bastion has an Elastic IP, which each new instance takes at boot, after hardening sshd and starting
 * log shipping (a first boot that fails anywhere marks the instance unhealthy, so the group replaces it); sshd
 * takes keys only (pushed
 * per login with EC2 Instance Connect, or tunnelled through Session Manager), no root login, no agent
 * forwarding; shells idle {@link #IDLE_LOGOUT_SECONDS} s are closed; instances are replaced weekly from the
 * approved image. Supports 45 CFR 164.312(a)(1) access control, (a)(2)(iii) automatic logoff,
 * (a)(2)(iv) encryption, (b) audit controls, (d) person or entity authentication.
 */
public final class Bastion extends ComponentResource {

    public static final String TYPE = "hipaa:access:Bastion";
    public static final int SSH_PORT = 22;
    public static final int IDLE_LOGOUT_SECONDS = 900;
    /** A week: the group replaces the instance so it never runs on an image older than that. */
    public static final int MAX_INSTANCE_LIFETIME_SECONDS = 7 * 24 * 3600;
    /** Failed SSH authentications in {@link #ALARM_PERIOD_SECONDS} that raise the alarm. */
    public static final int FAILED_LOGIN_THRESHOLD = 5;
    public static final int ALARM_PERIOD_SECONDS = 300;
    public static final String FAILED_LOGIN_METRIC = "SshAuthenticationFailures";
    /** sshd's failure lines in /var/log/secure (with LogLevel VERBOSE, key refusals are logged too). */
    public static final String FAILED_LOGIN_PATTERN = "?\"Failed password\" ?\"Failed publickey\" ?\"Invalid user\" "
            + "?\"authentication failure\" ?\"maximum authentication attempts exceeded\"";

    /**
     * How the bastion is reached.
     *
     * @param placement  the management VPC and where the group may launch: the public subnets with an Elastic IP,
     *                   else the private ones
     * @param elasticIp  whether the bastion has an Elastic IP (and a public address)
     * @param adminCidrs ranges SSH is accepted from; empty for Session Manager only
     */
    public record Reach(Placement placement, boolean elasticIp, List<String> adminCidrs) {
        public Reach {
            Objects.requireNonNull(placement, "placement");
            adminCidrs = List.copyOf(adminCidrs);
        }
    }

    /**
     * @param reach      where it lives and who may reach it by SSH
     * @param machine    its image ({@code resolve:ssm:...} allowed: it is launched from a template), instance type
     *                   and tags
     * @param keys       the data key encrypts the root volume, the logs key the SSH log group
     * @param monitoring session transcripts, the SSH log group's retention, who hears of the failed-login alarm
     * @param naming     the name prefix, the account and Region for ARNs
     * @param protect    protect the log group (audit evidence) and the Elastic IP
     */
    public record Args(Reach reach, Machine machine, Keys keys, Monitoring monitoring, Naming naming, boolean protect) {}

    public final Output<String> securityGroupId;
    public final Output<String> autoScalingGroupName;
    public final Output<String> sshLogGroupName;
    /** The Elastic IP's address, when the bastion has one. */
    public final Optional<Output<String>> publicIp;

    public Bastion(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var physical = args.naming().namePrefix() + "-" + name;
        var reach = args.reach();
        var machine = args.machine();
        var keys = args.keys();
        var monitoring = args.monitoring();

        var sg = Hosts.securityGroup(this, name + "-sg", physical,
                "Bastion: SSH from admin ranges only; HTTPS out to AWS APIs and package repositories", reach.placement().vpcId());
        for (var cidr : reach.adminCidrs()) {
            Hosts.ingress(this, Hosts.ruleName(name, "ssh-from", cidr), sg.id(), "tcp", SSH_PORT, cidr,
                    "SSH from admin range " + cidr);
        }
        // Open to the internet on 443 only: SSM, EC2 and CloudWatch Logs have no fixed ranges, and
        // the Amazon Linux repositories are served over HTTPS. DNS, NTP and IMDS are link-local and not
        // filtered by security groups.
        Hosts.egress(this, name + "-https-out", sg.id(), "tcp", 443, "0.0.0.0/0",
                "HTTPS to AWS APIs (SSM, EC2, CloudWatch Logs) and the Amazon Linux repositories");

        var sshGroupName = "/" + args.naming().namePrefix() + "/access/" + name + "/secure";
        var sshLogs = Hosts.logGroup(this, name + "-ssh-logs", sshGroupName, monitoring.logRetentionDays(), keys.logsKeyArn(),
                args.protect());

        Optional<Eip> eip = reach.elasticIp()
                ? Optional.of(new Eip(name + "-eip", EipArgs.builder().domain("vpc")
                        .tags(Map.of("Name", physical)).build(),
                        CustomResourceOptions.builder().parent(this).protect(args.protect()).build()))
                : Optional.empty();

        var account = args.naming().account();
        var profileArn = InstancePolicies.instanceProfileArn(account, physical);
        var policy = Output.tuple(monitoring.sessions().keyResource(),
                eip.map(Eip::allocationId).orElse(Output.of(""))).applyValue(t -> {
                    var statements = new ArrayList<Statement>(InstancePolicies.sessionManager(account,
                            monitoring.sessions().logGroupName(), t.t1, monitoring.sessions().keyAlias()));
                    statements.add(InstancePolicies.writeLogs("ShipSshAuthLogs", account, sshGroupName));
                    // A first boot that fails marks its own instance unhealthy (user data); only in this group.
                    statements.add(Statement.allow("MarkInstancesOfItsOwnGroupUnhealthy")
                            .actions("autoscaling:SetInstanceHealth")
                            .resources(account.arn("autoscaling", "autoScalingGroup:*:autoScalingGroupName/" + physical)));
                    if (reach.elasticIp()) {
                        statements.addAll(InstancePolicies.takeElasticIp(account, t.t2, profileArn));
                    }
                    return new PolicyDocument(statements);
                });
        var identity = Hosts.instanceProfile(this, name, physical,
                "Bastion instances: Session Manager, their own SSH log group" + (reach.elasticIp() ? ", their Elastic IP" : ""),
                policy);

        var userData = eip.map(Eip::allocationId).orElse(Output.of("")).applyValue(allocation ->
                new BastionScript(account.region(), sshGroupName,
                        allocation.isEmpty() ? Optional.empty() : Optional.of(allocation), IDLE_LOGOUT_SECONDS, physical).render());
        // With an Elastic IP the instance starts with a throwaway public address so its first boot can call
        // EC2 and take the Elastic IP; the security group admits only the admin ranges either way.
        var template = Hosts.launchTemplate(this, name + "-lt", new Hosts.Launch(physical, machine.imageId(),
                machine.instanceType(), identity.profile().arn(), sg.id(), reach.elasticIp(), userData, keys.dataKeyArn(),
                machine.instanceTags()));

        // The group launches as a service-linked role of its own, granted the data key: the account's default
        // Auto Scaling role may not exist yet, and no key policy may name it (AutoScalingServiceRole).
        var launcher = AutoScalingServiceRole.create(this, name, physical, keys.dataKeyArn());

        var groupTags = new ArrayList<GroupTagArgs>();
        var tags = new LinkedHashMap<>(machine.instanceTags());
        tags.put("Name", physical);
        // The provider's default tags do not reach autoscaling groups; instances get theirs from the template.
        tags.forEach((k, v) -> groupTags.add(GroupTagArgs.builder().key(k).value(v).propagateAtLaunch(false).build()));
        var group = new Group(name + "-asg", GroupArgs.builder()
                .name(physical)
                .minSize(1)
                .maxSize(1)
                .desiredCapacity(1)
                .vpcZoneIdentifiers(reach.placement().subnetIds())
                .launchTemplate(GroupLaunchTemplateArgs.builder()
                        .id(template.id())
                        .version(template.latestVersion().applyValue(String::valueOf))
                        .build())
                .healthCheckType("EC2")
                .healthCheckGracePeriod(300)
                .maxInstanceLifetime(MAX_INSTANCE_LIFETIME_SECONDS)
                .serviceLinkedRoleArn(launcher.roleArn())
                .tags(groupTags)
                // An instance must not boot before its role may do what its first boot does, nor before the
                // group's role may use the key its volume is encrypted with.
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(identity.policy(), launcher.grant()).build());

        var namespace = args.naming().namePrefix() + "/access";
        new LogMetricFilter(name + "-ssh-failures", LogMetricFilterArgs.builder()
                .name(physical + "-ssh-failures")
                .logGroupName(sshLogs.name())
                .pattern(FAILED_LOGIN_PATTERN)
                .metricTransformation(LogMetricFilterMetricTransformationArgs.builder()
                        .name(FAILED_LOGIN_METRIC)
                        .namespace(namespace)
                        .value("1")
                        .build())
                .build(), Hosts.child(this));
        new MetricAlarm(name + "-ssh-failures-alarm", MetricAlarmArgs.builder()
                .name(physical + "-ssh-failures")
                .alarmDescription(FAILED_LOGIN_THRESHOLD + " or more failed SSH authentications on the bastion within "
                        + ALARM_PERIOD_SECONDS / 60 + " minutes: someone is guessing users or keys (see " + sshGroupName + ")")
                .namespace(namespace)
                .metricName(FAILED_LOGIN_METRIC)
                .statistic("Sum")
                .period(ALARM_PERIOD_SECONDS)
                .evaluationPeriods(1)
                .threshold((double) FAILED_LOGIN_THRESHOLD)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .treatMissingData("notBreaching")
                .alarmActions(Output.all(monitoring.alarmActions()))
                .okActions(Output.all(monitoring.alarmActions()))
                .insufficientDataActions(Output.all(monitoring.alarmActions()))
                .build(), Hosts.child(this));

        this.securityGroupId = sg.id();
        this.autoScalingGroupName = group.name();
        this.sshLogGroupName = sshLogs.name();
        this.publicIp = eip.map(Eip::publicIp);
        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("securityGroupId", securityGroupId);
        outputs.put("autoScalingGroupName", autoScalingGroupName);
        outputs.put("sshLogGroupName", sshLogGroupName);
        publicIp.ifPresent(ip -> outputs.put("publicIp", ip));
        registerOutputs(outputs);
    }
}
