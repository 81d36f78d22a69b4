package hipaa.offline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What AWS refuses when a resource is created, applied to the registrations of an offline run. The mocks
 * accept anything; these rules make the offline run fail where {@code pulumi up} would, with a message that
 * names the resource, the error AWS answers with and the fix. Each rule cites the AWS page that documents it.
 *
 * <p>They run after the program, over every registration and the dependencies each carried to the engine
 * ({@link StackGraph}), not one registration at a time: whether a principal exists or a quota is exceeded
 * depends on the whole stack and on the order the engine creates it in, which the mocks do not follow.
 */
public final class AwsCreateChecks {
    private AwsCreateChecks() {}

    /**
     * One creation AWS would refuse.
     *
     * @param resource the refused resource, {@code name (type)}
     * @param rule     which rule refused it (the method below)
     * @param message  what the user reads: the resource, AWS's error, why, and the fix
     */
    public record Refusal(String resource, String rule, String message) {}

    public static List<Refusal> refusals(StackGraph g, String stackRegion) {
        var out = new ArrayList<Refusal>();
        out.addAll(principalsThatMayNotExist(g));
        out.addAll(crossVpcRulesBeforeThePeering(g));
        out.addAll(quotasOverTheDefault(g, stackRegion));
        out.addAll(trailsWithoutDecryptForABucketKey(g));
        out.addAll(serviceControlPoliciesOverTheSizeLimit(g));
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ organizations

    /** AWS Organizations' maximum size of an SCP document, in characters. */
    static final int SCP_MAX_CHARACTERS = 5120;

    /**
     * An SCP holds at most 5,120 characters ("Quotas and service limits for AWS Organizations", AWS Organizations
     * User Guide, "Maximum size of a policy document"); CreatePolicy refuses a larger one with
     * ConstraintViolationException (POLICY_CONTENT_LIMIT_EXCEEDED). The provider sends the content as given, so the
     * whitespace counts. A policy without {@code type} is an SCP (the provider's default).
     */
    static List<Refusal> serviceControlPoliciesOverTheSizeLimit(StackGraph g) {
        var out = new ArrayList<Refusal>();
        for (var p : g.ofType("aws:organizations/policy:Policy")) {
            var content = p.string("content");
            if (!p.string("type").orElse("SERVICE_CONTROL_POLICY").equals("SERVICE_CONTROL_POLICY") || content.isEmpty()
                    || content.get().length() <= SCP_MAX_CHARACTERS) {
                continue;
            }
            out.add(new Refusal(p.label(), "scp-size", p.label() + ": CreatePolicy fails with ConstraintViolationException "
                    + "(POLICY_CONTENT_LIMIT_EXCEEDED): the service control policy is " + content.get().length()
                    + " characters and AWS Organizations accepts at most " + SCP_MAX_CHARACTERS + "; split its statements "
                    + "over more policies (at most 5 SCPs per target, FullAWSAccess included) or shorten them."));
        }
        return out;
    }

    // ------------------------------------------------------------------ principals

    /** A resource policy input: which input holds it, and what AWS calls the refusal. */
    private record PolicyInput(String type, String input, String what, String refusal) {}

    /*
     * KMS: "a key policy ... principal ... must exist ... or CreateKey/PutKeyPolicy fails with
     * MalformedPolicyDocumentException" ("Key policies in AWS KMS", AWS KMS Developer Guide, and "Required AWS KMS
     * key policy for use with encrypted volumes", Amazon EC2 Auto Scaling User Guide, which warns that the
     * service-linked role must exist before a key policy names it). IAM: a role or user ARN in a resource-based
     * or trust policy must exist when the policy is saved, since AWS stores the principal's unique id ("IAM JSON
     * policy elements: Principal", IAM User Guide); S3, SNS and SQS answer the same way ("Invalid principal in
     * policy").
     */
    private static final List<PolicyInput> POLICIES = List.of(
            new PolicyInput("aws:kms/key:Key", "policy", "key policy", "CreateKey fails with MalformedPolicyDocumentException"),
            new PolicyInput("aws:s3/bucketPolicy:BucketPolicy", "policy", "bucket policy",
                    "PutBucketPolicy fails with MalformedPolicy (Invalid principal in policy)"),
            new PolicyInput("aws:sns/topic:Topic", "policy", "topic policy", "CreateTopic fails with InvalidParameter (PrincipalNotFound)"),
            new PolicyInput("aws:sns/topicPolicy:TopicPolicy", "policy", "topic policy",
                    "SetTopicAttributes fails with InvalidParameter (PrincipalNotFound)"),
            new PolicyInput("aws:sqs/queue:Queue", "policy", "queue policy", "CreateQueue fails with InvalidAttributeValue"),
            new PolicyInput("aws:sqs/queuePolicy:QueuePolicy", "policy", "queue policy", "SetQueueAttributes fails with InvalidAttributeValue"),
            new PolicyInput("aws:iam/role:Role", "assumeRolePolicy", "trust policy",
                    "CreateRole fails with MalformedPolicyDocument (Invalid principal in policy)"),
            new PolicyInput("aws:secretsmanager/secretPolicy:SecretPolicy", "policy", "secret policy",
                    "PutResourcePolicy fails with MalformedPolicyDocumentException"),
            new PolicyInput("aws:ecr/repositoryPolicy:RepositoryPolicy", "policy", "repository policy",
                    "SetRepositoryPolicy fails with InvalidParameterException"),
            new PolicyInput("aws:backup/vaultPolicy:VaultPolicy", "policy", "vault access policy",
                    "PutBackupVaultAccessPolicy fails with InvalidParameterValueException"),
            new PolicyInput("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "policyDocument", "resource policy",
                    "PutResourcePolicy fails with InvalidParameterException"));

    private static final List<String> IDENTITIES = List.of("aws:iam/role:Role", "aws:iam/user:User",
            "aws:iam/serviceLinkedRole:ServiceLinkedRole");

    /**
     * Every key, bucket, topic, queue, secret, repository, vault and trust policy, and every KMS grant, names
     * only principals that exist when it is created: service principals, accounts (their root), anyone
     * ({@code *}), or a role, user or service-linked role this stack creates before it.
     */
    static List<Refusal> principalsThatMayNotExist(StackGraph g) {
        var out = new ArrayList<Refusal>();
        for (var p : POLICIES) {
            for (var r : g.ofType(p.type())) {
                var json = r.string(p.input());
                if (json.isEmpty()) {
                    continue;
                }
                var statements = Policies.parse(json.get());
                if (statements.isEmpty()) {
                    continue;
                }
                var unknown = new LinkedHashSet<String>();
                for (var s : statements.get()) {
                    for (var principal : s.principals()) {
                        missing(g, r, principal).ifPresent(unknown::add);
                    }
                }
                for (var why : unknown) {
                    out.add(new Refusal(r.label(), "principals", r.label() + ": " + p.refusal() + ": its " + p.what() + " names "
                            + why + "; name only service principals, account roots and roles, users or service-linked roles "
                            + "the stack creates before it (a KMS grant gives a role created later the use of a key)."));
                }
            }
        }
        // CreateGrant checks the grantee and retiring principals the same way ("Grants in AWS KMS", AWS KMS
        // Developer Guide: the grantee principal must be an existing identity).
        for (var r : g.ofType("aws:kms/grant:Grant")) {
            for (var input : List.of("granteePrincipal", "retiringPrincipal")) {
                r.string(input).flatMap(arn -> missing(g, r, new Policies.Principal("AWS", arn))).ifPresent(why ->
                        out.add(new Refusal(r.label(), "principals", r.label() + ": CreateGrant fails with InvalidArnException: its "
                                + input + " is " + why + "; grant to a role the stack creates before the grant.")));
            }
        }
        return out;
    }

    /** Why {@code principal} may not exist when {@code r} is created; empty when AWS guarantees it does. */
    private static Optional<String> missing(StackGraph g, RecordedResource r, Policies.Principal principal) {
        var v = principal.value();
        switch (principal.type()) {
            case "*", "Service", "CanonicalUser" -> {
                return Optional.empty();
            }
            case "Federated" -> {
                if (!v.startsWith("arn:")) {
                    return Optional.empty();  // web identity providers such as accounts.google.com
                }
                return created(g, r, v, List.of("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "aws:iam/samlProvider:SamlProvider"));
            }
            default -> {
                if (v.equals("*") || v.matches("\\d{12}") || v.matches("arn:[a-z-]+:iam::\\d{12}:root")) {
                    return Optional.empty();
                }
                return created(g, r, v, IDENTITIES);
            }
        }
    }

    private static Optional<String> created(StackGraph g, RecordedResource r, String arn, List<String> types) {
        var identity = g.withArn(arn, x -> types.contains(x.type()));
        if (identity.isEmpty()) {
            return Optional.of(arn + ", which this stack does not create and AWS does not guarantee to exist"
                    + (arn.contains(":role/aws-service-role/") ? " (AWS creates a default service-linked role only with the "
                    + "account's first use of its service)" : ""));
        }
        if (!g.waitsFor(r, identity.get())) {
            return Optional.of(arn + " (" + identity.get().label() + "), which the engine may create after it: nothing makes "
                    + r.name() + " wait for " + identity.get().name());
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ security groups across a peering

    private static final String SG = "aws:ec2/securityGroup:SecurityGroup";
    private static final String PEERING = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
    private static final String PEERING_OPTIONS = "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions";

    /**
     * A rule may reference a group in another VPC only through an active peering connection of the same Region
     * ("Update your security groups to reference peer security groups", Amazon VPC Peering Guide); until the
     * peering is active AWS answers InvalidGroup.NotFound. So every rule whose two groups sit in different VPCs
     * waits for the peering connection between them and for its options (which modify the same connection).
     */
    static List<Refusal> crossVpcRulesBeforeThePeering(StackGraph g) {
        var out = new ArrayList<Refusal>();
        for (var r : g.resources()) {
            var pair = switch (r.type()) {
                case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                     "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" ->
                        java.util.Arrays.asList(r.inputs().get("securityGroupId"), r.inputs().get("referencedSecurityGroupId"));
                case "aws:ec2/securityGroupRule:SecurityGroupRule" ->
                        java.util.Arrays.asList(r.inputs().get("securityGroupId"), r.inputs().get("sourceSecurityGroupId"));
                default -> List.<Object>of();
            };
            if (pair.size() == 2 && pair.get(1) != null) {
                check(g, r, pair.get(0), pair.get(1)).ifPresent(out::add);
            }
            if (r.type().equals(SG)) {
                for (var direction : List.of("ingress", "egress")) {
                    for (var rule : maps(r.inputs().get(direction))) {
                        if (rule.get("securityGroups") instanceof List<?> refs) {
                            refs.forEach(ref -> check(g, r, r.id(), ref).ifPresent(out::add));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Optional<Refusal> check(StackGraph g, RecordedResource rule, Object groupId, Object referencedId) {
        var group = g.withId(SG, groupId);
        var referenced = g.withId(SG, referencedId);
        if (group.isEmpty() || referenced.isEmpty()) {
            return Optional.empty();  // a group the stack does not create: nothing to judge
        }
        var vpc = group.get().inputs().get("vpcId");
        var peerVpc = referenced.get().inputs().get("vpcId");
        if (vpc == null || peerVpc == null || vpc.equals(peerVpc)) {
            return Optional.empty();
        }
        var vpcName = g.withId("aws:ec2/vpc:Vpc", vpc).map(RecordedResource::name).orElse(String.valueOf(vpc));
        var peerVpcName = g.withId("aws:ec2/vpc:Vpc", peerVpc).map(RecordedResource::name).orElse(String.valueOf(peerVpc));
        var peering = g.ofType(PEERING).stream().filter(p -> {
            var ends = java.util.Set.of(String.valueOf(p.inputs().get("vpcId")), String.valueOf(p.inputs().get("peerVpcId")));
            return ends.equals(java.util.Set.of(String.valueOf(vpc), String.valueOf(peerVpc)));
        }).findFirst();
        var prefix = rule.label() + ": AuthorizeSecurityGroup" + (rule.type().contains("Egress") ? "Egress" : "Ingress")
                + " fails with InvalidGroup.NotFound: it references " + referenced.get().name() + " of " + peerVpcName
                + " from " + group.get().name() + " of " + vpcName + ", ";
        if (peering.isEmpty()) {
            return Optional.of(new Refusal(rule.label(), "peering", prefix + "and no peering connection of this stack joins the two VPCs; "
                    + "peer them, or reference the other side by its address range."));
        }
        var missing = new ArrayList<String>();
        if (!g.waitsFor(rule, peering.get())) {
            missing.add(peering.get().name());
        }
        g.ofType(PEERING_OPTIONS).stream()
                .filter(o -> String.valueOf(o.inputs().get("vpcPeeringConnectionId")).equals(peering.get().id()))
                .filter(o -> !g.waitsFor(rule, o)).forEach(o -> missing.add(o.name()));
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(rule.label(), "peering", prefix + "which AWS accepts only once the peering is active, but nothing "
                + "makes the rule wait for " + String.join(" and ", missing) + "; make it depend on them."));
    }

    // ------------------------------------------------------------------ quotas

    /** The first {@code up} on a new account fails at the resource that goes over a default quota the stack does not raise. */
    static List<Refusal> quotasOverTheDefault(StackGraph g, String stackRegion) {
        var out = new ArrayList<Refusal>();
        for (var use : Quotas.uses(g, stackRegion)) {
            if (!use.refused()) {
                continue;
            }
            var q = use.quota();
            // The creation that goes over: the stack's (limit - already used + 1)-th, in name order.
            var name = use.resources().get(Math.max(0, Math.min(use.resources().size() - 1, use.limit() - q.usedOnNewAccount)));
            var first = g.resources().stream().filter(r -> r.name().equals(name)).findFirst().map(RecordedResource::label).orElse(name);
            out.add(new Refusal(first, "quotas", first + ": creating it fails with " + q.error + ": the stack creates " + use.used()
                    + " counted against " + q.label() + " in " + q.per + " " + use.scope()
                    + (q.usedOnNewAccount > 0 ? " (a new account already has " + q.usedOnNewAccount + ", its default VPC's)" : "")
                    + ", whose default is " + q.awsDefault + use.requested().map(v -> " (the stack requests " + v + ")").orElse("")
                    + " (" + String.join(", ", use.resources()) + "); stay within it, or request the quota in the stack "
                    + "(aws.servicequotas.ServiceQuota, service " + q.serviceCode + ", quota " + q.code + ") or in the Service Quotas "
                    + "console before the first `pulumi up`."));
        }
        return out;
    }

    // ------------------------------------------------------------------ CloudTrail and S3 Bucket Keys

    private static final String TRAIL = "aws:cloudtrail/trail:Trail";
    private static final List<String> SSE_CONFIGS = List.of(
            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    private static final List<String> BUCKETS = List.of("aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket");

    /**
     * A trail with SSE-KMS that delivers to a bucket using an S3 Bucket Key needs {@code kms:Decrypt} for
     * CloudTrail in the key's policy, else CreateTrail fails with InsufficientEncryptionPolicyException
     * ("Configure AWS KMS key policies for CloudTrail", AWS CloudTrail User Guide). A statement counts when it
     * allows {@code cloudtrail.amazonaws.com} the action and its conditions, if any, are on the source trail or
     * account and hold for this trail.
     */
    static List<Refusal> trailsWithoutDecryptForABucketKey(StackGraph g) {
        var out = new ArrayList<Refusal>();
        for (var trail : g.ofType(TRAIL)) {
            var keyArn = trail.string("kmsKeyId");
            var bucketName = trail.string("s3BucketName");
            if (keyArn.isEmpty() || bucketName.isEmpty()) {
                continue;
            }
            var bucket = g.resources().stream().filter(b -> BUCKETS.contains(b.type())
                    && bucketName.get().equals(b.state().get("bucket"))).findFirst();
            boolean bucketKey = bucket.isPresent() && g.resources().stream()
                    .filter(c -> SSE_CONFIGS.contains(c.type()) && bucket.get().id().equals(c.inputs().get("bucket")))
                    .flatMap(c -> maps(c.inputs().get("rules")).stream())
                    .anyMatch(rule -> Boolean.TRUE.equals(rule.get("bucketKeyEnabled")));
            var key = g.withArn(keyArn.get(), k -> k.type().equals("aws:kms/key:Key"));
            if (!bucketKey || key.isEmpty()) {
                continue;
            }
            var trailArn = trail.arn().orElse("");
            var statements = key.get().string("policy").flatMap(Policies::parse).orElse(List.of());
            boolean decrypt = statements.stream().anyMatch(s -> s.effect().equals("Allow")
                    && s.principals().stream().anyMatch(p -> p.type().equals("Service") && p.value().equals("cloudtrail.amazonaws.com"))
                    && Policies.allowsAction(s, "kms:Decrypt") && holdsFor(s, trailArn));
            if (!decrypt) {
                out.add(new Refusal(trail.label(), "cloudtrail-bucket-key", trail.label() + ": CreateTrail fails with "
                        + "InsufficientEncryptionPolicyException: it encrypts with " + key.get().name() + " and delivers to "
                        + bucket.get().name() + ", which uses an S3 Bucket Key, but the key policy does not let "
                        + "cloudtrail.amazonaws.com call kms:Decrypt for " + trailArn + "; grant it (condition aws:SourceArn on "
                        + "the trail) or turn the bucket key off."));
            }
        }
        return out;
    }

    /** Whether every condition of the statement is one this check can evaluate and it holds for the trail. */
    private static boolean holdsFor(Policies.Statement s, String trailArn) {
        var account = trailArn.split(":").length > 4 ? trailArn.split(":")[4] : "";
        for (var op : s.conditions().entrySet()) {
            for (var k : op.getValue().entrySet()) {
                var key = k.getKey().toLowerCase(java.util.Locale.ROOT);
                var actual = switch (key) {
                    case "aws:sourcearn" -> trailArn;
                    case "aws:sourceaccount" -> account;
                    default -> null;
                };
                if (actual == null) {
                    return false;
                }
                boolean like = op.getKey().endsWith("Like");
                if (k.getValue().stream().noneMatch(v -> like ? Policies.matches(v, actual) : v.equals(actual))) {
                    return false;
                }
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return list instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
