package hipaa.access;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import hipaa.network.VpcPeering;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin access path on every real stack: exact security group rules, hardened launch templates, the
 * instance roles' exact policies, session logging and the failed-login alarm.
 */
class AccessStackTest {

    static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    static final String EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    static final String LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

    static Stream<String> stacks() {
        return Stacks.names();
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void sshIsAcceptedOnlyFromTheAdminRangesOnTheBastionAndNeverFromTheWorld(String stack) {
        var run = Stacks.run(stack);
        var admin = Stacks.settings(stack).access().adminCidrs();
        assertThat(admin).isNotEmpty();
        var expected = new ArrayList<>(admin.stream()
                .map(c -> "bastion-ssh-from-" + VpcPeering.slug(c) + " on bastion-sg-id: tcp 22-22 from " + c).toList());
        if (Stacks.settings(stack).app().ec2().enabled()) {
            // Application instances take SSH from the admin path only, by group (network/TrafficFlows).
            expected.add("bastion-to-app-ec2-ssh-in on app-ec2-sg-id: tcp 22-22 from bastion-sg-id");
            expected.add("vpn-to-app-ec2-ssh-in on app-ec2-sg-id: tcp 22-22 from vpn-sg-id");
        }
        assertThat(rulesCovering(run, 22)).containsExactlyInAnyOrderElementsOf(expected);
        var worldOn22 = run.ofType(INGRESS).stream().filter(r -> covers(r, 22))
                .filter(r -> "0.0.0.0/0".equals(r.inputs().get("cidrIpv4")) || "::/0".equals(r.inputs().get("cidrIpv6")))
                .map(RecordedResource::label).toList();
        assertThat(worldOn22).isEmpty();
        // Inline rules of any group in the stack (the foundation's endpoint group uses them) admit no SSH either.
        var inlineOn22 = run.ofType("aws:ec2/securityGroup:SecurityGroup").stream()
                .flatMap(sg -> Stacks.maps(sg.inputs().get("ingress")).stream()
                        .filter(rule -> "-1".equals(rule.get("protocol")) || (Stacks.integer(rule.get("fromPort")) <= 22
                                && 22 <= Stacks.integer(rule.get("toPort"))))
                        .map(rule -> sg.name() + " " + rule))
                .toList();
        assertThat(inlineOn22).isEmpty();
        for (var own : List.of("bastion-sg", "vpn-sg")) {
            assertThat(run.named("aws:ec2/securityGroup:SecurityGroup", own).inputs()).as(own + " has inline rules")
                    .doesNotContainKeys("ingress", "egress");
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theBastionAndVpnGroupsHoldExactlyTheirOwnRules(String stack) {
        var run = Stacks.run(stack);
        var access = Stacks.settings(stack).access();
        var bastion = new ArrayList<String>();
        access.adminCidrs().forEach(c -> bastion.add("in tcp 22-22 " + c));
        bastion.add("out tcp 443-443 0.0.0.0/0");
        // The admin paths into the data tier, declared once in TrafficFlows.
        int dbPort = Stacks.settings(stack).database().engine().port();
        bastion.add("out tcp " + dbPort + "-" + dbPort + " db-sg-id");
        boolean ec2 = Stacks.settings(stack).app().ec2().enabled();
        if (ec2) {
            bastion.add("out tcp 22-22 app-ec2-sg-id");
        }
        assertThat(rulesOf(run, "bastion-sg-id")).containsExactlyInAnyOrderElementsOf(bastion);

        var vpn = new ArrayList<String>();
        access.vpnClientCidrs().forEach(c -> vpn.add("in udp " + access.vpnPort() + "-" + access.vpnPort() + " " + c));
        vpn.add("out tcp 443-443 0.0.0.0/0");
        vpn.add("out tcp " + dbPort + "-" + dbPort + " db-sg-id");
        if (ec2) {
            vpn.add("out tcp 22-22 app-ec2-sg-id");
        }
        assertThat(rulesOf(run, "vpn-sg-id")).containsExactlyInAnyOrderElementsOf(vpn);

        assertThat(run.named("aws:ec2/securityGroup:SecurityGroup", "bastion-sg").inputs())
                .containsEntry("vpcId", "management-vpc-id").containsEntry("revokeRulesOnDelete", true);
        assertThat(run.named("aws:ec2/securityGroup:SecurityGroup", "vpn-sg").inputs())
                .containsEntry("vpcId", "management-vpc-id");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theBastionLaunchTemplateRequiresImdsV2AndEncryptsItsRootVolumeWithTheDataKey(String stack) {
        var run = Stacks.run(stack);
        var dataKey = run.named("aws:kms/key:Key", "kms-data").arn().orElseThrow();
        // The access path's templates (the app tier has its own, checked in compute).
        var templates = run.ofType(LAUNCH_TEMPLATE).stream()
                .filter(r -> r.parent().map(p -> p.type().startsWith("hipaa:access:")).orElse(false)).toList();
        assertThat(templates).extracting(RecordedResource::name).containsExactly("bastion-lt");
        var lt = templates.get(0);
        assertThat(lt.map("metadataOptions")).isEqualTo(Map.of("httpEndpoint", "enabled",
                "httpTokens", "required", "httpPutResponseHopLimit", 1.0, "instanceMetadataTags", "disabled"));
        assertThat(lt.list("blockDeviceMappings")).containsExactly(Map.of("deviceName", "/dev/xvda",
                "ebs", Map.of("encrypted", "true", "kmsKeyId", dataKey, "volumeType", "gp3", "volumeSize", 20.0,
                        "deleteOnTermination", "true")));
        assertThat(lt.map("monitoring")).isEqualTo(Map.of("enabled", true));
        assertThat(lt.inputs()).as("no key pair, ever").doesNotContainKey("keyName");
        // The Amazon Linux 2023 id the program resolved from AWS's public parameter: the approved image.
        assertThat(lt.string("imageId")).contains(hipaa.offline.OfflineEngine.AMAZON_LINUX_AMI);
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theVpnInstanceRequiresImdsV2EncryptsItsRootVolumeAndHasNoPublicAddressOfItsOwn(String stack) {
        var run = Stacks.run(stack);
        var p = Stacks.settings(stack).namePrefix();
        var instances = run.ofType("aws:ec2/instance:Instance");
        assertThat(instances).extracting(RecordedResource::name).containsExactly("vpn-instance");
        var vpn = instances.get(0);
        assertThat(vpn.map("metadataOptions")).isEqualTo(Map.of("httpEndpoint", "enabled",
                "httpTokens", "required", "httpPutResponseHopLimit", 1.0, "instanceMetadataTags", "disabled"));
        assertThat(vpn.map("rootBlockDevice")).isEqualTo(Map.of("encrypted", true,
                "kmsKeyId", run.named("aws:kms/key:Key", "kms-data").arn().orElseThrow(), "volumeType", "gp3",
                "volumeSize", 20.0, "deleteOnTermination", true));
        assertThat(vpn.inputs()).containsEntry("ami", hipaa.offline.OfflineEngine.AMAZON_LINUX_AMI)
                .containsEntry("subnetId", "management-public-a-id")
                .containsEntry("vpcSecurityGroupIds", List.of("vpn-sg-id"))
                .containsEntry("iamInstanceProfile", p + "-vpn")
                .containsEntry("monitoring", true)
                .containsEntry("userDataReplaceOnChange", true)
                .containsEntry("maintenanceOptions", Map.of("autoRecovery", "default"))
                .doesNotContainKeys("keyName", "associatePublicIpAddress", "launchTemplate");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theBastionIsAnAutoscalingGroupOfExactlyOneInTheManagementPublicSubnets(String stack) {
        var run = Stacks.run(stack);
        var settings = Stacks.settings(stack);
        var asg = run.named("aws:autoscaling/group:Group", "bastion-asg");
        assertThat(asg.inputs()).containsEntry("minSize", 1.0).containsEntry("maxSize", 1.0)
                .containsEntry("desiredCapacity", 1.0).containsEntry("healthCheckType", "EC2")
                .containsEntry("maxInstanceLifetime", 604800.0).containsEntry("name", settings.namePrefix() + "-bastion")
                .containsEntry("launchTemplate", Map.of("id", "bastion-lt-id", "version", "1"));
        var publicSubnets = run.ofType("aws:ec2/subnet:Subnet").stream()
                .filter(s -> s.name().startsWith("management-public-")).map(RecordedResource::id).toList();
        assertThat(asg.list("vpcZoneIdentifiers")).containsExactlyElementsOf(publicSubnets)
                .hasSize(settings.network().azCount());
        var nic = Stacks.maps(run.named(LAUNCH_TEMPLATE, "bastion-lt").inputs().get("networkInterfaces"));
        assertThat(nic).containsExactly(Map.of("deviceIndex", 0.0, "associatePublicIpAddress", "true",
                "securityGroups", List.of("bastion-sg-id"), "deleteOnTermination", "true"));
        var eip = run.named("aws:ec2/eip:Eip", "bastion-eip");
        assertThat(run.outputs().get("bastionPublicIp").value()).isEqualTo(eip.state().get("publicIp")).isNotEqualTo("");
        assertThat(userData(run, "bastion-lt"))
                .contains("readonly EIP_ALLOCATION_ID='" + eip.state().get("allocationId") + "'\n")
                .contains("readonly SSH_LOG_GROUP='/" + settings.namePrefix() + "/access/bastion/secure'\n")
                .contains("PasswordAuthentication no\n", "PermitRootLogin no\n", "AllowAgentForwarding no\n",
                        "readonly IDLE_LOGOUT_SECONDS='900'\n");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theBastionRoleMaySessionLogMarkItselfUnhealthyAndTakeItsElasticIpAndNothingElse(String stack) {
        var run = Stacks.run(stack);
        var p = Stacks.settings(stack).namePrefix();
        var a = arnParts(stack);
        var allocation = run.named("aws:ec2/eip:Eip", "bastion-eip").state().get("allocationId");
        assertThat(policy(run, "bastion-policy")).isEqualTo(jsonArray(sessionStatements(stack) + ","
                + "{\"Sid\":\"ShipSshAuthLogs\",\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\","
                + "\"logs:DescribeLogStreams\"],\"Resource\":\"arn:aws:logs:" + a + ":log-group:/" + p + "/access/bastion/secure:*\"},"
                + "{\"Sid\":\"MarkInstancesOfItsOwnGroupUnhealthy\",\"Effect\":\"Allow\",\"Action\":\"autoscaling:SetInstanceHealth\","
                + "\"Resource\":\"arn:aws:autoscaling:" + a + ":autoScalingGroup:*:autoScalingGroupName/" + p + "-bastion\"},"
                + "{\"Sid\":\"TakeTheElasticIp\",\"Effect\":\"Allow\",\"Action\":\"ec2:AssociateAddress\","
                + "\"Resource\":\"arn:aws:ec2:" + a + ":elastic-ip/" + allocation + "\"},"
                + "{\"Sid\":\"OntoInstancesWithThisProfileOnly\",\"Effect\":\"Allow\",\"Action\":\"ec2:AssociateAddress\","
                + "\"Resource\":\"arn:aws:ec2:" + a + ":instance/*\",\"Condition\":{\"ArnEquals\":{\"ec2:InstanceProfile\":"
                + "\"arn:aws:iam::123456789012:instance-profile/" + p + "-bastion\"}}}"));
        assertTrustedByEc2Only(run, "bastion-role");
        assertThat(run.named("aws:iam/instanceProfile:InstanceProfile", "bastion-profile").inputs())
                .containsEntry("role", p + "-bastion");
        assertThat(run.named(LAUNCH_TEMPLATE, "bastion-lt").map("iamInstanceProfile"))
                .isEqualTo(Map.of("arn", "arn:aws:iam::123456789012:instance-profile/" + p + "-bastion"));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theVpnRoleMaySessionLogAndUseOnlyItsOwnSecretsUnderTheSecretsKey(String stack) {
        var run = Stacks.run(stack);
        var p = Stacks.settings(stack).namePrefix();
        var a = arnParts(stack);
        var secretsKey = run.named("aws:kms/key:Key", "kms-secrets").arn().orElseThrow();
        var region = Stacks.settings(stack).region();
        assertThat(policy(run, "vpn-policy")).isEqualTo(jsonArray(sessionStatements(stack) + ","
                + "{\"Sid\":\"ShipVpnLogs\",\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\","
                + "\"logs:DescribeLogStreams\"],\"Resource\":\"arn:aws:logs:" + a + ":log-group:/" + p + "/access/vpn:*\"},"
                + "{\"Sid\":\"ReadAndWriteThePkiArchive\",\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:DescribeSecret\","
                + "\"secretsmanager:GetSecretValue\",\"secretsmanager:PutSecretValue\"],"
                + "\"Resource\":\"arn:aws:secretsmanager:" + a + ":secret:" + p + "/vpn/pki-AbCdEf\"},"
                + "{\"Sid\":\"CreateClientProfilesUnderTheSecretsKey\",\"Effect\":\"Allow\",\"Action\":\"secretsmanager:CreateSecret\","
                + "\"Resource\":\"arn:aws:secretsmanager:" + a + ":secret:" + p + "/vpn/clients/*\","
                + "\"Condition\":{\"StringEquals\":{\"secretsmanager:KmsKeyArn\":\"" + secretsKey + "\"}}},"
                + "{\"Sid\":\"ManageClientProfiles\",\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:DescribeSecret\","
                + "\"secretsmanager:GetSecretValue\",\"secretsmanager:PutSecretValue\",\"secretsmanager:DeleteSecret\","
                + "\"secretsmanager:TagResource\"],\"Resource\":\"arn:aws:secretsmanager:" + a + ":secret:" + p + "/vpn/clients/*\"},"
                + "{\"Sid\":\"UseTheSecretsKeyThroughSecretsManager\",\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\","
                + "\"kms:GenerateDataKey\"],\"Resource\":\"" + secretsKey + "\",\"Condition\":{\"StringEquals\":"
                + "{\"kms:ViaService\":\"secretsmanager." + region + ".amazonaws.com\"}}}"));
        assertTrustedByEc2Only(run, "vpn-role");
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void theVpnServerIsOneRecoverableInstanceBehindAnElasticIpWithItsPkiInASecret(String stack) {
        // The Elastic IP is attached by Pulumi: the instance never moves addresses itself.
        var run = Stacks.run(stack);
        var settings = Stacks.settings(stack);
        var access = settings.access();
        var eip = run.named("aws:ec2/eip:Eip", "vpn-eip");
        assertThat(run.named("aws:ec2/eipAssociation:EipAssociation", "vpn-eip-association").inputs())
                .isEqualTo(Map.of("allocationId", eip.state().get("allocationId"), "instanceId", "vpn-instance-id"));
        var recover = run.named("aws:cloudwatch/metricAlarm:MetricAlarm", "vpn-recover-alarm");
        assertThat(recover.inputs()).containsEntry("metricName", "StatusCheckFailed_System")
                .containsEntry("namespace", "AWS/EC2").containsEntry("dimensions", Map.of("InstanceId", "vpn-instance-id"))
                .containsEntry("alarmActions", List.of("arn:aws:automate:" + settings.region() + ":ec2:recover", topic(run)))
                .containsEntry("okActions", List.of(topic(run))).containsEntry("insufficientDataActions", List.of(topic(run)));
        var reboot = run.named("aws:cloudwatch/metricAlarm:MetricAlarm", "vpn-reboot-alarm");
        assertThat(reboot.inputs()).containsEntry("metricName", "StatusCheckFailed_Instance")
                .containsEntry("alarmActions", List.of("arn:aws:automate:" + settings.region() + ":ec2:reboot", topic(run)))
                .containsEntry("okActions", List.of(topic(run))).containsEntry("insufficientDataActions", List.of(topic(run)));
        var pki = run.named("aws:secretsmanager/secret:Secret", "vpn-pki");
        assertThat(pki.inputs()).containsEntry("kmsKeyId", run.named("aws:kms/key:Key", "kms-secrets").arn().orElseThrow())
                .containsEntry("name", settings.namePrefix() + "/vpn/pki").doesNotContainKey("secretString");
        assertThat(run.ofType("aws:secretsmanager/secretVersion:SecretVersion")).as("no secret value in Pulumi state").isEmpty();

        // The real stacks run no EC2 app: the data subnets (the database) are all the VPN reaches (VpnRoutesTest).
        var routes = new ArrayList<>(settings.network().production().dataSubnets());
        var script = (String) run.named("aws:ec2/instance:Instance", "vpn-instance").inputs().get("userData");
        assertThat(script)
                .contains("readonly VPN_PORT='" + access.vpnPort() + "'\n")
                .contains("readonly POOL_CIDR='" + access.vpnClientPool() + "'\n")
                .contains("readonly -a ROUTED_CIDRS=(" + String.join(" ", routes.stream().map(r -> "'" + r + "'").toList()) + ")\n")
                .contains("readonly -a PUSH_ROUTES=(" + String.join(" ", routes.stream()
                        .map(r -> "'" + VpnScript.network(r) + " " + VpnScript.netmask(r) + "'").toList()) + ")\n")
                .contains("readonly PUBLIC_IP='\\''" + eip.state().get("publicIp") + "'\\''")
                .contains("tls-crypt /etc/openvpn/server/tls-crypt.key\n", "crl-verify /etc/openvpn/server/crl.pem\n",
                        "tls-version-min 1.2\n");
        assertThat(run.outputs().get("vpnPublicIp").value()).isEqualTo(eip.state().get("publicIp"));
        assertThat(run.outputs().get("vpnPort").value()).isEqualTo(access.vpnPort());
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void sessionTranscriptsStreamToALogGroupUnderTheLogsKeyAndIdleSessionsClose(String stack) {
        var run = Stacks.run(stack);
        var settings = Stacks.settings(stack);
        var logsKey = run.named("aws:kms/key:Key", "kms-logs").arn().orElseThrow();
        var group = "/" + settings.namePrefix() + "/access/ssm-sessions";
        assertThat(run.named("aws:cloudwatch/logGroup:LogGroup", "ssm-sessions-logs").inputs()).isEqualTo(Map.of(
                "name", group, "kmsKeyId", logsKey, "retentionInDays", (double) settings.access().logRetentionDays()));
        var doc = run.named("aws:ssm/document:Document", "ssm-sessions-document");
        assertThat(doc.inputs()).containsEntry("name", "SSM-SessionManagerRunShell").containsEntry("documentType", "Session")
                .containsEntry("documentFormat", "JSON");
        assertThat(json((String) doc.inputs().get("content")).getAsJsonObject().get("inputs")).isEqualTo(json(
                "{\"s3BucketName\":\"\",\"s3KeyPrefix\":\"\",\"s3EncryptionEnabled\":true,\"cloudWatchLogGroupName\":\"" + group
                        + "\",\"cloudWatchEncryptionEnabled\":true,\"cloudWatchStreamingEnabled\":true,\"kmsKeyId\":\"" + logsKey
                        + "\",\"runAsEnabled\":false,\"runAsDefaultUser\":\"\",\"idleSessionTimeout\":\"15\","
                        + "\"maxSessionDuration\":\"240\",\"shellProfile\":{\"linux\":\"\",\"windows\":\"\"}}"));
        for (var name : List.of("bastion-ssh-logs", "vpn-logs")) {
            var g = run.named("aws:cloudwatch/logGroup:LogGroup", name);
            assertThat(g.inputs()).as(name).containsEntry("kmsKeyId", logsKey)
                    .containsEntry("retentionInDays", (double) settings.access().logRetentionDays());
        }
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void repeatedFailedSshLoginsRaiseAnAlarm(String stack) {
        var run = Stacks.run(stack);
        var p = Stacks.settings(stack).namePrefix();
        var filter = run.named("aws:cloudwatch/logMetricFilter:LogMetricFilter", "bastion-ssh-failures");
        assertThat(filter.inputs()).containsEntry("logGroupName", "/" + p + "/access/bastion/secure")
                .containsEntry("pattern", "?\"Failed password\" ?\"Failed publickey\" ?\"Invalid user\" "
                        + "?\"authentication failure\" ?\"maximum authentication attempts exceeded\"")
                .containsEntry("metricTransformation", Map.of("name", "SshAuthenticationFailures",
                        "namespace", p + "/access", "value", "1"));
        var alarm = run.named("aws:cloudwatch/metricAlarm:MetricAlarm", "bastion-ssh-failures-alarm");
        assertThat(alarm.inputs()).containsEntry("namespace", p + "/access")
                .containsEntry("metricName", "SshAuthenticationFailures").containsEntry("statistic", "Sum")
                .containsEntry("period", 300.0).containsEntry("evaluationPeriods", 1.0).containsEntry("threshold", 5.0)
                .containsEntry("comparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("treatMissingData", "notBreaching")
                .containsEntry("alarmActions", List.of(topic(run))).containsEntry("okActions", List.of(topic(run)))
                .containsEntry("insufficientDataActions", List.of(topic(run)));
    }

    @ParameterizedTest(name = "Pulumi.{0}.yaml")
    @MethodSource("stacks")
    void accessOutputsTellOperatorsWhereToConnect(String stack) {
        var run = Stacks.run(stack);
        var s = Stacks.settings(stack);
        var out = run.outputs();
        assertThat(out.get("bastionAutoScalingGroupName").value()).isEqualTo(s.namePrefix() + "-bastion");
        assertThat(out.get("bastionSecurityGroupId").value()).isEqualTo("bastion-sg-id");
        assertThat(out.get("vpnSecurityGroupId").value()).isEqualTo("vpn-sg-id");
        assertThat(out.get("bastionSessionCommand").value()).isEqualTo("aws ssm start-session --region " + s.region()
                + " --target \"$(aws autoscaling describe-auto-scaling-groups --region " + s.region()
                + " --auto-scaling-group-names " + s.namePrefix() + "-bastion"
                + " --query 'AutoScalingGroups[0].Instances[0].InstanceId' --output text)\"");
        assertThat(out.get("vpnSessionCommand").value()).isEqualTo("aws ssm start-session --region " + s.region()
                + " --target vpn-instance-id");
        assertThat(out.get("vpnClientProfile").value()).isEqualTo("aws secretsmanager get-secret-value --region "
                + s.region() + " --secret-id " + s.namePrefix() + "/vpn/clients/<user> --query SecretString --output text > <user>.ovpn");
        assertThat(out.get("sessionLogGroupName").value()).isEqualTo("/" + s.namePrefix() + "/access/ssm-sessions");
        assertThat(out.get("sshLogGroupName").value()).isEqualTo("/" + s.namePrefix() + "/access/bastion/secure");
    }

    // ------------------------------------------------------------------ helpers

    /** The Session Manager statements every access host's role starts with, as JSON objects without brackets. */
    static String sessionStatements(String stack) {
        var run = Stacks.run(stack);
        var p = Stacks.settings(stack).namePrefix();
        var logsKey = run.named("aws:kms/key:Key", "kms-logs").arn().orElseThrow();
        return "{\"Sid\":\"SessionManagerChannels\",\"Effect\":\"Allow\",\"Action\":[\"ssm:UpdateInstanceInformation\","
                + "\"ssmmessages:CreateControlChannel\",\"ssmmessages:CreateDataChannel\",\"ssmmessages:OpenControlChannel\","
                + "\"ssmmessages:OpenDataChannel\"],\"Resource\":\"*\"},"
                + "{\"Sid\":\"SessionTranscripts\",\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\","
                + "\"logs:DescribeLogStreams\"],\"Resource\":\"arn:aws:logs:" + arnParts(stack) + ":log-group:/" + p
                + "/access/ssm-sessions:*\"},"
                + "{\"Sid\":\"FindTheSessionLogGroup\",\"Effect\":\"Allow\",\"Action\":\"logs:DescribeLogGroups\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"DecryptSessionData\",\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"" + logsKey + "\"}";
    }

    /** The stack's alert topic, which every access alarm notifies. */
    static String topic(OfflineRun.Result run) {
        var topics = run.ofType("aws:sns/topic:Topic");
        assertThat(topics).hasSize(1);
        return topics.get(0).arn().orElseThrow();
    }

    /** {@code <region>:<account>} of a stack. */
    static String arnParts(String stack) {
        return Stacks.settings(stack).region() + ":123456789012";
    }

    static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    /** A host role's customer managed policy's statements, to compare with a JSON array written in the test. */
    static JsonElement policy(OfflineRun.Result run, String name) {
        var host = name.substring(0, name.length() - "-policy".length());
        var doc = json((String) hipaa.testing.Policies.rolePermissions(run, name, host + "-role").inputs().get("policy"))
                .getAsJsonObject();
        assertThat(doc.get("Version").getAsString()).isEqualTo("2012-10-17");
        return doc.get("Statement");
    }

    static JsonElement jsonArray(String statements) {
        return json("[" + statements + "]");
    }

    static void assertTrustedByEc2Only(OfflineRun.Result run, String role) {
        assertThat(json((String) run.named("aws:iam/role:Role", role).inputs().get("assumeRolePolicy"))).isEqualTo(json(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Ec2InstancesOnly\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
    }

    static String userData(OfflineRun.Result run, String launchTemplate) {
        return UserDataShellcheckTest.userData(run.named(LAUNCH_TEMPLATE, launchTemplate));
    }

    static boolean covers(RecordedResource rule, int port) {
        if ("-1".equals(rule.inputs().get("ipProtocol"))) {
            return true;
        }
        var from = rule.integer("fromPort").orElse(-1);
        var to = rule.integer("toPort").orElse(-1);
        return from <= port && port <= to;
    }

    /** Every ingress rule in the stack that admits {@code port}, as {@code <name> on <group>: <proto> <from>-<to> from <cidr>}. */
    static List<String> rulesCovering(OfflineRun.Result run, int port) {
        return run.ofType(INGRESS).stream().filter(r -> covers(r, port))
                .map(r -> r.name() + " on " + r.inputs().get("securityGroupId") + ": " + r.inputs().get("ipProtocol") + " "
                        + r.integer("fromPort").orElse(-1) + "-" + r.integer("toPort").orElse(-1) + " from "
                        + source(r))
                .toList();
    }

    /** Every rule attached to one security group, as {@code in|out <proto> <from>-<to> <peer>}. */
    static List<String> rulesOf(OfflineRun.Result run, String groupId) {
        var out = new ArrayList<String>();
        for (var type : List.of(INGRESS, EGRESS)) {
            run.ofType(type).stream().filter(r -> groupId.equals(r.inputs().get("securityGroupId"))).forEach(r ->
                    out.add((type.equals(INGRESS) ? "in " : "out ") + r.inputs().get("ipProtocol") + " "
                            + r.integer("fromPort").orElse(-1) + "-" + r.integer("toPort").orElse(-1) + " " + source(r)));
        }
        return out;
    }

    static String source(RecordedResource r) {
        for (var key : List.of("cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId")) {
            if (r.inputs().containsKey(key)) {
                return String.valueOf(r.inputs().get(key));
            }
        }
        return "?";
    }
}
