package hipaa.network;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way this program builds a security group and its rules.
 *
 * <p>A group is created with no inline rules unless it says otherwise, so that each allowed flow is its
 * own {@code aws.vpc.SecurityGroupIngressRule}/{@code SecurityGroupEgressRule} resource (one port, one
 * peer): the provider removes AWS's default allow-all egress rule when it creates a group, so the group
 * allows nothing a rule resource does not name. Inline rules and rule resources must never meet on one
 * group: they overwrite each other (Pulumi Registry, AWS provider 6.x, {@code aws.ec2.SecurityGroup}:
 * "You should not use the aws.ec2.SecurityGroup resource with in-line rules ... in conjunction with the
 * aws.vpc.SecurityGroupEgressRule and aws.vpc.SecurityGroupIngressRule resources").
 *
 * <p>The group's physical name is its {@code Name} tag. What differs between groups is what each owner
 * states when it creates one: {@link OnDelete} and {@link Egress} have no default.
 */
public final class SecurityGroups {
    private SecurityGroups() {}

    /** What deleting (or replacing) the group does with the rules on it ({@code revokeRulesOnDelete}). */
    public enum OnDelete {
        /** Input left unset (the provider's default, false): a rule another group references can block the delete. */
        PROVIDER_DEFAULT,
        /** {@code revokeRulesOnDelete: true}: rules other components add (the audited flows) cannot block a replacement. */
        REVOKE_RULES
    }

    /** Who manages the group's egress. */
    public enum Egress {
        /** Input left unset: egress comes only from rule resources; the group starts with none. */
        RULE_RESOURCES,
        /**
         * {@code egress: []}: the group manages its egress inline as the empty list, so any egress rule added
         * outside it is removed again. For groups that only answer (a database, interface endpoints).
         */
        NONE_INLINE
    }

    /**
     * Starts a group.
     *
     * @param name         the group's logical name
     * @param physicalName the group's name in AWS, also its {@code Name} tag
     * @param vpcId        the VPC it belongs to
     * @param opts         options the group is registered with (parent: the owning component)
     */
    public static Group group(String name, String physicalName, Output<String> vpcId, CustomResourceOptions opts) {
        return new Group(name, physicalName, vpcId, opts);
    }

    /** Starts an ingress rule on {@code groupId}, registered as {@code name}. */
    public static Rule ingress(String name, Output<String> groupId, CustomResourceOptions opts) {
        return new Rule(true, name, groupId, opts);
    }

    /** Starts an egress rule on {@code groupId}, registered as {@code name}. */
    public static Rule egress(String name, Output<String> groupId, CustomResourceOptions opts) {
        return new Rule(false, name, groupId, opts);
    }

    /** A security group being built: a description, then {@link #create(OnDelete, Egress)}. */
    public static final class Group {
        private final String name;
        private final String physicalName;
        private final Output<String> vpcId;
        private final CustomResourceOptions opts;
        private String description;
        private final List<SecurityGroupIngressArgs> inlineIngress = new ArrayList<>();

        private Group(String name, String physicalName, Output<String> vpcId, CustomResourceOptions opts) {
            this.name = Objects.requireNonNull(name, "name");
            this.physicalName = Objects.requireNonNull(physicalName, name + ": physicalName");
            this.vpcId = Objects.requireNonNull(vpcId, name + ": vpcId");
            this.opts = Objects.requireNonNull(opts, "opts");
        }

        /** What the group is for. AWS has no update for it: changing it replaces the group. */
        public Group description(String description) {
            this.description = description;
            return this;
        }

        /**
         * An inline ingress rule from an address range. Only for a group no rule resource will ever name
         * (see the class comment); with it the group manages all its ingress inline.
         */
        public Group inlineIngress(String protocol, int port, String cidr, String description) {
            inlineIngress.add(SecurityGroupIngressArgs.builder()
                    .description(description)
                    .protocol(protocol).fromPort(port).toPort(port)
                    .cidrBlocks(cidr)
                    .build());
            return this;
        }

        /** Registers the group; what it does on delete and who manages its egress are the owner's to state. */
        public SecurityGroup create(OnDelete onDelete, Egress egress) {
            Objects.requireNonNull(description, name + ": description");
            var args = SecurityGroupArgs.builder()
                    .vpcId(vpcId)
                    .name(physicalName)
                    .description(description)
                    .tags(Map.of("Name", physicalName));
            if (onDelete == OnDelete.REVOKE_RULES) {
                args.revokeRulesOnDelete(true);
            }
            if (egress == Egress.NONE_INLINE) {
                args.egress(List.of());
            }
            if (!inlineIngress.isEmpty()) {
                args.ingress(List.copyOf(inlineIngress));
            }
            return new SecurityGroup(name, args.build(), opts);
        }
    }

    /** One rule: one protocol, one port, one peer (an address range or another group). */
    public static final class Rule {
        private final boolean ingress;
        private final String name;
        private final Output<String> groupId;
        private final CustomResourceOptions opts;
        private String protocol;
        private Integer port;
        private String cidr;
        private Output<String> peerGroupId;
        private String prefixListId;
        private String description;
        private Optional<String> nameTag = Optional.empty();

        private Rule(boolean ingress, String name, Output<String> groupId, CustomResourceOptions opts) {
            this.ingress = ingress;
            this.name = Objects.requireNonNull(name, "name");
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            this.opts = Objects.requireNonNull(opts, "opts");
        }

        public Rule tcp(int port) {
            return port("tcp", port);
        }

        public Rule port(String protocol, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + ": port " + port + " is outside 1-65535");
            }
            this.protocol = protocol;
            this.port = port;
            return this;
        }

        /** The peer is an address range: where traffic comes from (ingress) or goes to (egress). */
        public Rule cidr(String cidr) {
            this.cidr = cidr;
            return this;
        }

        /** The peer is another security group, so the rule follows its members rather than their addresses. */
        public Rule peerGroup(Output<String> groupId) {
            this.peerGroupId = groupId;
            return this;
        }

        /**
         * The peer is a managed prefix list, such as AWS's list of CloudFront's origin-facing servers, which
         * AWS keeps current and which counts as its weight against the group's rule quota.
         */
        public Rule prefixList(String prefixListId) {
            this.prefixListId = prefixListId;
            return this;
        }

        /** Why the flow exists (shown in the console next to the rule). */
        public Rule description(String description) {
            this.description = description;
            return this;
        }

        /** A {@code Name} tag on the rule; without it the rule carries no tags. */
        public Rule nameTag(String value) {
            this.nameTag = Optional.of(value);
            return this;
        }

        public void create() {
            Objects.requireNonNull(protocol, name + ": port");
            Objects.requireNonNull(description, name + ": description");
            if ((cidr != null ? 1 : 0) + (peerGroupId != null ? 1 : 0) + (prefixListId != null ? 1 : 0) != 1) {
                throw new IllegalArgumentException(name + ": a rule names exactly one peer, an address range, a group "
                        + "or a prefix list");
            }
            var tags = nameTag.map(v -> Map.of("Name", v));
            if (ingress) {
                var args = SecurityGroupIngressRuleArgs.builder().securityGroupId(groupId).description(description)
                        .ipProtocol(protocol).fromPort(port).toPort(port);
                args = cidr != null ? args.cidrIpv4(cidr)
                        : prefixListId != null ? args.prefixListId(prefixListId) : args.referencedSecurityGroupId(peerGroupId);
                tags.ifPresent(args::tags);
                new SecurityGroupIngressRule(name, args.build(), opts);
            } else {
                var args = SecurityGroupEgressRuleArgs.builder().securityGroupId(groupId).description(description)
                        .ipProtocol(protocol).fromPort(port).toPort(port);
                args = cidr != null ? args.cidrIpv4(cidr)
                        : prefixListId != null ? args.prefixListId(prefixListId) : args.referencedSecurityGroupId(peerGroupId);
                tags.ifPresent(args::tags);
                new SecurityGroupEgressRule(name, args.build(), opts);
            }
        }
    }
}
