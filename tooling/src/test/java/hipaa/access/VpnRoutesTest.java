package hipaa.access;

import hipaa.offline.OfflineRun;
import hipaa.testing.AppStacks;
import hipaa.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the VPN tells its clients they can reach and what its security group lets them reach are the same
 * ranges, on every real stack and the fixture that runs the EC2 app too. Clients leave the server with its
 * address, so the security group's egress is their only way into the VPCs: the server pushes a route to
 * exactly the subnets where its group's egress rules end (the subnets of the database and of the instances
 * they name), and forwards to nothing else.
 */
class VpnRoutesTest {

    static final Pattern PUSH_ROUTES = Pattern.compile("readonly -a PUSH_ROUTES=\\(([^)]*)\\)");
    static final Pattern ROUTED_CIDRS = Pattern.compile("readonly -a ROUTED_CIDRS=\\(([^)]*)\\)");

    static Stream<String> cases() {
        return AppStacks.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thePushedRoutesAreExactlyTheSubnetsTheSecurityGroupReaches(String name) {
        var run = AppStacks.run(name);
        assertThat(run.succeeded()).as(run::failure).isTrue();
        var userData = run.named("aws:ec2/instance:Instance", "vpn-instance").string("userData").orElseThrow();
        var routed = words(ROUTED_CIDRS, userData);
        var pushed = words(PUSH_ROUTES, userData);

        var reached = new TreeSet<String>();
        var vpnSg = run.named("aws:ec2/securityGroup:SecurityGroup", "vpn-sg").id();
        for (var rule : run.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")) {
            if (!vpnSg.equals(rule.string("securityGroupId").orElse(""))) {
                continue;
            }
            var target = rule.string("referencedSecurityGroupId");
            if (target.isEmpty()) {
                // The server's own way out to AWS APIs and package repositories; clients are never forwarded there.
                assertThat(rule.inputs()).containsEntry("cidrIpv4", "0.0.0.0/0").containsEntry("fromPort", 443.0);
                continue;
            }
            var subnets = subnetsUsing(run, target.get());
            assertThat(subnets).as("the subnets of the members of " + target.get()).isNotEmpty();
            reached.addAll(subnets);
        }
        assertThat(new TreeSet<>(routed)).as(name + ": forwarded ranges").isEqualTo(reached);
        assertThat(pushed).as(name + ": pushed routes, network and mask").containsExactlyElementsOf(
                routed.stream().map(VpnRoutesTest::networkAndMask).toList());
        // The app subnets are reached (over SSH) only when the EC2 app runs; the management VPC never.
        var settings = AppStacks.settings(name);
        assertThat(routed).doesNotContain(settings.network().management().cidr())
                .containsAll(settings.network().production().dataSubnets());
        assertThat(routed.containsAll(settings.network().production().appSubnets())).isEqualTo(settings.app().ec2().enabled());
    }

    /** The CIDRs of the subnets a security group's members (database, instances of a group) run in. */
    static Set<String> subnetsUsing(OfflineRun.Result run, String securityGroupId) {
        var subnetIds = new ArrayList<String>();
        for (var db : run.ofType("aws:rds/instance:Instance")) {
            if (db.list("vpcSecurityGroupIds").contains(securityGroupId)) {
                var groupName = db.string("dbSubnetGroupName").orElseThrow();
                run.ofType("aws:rds/subnetGroup:SubnetGroup").stream()
                        .filter(g -> groupName.equals(g.string("name").orElse("")))
                        .forEach(g -> g.list("subnetIds").forEach(s -> subnetIds.add((String) s)));
            }
        }
        for (var lt : run.ofType("aws:ec2/launchTemplate:LaunchTemplate")) {
            var members = Stacks.maps(lt.list("networkInterfaces")).stream()
                    .anyMatch(ni -> ((List<?>) ni.getOrDefault("securityGroups", List.of())).contains(securityGroupId));
            if (members) {
                run.ofType("aws:autoscaling/group:Group").stream()
                        .filter(g -> lt.id().equals(g.map("launchTemplate").get("id")))
                        .forEach(g -> g.list("vpcZoneIdentifiers").forEach(s -> subnetIds.add((String) s)));
            }
        }
        var cidrs = new TreeSet<String>();
        for (var id : subnetIds) {
            cidrs.add(run.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.id().equals(id)).findFirst()
                    .flatMap(s -> s.string("cidrBlock")).orElseThrow(() -> new AssertionError("no subnet " + id)));
        }
        return cidrs;
    }

    /** The single-quoted words of a bash array in the rendered user data. */
    static List<String> words(Pattern array, String userData) {
        var m = array.matcher(userData);
        assertThat(m.find()).as(array.pattern()).isTrue();
        var out = new ArrayList<String>();
        var w = Pattern.compile("'([^']*)'").matcher(m.group(1));
        while (w.find()) {
            out.add(w.group(1));
        }
        return out;
    }

    static String networkAndMask(String cidr) {
        int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return cidr.substring(0, cidr.indexOf('/')) + " " + ((mask >> 24) & 255) + "." + ((mask >> 16) & 255) + "."
                + ((mask >> 8) & 255) + "." + (mask & 255);
    }
}
