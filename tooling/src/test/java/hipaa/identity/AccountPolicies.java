package hipaa.identity;

import com.google.gson.Gson;
import hipaa.offline.OfflineEngine;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every policy that one or more stacks register in one AWS account, read back from their offline runs
 * exactly as {@code pulumi up} would send them: customer managed policies and what each group attaches,
 * roles with their trust, inline, attached and boundary policies, key policies with their aliases, bucket
 * and topic policies. Questions to the {@link PolicySimulator} are built from it, with the resource policy
 * of the resource asked about attached automatically and the context keys AWS would set filled in.
 */
final class AccountPolicies {
    static final String ACCOUNT = OfflineEngine.ACCOUNT_ID;
    private static final Gson GSON = new Gson();

    /** Documents by reference; AWS managed policies are referenced by ARN and resolved by the simulator. */
    final Map<String, Object> documents = new LinkedHashMap<>();
    private final Map<String, List<String>> groupPolicies = new LinkedHashMap<>();
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final Map<String, String> keyPolicyByArn = new LinkedHashMap<>();
    private final Map<String, List<String>> aliasesByKeyArn = new LinkedHashMap<>();
    private final Map<String, String> keyArnByAlias = new LinkedHashMap<>();
    private final Map<String, String> bucketPolicyByName = new LinkedHashMap<>();
    private final Map<String, String> topicPolicyByArn = new LinkedHashMap<>();

    /**
     * @param arn        the role's ARN
     * @param identity   references of its inline and attached policies
     * @param trust      reference of its trust policy
     * @param boundary   reference of its permissions boundary, or null
     * @param tags       its tags as the program sets them
     */
    record Role(String name, String arn, List<String> identity, String trust, String boundary, Map<String, Object> tags) {}

    /**
     * Who asks.
     *
     * @param arn          the request's principal (a user, an assumed-role session or a service principal)
     * @param principalArn {@code aws:PrincipalArn}; null for a service principal
     * @param identity     its identity policies (references)
     * @param boundary     its permissions boundary (reference), or null
     * @param context      the keys AWS sets for every request it makes
     */
    record Principal(String label, String arn, String principalArn, List<String> identity, String boundary,
                     Map<String, Object> context) {}

    enum Mfa {
        /** Signed in with MFA five minutes ago. */
        SIGNED_IN_WITH_MFA,
        /** A console session without MFA: AWS grants one only to a user with no MFA device registered. */
        CONSOLE_WITHOUT_MFA,
        /** Long-term access keys: the request carries no aws:MultiFactorAuthPresent at all. */
        ACCESS_KEY
    }

    AccountPolicies(List<OfflineRun.Result> runs) {
        for (var run : runs) {
            read(run);
        }
    }

    @SuppressWarnings("unchecked")
    private void read(OfflineRun.Result run) {
        for (var p : run.ofType("aws:iam/policy:Policy")) {
            documents.put(p.arn().orElseThrow(), parse(p.string("policy").orElseThrow()));
        }
        for (var a : run.ofType("aws:iam/groupPolicyAttachment:GroupPolicyAttachment")) {
            groupPolicies.computeIfAbsent((String) a.inputs().get("group"), g -> new ArrayList<>())
                    .add((String) a.inputs().get("policyArn"));
        }
        var byId = new LinkedHashMap<String, RecordedResource>();
        for (var r : run.ofType("aws:iam/role:Role")) {
            byId.put(r.id(), r);
            byId.put((String) r.inputs().get("name"), r);
        }
        var inline = new LinkedHashMap<String, List<String>>();
        for (var p : run.ofType("aws:iam/rolePolicy:RolePolicy")) {
            var role = byId.get((String) p.inputs().get("role"));
            var ref = "inline:" + role.inputs().get("name") + ":" + p.name();
            documents.put(ref, parse(p.string("policy").orElseThrow()));
            inline.computeIfAbsent((String) role.inputs().get("name"), k -> new ArrayList<>()).add(ref);
        }
        for (var a : run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
            var role = byId.get((String) a.inputs().get("role"));
            inline.computeIfAbsent((String) role.inputs().get("name"), k -> new ArrayList<>())
                    .add((String) a.inputs().get("policyArn"));
        }
        for (var r : run.ofType("aws:iam/role:Role")) {
            var name = (String) r.inputs().get("name");
            var trust = "trust:" + name;
            documents.put(trust, parse(r.string("assumeRolePolicy").orElseThrow()));
            roles.put(name, new Role(name, r.arn().orElseThrow(), List.copyOf(inline.getOrDefault(name, List.of())), trust,
                    r.string("permissionsBoundary").orElse(null), r.map("tags")));
        }
        var keyById = new LinkedHashMap<String, String>();
        for (var k : run.ofType("aws:kms/key:Key")) {
            var arn = k.arn().orElseThrow();
            keyById.put(k.id(), arn);
            var ref = "key:" + arn;
            documents.put(ref, parse(k.string("policy").orElseThrow()));
            keyPolicyByArn.put(arn, ref);
        }
        for (var a : run.ofType("aws:kms/alias:Alias")) {
            var arn = keyById.get((String) a.inputs().get("targetKeyId"));
            var alias = (String) a.inputs().get("name");
            aliasesByKeyArn.computeIfAbsent(arn, k -> new ArrayList<>()).add(alias);
            keyArnByAlias.put(alias, arn);
        }
        var bucketById = new LinkedHashMap<String, String>();
        for (var b : run.ofType("aws:s3/bucketV2:BucketV2")) {
            bucketById.put(b.id(), (String) b.inputs().get("bucket"));
        }
        for (var p : run.ofType("aws:s3/bucketPolicy:BucketPolicy")) {
            var bucket = bucketById.get((String) p.inputs().get("bucket"));
            var ref = "bucket:" + bucket;
            documents.put(ref, parse(p.string("policy").orElseThrow()));
            bucketPolicyByName.put(bucket, ref);
        }
        for (var p : run.ofType("aws:sns/topicPolicy:TopicPolicy")) {
            var arn = (String) p.inputs().get("arn");
            documents.put("topic:" + arn, parse(p.string("policy").orElseThrow()));
            topicPolicyByArn.put(arn, "topic:" + arn);
        }
    }

    private static Object parse(String json) {
        return GSON.fromJson(json, Object.class);
    }

    static String iam(String resource) {
        return "arn:aws:iam::" + ACCOUNT + ":" + resource;
    }

    static String managed(String name) {
        return "arn:aws:iam::aws:policy/" + name;
    }

    Role role(String name) {
        return Optional.ofNullable(roles.get(name)).orElseThrow(() -> new AssertionError("no role " + name + " in " + roles.keySet()));
    }

    boolean hasRole(String name) {
        return roles.containsKey(name);
    }

    /** The ARN of the key the stack aliases {@code alias}. */
    String key(String alias) {
        return Optional.ofNullable(keyArnByAlias.get(alias)).orElseThrow(() -> new AssertionError("no key aliased " + alias));
    }

    boolean hasBucketPolicy(String bucket) {
        return bucketPolicyByName.containsKey(bucket);
    }

    // ---------------------------------------------------------------- principals

    private static Map<String, Object> base(String principalArn) {
        var c = new LinkedHashMap<String, Object>();
        c.put("aws:PrincipalArn", principalArn);
        c.put("aws:PrincipalAccount", ACCOUNT);
        c.put("aws:SecureTransport", "true");
        return c;
    }

    /** A member of an IAM group, e.g. {@code hipaa-prod-admins}, as the IAM user {@code user}. */
    Principal person(String group, String user, Mfa mfa) {
        var policies = groupPolicies.get(group);
        if (policies == null) {
            throw new AssertionError("no group " + group + " in " + groupPolicies.keySet());
        }
        var arn = iam("user/" + user);
        var c = base(arn);
        c.put("aws:username", user);
        c.put("aws:PrincipalType", "User");
        switch (mfa) {
            case SIGNED_IN_WITH_MFA -> {
                c.put("aws:MultiFactorAuthPresent", "true");
                c.put("aws:MultiFactorAuthAge", "300");
            }
            case CONSOLE_WITHOUT_MFA -> c.put("aws:MultiFactorAuthPresent", "false");
            case ACCESS_KEY -> { }
        }
        return new Principal(user + " (" + group + ", " + mfa + ")", arn, arn, List.copyOf(policies), null, c);
    }

    /** A session of one of the stacks' roles. */
    Principal session(String roleName) {
        var role = role(roleName);
        var c = base(role.arn());
        c.put("aws:PrincipalType", "AssumedRole");
        if (roleName.endsWith("-break-glass")) {
            c.put("aws:MultiFactorAuthPresent", "true");
            c.put("aws:MultiFactorAuthAge", "300");
        }
        return new Principal(roleName, "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleName + "/session", role.arn(),
                role.identity(), role.boundary(), c);
    }

    /**
     * A user or role an admin made, with AdministratorAccess and the stack's boundary: the most such a principal
     * can hold.
     */
    Principal createdByAdmin(String boundaryArn) {
        var arn = iam("user/automation");
        var c = base(arn);
        c.put("aws:username", "automation");
        c.put("aws:PrincipalType", "User");
        return new Principal("automation (AdministratorAccess + " + boundaryArn.substring(boundaryArn.lastIndexOf('/') + 1) + ")",
                arn, arn, List.of(managed("AdministratorAccess")), boundaryArn, c);
    }

    /**
     * The deployer role {@code pulumi up} runs as (docs/DEPLOY.md): created outside the stack with
     * AdministratorAccess, no group, no boundary.
     */
    Principal deployer(String prefix) {
        var roleArn = iam("role/" + EvidenceNames.deployerRoleName(prefix));
        var c = base(roleArn);
        c.put("aws:PrincipalType", "AssumedRole");
        return new Principal(EvidenceNames.deployerRoleName(prefix), "arn:aws:sts::" + ACCOUNT + ":assumed-role/"
                + EvidenceNames.deployerRoleName(prefix) + "/deploy", roleArn, List.of(managed("AdministratorAccess")), null, c);
    }

    /**
     * A role that predates the stack, with AdministratorAccess and neither the groups' denies nor the boundary:
     * what only the resource policies (bucket and key policies) still stop.
     */
    Principal legacyAdmin() {
        var roleArn = iam("role/legacy-ops");
        var c = base(roleArn);
        c.put("aws:PrincipalType", "AssumedRole");
        return new Principal("legacy-ops (AdministratorAccess, outside the guards)", "arn:aws:sts::" + ACCOUNT
                + ":assumed-role/legacy-ops/s", roleArn, List.of(managed("AdministratorAccess")), null, c);
    }

    /** An AWS service acting through a resource policy (log delivery, encryption). */
    Principal service(String servicePrincipal) {
        var c = new LinkedHashMap<String, Object>();
        c.put("aws:SecureTransport", "true");
        return new Principal(servicePrincipal, servicePrincipal, null, List.of(), null, c);
    }

    // ---------------------------------------------------------------- questions

    /**
     * The question AWS would evaluate: the principal's policies, the resource's policy, and the context keys the
     * request carries ({@code extra} adds or overrides; a {@code null} value removes a key).
     */
    PolicySimulator.Question question(String id, Principal who, String action, String resource, Map<String, Object> extra) {
        var c = new LinkedHashMap<>(who.context());
        String resourcePolicy = null;
        if (resource.startsWith("arn:aws:s3:::")) {
            var bucket = resource.substring("arn:aws:s3:::".length()).split("/", 2)[0];
            resourcePolicy = bucketPolicyByName.get(bucket);
            c.put("s3:TlsVersion", "1.3");
        } else if (resource.startsWith("arn:aws:kms:") && resource.contains(":key/")) {
            resourcePolicy = keyPolicyByArn.get(resource);
            if (resourcePolicy == null) {
                throw new AssertionError("no key " + resource);
            }
            c.put("kms:ResourceAliases", aliasesByKeyArn.getOrDefault(resource, List.of()));
            c.put("kms:CallerAccount", ACCOUNT);
        } else if (action.equals("sts:AssumeRole")) {
            var role = roles.values().stream().filter(r -> r.arn().equals(resource)).findFirst();
            if (role.isPresent()) {
                resourcePolicy = role.get().trust();
                role.get().tags().forEach((k, v) -> c.put("iam:ResourceTag/" + k, v));
            }
        } else if (resource.startsWith("arn:aws:sns:")) {
            resourcePolicy = topicPolicyByArn.get(resource);
        }
        extra.forEach((k, v) -> {
            if (v == null) {
                c.remove(k);
            } else {
                c.put(k, v);
            }
        });
        var explicit = extra.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
        return new PolicySimulator.Question(id, who.arn(), action, resource, ACCOUNT, c, who.identity(), who.boundary(),
                resourcePolicy, explicit);
    }
}
