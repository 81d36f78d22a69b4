package hipaa.network;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.NetworkAcl;
import com.pulumi.aws.ec2.NetworkAclArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.NetworkAclEgressArgs;
import com.pulumi.aws.ec2.inputs.NetworkAclIngressArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.identity.Naming;
import hipaa.identity.PolicyDocument;
import hipaa.identity.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import hipaa.identity.RolePermissions;

/**
 * One VPC with subnet tiers across Availability Zones, closed by default.
 *
 * <p>Children (their names are the stack's identity; see docs/ARCHITECTURE.md before renaming):
 * {@code <name>-vpc}; per tier and AZ suffix ({@code a}, {@code b}, ...) a subnet {@code <name>-<tier>-<az>},
 * a route table {@code <name>-<tier>-rt-<az>} and its association {@code <name>-<tier>-rta-<az>};
 * {@code <name>-igw} and {@code <name>-<tier>-internet-<az>} routes for public tiers; NAT gateways
 * {@code <name>-nat-<az>} with {@code <name>-nat-eip-<az>} and {@code <name>-<tier>-nat-<az>} routes;
 * {@code <name>-<tier>-acl} for tiers with ACL rules; {@code <name>-default-sg} (the VPC's default security
 * group, stripped of every rule); flow logs {@code <name>-flow-logs} (log group), {@code <name>-flow-logs-role},
 * {@code <name>-flow-logs-policy} (customer managed) with {@code <name>-flow-logs-policy-attachment}, {@code <name>-flow-log}.
 *
 * <p>Fixed posture: DNS support on; no subnet assigns public IPs on launch (instances that need one get
 * an Elastic IP explicitly); isolated tiers have no route to the internet in either direction; flow logs
 * capture ALL traffic into a log group encrypted with the logs key. Supports 164.312(b) (audit controls)
 * and 164.312(e)(1) (transmission security).
 */
public final class VpcNetwork extends ComponentResource {

    public static final String TYPE = "hipaa:network:VpcNetwork";

    /** How a tier's subnets reach the internet. */
    public enum Routing {
        /** Default route to the internet gateway: load balancers, NAT gateways, bastion. */
        PUBLIC,
        /** Default route to a NAT gateway (none if the strategy is {@link NatStrategy#NONE}). */
        NAT,
        /** No route out of the VPC except peering and gateway endpoints. */
        ISOLATED
    }

    /**
     * @param name    tier name used in child names, e.g. {@code app}
     * @param routing how its subnets reach the internet
     * @param cidrs   one subnet range per AZ, in the order of {@link Args#availabilityZones()}
     * @param acl     network ACL rules; empty keeps the VPC's default ACL
     */
    public record Tier(String name, Routing routing, List<String> cidrs, List<AclRule> acl) {
        public Tier {
            cidrs = List.copyOf(cidrs);
            acl = List.copyOf(acl);
        }
    }

    /**
     * The VPC's flow logs.
     *
     * @param logsKeyArn    KMS key of the flow-log group
     * @param retentionDays how long flow logs are kept
     */
    public record FlowLogs(Output<String> logsKeyArn, int retentionDays) {
        public FlowLogs {
            Objects.requireNonNull(logsKeyArn, "logsKeyArn");
        }
    }

    /**
     * @param cidr              the VPC range
     * @param availabilityZones AZ names, e.g. {@code us-east-1a}; every tier has one subnet in each
     * @param tiers             the subnet tiers; at most one public tier carries the NAT gateways
     * @param nat               NAT for tiers with {@link Routing#NAT}
     * @param flowLogs          where and how long flow logs are kept
     * @param naming            the name prefix, and the account and Region for the flow-log role's policies
     */
    public record Args(String cidr, List<String> availabilityZones, List<Tier> tiers, NatStrategy nat,
                       FlowLogs flowLogs, Naming naming) {
        public Args {
            availabilityZones = List.copyOf(availabilityZones);
            tiers = List.copyOf(tiers);
            for (var t : tiers) {
                if (t.cidrs().size() != availabilityZones.size()) {
                    throw new IllegalArgumentException("tier " + t.name() + ": " + t.cidrs().size()
                            + " subnets for " + availabilityZones.size() + " AZs");
                }
            }
            if (tiers.stream().filter(t -> t.routing() == Routing.PUBLIC).count() > 1) {
                throw new IllegalArgumentException("at most one public tier");
            }
            Objects.requireNonNull(flowLogs, "flowLogs");
            Objects.requireNonNull(naming, "naming");
        }
    }

    public final Output<String> vpcId;
    public final String cidr;
    /** Subnet ids by tier, in AZ order. */
    public final Map<String, List<Output<String>>> subnetIds;
    /** Subnet ranges by tier, in AZ order. */
    public final Map<String, List<String>> subnetCidrs;
    /** Route table ids by tier, in AZ order; peering and gateway endpoints add routes to them. */
    public final Map<String, List<Output<String>>> routeTableIds;
    /** AZ suffixes ({@code a}, {@code b}, ...) in order, the stable keys of per-AZ children. */
    public final List<String> azSuffixes;
    public final Output<String> flowLogGroupName;

    public VpcNetwork(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        this.cidr = args.cidr();
        this.azSuffixes = args.availabilityZones().stream().map(VpcNetwork::suffix).toList();

        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(args.cidr())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(Map.of("Name", args.naming().namePrefix() + "-" + name))
                .build(), child);
        this.vpcId = vpc.id();

        // Adopting the default security group with no rules removes AWS's allow-all-within-group default.
        new DefaultSecurityGroup(name + "-default-sg", DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", args.naming().namePrefix() + "-" + name + "-default-closed"))
                .build(), child);

        var subnets = new LinkedHashMap<String, List<Subnet>>();
        var cidrs = new LinkedHashMap<String, List<String>>();
        for (var tier : args.tiers()) {
            var list = new ArrayList<Subnet>();
            for (int i = 0; i < azSuffixes.size(); i++) {
                var az = azSuffixes.get(i);
                list.add(new Subnet(name + "-" + tier.name() + "-" + az, SubnetArgs.builder()
                        .vpcId(vpc.id())
                        .cidrBlock(tier.cidrs().get(i))
                        .availabilityZone(args.availabilityZones().get(i))
                        .mapPublicIpOnLaunch(false)
                        .tags(Map.of("Name", args.naming().namePrefix() + "-" + name + "-" + tier.name() + "-" + az,
                                "Tier", tier.name()))
                        .build(), child));
            }
            subnets.put(tier.name(), List.copyOf(list));
            cidrs.put(tier.name(), tier.cidrs());
        }

        var publicTier = args.tiers().stream().filter(t -> t.routing() == Routing.PUBLIC).findFirst();
        InternetGateway igw = publicTier.isEmpty() ? null : new InternetGateway(name + "-igw",
                InternetGatewayArgs.builder().vpcId(vpc.id())
                        .tags(Map.of("Name", args.naming().namePrefix() + "-" + name)).build(), child);

        boolean needsNat = args.nat() != NatStrategy.NONE
                && args.tiers().stream().anyMatch(t -> t.routing() == Routing.NAT);
        if (needsNat && publicTier.isEmpty()) {
            throw new IllegalArgumentException(name + ": NAT needs a public tier to live in");
        }
        var nats = new ArrayList<NatGateway>();
        if (needsNat) {
            int count = args.nat() == NatStrategy.PER_AZ ? azSuffixes.size() : 1;
            for (int i = 0; i < count; i++) {
                var az = azSuffixes.get(i);
                var eip = new Eip(name + "-nat-eip-" + az, EipArgs.builder().domain("vpc")
                        .tags(Map.of("Name", args.naming().namePrefix() + "-" + name + "-nat-" + az)).build(), child);
                nats.add(new NatGateway(name + "-nat-" + az, NatGatewayArgs.builder()
                        .allocationId(eip.id())
                        .subnetId(subnets.get(publicTier.get().name()).get(i).id())
                        .tags(Map.of("Name", args.naming().namePrefix() + "-" + name + "-nat-" + az))
                        .build(), CustomResourceOptions.builder().parent(this).dependsOn(igw).build()));
            }
        }

        var tables = new LinkedHashMap<String, List<Output<String>>>();
        for (var tier : args.tiers()) {
            var ids = new ArrayList<Output<String>>();
            for (int i = 0; i < azSuffixes.size(); i++) {
                var az = azSuffixes.get(i);
                var rt = new RouteTable(name + "-" + tier.name() + "-rt-" + az, RouteTableArgs.builder()
                        .vpcId(vpc.id())
                        .tags(Map.of("Name", args.naming().namePrefix() + "-" + name + "-" + tier.name() + "-" + az,
                                "Tier", tier.name()))
                        .build(), child);
                new RouteTableAssociation(name + "-" + tier.name() + "-rta-" + az, RouteTableAssociationArgs.builder()
                        .subnetId(subnets.get(tier.name()).get(i).id())
                        .routeTableId(rt.id())
                        .build(), child);
                switch (tier.routing()) {
                    case PUBLIC -> new Route(name + "-" + tier.name() + "-internet-" + az, RouteArgs.builder()
                            .routeTableId(rt.id())
                            .destinationCidrBlock("0.0.0.0/0")
                            .gatewayId(igw.id())
                            .build(), child);
                    case NAT -> {
                        if (!nats.isEmpty()) {
                            new Route(name + "-" + tier.name() + "-nat-" + az, RouteArgs.builder()
                                    .routeTableId(rt.id())
                                    .destinationCidrBlock("0.0.0.0/0")
                                    .natGatewayId(nats.get(Math.min(i, nats.size() - 1)).id())
                                    .build(), child);
                        }
                    }
                    case ISOLATED -> {
                        // Deliberately no default route: PHI stores never talk to the internet.
                    }
                }
                ids.add(rt.id());
            }
            tables.put(tier.name(), List.copyOf(ids));

            if (!tier.acl().isEmpty()) {
                networkAcl(name + "-" + tier.name() + "-acl", vpc, subnets.get(tier.name()), tier.acl(),
                        args.naming().namePrefix() + "-" + name + "-" + tier.name(), child);
            }
        }

        this.flowLogGroupName = flowLogs(name, vpc, args, child);

        var ids = new LinkedHashMap<String, List<Output<String>>>();
        subnets.forEach((tier, list) -> ids.put(tier, list.stream().map(Subnet::id).toList()));
        this.subnetIds = java.util.Collections.unmodifiableMap(ids);
        this.subnetCidrs = java.util.Collections.unmodifiableMap(cidrs);
        this.routeTableIds = java.util.Collections.unmodifiableMap(tables);

        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("vpcId", vpcId);
        outputs.put("cidr", Output.of(cidr));
        outputs.put("flowLogGroupName", flowLogGroupName);
        subnetIds.forEach((tier, list) -> outputs.put(tier + "SubnetIds", Output.all(list)));
        registerOutputs(outputs);
    }

    /** All subnet ids of one tier as one output, as stack outputs and other components want them. */
    public Output<List<String>> subnetIdsOf(String tier) {
        return Output.all(Objects.requireNonNull(subnetIds.get(tier), tier));
    }

    /** This VPC and the subnets of one tier, where a component's network interfaces go. */
    public Placement placement(String tier) {
        return new Placement(vpcId, subnetIdsOf(tier));
    }

    static String suffix(String az) {
        // us-east-1a -> a; the letter is stable for the account, unlike a list index.
        int i = az.length() - 1;
        while (i > 0 && Character.isLetter(az.charAt(i - 1)) && !Character.isDigit(az.charAt(i - 1))) {
            i--;
        }
        return az.substring(i);
    }

    private void networkAcl(String resourceName, Vpc vpc, List<Subnet> subnets, List<AclRule> rules,
                            String physicalName, CustomResourceOptions child) {
        var ingress = rules.stream().filter(r -> !r.egress()).map(r -> NetworkAclIngressArgs.builder()
                .ruleNo(r.ruleNumber()).protocol(r.protocol()).action(r.action()).cidrBlock(r.cidr())
                .fromPort(r.fromPort()).toPort(r.toPort()).build()).toList();
        var egress = rules.stream().filter(AclRule::egress).map(r -> NetworkAclEgressArgs.builder()
                .ruleNo(r.ruleNumber()).protocol(r.protocol()).action(r.action()).cidrBlock(r.cidr())
                .fromPort(r.fromPort()).toPort(r.toPort()).build()).toList();
        new NetworkAcl(resourceName, NetworkAclArgs.builder()
                .vpcId(vpc.id())
                .subnetIds(Output.all(subnets.stream().map(Subnet::id).toList()))
                .ingress(ingress)
                .egress(egress)
                .tags(Map.of("Name", physicalName))
                .build(), child);
    }

    private Output<String> flowLogs(String name, Vpc vpc, Args args, CustomResourceOptions child) {
        var groupName = "/" + args.naming().namePrefix() + "/vpc/" + name + "/flow-logs";
        var group = new LogGroup(name + "-flow-logs", LogGroupArgs.builder()
                .name(groupName)
                .retentionInDays(args.flowLogs().retentionDays())
                .kmsKeyId(args.flowLogs().logsKeyArn())
                .build(), child);
        var account = args.naming().account();
        // AWS's trust for this role plus the confused-deputy conditions it recommends, the flow-log id wildcarded
        // as it suggests when the id is not known yet ("IAM role for publishing flow logs to CloudWatch Logs",
        // Amazon VPC User Guide).
        var trust = PolicyDocument.of(Statement.assumeRole("VpcFlowLogsFromThisAccount", "Service", "vpc-flow-logs.amazonaws.com")
                .condition("StringEquals", "aws:SourceAccount", account.accountId())
                .condition("ArnLike", "aws:SourceArn", account.arn("ec2", "vpc-flow-log/*")));
        var role = new Role(name + "-flow-logs-role", RoleArgs.builder()
                .name(args.naming().namePrefix() + "-" + name + "-flow-logs")
                .description("Lets VPC Flow Logs write " + groupName + " and nothing else")
                .assumeRolePolicy(trust.toJson())
                .build(), child);
        var groupArn = account.arn("logs", "log-group:" + groupName);
        var policy = RolePermissions.attach(name + "-flow-logs-policy", args.naming().namePrefix() + "-" + name + "-flow-logs",
                "Lets VPC Flow Logs write " + groupName + " and nothing else", role.name(),
                Output.of(PolicyDocument.of(Statement.allow("WriteThisFlowLogGroupOnly")
                        .actions("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams",
                                "logs:DescribeLogGroups")
                        .resources(groupArn, groupArn + ":*")).toJson()), child).attachment();
        new FlowLog(name + "-flow-log", FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(group.arn())
                .iamRoleArn(role.arn())
                .maxAggregationInterval(60)
                .tags(Map.of("Name", args.naming().namePrefix() + "-" + name))
                // The role exists before its policy is attached: a flow log created in between cannot deliver.
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(policy).build());
        return group.name();
    }
}
