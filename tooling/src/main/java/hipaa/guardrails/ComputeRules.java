package hipaa.guardrails;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static hipaa.guardrails.Types.*;

/** EC2, launch template, Auto Scaling, ECS and Secrets Manager rules. */
final class ComputeRules {
    private ComputeRules() {}

    static final List<String> MACHINES = List.of(LAUNCH_TEMPLATE, EC2_INSTANCE);
    /** Environment variable names that announce a credential. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL).*");
    static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");

    static final List<Rule> RULES = List.of(
            Rule.each("ec2-imdsv2-check", Hipaa.ACCESS, MACHINES,
                    "Instances require IMDSv2 session tokens, which blocks SSRF theft of the instance role's credentials.",
                    "Set metadataOptions with httpTokens(\"required\") (and httpPutResponseHopLimit(1) unless containers need 2).",
                    ComputeRules::imdsv2),
            Rule.each("hipaa-ec2-ebs-encrypted", Hipaa.AT_REST, MACHINES,
                    "Volumes an instance or launch template creates are encrypted, explicitly or by account default.",
                    "Set encrypted(\"true\") and kmsKeyId on each block device, or declare aws:ebs/encryptionByDefault.",
                    ComputeRules::ebsEncrypted),
            // AWS Config ec2-volume-inuse-check with deleteOnTermination true: a volume not attached, or not marked
            // for deletion with its instance, is NON_COMPLIANT
            // (https://docs.aws.amazon.com/config/latest/developerguide/ec2-volume-inuse-check.html).
            Rule.each("ec2-volume-inuse-check", Hipaa.all(List.of("164.310(d)(2)(i)"), Hipaa.INVENTORY),
                    List.of(EC2_INSTANCE, LAUNCH_TEMPLATE, EBS_VOLUME),
                    "Every EBS volume is attached to an instance and deleted with it, so no disk outlives its machine holding data nobody tracks (deleteOnTermination true).",
                    "Leave deleteOnTermination unset or true on rootBlockDevice, ebsBlockDevices and launch template blockDeviceMappings; declare a volume in its instance rather than as an aws:ebs/volume.",
                    ComputeRules::volumesDeletedWithInstance),
            Rule.each("ec2-launch-template-public-ip-disabled", Hipaa.NETWORK_ACCESS, List.of(LAUNCH_TEMPLATE),
                    "Launch templates do not give instances a public IP address.",
                    "Leave networkInterfaces[].associatePublicIpAddress unset or \"false\".",
                    ComputeRules::launchTemplateNoPublicIp),
            // AWS Config: NON_COMPLIANT when the instance's configuration item has a publicIp, IPv4 only
            // (https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-no-public-ip.html): an Elastic IP
            // counts, and so do the instances an Auto Scaling group launches with a public address.
            Rule.each("ec2-instance-no-public-ip", Hipaa.NETWORK_ACCESS, List.of(EC2_INSTANCE, ASG),
                    "Instances have no public IPv4 address: none requested, none from their subnet, no Elastic IP, and none at launch from an Auto Scaling group.",
                    "Leave associatePublicIpAddress unset or false, use subnets without mapPublicIpOnLaunch, and attach no Elastic IP; exempt a public entry point.",
                    ComputeRules::instanceNoPublicIp),
            Rule.each("ec2-instances-in-vpc", Hipaa.NETWORK_ACCESS, List.of(EC2_INSTANCE),
                    "Instances launch into a VPC subnet the program chose.",
                    "Set subnetId(<private subnet id>).",
                    (r, g, c) -> DataRules.requireSet(r, "subnetId")),
            Rule.each("ec2-instance-profile-attached", Hipaa.all(Hipaa.ACCESS, List.of("164.308(a)(4)(ii)(B)")), MACHINES,
                    "Instances get AWS credentials only from an instance profile (no keys on disk).",
                    "Set iamInstanceProfile (instance) or iamInstanceProfile.arn/name (launch template).",
                    ComputeRules::instanceProfile),
            Rule.each("ec2-instance-detailed-monitoring-enabled", Hipaa.AUDIT, MACHINES,
                    "Instances publish one-minute CloudWatch metrics.",
                    "Set monitoring(true) (instance) or monitoring.enabled(true) (launch template).",
                    ComputeRules::detailedMonitoring),
            Rule.each("autoscaling-group-elb-healthcheck-required", Hipaa.all(Hipaa.AUDIT, Hipaa.AVAILABILITY), List.of(ASG),
                    "Groups behind a load balancer replace instances that fail the load balancer's health check.",
                    "Set healthCheckType(\"ELB\") and a healthCheckGracePeriod.",
                    ComputeRules::elbHealthCheck),
            Rule.each("autoscaling-launch-template", Hipaa.PATCHING, List.of(ASG),
                    "Groups launch from a launch template (IMDSv2, encryption, versioning), not a launch configuration.",
                    "Set launchTemplate(GroupLaunchTemplateArgs.builder().id(lt.id()).version(\"$Latest\")) and drop launchConfiguration.",
                    ComputeRules::usesLaunchTemplate),
            Rule.each("hipaa-approved-ami", Hipaa.MALWARE, MACHINES,
                    "Instances boot only from AMIs on the project's approved list (hardened, patched images).",
                    "Use an AMI id from the approved list, or add the new image to the list after review.",
                    ComputeRules::approvedAmi),
            Rule.each("ecs-containers-nonprivileged", Hipaa.ACCESS, List.of(ECS_TASK_DEFINITION),
                    "No container runs privileged (root on the host).",
                    "Remove \"privileged\": true from the container definition.",
                    (r, g, c) -> eachContainer(r, ct -> In.isTrue(ct.get("privileged")) ? "privileged is true" : null)),
            Rule.each("ecs-containers-readonly-access", Hipaa.all(Hipaa.ACCESS, Hipaa.INTEGRITY), List.of(ECS_TASK_DEFINITION),
                    "Containers run with a read-only root filesystem, so a compromise cannot alter the image.",
                    "Set \"readonlyRootFilesystem\": true and mount writable volumes only where needed.",
                    (r, g, c) -> eachContainer(r, ct -> In.isTrue(ct.get("readonlyRootFilesystem")) ? null
                            : In.is("readonlyRootFilesystem", ct.get("readonlyRootFilesystem")))),
            Rule.each("ecs-task-definition-log-configuration", Hipaa.AUDIT, List.of(ECS_TASK_DEFINITION),
                    "Every container sends its logs somewhere (a logConfiguration with a logDriver).",
                    "Add \"logConfiguration\": {\"logDriver\": \"awslogs\", \"options\": {...}} to each container.",
                    (r, g, c) -> eachContainer(r, ct -> In.string(In.at(ct, "logConfiguration", "logDriver")).isPresent() ? null
                            : "logConfiguration.logDriver is not set")),
            Rule.each("hipaa-ecs-no-plaintext-secrets", Hipaa.all(Hipaa.ACCESS, Hipaa.AT_REST), List.of(ECS_TASK_DEFINITION),
                    "Credentials reach containers through \"secrets\" (Secrets Manager / SSM), never as plaintext environment values.",
                    "Move the variable from \"environment\" to \"secrets\" with valueFrom(<secret arn>).",
                    (r, g, c) -> eachContainer(r, ComputeRules::plaintextSecret)),
            Rule.each("ecs-task-definition-user-for-host-mode-check", Hipaa.ACCESS, List.of(ECS_TASK_DEFINITION),
                    "Tasks sharing the host's network namespace do not run as root unless they explicitly opt into privileged.",
                    "Prefer networkMode(\"awsvpc\"); otherwise set a non-root \"user\" on each container.",
                    ComputeRules::hostModeUser),
            Rule.each("secretsmanager-using-cmk", Hipaa.AT_REST, List.of(SECRET),
                    "Secrets are encrypted with a customer managed KMS key rather than aws/secretsmanager.",
                    "Set kmsKeyId(<customer managed key arn>).",
                    (r, g, c) -> DataRules.requireSet(r, "kmsKeyId")),
            Rule.each("secretsmanager-rotation-enabled-check", Hipaa.CREDENTIAL_ROTATION, List.of(SECRET),
                    "Secrets rotate automatically on a schedule.",
                    "Add an aws:secretsmanager/secretRotation with secretId(secret.id()) and rotationRules.",
                    (r, g, c) -> g.referencing(r, "secretId", SECRET_ROTATION).isEmpty()
                            ? Outcome.fail("no " + SECRET_ROTATION + " has secretId pointing at this secret")
                            : Outcome.pass()));

    static Outcome imdsv2(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var opts = In.map(r.inputs().get("metadataOptions"));
        if ("disabled".equals(opts.get("httpEndpoint"))) {
            return Outcome.pass("instance metadata is disabled");
        }
        var tokens = opts.get("httpTokens");
        return "required".equals(tokens) ? Outcome.pass() : Outcome.fail(In.is("metadataOptions.httpTokens", tokens));
    }

    // Block devices that do not say "encrypted" are still encrypted when the account default is on.
    static Outcome ebsEncrypted(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var devices = new LinkedHashMap<String, Object>();
        if (r.type().equals(LAUNCH_TEMPLATE)) {
            for (var m : In.maps(r.inputs().get("blockDeviceMappings"))) {
                if (m.get("ebs") != null) {
                    devices.put("blockDeviceMappings[" + In.show(m.get("deviceName")) + "].ebs.encrypted", In.at(m, "ebs", "encrypted"));
                }
            }
        } else {
            devices.put("rootBlockDevice.encrypted", In.at(r.inputs(), "rootBlockDevice", "encrypted"));
            for (var m : In.maps(r.inputs().get("ebsBlockDevices"))) {
                devices.put("ebsBlockDevices[" + In.show(m.get("deviceName")) + "].encrypted", m.get("encrypted"));
            }
        }
        var byDefault = g.ofType(EBS_ENCRYPTION_BY_DEFAULT).stream().anyMatch(e -> !In.isFalse(e.inputs().get("enabled")));
        for (var d : devices.entrySet()) {
            if (In.isFalse(d.getValue())) {
                return Outcome.fail(In.is(d.getKey(), d.getValue()));
            }
            if (!In.isTrue(d.getValue()) && !byDefault) {
                return Outcome.fail(d.getKey() + " is not set and no " + EBS_ENCRYPTION_BY_DEFAULT + " is enabled");
            }
        }
        if (devices.isEmpty() && !byDefault) {
            return Outcome.fail("no block device declares encrypted and no " + EBS_ENCRYPTION_BY_DEFAULT + " is enabled");
        }
        return Outcome.pass();
    }

    static Outcome volumesDeletedWithInstance(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        if (r.type().equals(EBS_VOLUME)) {
            // AttachVolume has no DeleteOnTermination: a volume attached after launch stays when the instance goes.
            return Outcome.fail("a separate volume is never deleted with the instance it is attached to");
        }
        var devices = new LinkedHashMap<String, Object>();
        if (r.type().equals(LAUNCH_TEMPLATE)) {
            for (var m : In.maps(r.inputs().get("blockDeviceMappings"))) {
                if (m.get("ebs") != null) {
                    devices.put("blockDeviceMappings[" + In.show(m.get("deviceName")) + "].ebs.deleteOnTermination",
                            In.at(m, "ebs", "deleteOnTermination"));
                }
            }
        } else {
            devices.put("rootBlockDevice.deleteOnTermination", In.at(r.inputs(), "rootBlockDevice", "deleteOnTermination"));
            for (var m : In.maps(r.inputs().get("ebsBlockDevices"))) {
                devices.put("ebsBlockDevices[" + In.show(m.get("deviceName")) + "].deleteOnTermination", m.get("deleteOnTermination"));
            }
        }
        // Unset is true: EC2's default for the volumes an instance launches with.
        return devices.entrySet().stream().filter(d -> In.isFalse(d.getValue())).findFirst()
                .map(d -> Outcome.fail(In.is(d.getKey(), d.getValue()))).orElse(Outcome.pass());
    }

    static Outcome launchTemplateNoPublicIp(RecordedResource lt, ResourceGraph g, GuardrailContext ctx) {
        for (var ni : In.maps(lt.inputs().get("networkInterfaces"))) {
            if (In.isTrue(ni.get("associatePublicIpAddress"))) {
                return Outcome.fail(In.is("networkInterfaces[" + In.show(ni.get("deviceIndex")) + "].associatePublicIpAddress",
                        ni.get("associatePublicIpAddress")));
            }
        }
        return Outcome.pass();
    }

    static Outcome instanceNoPublicIp(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        if (r.type().equals(ASG)) {
            var lt = g.launchTemplateOf(r);
            for (var ni : lt.map(t -> In.maps(t.inputs().get("networkInterfaces"))).orElse(List.of())) {
                if (In.isTrue(ni.get("associatePublicIpAddress"))) {
                    return Outcome.fail("the instances it launches get a public address (launch template " + lt.get().name()
                            + " networkInterfaces[" + In.show(ni.get("deviceIndex")) + "].associatePublicIpAddress is true)");
                }
            }
            for (var subnetId : r.list("vpcZoneIdentifiers")) {
                var subnet = g.resolve(subnetId, SUBNET);
                if (subnet.isPresent() && In.isTrue(subnet.get().inputs().get("mapPublicIpOnLaunch"))) {
                    return Outcome.fail("the instances it launches in subnet " + subnet.get().name() + " get a public address (mapPublicIpOnLaunch)");
                }
            }
            return Outcome.pass();
        }
        var v = r.inputs().get("associatePublicIpAddress");
        if (In.isTrue(v)) {
            return Outcome.fail(In.is("associatePublicIpAddress", v));
        }
        var eip = Stream.concat(g.referencing(r, "instance", EIP).stream(), g.referencing(r, "instanceId", EIP_ASSOCIATION).stream()).findFirst();
        if (eip.isPresent()) {
            return Outcome.fail("Elastic IP " + eip.get().name() + " gives it a public address");
        }
        if (v == null) {
            var subnet = g.resolve(r.inputs().get("subnetId"), SUBNET);
            if (subnet.isPresent() && In.isTrue(subnet.get().inputs().get("mapPublicIpOnLaunch"))) {
                return Outcome.fail("associatePublicIpAddress is not set and subnet " + subnet.get().name() + " has mapPublicIpOnLaunch true");
            }
        }
        return Outcome.pass();
    }

    static Outcome instanceProfile(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var v = r.inputs().get("iamInstanceProfile");
        boolean set = r.type().equals(LAUNCH_TEMPLATE)
                ? In.string(In.map(v).get("arn")).isPresent() || In.string(In.map(v).get("name")).isPresent()
                : In.string(v).isPresent();
        return set ? Outcome.pass() : Outcome.fail("iamInstanceProfile is not set");
    }

    static Outcome detailedMonitoring(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        if (r.type().equals(LAUNCH_TEMPLATE)) {
            var v = In.at(r.inputs(), "monitoring", "enabled");
            return In.isTrue(v) ? Outcome.pass() : Outcome.fail(In.is("monitoring.enabled", v));
        }
        return DataRules.requireTrue(r, "monitoring");
    }

    static Outcome elbHealthCheck(RecordedResource asg, ResourceGraph g, GuardrailContext ctx) {
        boolean behindLb = !asg.list("targetGroupArns").isEmpty() || !asg.list("loadBalancers").isEmpty()
                || !asg.list("trafficSources").isEmpty();
        if (!behindLb) {
            return Outcome.notApplicable("not attached to a load balancer");
        }
        var type = asg.inputs().get("healthCheckType");
        return "ELB".equals(type) ? Outcome.pass() : Outcome.fail(In.is("healthCheckType", type));
    }

    static Outcome usesLaunchTemplate(RecordedResource asg, ResourceGraph g, GuardrailContext ctx) {
        if (asg.string("launchConfiguration").isPresent()) {
            return Outcome.fail(In.is("launchConfiguration", asg.inputs().get("launchConfiguration")));
        }
        boolean declared = !asg.map("launchTemplate").isEmpty()
                || In.at(asg.inputs(), "mixedInstancesPolicy", "launchTemplate", "launchTemplateSpecification") != null;
        if (!declared) {
            return Outcome.fail("launchTemplate is not set");
        }
        return Outcome.pass(g.launchTemplateOf(asg).map(lt -> "launch template " + lt.name()).orElse("launch template outside the stack"));
    }

    static Outcome approvedAmi(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var key = r.type().equals(LAUNCH_TEMPLATE) ? "imageId" : "ami";
        var ami = r.inputs().get(key);
        if (ami == null && r.type().equals(EC2_INSTANCE) && !r.map("launchTemplate").isEmpty()) {
            return Outcome.notApplicable("the AMI comes from its launch template");
        }
        if (ami == null) {
            return Outcome.fail(key + " is not set");
        }
        // The stack's list, or the Amazon Linux image the program resolved when it lists none (GuardrailContext#of).
        return ctx.approvedAmiIds().contains(String.valueOf(ami)) ? Outcome.pass()
                : Outcome.fail(In.is(key, ami) + ", which is not an approved AMI");
    }

    // ---- ECS container definitions (a JSON string in the ECS API's own field names) ---------------

    /** Parsed container definitions, or empty when the JSON is missing or invalid. */
    static Optional<List<Map<String, Object>>> containers(RecordedResource taskDefinition) {
        var raw = taskDefinition.string("containerDefinitions");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            var json = JsonParser.parseString(raw.get());
            if (!json.isJsonArray()) {
                return Optional.empty();
            }
            var out = new ArrayList<Map<String, Object>>();
            json.getAsJsonArray().forEach(e -> out.add(In.map(toJava(e))));
            return Optional.of(out);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Object toJava(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            var m = new LinkedHashMap<String, Object>();
            e.getAsJsonObject().entrySet().forEach(x -> m.put(x.getKey(), toJava(x.getValue())));
            return m;
        }
        if (e.isJsonArray()) {
            var l = new ArrayList<Object>();
            e.getAsJsonArray().forEach(x -> l.add(toJava(x)));
            return l;
        }
        var p = e.getAsJsonPrimitive();
        return p.isBoolean() ? p.getAsBoolean() : p.isNumber() ? p.getAsDouble() : p.getAsString();
    }

    /** Fails with the first container the problem function reports on (it returns null when fine). */
    static Outcome eachContainer(RecordedResource td, java.util.function.Function<Map<String, Object>, String> problem) {
        var containers = containers(td);
        if (containers.isEmpty()) {
            return Outcome.fail("containerDefinitions is not a JSON array");
        }
        for (var ct : containers.get()) {
            var p = problem.apply(ct);
            if (p != null) {
                return Outcome.fail("container " + In.show(ct.get("name")) + ": " + p);
            }
        }
        return Outcome.pass();
    }

    static String plaintextSecret(Map<String, Object> container) {
        for (var env : In.maps(container.get("environment"))) {
            var name = String.valueOf(env.get("name"));
            var value = String.valueOf(env.get("value"));
            if (SECRET_NAME.matcher(name).matches()) {
                return "environment " + name + " is set in plaintext";
            }
            if (AWS_ACCESS_KEY_ID.matcher(value).find()) {
                return "environment " + name + " holds an AWS access key id";
            }
        }
        return null;
    }

    static Outcome hostModeUser(RecordedResource td, ResourceGraph g, GuardrailContext ctx) {
        if (!"host".equals(td.inputs().get("networkMode"))) {
            return Outcome.notApplicable(In.is("networkMode", td.inputs().get("networkMode")));
        }
        return eachContainer(td, ct -> {
            var user = In.string(ct.get("user")).orElse("");
            boolean root = user.isEmpty() || user.equals("root") || user.equals("0") || user.startsWith("0:") || user.startsWith("root:");
            return root && !In.isTrue(ct.get("privileged")) ? (user.isEmpty() ? "user is not set (root)" : In.is("user", user)) + " in host network mode" : null;
        });
    }
}
