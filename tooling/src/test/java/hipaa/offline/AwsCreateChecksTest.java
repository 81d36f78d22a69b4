package hipaa.offline;

import com.pulumi.Context;
import com.pulumi.aws.cloudtrail.Trail;
import com.pulumi.aws.cloudtrail.TrailArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.PeeringConnectionOptions;
import com.pulumi.aws.ec2.PeeringConnectionOptionsArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcPeeringConnection;
import com.pulumi.aws.ec2.VpcPeeringConnectionArgs;
import com.pulumi.aws.ec2.inputs.PeeringConnectionOptionsAccepterArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.kms.Grant;
import com.pulumi.aws.kms.GrantArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.servicequotas.ServiceQuota;
import com.pulumi.aws.servicequotas.ServiceQuotaArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The general cases of AWS's create-time rules, on small programs: each refused the way AWS would refuse it,
 * with a message naming the resource, and accepted once done as AWS documents it.
 */
class AwsCreateChecksTest {

    static final String ACCOUNT = OfflineEngine.ACCOUNT_ID;
    static final String DEFAULT_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

    static OfflineRun.Result run(Consumer<Context> program) {
        var run = OfflineRun.run(new StackFiles.StackConfig("hipaa", "unit", Map.of("aws:region", "us-east-1"), Set.of()), false, program);
        assertThat(run.result().exitCode()).as(run::failure).isZero();
        return run;
    }

    static void refused(OfflineRun.Result run, String... messages) {
        assertThat(run.succeeded()).isFalse();
        assertThat(run.refusals()).extracting(AwsCreateChecks.Refusal::message).containsExactly(messages);
        assertThat(run.failure()).startsWith("Stack 'unit': AWS would refuse " + messages.length
                + (messages.length == 1 ? " resource" : " resources") + " at creation")
                .contains(List.of(messages).stream().map(m -> "\n  - " + m).toList());
    }

    static void accepted(OfflineRun.Result run) {
        assertThat(run.refusals()).extracting(AwsCreateChecks.Refusal::message).isEmpty();
        assertThat(run.succeeded()).as(run::failure).isTrue();
    }

    static String keyPolicy(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":\"Use\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";
    }

    static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    // ------------------------------------------------------------------ principals

    @Test
    void aKeyPolicyNamingAutoScalingsDefaultRoleIsRefusedAsKmsRefusesIt() {
        refused(run(ctx -> new Key("data", KeyArgs.builder().policy(keyPolicy(DEFAULT_ROLE)).build())),
                "data (aws:kms/key:Key): CreateKey fails with MalformedPolicyDocumentException: its key policy names "
                        + DEFAULT_ROLE + ", which this stack does not create and AWS does not guarantee to exist (AWS creates a "
                        + "default service-linked role only with the account's first use of its service); name only service "
                        + "principals, account roots and roles, users or service-linked roles the stack creates before it (a KMS "
                        + "grant gives a role created later the use of a key).");
    }

    @Test
    void aRoleOfTheStackMayBeNamedOnlyByWhatWaitsForIt() {
        var arn = "arn:aws:iam::" + ACCOUNT + ":role/app";
        // Named by a string: nothing orders the key after the role, and KMS may see it missing.
        refused(run(ctx -> {
                    new Role("app", RoleArgs.builder().name("app").assumeRolePolicy(EC2_TRUST).build());
                    new Key("data", KeyArgs.builder().policy(keyPolicy(arn)).build());
                }),
                "data (aws:kms/key:Key): CreateKey fails with MalformedPolicyDocumentException: its key policy names " + arn
                        + " (app (aws:iam/role:Role)), which the engine may create after it: nothing makes data wait for app; name "
                        + "only service principals, account roots and roles, users or service-linked roles the stack creates before "
                        + "it (a KMS grant gives a role created later the use of a key).");
        // Named through the role's output: the engine creates the role first.
        accepted(run(ctx -> {
            var role = new Role("app", RoleArgs.builder().name("app").assumeRolePolicy(EC2_TRUST).build());
            new Key("data", KeyArgs.builder().policy(role.arn().applyValue(AwsCreateChecksTest::keyPolicy)).build());
        }));
    }

    @Test
    void aGrantToAPrincipalTheStackDoesNotCreateIsRefused() {
        var arn = "arn:aws:iam::" + ACCOUNT + ":role/elsewhere";
        refused(run(ctx -> {
                    var key = new Key("data", KeyArgs.builder().policy(keyPolicy("arn:aws:iam::" + ACCOUNT + ":root")).build());
                    new Grant("ebs", GrantArgs.builder().keyId(key.arn()).granteePrincipal(arn).operations("Decrypt").build());
                }),
                "ebs (aws:kms/grant:Grant): CreateGrant fails with InvalidArnException: its granteePrincipal is " + arn
                        + ", which this stack does not create and AWS does not guarantee to exist; grant to a role the stack "
                        + "creates before the grant.");
    }

    @Test
    void servicesAccountRootsAndEveryoneAreAlwaysValidPrincipals() {
        accepted(run(ctx -> new Key("logs", KeyArgs.builder().policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::" + ACCOUNT + ":root\",\"127311923021\"]},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logs.amazonaws.com\"},"
                + "\"Action\":\"kms:Encrypt\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:*\","
                + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}").build())));
    }

    // ------------------------------------------------------------------ security groups across a peering

    /** Two VPCs, a group in each, and optionally their peering; the rule waits for {@code after}. */
    static void twoVpcs(boolean peered, boolean waits) {
        var a = new Vpc("a", VpcArgs.builder().cidrBlock("10.0.0.0/16").build());
        var b = new Vpc("b", VpcArgs.builder().cidrBlock("10.1.0.0/16").build());
        var sgA = new SecurityGroup("a-sg", SecurityGroupArgs.builder().vpcId(a.id()).build());
        var sgB = new SecurityGroup("b-sg", SecurityGroupArgs.builder().vpcId(b.id()).build());
        var options = CustomResourceOptions.builder();
        if (peered) {
            var peering = new VpcPeeringConnection("a-b", VpcPeeringConnectionArgs.builder().vpcId(a.id()).peerVpcId(b.id())
                    .autoAccept(true).build());
            var dns = new PeeringConnectionOptions("a-b-options", PeeringConnectionOptionsArgs.builder()
                    .vpcPeeringConnectionId(peering.id())
                    .accepter(PeeringConnectionOptionsAccepterArgs.builder().allowRemoteVpcDnsResolution(true).build()).build());
            if (waits) {
                options.dependsOn(peering, dns);
            }
        }
        new SecurityGroupIngressRule("b-to-a", SecurityGroupIngressRuleArgs.builder().securityGroupId(sgA.id())
                .referencedSecurityGroupId(sgB.id()).ipProtocol("tcp").fromPort(5432).toPort(5432).build(), options.build());
        new SecurityGroupIngressRule("a-to-a", SecurityGroupIngressRuleArgs.builder().securityGroupId(sgA.id())
                .referencedSecurityGroupId(sgA.id()).ipProtocol("tcp").fromPort(22).toPort(22).build());
    }

    @Test
    void aRuleReferencingAGroupOfThePeerVpcMustWaitForThePeeringAndItsOptions() {
        refused(run(ctx -> twoVpcs(true, false)),
                "b-to-a (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule): AuthorizeSecurityGroupIngress fails with "
                        + "InvalidGroup.NotFound: it references b-sg of b from a-sg of a, which AWS accepts only once the peering is "
                        + "active, but nothing makes the rule wait for a-b and a-b-options; make it depend on them.");
        accepted(run(ctx -> twoVpcs(true, true)));
    }

    @Test
    void aRuleReferencingAGroupOfAnUnpeeredVpcIsRefused() {
        refused(run(ctx -> twoVpcs(false, false)),
                "b-to-a (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule): AuthorizeSecurityGroupIngress fails with "
                        + "InvalidGroup.NotFound: it references b-sg of b from a-sg of a, and no peering connection of this stack "
                        + "joins the two VPCs; peer them, or reference the other side by its address range.");
    }

    // ------------------------------------------------------------------ quotas

    @Test
    void aSixthElasticIpInARegionIsRefusedUnlessTheStackRequestsTheQuota() {
        refused(run(ctx -> IntStream.rangeClosed(1, 6).forEach(i ->
                        new Eip("eip-" + i, EipArgs.builder().domain("vpc").build()))),
                "eip-6 (aws:ec2/eip:Eip): creating it fails with AddressLimitExceeded: the stack creates 6 counted against "
                        + "EC2-VPC Elastic IPs (ec2/L-0263D0A3) in Region us-east-1, whose default is 5 (eip-1, eip-2, eip-3, eip-4, "
                        + "eip-5, eip-6); stay within it, or request the quota in the stack (aws.servicequotas.ServiceQuota, service "
                        + "ec2, quota L-0263D0A3) or in the Service Quotas console before the first `pulumi up`.");
        var run = run(ctx -> {
            new ServiceQuota("eips", ServiceQuotaArgs.builder().serviceCode("ec2").quotaCode("L-0263D0A3").value(10.0).build());
            IntStream.rangeClosed(1, 6).forEach(i -> new Eip("eip-" + i, EipArgs.builder().domain("vpc").build()));
        });
        accepted(run);
        assertThat(Quotas.uses(run.graph(), "us-east-1")).singleElement().satisfies(u -> {
            assertThat(u.overDefault()).isTrue();
            assertThat(u.requested()).contains(10);
            assertThat(u.refused()).isFalse();
        });
    }

    @Test
    void theDefaultVpcOfANewAccountCountsAgainstTheVpcQuota() {
        refused(run(ctx -> IntStream.rangeClosed(1, 5).forEach(i ->
                        new Vpc("vpc-" + i, VpcArgs.builder().cidrBlock("10." + i + ".0.0/16").build()))),
                "vpc-5 (aws:ec2/vpc:Vpc): creating it fails with VpcLimitExceeded: the stack creates 5 counted against VPCs per "
                        + "Region (vpc/L-F678F1CE) in Region us-east-1 (a new account already has 1, its default VPC's), whose default "
                        + "is 5 (vpc-1, vpc-2, vpc-3, vpc-4, vpc-5); stay within it, or request the quota in the stack "
                        + "(aws.servicequotas.ServiceQuota, service vpc, quota L-F678F1CE) or in the Service Quotas console before "
                        + "the first `pulumi up`.");
        accepted(run(ctx -> IntStream.rangeClosed(1, 4).forEach(i ->
                new Vpc("vpc-" + i, VpcArgs.builder().cidrBlock("10." + i + ".0.0/16").build()))));
    }

    @Test
    void aNetworkInterfaceWithSixSecurityGroupsIsRefused() {
        var run = run(ctx -> {
            var vpc = new Vpc("v", VpcArgs.builder().cidrBlock("10.0.0.0/16").build());
            var groups = IntStream.rangeClosed(1, 6).mapToObj(i -> new SecurityGroup("sg-" + i,
                    SecurityGroupArgs.builder().vpcId(vpc.id()).build()).id()).toList();
            new com.pulumi.aws.ec2.LaunchTemplate("lt", com.pulumi.aws.ec2.LaunchTemplateArgs.builder()
                    .vpcSecurityGroupIds(Output.all(groups)).build());
        });
        assertThat(run.refusals()).extracting(AwsCreateChecks.Refusal::resource).containsExactly("lt (aws:ec2/launchTemplate:LaunchTemplate)");
        assertThat(run.refusals().get(0).message()).contains("SecurityGroupsPerInterfaceLimitExceeded", "Security groups per network "
                + "interface (vpc/L-2AFB9258) in network interface lt");
    }

    // ------------------------------------------------------------------ CloudTrail and S3 Bucket Keys

    static void trailToBucketKey(String decryptStatement) {
        var root = "{\"Sid\":\"Root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}";
        var key = new Key("logs", KeyArgs.builder().policy("{\"Version\":\"2012-10-17\",\"Statement\":[" + root
                + (decryptStatement.isEmpty() ? "" : "," + decryptStatement) + "]}").build());
        var bucket = new BucketV2("archive", BucketV2Args.builder().bucket("archive-bucket").build());
        new BucketServerSideEncryptionConfigurationV2("archive-encryption", BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                                .builder().sseAlgorithm("aws:kms").kmsMasterKeyId(key.arn()).build())
                        .bucketKeyEnabled(true).build())
                .build());
        new Trail("trail", TrailArgs.builder().name("trail").s3BucketName(bucket.bucket()).kmsKeyId(key.arn()).build());
    }

    static String decrypt(String trailArn) {
        return "{\"Sid\":\"TrailDecrypt\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},"
                + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:SourceArn\":\"" + trailArn + "\"}}}";
    }

    @Test
    void aTrailDeliveringToABucketKeyNeedsDecryptForThatTrail() {
        var trailArn = "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/trail";
        var message = "trail (aws:cloudtrail/trail:Trail): CreateTrail fails with InsufficientEncryptionPolicyException: it "
                + "encrypts with logs and delivers to archive, which uses an S3 Bucket Key, but the key policy does not let "
                + "cloudtrail.amazonaws.com call kms:Decrypt for " + trailArn + "; grant it (condition aws:SourceArn on the trail) "
                + "or turn the bucket key off.";
        refused(run(ctx -> trailToBucketKey("")), message);
        refused(run(ctx -> trailToBucketKey(decrypt("arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/another"))), message);
        accepted(run(ctx -> trailToBucketKey(decrypt(trailArn))));
    }

    @Test
    void recordedDependenciesAreWhatTheEngineIsTold() {
        var run = run(ctx -> twoVpcs(true, true));
        assertThat(run.dependencies().get("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::b-to-a"))
                .containsExactlyInAnyOrder("aws:ec2/securityGroup:SecurityGroup::a-sg", "aws:ec2/securityGroup:SecurityGroup::b-sg",
                        "aws:ec2/vpcPeeringConnection:VpcPeeringConnection::a-b",
                        "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions::a-b-options");
        assertThat(run.dependenciesOf(run.named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "b-to-a")))
                .contains("aws:ec2/vpc:Vpc::a", "aws:ec2/vpc:Vpc::b");
    }
}
