package hipaa.offline;

import com.pulumi.test.Mocks;
import hipaa.settings.Regions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Stands in for AWS when the program runs without an account: records every registration, answers
 * with deterministic ids and the attributes AWS would compute that the program reads, and answers the
 * data sources the program uses. Any other data source fails the run, so an un-mocked lookup can never
 * turn into a silent null.
 *
 * <p>What it proves is what the program asks for, not that AWS accepts it.
 */
public final class OfflineEngine implements Mocks {

    /** The account the offline run pretends to be in (an AWS documentation example id). */
    public static final String ACCOUNT_ID = "123456789012";

    /** One registration as the engine saw it. */
    public record Registration(String type, String name, String id, String provider, Map<String, Object> inputs,
                               Map<String, Object> state) {}

    /**
     * Elastic Load Balancing's log-delivery account per Region, as AWS documents them for access-log bucket
     * policies ("Regions available before August 2022"); the provider's data source answers from the same
     * table. Every Region in {@code regions.tsv} is in it.
     */
    static final Map<String, String> ELB_LOG_DELIVERY_ACCOUNTS = Map.ofEntries(
            Map.entry("us-east-1", "127311923021"), Map.entry("us-east-2", "033677994240"),
            Map.entry("us-west-1", "027434742980"), Map.entry("us-west-2", "797873946194"),
            Map.entry("ca-central-1", "985666609251"), Map.entry("eu-west-1", "156460612806"),
            Map.entry("eu-west-2", "652711504416"), Map.entry("eu-west-3", "009996457667"),
            Map.entry("eu-central-1", "054676820928"), Map.entry("eu-north-1", "897822967062"),
            Map.entry("eu-south-1", "635631232127"), Map.entry("ap-south-1", "718504428378"),
            Map.entry("ap-southeast-1", "114774131450"), Map.entry("ap-southeast-2", "783225319266"),
            Map.entry("ap-northeast-1", "582318560864"), Map.entry("ap-northeast-2", "600734575887"),
            Map.entry("ap-northeast-3", "383597477331"), Map.entry("sa-east-1", "507241528517"),
            Map.entry("me-south-1", "076674570225"), Map.entry("us-gov-west-1", "048591011584"),
            Map.entry("us-gov-east-1", "190560391635"));

    private static final String REFERENCE = "pulumi:pulumi:StackReference";

    private final String region;
    private final String partition;
    private final Map<String, StackOutputs> references;
    /** Provider id to the account its credentials reach ({@link #assumedAccount}); any other provider reaches {@link #ACCOUNT_ID}. */
    private final Map<String, String> providerAccounts = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> invokes = Collections.synchronizedList(new ArrayList<>());

    /**
     * What the engine answers for one referenced stack: its outputs, or why it has none.
     *
     * @param outputs the outputs by name ({@code pulumi stack output --json})
     * @param refusal empty when the outputs are known; otherwise why the reference cannot be answered
     */
    public record StackOutputs(Map<String, Object> outputs, Optional<String> refusal) {
        public static StackOutputs of(Map<String, Object> outputs) {
            return new StackOutputs(Map.copyOf(outputs), Optional.empty());
        }

        public static StackOutputs refused(String why) {
            return new StackOutputs(Map.of(), Optional.of(why));
        }
    }

    public OfflineEngine(String region) {
        this(region, Map.of());
    }

    /** @param references the outputs of every stack the program may reference, by fully qualified name */
    public OfflineEngine(String region, Map<String, StackOutputs> references) {
        this.region = region;
        this.partition = Regions.find(region).map(Regions.Region::partition).orElse("aws");
        this.references = Map.copyOf(references);
    }

    /**
     * A StackReference is read, not created: the Pulumi engine answers it with the referenced stack's outputs, and so
     * does this one, from that stack's own offline run (or pinned outputs); an unknown stack fails the run as
     * {@code pulumi up} fails on a stack that does not exist.
     */
    private CompletableFuture<ResourceResult> stackReference(ResourceArgs args, Map<String, Object> inputs) {
        var name = String.valueOf(inputs.getOrDefault("name", args.id));
        var answer = references.get(name);
        if (answer == null || answer.refusal().isPresent()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the StackReference " + args.name + " names the stack "
                    + name + ", which the offline run cannot answer: " + (answer == null
                    ? "it is not a stack of this project with a stack file, and no pinned outputs name it (ReferencedStacks.PINNED)"
                    : answer.refusal().get())));
        }
        registrations.add(new Registration(args.type, args.name, name, args.provider, inputs, Map.of("name", name)));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(name),
                Map.of("name", name, "outputs", answer.outputs(), "secretOutputNames", List.of())));
    }

    /**
     * The account a provider's credentials reach: its {@code assumeRole.roleArn}'s account, else the one account its
     * {@code allowedAccountIds} admits (the real provider refuses credentials of any other account, so the offline run
     * takes the operator to have given the right ones). The provider inputs carry both as JSON text or as values.
     */
    private static Optional<String> assumedAccount(Map<String, Object> inputs) {
        var allowed = inputs.get("allowedAccountIds");
        if (allowed instanceof String json && json.startsWith("[")) {
            allowed = new com.google.gson.Gson().fromJson(json, List.class);
        }
        if (allowed instanceof List<?> list && list.size() == 1) {
            return Optional.of(String.valueOf(list.get(0)));
        }
        var assume = inputs.get("assumeRole");
        Object roleArn = null;
        if (assume instanceof Map<?, ?> map) {
            roleArn = map.get("roleArn");
        } else if (assume instanceof String json && !json.isBlank()) {
            var parsed = com.google.gson.JsonParser.parseString(json);
            if (parsed.isJsonObject() && parsed.getAsJsonObject().has("roleArn")) {
                roleArn = parsed.getAsJsonObject().get("roleArn").getAsString();
            }
        }
        if (roleArn == null) {
            return Optional.empty();
        }
        var parts = String.valueOf(roleArn).split(":");
        return parts.length > 4 && parts[4].matches("\\d{12}") ? Optional.of(parts[4]) : Optional.empty();
    }

    /** The account a provider reference ({@code urn::id}) reaches. */
    private String accountOf(String providerReference) {
        if (providerReference == null || providerReference.isEmpty()) {
            return ACCOUNT_ID;
        }
        var id = providerReference.substring(providerReference.lastIndexOf("::") + 2);
        return providerAccounts.getOrDefault(id, ACCOUNT_ID);
    }

    public List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    /** Tokens of the data sources the program called, in order. */
    public List<String> invokes() {
        return List.copyOf(invokes);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var inputs = args.inputs == null ? Map.<String, Object>of() : Map.copyOf(args.inputs);
        var id = args.name + "-id";
        if (REFERENCE.equals(args.type)) {
            return stackReference(args, inputs);
        }
        if (args.type != null && args.type.startsWith("pulumi:providers:aws")) {
            assumedAccount(inputs).ifPresent(account -> providerAccounts.put(id, account));
        }
        var state = new HashMap<String, Object>(inputs);
        computed(args.type, args.name, id, inputs, accountOf(args.provider)).forEach(state::putIfAbsent);
        registrations.add(new Registration(args.type, args.name, id, args.provider, inputs, Map.copyOf(state)));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    /** Attributes AWS computes that the program reads back, in {@code account}. Add a case when a component needs one. */
    private Map<String, Object> computed(String type, String name, String id, Map<String, Object> inputs, String account) {
        var out = new HashMap<String, Object>();
        if (type == null || !type.startsWith("aws:")) {
            return out;
        }
        var module = type.substring(4, type.indexOf('/'));
        var kind = type.substring(type.lastIndexOf(':') + 1).toLowerCase(java.util.Locale.ROOT);
        out.put("arn", "arn:" + partition + ":" + module + ":" + region + ":" + account + ":" + kind + "/" + id);
        switch (type) {
            case "aws:kms/key:Key" -> out.put("keyId", id);
            case "aws:cloudwatch/logGroup:LogGroup" -> out.put("arn", "arn:" + partition + ":logs:" + region + ":" + account
                    + ":log-group:" + inputs.getOrDefault("name", id));
            case "aws:iam/role:Role" -> out.put("arn", "arn:" + partition + ":iam::" + account + ":role/"
                    + inputs.getOrDefault("name", id));
            case "aws:s3/bucketV2:BucketV2" -> {
                // S3 bucket ARNs carry neither Region nor account.
                var bucket = String.valueOf(inputs.getOrDefault("bucket", id));
                out.put("bucket", bucket);
                out.put("arn", "arn:" + partition + ":s3:::" + bucket);
                out.put("bucketDomainName", bucket + ".s3.amazonaws.com");
                out.put("bucketRegionalDomainName", bucket + ".s3." + region + ".amazonaws.com");
            }
            case "aws:cloudfront/distribution:Distribution" -> {
                // CloudFront is global: no Region in its ARN; every distribution shares AWS's alias zone.
                out.put("arn", "arn:" + partition + ":cloudfront::" + account + ":distribution/" + id);
                out.put("domainName", "d" + String.format("%013x", name.hashCode() & 0xFFFFFFFFL) + ".cloudfront.net");
                out.put("hostedZoneId", "Z2FDTNDATAQYW2");
            }
            case "aws:wafv2/webAcl:WebAcl" -> {
                // CLOUDFRONT-scope ACLs live in us-east-1 under "global"; REGIONAL ones in the stack's Region.
                boolean global = "CLOUDFRONT".equals(inputs.get("scope"));
                out.put("arn", "arn:" + partition + ":wafv2:" + (global ? "us-east-1" : region) + ":" + account + ":"
                        + (global ? "global" : "regional") + "/webacl/" + inputs.getOrDefault("name", name) + "/" + id);
            }
            case "aws:cloudtrail/trail:Trail" -> out.put("arn", "arn:" + partition + ":cloudtrail:" + region + ":" + account
                    + ":trail/" + inputs.getOrDefault("name", id));
            case "aws:iam/group:Group" -> out.put("arn", "arn:" + partition + ":iam::" + account + ":group/"
                    + inputs.getOrDefault("name", id));
            case "aws:iam/policy:Policy" -> out.put("arn", "arn:" + partition + ":iam::" + account + ":policy/"
                    + inputs.getOrDefault("name", id));
            case "aws:sns/topic:Topic" -> out.put("arn", "arn:" + partition + ":sns:" + region + ":" + account + ":"
                    + inputs.getOrDefault("name", id));
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> out.put("arn", "arn:" + partition + ":cloudwatch:" + region + ":"
                    + account + ":alarm:" + inputs.getOrDefault("name", id));
            case "aws:cloudwatch/dashboard:Dashboard" -> out.put("dashboardArn", "arn:" + partition + ":cloudwatch::"
                    + account + ":dashboard/" + inputs.getOrDefault("dashboardName", id));
            case "aws:iam/instanceProfile:InstanceProfile" -> out.put("arn", "arn:" + partition + ":iam::" + account
                    + ":instance-profile/" + inputs.getOrDefault("name", id));
            case "aws:ec2/eip:Eip" -> {
                // Addresses from TEST-NET-1 (RFC 5737) and allocation ids shaped like AWS's, stable per name.
                int n = Math.floorMod(name.hashCode(), 254) + 1;
                out.put("publicIp", "192.0.2." + n);
                out.put("allocationId", "eipalloc-" + String.format("%017x", name.hashCode() & 0xFFFFFFFFL));
            }
            case "aws:ec2/launchTemplate:LaunchTemplate" -> out.put("latestVersion", 1);
            case "aws:secretsmanager/secret:Secret" -> out.put("arn", "arn:" + partition + ":secretsmanager:" + region + ":"
                    + account + ":secret:" + inputs.getOrDefault("name", id) + "-AbCdEf");
            case "aws:rds/instance:Instance" -> {
                // RDS names instances db:<identifier>; the address has a per-account random part.
                var identifier = String.valueOf(inputs.getOrDefault("identifier", id));
                int port = "mysql".equals(inputs.get("engine")) ? 3306 : 5432;
                var address = identifier + ".c0ffee0offline." + region + ".rds.amazonaws.com";
                out.put("arn", "arn:" + partition + ":rds:" + region + ":" + account + ":db:" + identifier);
                out.put("address", address);
                out.put("port", port);
                out.put("endpoint", address + ":" + port);
                out.put("resourceId", "db-OFFLINE" + Integer.toHexString(identifier.hashCode()).toUpperCase(java.util.Locale.ROOT));
                if (Boolean.TRUE.equals(inputs.get("manageMasterUserPassword"))) {
                    out.put("masterUserSecrets", List.of(Map.of(
                            "secretArn", "arn:" + partition + ":secretsmanager:" + region + ":" + account
                                    + ":secret:rds!db-" + identifier + "-OffLin",
                            "kmsKeyId", inputs.getOrDefault("masterUserSecretKmsKeyId", ""),
                            "secretStatus", "active")));
                }
            }
            case "aws:backup/vault:Vault" -> out.put("arn", "arn:" + partition + ":backup:" + region + ":" + account
                    + ":backup-vault:" + inputs.getOrDefault("name", id));
            case "aws:backup/plan:Plan" -> {
                out.put("arn", "arn:" + partition + ":backup:" + region + ":" + account + ":backup-plan:" + id);
                out.put("version", "offline-1");
            }
            case "aws:iam/serviceLinkedRole:ServiceLinkedRole" -> {
                // Only Auto Scaling's role is created by the program: AWSServiceRoleForAutoScaling_<suffix>.
                var service = String.valueOf(inputs.get("awsServiceName"));
                var roleName = "AWSServiceRoleForAutoScaling" + (inputs.containsKey("customSuffix") ? "_" + inputs.get("customSuffix") : "");
                out.put("name", roleName);
                out.put("arn", "arn:" + partition + ":iam::" + account + ":role/aws-service-role/" + service + "/" + roleName);
            }
            case "aws:lb/loadBalancer:LoadBalancer" -> {
                var suffix = "app/" + name + "/0123456789abcdef";
                out.put("arn", "arn:" + partition + ":elasticloadbalancing:" + region + ":" + account + ":loadbalancer/" + suffix);
                out.put("arnSuffix", suffix);
                out.put("dnsName", name + "-123456789." + region + ".elb.amazonaws.com");
                out.put("zoneId", "ZOFFLINEELB0001");
            }
            case "aws:lb/targetGroup:TargetGroup" -> {
                var suffix = "targetgroup/" + name + "/0123456789abcdef";
                out.put("arn", "arn:" + partition + ":elasticloadbalancing:" + region + ":" + account + ":" + suffix);
                out.put("arnSuffix", suffix);
            }
            case "aws:lb/listener:Listener" -> out.put("arn", "arn:" + partition + ":elasticloadbalancing:" + region + ":"
                    + account + ":listener/app/" + name + "/0123456789abcdef/0123456789abcdef");
            case "aws:ecs/cluster:Cluster" -> {
                out.put("name", inputs.getOrDefault("name", id));
                out.put("arn", "arn:" + partition + ":ecs:" + region + ":" + account + ":cluster/" + inputs.getOrDefault("name", id));
            }
            case "aws:ecs/service:Service" -> out.put("name", inputs.getOrDefault("name", id));
            case "aws:autoscaling/group:Group" -> out.put("name", inputs.getOrDefault("name", id));
            default -> { }
        }
        return out;
    }

    /**
     * One argument of a data-source call. {@code CallArgs.args} is declared as Guava's ImmutableMap, which the SDK
     * ships in runtime scope only, so main code reads the field without naming its type.
     */
    private static Object argument(CallArgs call, String name) {
        try {
            return ((Map<?, ?>) CallArgs.class.getField("args").get(call)).get(name);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the arguments of " + call.token, e);
        }
    }

    /** AWS's managed prefix list of CloudFront's origin-facing addresses, the one the program asks for. */
    public static final String CLOUDFRONT_ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";
    /** The id the offline engine gives it (AWS's differs per Region; the program only passes it on). */
    public static final String CLOUDFRONT_PREFIX_LIST_ID = "pl-0cf0cf0cf0cf0cf0c";
    /**
     * Its max-entries weight: a security group rule that references it counts this many rules against the
     * group's quota (60 inbound by default); "AWS-managed prefix lists" in the Amazon VPC guide.
     */
    public static final int CLOUDFRONT_PREFIX_LIST_WEIGHT = 55;

    /** Only AWS's CloudFront origin-facing list is answered: any other list would be account data the engine cannot know. */
    private Map<String, Object> managedPrefixList(Object name) {
        if (!CLOUDFRONT_ORIGIN_FACING.equals(name)) {
            return null;
        }
        return Map.of("id", CLOUDFRONT_PREFIX_LIST_ID, "name", CLOUDFRONT_ORIGIN_FACING,
                "arn", "arn:" + partition + ":ec2:" + region + ":aws:prefix-list/" + CLOUDFRONT_PREFIX_LIST_ID,
                "addressFamily", "IPv4", "maxEntries", CLOUDFRONT_PREFIX_LIST_WEIGHT, "ownerId", "AWS", "version", 1,
                "entries", List.of(), "filters", List.of(), "tags", Map.of());
    }

    /** The AMI id the offline engine says AWS's public Amazon Linux parameters hold. */
    public static final String AMAZON_LINUX_AMI = "ami-0a2023a2023a20230";

    /** Only AWS's public image parameters are answered: any other parameter would be stack data the engine cannot know. */
    private Map<String, Object> amazonLinuxImage(String name) {
        if (!name.startsWith("/aws/service/ami-amazon-linux-latest/")) {
            return null;
        }
        return Map.of("id", name, "name", name, "arn", "arn:" + partition + ":ssm:" + region + "::parameter" + name,
                "type", "String", "value", AMAZON_LINUX_AMI, "insecureValue", AMAZON_LINUX_AMI, "version", 1,
                "withDecryption", true);
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        invokes.add(args.token);
        Map<String, Object> result = switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity" -> {
                // The caller is whoever the provider's credentials are: its assumed role's account when it has one.
                var account = accountOf(args.provider);
                yield Map.of("id", account, "accountId", account,
                        "arn", "arn:" + partition + ":iam::" + account + ":user/offline", "userId", "AIDAOFFLINE");
            }
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> {
                int count = Regions.find(region).map(Regions.Region::availabilityZones).orElse(3);
                var names = IntStream.range(0, count).mapToObj(i -> region + (char) ('a' + i)).toList();
                yield Map.of("id", region, "names", names, "zoneIds", names.stream().map(n -> n + "-id").toList());
            }
            case "aws:index/getRegion:getRegion" -> Map.of("id", region, "name", region, "description", "offline",
                    "endpoint", "ec2." + region + ".amazonaws.com");
            case "aws:ssm/getParameter:getParameter" -> amazonLinuxImage(String.valueOf(argument(args, "name")));
            case "aws:ec2/getManagedPrefixList:getManagedPrefixList" -> managedPrefixList(argument(args, "name"));
            case "aws:index/getPartition:getPartition" -> Map.of("id", partition, "partition", partition,
                    "dnsSuffix", "amazonaws.com", "reverseDnsPrefix", "com.amazonaws");
            // The program asks for the stack's own Region (reading the call's arguments would need Guava at
            // compile time, which the SDK ships only at runtime).
            case "aws:elb/getServiceAccount:getServiceAccount" -> {
                var elbAccount = ELB_LOG_DELIVERY_ACCOUNTS.get(region);
                yield elbAccount == null ? null : Map.of("id", elbAccount, "arn", "arn:" + partition + ":iam::" + elbAccount + ":root",
                        "region", region);
            }
            default -> null;
        };
        return result == null
                ? CompletableFuture.failedFuture(new IllegalStateException("the offline engine does not answer the data source "
                + args.token + "; add it to OfflineEngine.callAsync"))
                : CompletableFuture.completedFuture(result);
    }
}
