package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.inputs.GetManagedPrefixListPlainArgs;
import com.pulumi.aws.elb.ElbFunctions;
import com.pulumi.aws.elb.inputs.GetServiceAccountPlainArgs;
import com.pulumi.core.Output;
import hipaa.alerting.OperationalAlarms;
import hipaa.audit.Audit;
import hipaa.compute.LoadBalancerTarget;
import hipaa.edge.AccessLogBucket;
import hipaa.edge.HttpsLoadBalancer;
import hipaa.edge.WebFirewall;
import hipaa.identity.Keys;
import hipaa.network.Network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edge of the application tier: the HTTPS load balancer, its access-log bucket and its web firewall.
 *
 * @param albLogs the load balancer's access-log bucket
 * @param alb     the load balancer
 * @param waf     its web ACL
 * @param appPort the port the workloads serve on
 */
public record EdgeWiring(AccessLogBucket albLogs, HttpsLoadBalancer alb, WebFirewall waf, int appPort) {

    /** The workload keys the load balancer's target groups and outputs are named by. */
    public static final String FARGATE = "fargate";
    public static final String EC2 = "ec2";

    public static EdgeWiring create(Platform platform, Keys keys, NetworkWiring network, AuditWiring audit) {
        var settings = platform.settings();
        var app = settings.app();
        var edge = app.edge();
        var account = platform.account();
        // Every Region this program accepts (regions.tsv) opened before August 2022, so ELB writes access
        // logs from a Regional AWS account, which this data source returns. A newer Region would use the
        // logdelivery.elasticloadbalancing.amazonaws.com service principal (AccessLogBucket.LogDelivery).
        var elbLogDelivery = ElbFunctions.getServiceAccountPlain(GetServiceAccountPlainArgs.builder()
                .region(settings.region()).build(), platform.invoke()).join();
        var albLogsName = AccessLogBucket.bucketName(settings.namePrefix(), account.accountId());
        var albLogs = new AccessLogBucket("alb-logs", new AccessLogBucket.Args(platform.naming(),
                AccessLogBucket.LogDelivery.regionalAccount(elbLogDelivery.arn()), edge.albAccessLogRetentionDays(), Optional.of(new AccessLogBucket.ServerAccessLogs(
                        audit.audit().accessLogBucketName, Audit.ACCESS_LOG_PREFIX + albLogsName + "/")),
                platform.protect()), platform.opts());

        var workloads = new ArrayList<HttpsLoadBalancer.Workload>();
        if (app.fargate().enabled()) {
            workloads.add(new HttpsLoadBalancer.Workload(FARGATE, "ip"));
        }
        if (app.ec2().enabled()) {
            // Beside Fargate, the instances get only the paths the stack names; alone, they get every request.
            workloads.add(new HttpsLoadBalancer.Workload(EC2, "instance",
                    app.fargate().enabled() ? app.ec2().pathPatterns() : List.of()));
        }
        // Behind the static front the load balancer takes requests from CloudFront's servers only.
        var cloudFrontOrigins = settings.front().enabled()
                ? Optional.of(Ec2Functions.getManagedPrefixListPlain(GetManagedPrefixListPlainArgs.builder()
                        .name(HttpsLoadBalancer.CLOUDFRONT_ORIGIN_FACING).build(), platform.invoke()).join().id())
                : Optional.<String>empty();
        var production = network.production();
        var alb = new HttpsLoadBalancer("alb", new HttpsLoadBalancer.Args(production.placement(Network.PUBLIC),
                new HttpsLoadBalancer.Entry(edge.certificateArn(), edge.tlsPolicy(), edge.allowedClientCidrs(),
                        edge.httpRedirect(), edge.albIdleTimeoutSeconds(), cloudFrontOrigins),
                new HttpsLoadBalancer.Targets(workloads, app.appPort(), app.healthCheckPath(), edge.insecurePlainHttpTargets()),
                albLogs.bucketName, settings.namePrefix(), platform.protect()), platform.opts());
        var waf = new WebFirewall("waf", new WebFirewall.Args(alb.arn, edge.wafRateLimit(), keys.logsKeyArn(),
                edge.wafLogRetentionDays(), settings.namePrefix(), cloudFrontOrigins.isPresent()), platform.opts());
        return new EdgeWiring(albLogs, alb, waf, app.appPort());
    }

    /** How the load balancer reaches one workload. */
    public LoadBalancerTarget target(String workload) {
        return new LoadBalancerTarget(alb.securityGroupId, alb.targetGroupArns.get(workload), appPort);
    }

    /**
     * What the load balancer alarms watch: its 5xx counts, and the latency and health of one target group, the
     * Fargate service's when the stack runs one, else the EC2 group's.
     */
    public OperationalAlarms.LoadBalancer watched() {
        var suffixes = alb.targetGroupArnSuffixes;
        return new OperationalAlarms.LoadBalancer(alb.arnSuffix, suffixes.getOrDefault(FARGATE, suffixes.get(EC2)));
    }

    public void export(Context ctx) {
        ctx.export("albDnsName", alb.dnsName);
        ctx.export("albZoneId", alb.zoneId);
        ctx.export("appUrl", alb.dnsName.applyValue(dns -> "https://" + dns));
        ctx.export("albSecurityGroupId", alb.securityGroupId);
        ctx.export("albAccessLogBucket", albLogs.bucketName);
        ctx.export("wafWebAclArn", waf.webAclArn);
        ctx.export("appTargetGroupArns", Output.all(new ArrayList<>(alb.targetGroupArns.values()))
                .applyValue(arns -> zip(alb.targetGroupArns.keySet(), arns)));
    }

    private static Map<String, String> zip(Collection<String> keys, List<String> values) {
        var out = new LinkedHashMap<String, String>();
        var it = values.iterator();
        keys.forEach(k -> out.put(k, it.next()));
        return out;
    }
}
