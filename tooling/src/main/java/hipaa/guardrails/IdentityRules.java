package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static hipaa.guardrails.Types.*;

/** IAM rules: least privilege, group-based access, MFA and the password policy. */
final class IdentityRules {
    private IdentityRules() {}

    static final List<String> POLICY_DOCUMENTS = List.of(IAM_POLICY, IAM_ROLE_POLICY, IAM_USER_POLICY, IAM_GROUP_POLICY, IAM_ROLE);
    static final List<String> ATTACHMENTS = List.of(IAM_ROLE_POLICY_ATTACHMENT, IAM_USER_POLICY_ATTACHMENT,
            IAM_GROUP_POLICY_ATTACHMENT, IAM_POLICY_ATTACHMENT, IAM_ROLE);
    static final List<String> IAM_ACCESS = Hipaa.all(Hipaa.ACCESS,
            List.of("164.308(a)(3)(ii)(A)", "164.308(a)(3)(ii)(B)", "164.308(a)(4)(i)", "164.308(a)(4)(ii)(B)", "164.308(a)(4)(ii)(C)"));

    /** The HIPAA pack's iam-password-policy parameters. */
    static final int MAX_PASSWORD_AGE = 90;
    static final int MIN_PASSWORD_LENGTH = 14;
    static final int PASSWORD_REUSE_PREVENTION = 24;

    static final List<Rule> RULES = List.of(
            Rule.each("iam-policy-no-statements-with-admin-access", IAM_ACCESS, POLICY_DOCUMENTS,
                    "No policy allows Action \"*\" on Resource \"*\" (managed, inline, role, user or group policies).",
                    "Replace the statement with the specific actions and resources the principal needs.",
                    (r, g, c) -> eachStatement(r, s -> s.allows() && (s.hasAction("*") || s.hasAction("*:*")) && s.resources().contains("*")
                            ? "allows Action " + s.actions() + " on Resource \"*\"" : null)),
            Rule.each("iam-policy-no-statements-with-full-access", IAM_ACCESS, POLICY_DOCUMENTS,
                    "No policy allows every action of a service (\"s3:*\", \"kms:*\").",
                    "List the service actions the principal needs instead of \"<service>:*\".",
                    (r, g, c) -> eachStatement(r, s -> {
                        var wild = s.allows() ? s.actions().stream().filter(a -> a.equals("*") || a.endsWith(":*")).toList() : List.<String>of();
                        return wild.isEmpty() ? null : "allows " + wild;
                    })),
            Rule.each("iam-policy-blacklisted-check", IAM_ACCESS, ATTACHMENTS,
                    "Nothing attaches the AWS managed AdministratorAccess policy.",
                    "Attach a least-privilege customer managed policy instead.",
                    IdentityRules::noAdministratorAccess),
            Rule.each("iam-user-no-policies-check", IAM_ACCESS, List.of(IAM_USER_POLICY, IAM_USER_POLICY_ATTACHMENT, IAM_POLICY_ATTACHMENT),
                    "Permissions go to groups and roles, never directly to users.",
                    "Attach the policy to a group (aws:iam/groupPolicyAttachment) and add the user to it.",
                    IdentityRules::noUserPolicies),
            Rule.each("iam-user-group-membership-check", IAM_ACCESS, List.of(IAM_USER),
                    "Every IAM user belongs to at least one group.",
                    "Add an aws:iam/userGroupMembership with user(user.name()) and groups(...).",
                    IdentityRules::userInGroup),
            Rule.each("iam-group-has-users-check", IAM_ACCESS, List.of(IAM_GROUP),
                    "Every IAM group has at least one member (no orphaned permission sets).",
                    "Add an aws:iam/groupMembership or aws:iam/userGroupMembership, or remove the group.",
                    IdentityRules::groupHasUsers),
            // AWS Config iam-no-inline-policy-check (NON_COMPLIANT when a user, role or group has any inline policy,
            // https://docs.aws.amazon.com/config/latest/developerguide/iam-no-inline-policy-check.html), cdk-nag
            // HIPAA.Security-IAMNoInlinePolicy.
            Rule.each("iam-no-inline-policy-check", IAM_ACCESS, List.of(IAM_ROLE, IAM_USER, IAM_GROUP),
                    "No role, user or group has an inline policy: permissions are customer managed policies, versioned and reviewable on their own.",
                    "Replace the aws:iam/rolePolicy (userPolicy, groupPolicy) or the role's inlinePolicies with an aws:iam/policy and an attachment (hipaa.identity.RolePermissions).",
                    IdentityRules::noInlinePolicies),
            Rule.each("hipaa-iam-group-requires-mfa", Hipaa.all(Hipaa.AUTHENTICATION, Hipaa.ACCESS), List.of(IAM_GROUP),
                    "Each group's policies deny everything (except MFA self-service) when the caller has not signed in with MFA.",
                    "Attach a policy with a Deny statement conditioned on BoolIfExists aws:MultiFactorAuthPresent \"false\".",
                    IdentityRules::groupRequiresMfa),
            Rule.required("iam-password-policy", Hipaa.PASSWORDS, List.of(IAM_PASSWORD_POLICY),
                    "The account password policy meets the HIPAA pack: 14+ characters, all four character classes, 24 remembered, 90-day maximum age.",
                    "Declare aws:iam/accountPasswordPolicy with minimumPasswordLength(14), requireLowercase/Uppercase/Numbers/Symbols(true), passwordReusePrevention(24), maxPasswordAge(90).",
                    IdentityRules::passwordPolicy));

    /** The policy documents a resource carries: {@code policy}, or a role's {@code inlinePolicies}. */
    static List<String> documents(RecordedResource r) {
        var docs = new ArrayList<String>();
        if (r.type().equals(IAM_ROLE)) {
            In.maps(r.inputs().get("inlinePolicies")).forEach(p -> In.string(p.get("policy")).ifPresent(docs::add));
        } else {
            r.string("policy").ifPresent(docs::add);
        }
        return docs;
    }

    static Outcome eachStatement(RecordedResource r, java.util.function.Function<ParsedPolicy.Statement, String> problem) {
        for (var doc : documents(r)) {
            var parsed = ParsedPolicy.parse(doc);
            if (!parsed.parsed()) {
                return Outcome.fail("policy is not a JSON policy document");
            }
            for (var s : parsed.statements()) {
                var p = problem.apply(s);
                if (p != null) {
                    return Outcome.fail("a statement " + p);
                }
            }
        }
        return Outcome.pass();
    }

    static boolean isAdministratorAccess(Object arn) {
        return arn instanceof String s && s.matches("arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess");
    }

    static Outcome noAdministratorAccess(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        var arns = r.type().equals(IAM_ROLE) ? r.list("managedPolicyArns") : List.<Object>of(String.valueOf(r.inputs().get("policyArn")));
        for (var arn : arns) {
            if (isAdministratorAccess(arn)) {
                return Outcome.fail(In.is(r.type().equals(IAM_ROLE) ? "managedPolicyArns entry" : "policyArn", arn));
            }
        }
        return Outcome.pass();
    }

    static Outcome noUserPolicies(RecordedResource r, ResourceGraph g, GuardrailContext ctx) {
        if (r.type().equals(IAM_POLICY_ATTACHMENT)) {
            var users = r.list("users");
            return users.isEmpty() ? Outcome.pass("attaches to no users") : Outcome.fail(In.is("users", users));
        }
        return Outcome.fail("attaches a policy directly to user " + In.show(r.inputs().get("user")));
    }

    static Outcome userInGroup(RecordedResource user, ResourceGraph g, GuardrailContext ctx) {
        boolean direct = g.referencing(user, "user", IAM_USER_GROUP_MEMBERSHIP).stream().anyMatch(m -> !m.list("groups").isEmpty());
        boolean viaGroup = !g.referencing(user, "users", IAM_GROUP_MEMBERSHIP).isEmpty();
        return direct || viaGroup ? Outcome.pass()
                : Outcome.fail("no " + IAM_USER_GROUP_MEMBERSHIP + " or " + IAM_GROUP_MEMBERSHIP + " puts the user in a group");
    }

    static Outcome noInlinePolicies(RecordedResource principal, ResourceGraph g, GuardrailContext ctx) {
        var inline = new ArrayList<String>();
        // An inlinePolicies entry without a policy is the provider's way of saying "no inline policies at all".
        In.maps(principal.inputs().get("inlinePolicies")).stream().filter(p -> In.string(p.get("policy")).isPresent())
                .forEach(p -> inline.add("inlinePolicies " + In.string(p.get("name")).map(In::show).orElse("(unnamed)")));
        var attached = switch (principal.type()) {
            case IAM_ROLE -> g.referencing(principal, "role", IAM_ROLE_POLICY);
            case IAM_USER -> g.referencing(principal, "user", IAM_USER_POLICY);
            default -> g.referencing(principal, "group", IAM_GROUP_POLICY);
        };
        attached.forEach(p -> inline.add(p.name() + " (" + p.type() + ")"));
        return inline.isEmpty() ? Outcome.pass() : Outcome.fail("has inline policies: " + String.join(", ", inline));
    }

    static Outcome groupHasUsers(RecordedResource group, ResourceGraph g, GuardrailContext ctx) {
        boolean viaGroup = g.referencing(group, "group", IAM_GROUP_MEMBERSHIP).stream().anyMatch(m -> !m.list("users").isEmpty());
        boolean viaUser = !g.referencing(group, "groups", IAM_USER_GROUP_MEMBERSHIP).isEmpty();
        return viaGroup || viaUser ? Outcome.pass() : Outcome.fail("no membership resource adds a user to the group");
    }

    static Outcome groupRequiresMfa(RecordedResource group, ResourceGraph g, GuardrailContext ctx) {
        var docs = new ArrayList<String>();
        g.referencing(group, "group", IAM_GROUP_POLICY).forEach(p -> p.string("policy").ifPresent(docs::add));
        for (var att : g.referencing(group, "group", IAM_GROUP_POLICY_ATTACHMENT)) {
            g.resolve(att.inputs().get("policyArn"), IAM_POLICY).flatMap(p -> p.string("policy")).ifPresent(docs::add);
        }
        for (var doc : docs) {
            for (var s : ParsedPolicy.parse(doc).statements()) {
                if (s.denies() && (ParsedPolicy.isFalse(s.condition("BoolIfExists", "aws:MultiFactorAuthPresent"))
                        || ParsedPolicy.isFalse(s.condition("Bool", "aws:MultiFactorAuthPresent")))) {
                    return Outcome.pass();
                }
            }
        }
        return Outcome.fail("no group policy denies requests when aws:MultiFactorAuthPresent is false");
    }

    static Outcome passwordPolicy(RecordedResource p, ResourceGraph g, GuardrailContext ctx) {
        Map<String, Object> in = p.inputs();
        var len = In.integer(in.get("minimumPasswordLength"));
        if (len.isEmpty() || len.get() < MIN_PASSWORD_LENGTH) {
            return Outcome.fail(In.is("minimumPasswordLength", in.get("minimumPasswordLength")) + " (needs >= " + MIN_PASSWORD_LENGTH + ")");
        }
        for (var key : List.of("requireLowercaseCharacters", "requireUppercaseCharacters", "requireNumbers", "requireSymbols")) {
            if (!In.isTrue(in.get(key))) {
                return Outcome.fail(In.is(key, in.get(key)));
            }
        }
        var reuse = In.integer(in.get("passwordReusePrevention"));
        if (reuse.isEmpty() || reuse.get() < PASSWORD_REUSE_PREVENTION) {
            return Outcome.fail(In.is("passwordReusePrevention", in.get("passwordReusePrevention")) + " (needs >= " + PASSWORD_REUSE_PREVENTION + ")");
        }
        var age = In.integer(in.get("maxPasswordAge"));
        if (age.isEmpty() || age.get() < 1 || age.get() > MAX_PASSWORD_AGE) {
            return Outcome.fail(In.is("maxPasswordAge", in.get("maxPasswordAge")) + " (needs 1-" + MAX_PASSWORD_AGE + ")");
        }
        return Outcome.pass();
    }
}
