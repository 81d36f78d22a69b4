package hipaa.plan;

import hipaa.offline.RecordedResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static hipaa.plan.StackPlanFixtures.arn;
import static hipaa.plan.StackPlanFixtures.res;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The diagram is derived from references only: a hand-made stack with the whole request path (client, WAF,
 * ALB, Fargate service, database), a bastion reached from an admin range, and an audit trail, drawn with no
 * knowledge of the components that would create them.
 */
class TopologyTest {

    private static List<RecordedResource> stack() {
        var all = new ArrayList<RecordedResource>();
        var vpc = res("aws:ec2/vpc:Vpc", "production-vpc", "cidrBlock", "10.100.0.0/16");
        var mvpc = res("aws:ec2/vpc:Vpc", "management-vpc", "cidrBlock", "10.10.0.0/16");
        all.add(vpc);
        all.add(mvpc);
        var subnets = new java.util.LinkedHashMap<String, RecordedResource>();
        String[][] layout = {{"public", "10.100.0.0/21", "10.100.8.0/21"}, {"app", "10.100.64.0/21", "10.100.72.0/21"},
                {"data", "10.100.128.0/21", "10.100.136.0/21"}};
        for (var t : layout) {
            for (int az = 0; az < 2; az++) {
                var letter = az == 0 ? "a" : "b";
                var s = res("aws:ec2/subnet:Subnet", "production-" + t[0] + "-" + letter, "vpcId", vpc.id(), "cidrBlock", t[1 + az],
                        "availabilityZone", "us-east-1" + letter, "tags", Map.of("Tier", t[0]));
                subnets.put(t[0] + letter, s);
                all.add(s);
            }
        }
        var mpub = res("aws:ec2/subnet:Subnet", "management-public-a", "vpcId", mvpc.id(), "cidrBlock", "10.10.0.0/21",
                "availabilityZone", "us-east-1a", "tags", Map.of("Tier", "public"));
        all.add(mpub);
        var albSg = res("aws:ec2/securityGroup:SecurityGroup", "alb-sg", "vpcId", vpc.id());
        var appSg = res("aws:ec2/securityGroup:SecurityGroup", "app-sg", "vpcId", vpc.id());
        // The database, its subnet group and its security group share one physical name, as the data component does.
        var dbSg = res("aws:ec2/securityGroup:SecurityGroup", "db-sg", "vpcId", vpc.id(), "name", "hipaa-prod-db");
        var bastionSg = res("aws:ec2/securityGroup:SecurityGroup", "bastion-sg", "vpcId", mvpc.id());
        all.addAll(List.of(albSg, appSg, dbSg, bastionSg));
        var alb = res("aws:lb/loadBalancer:LoadBalancer", "alb", "internal", false, "loadBalancerType", "application",
                "subnets", List.of(subnets.get("publica").id(), subnets.get("publicb").id()), "securityGroups", List.of(albSg.id()));
        var tg = res("aws:lb/targetGroup:TargetGroup", "app-tg", "port", 8080, "protocol", "HTTP", "vpcId", vpc.id());
        var listener = res("aws:lb/listener:Listener", "alb-https", "loadBalancerArn", arn(alb), "port", 443, "protocol", "HTTPS",
                "defaultActions", List.of(Map.of("type", "forward", "targetGroupArn", arn(tg))));
        var td = res("aws:ecs/taskDefinition:TaskDefinition", "app-task", "cpu", "512", "memory", "1024");
        var svc = res("aws:ecs/service:Service", "app", "launchType", "FARGATE", "desiredCount", 2, "taskDefinition", arn(td),
                "networkConfiguration", Map.of("subnets", List.of(subnets.get("appa").id(), subnets.get("appb").id()),
                        "securityGroups", List.of(appSg.id()), "assignPublicIp", false),
                "loadBalancers", List.of(Map.of("targetGroupArn", arn(tg), "containerPort", 8080)));
        var key = res("aws:kms/key:Key", "kms-data");
        var dbSubnets = res("aws:rds/subnetGroup:SubnetGroup", "db-subnets", "name", "hipaa-prod-db",
                "subnetIds", List.of(subnets.get("dataa").id(), subnets.get("datab").id()));
        var db = res("aws:rds/instance:Instance", "db", "identifier", "hipaa-prod-db", "dbSubnetGroupName", "hipaa-prod-db",
                "vpcSecurityGroupIds", List.of(dbSg.id()),
                "instanceClass", "db.m6g.large", "multiAz", true, "kmsKeyId", arn(key), "storageEncrypted", true);
        var bastion = res("aws:ec2/instance:Instance", "bastion", "subnetId", mpub.id(), "vpcSecurityGroupIds", List.of(bastionSg.id()),
                "instanceType", "t3.micro");
        var waf = res("aws:wafv2/webAcl:WebAcl", "waf");
        var wafAssoc = res("aws:wafv2/webAclAssociation:WebAclAssociation", "waf-alb", "resourceArn", arn(alb), "webAclArn", arn(waf));
        var bucket = res("aws:s3/bucketV2:BucketV2", "audit-archive", "bucket", "hipaa-prod-audit-archive");
        var trail = res("aws:cloudtrail/trail:Trail", "trail", "s3BucketName", "hipaa-prod-audit-archive", "kmsKeyId", arn(key));
        // An alarm on the database points at it, but is not the database: no traffic, no tier.
        var alarm = res("aws:cloudwatch/metricAlarm:MetricAlarm", "db-cpu", "dimensions", Map.of("DBInstanceIdentifier", "hipaa-prod-db",
                "TargetGroup", arn(tg)));
        all.addAll(List.of(alb, tg, listener, td, svc, key, dbSubnets, db, bastion, waf, wafAssoc, bucket, trail, alarm));
        all.add(res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "clients-to-alb", "securityGroupId", albSg.id(),
                "cidrIpv4", "0.0.0.0/0", "ipProtocol", "tcp", "fromPort", 443, "toPort", 443));
        all.add(res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-to-app-in", "securityGroupId", appSg.id(),
                "referencedSecurityGroupId", albSg.id(), "ipProtocol", "tcp", "fromPort", 8080, "toPort", 8080));
        all.add(res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "app-to-database-in", "securityGroupId", dbSg.id(),
                "referencedSecurityGroupId", appSg.id(), "ipProtocol", "tcp", "fromPort", 5432, "toPort", 5432));
        all.add(res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "bastion-to-database-in", "securityGroupId", dbSg.id(),
                "referencedSecurityGroupId", bastionSg.id(), "ipProtocol", "tcp", "fromPort", 5432, "toPort", 5432));
        all.add(res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "admins-to-bastion", "securityGroupId", bastionSg.id(),
                "cidrIpv4", "198.51.100.0/24", "ipProtocol", "tcp", "fromPort", 22, "toPort", 22));
        return all;
    }

    @Test
    void thePathClientWafAlbServiceDatabaseAndTheAdminPathAreDrawnFromReferencesAndRules() {
        var t = Topology.of(new ResourceIndex(stack(), "hipaa-prod"));
        assertThat(t.edges()).extracting(Topology.Edge::from, Topology.Edge::to, Topology.Edge::label, Topology.Edge::style)
                .containsExactlyInAnyOrder(
                        tuple("n_internet", "n_LoadBalancer_alb", "tcp 443", Topology.Style.SOLID),
                        tuple("n_WebAcl_waf", "n_LoadBalancer_alb", "filters", Topology.Style.DASHED),
                        tuple("n_LoadBalancer_alb", "n_Service_app", "HTTPS 443 to HTTP 8080, tcp 8080", Topology.Style.SOLID),
                        tuple("n_Service_app", "n_Instance_db", "tcp 5432", Topology.Style.SOLID),
                        tuple("n_Instance_bastion", "n_Instance_db", "tcp 5432", Topology.Style.SOLID),
                        tuple("n_range_198_51_100_0_24", "n_Instance_bastion", "tcp 22", Topology.Style.SOLID),
                        tuple("n_Key_kms_data", "n_Instance_db", "encrypts", Topology.Style.DASHED),
                        tuple("n_Key_kms_data", "n_Trail_trail", "encrypts", Topology.Style.DASHED),
                        tuple("n_Trail_trail", "n_BucketV2_audit_archive", "s3Bucket", Topology.Style.SOLID),
                        tuple("n_MetricAlarm_db_cpu_group", "n_Instance_db", "DBInstanceIdentifier", Topology.Style.SOLID));
    }

    @Test
    void resourcesSitInTheTierOfTheirSubnetsAndOthersInTheirGroup() {
        var t = Topology.of(new ResourceIndex(stack(), "hipaa-prod"));
        var clusterOf = new java.util.HashMap<String, String>();
        t.nodes().forEach(n -> clusterOf.put(n.id(), n.cluster()));
        assertThat(clusterOf).containsEntry("n_LoadBalancer_alb", "c_production_vpc_public")
                .containsEntry("n_Service_app", "c_production_vpc_app")
                .containsEntry("n_Instance_db", "c_production_vpc_data")
                .containsEntry("n_Instance_bastion", "c_management_vpc_public")
                .containsEntry("n_Key_kms_data", "c_group_KMS_keys")
                .containsEntry("n_Trail_trail", "c_group_Audit_and_monitoring")
                .containsEntry("n_WebAcl_waf", "c_group_Edge")
                .containsEntry("n_MetricAlarm_db_cpu_group", "c_group_Audit_and_monitoring")
                .containsEntry("n_range_198_51_100_0_24", "");
        assertThat(t.nodes()).filteredOn(n -> n.id().equals("n_Instance_db")).extracting(Topology.Node::label, Topology.Node::shape)
                .containsExactly(tuple("db\nRDS (AZ a,b, db.m6g.large, Multi-AZ)", "cylinder"));
        assertThat(t.clusters()).extracting(Topology.Cluster::id).startsWith("c_production_vpc", "c_management_vpc",
                // tiers in address order: 10.10.0.0/21 before 10.100.0.0/21
                "c_management_vpc_public", "c_production_vpc_public", "c_production_vpc_app", "c_production_vpc_data");
        var mermaid = Diagrams.mermaid(t);
        assertThat(MermaidCheck.problems(mermaid)).isEmpty();
        assertThat(mermaid).contains("  n_LoadBalancer_alb -->|\"HTTPS 443 to HTTP 8080, tcp 8080\"| n_Service_app\n",
                "  n_WebAcl_waf -.->|\"filters\"| n_LoadBalancer_alb\n",
                "      n_Instance_db[(\"db<br>RDS (AZ a,b, db.m6g.large, Multi-AZ)\")]\n");
        var dot = Diagrams.dot(t, "fixture");
        assertThat(dot).contains("  n_WebAcl_waf -> n_LoadBalancer_alb [label=\"filters\", style=dashed];\n",
                "subgraph cluster_c_production_vpc_data {", "n_Instance_db [label=\"db\\nRDS (AZ a,b, db.m6g.large, Multi-AZ)\", shape=cylinder];");
    }
}
