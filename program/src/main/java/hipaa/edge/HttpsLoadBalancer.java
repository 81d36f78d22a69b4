package hipaa.edge;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.ListenerRule;
import com.pulumi.aws.lb.ListenerRuleArgs;
import com.pulumi.aws.lb.LoadBalancer;
import com.pulumi.aws.lb.LoadBalancerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionRedirectArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleActionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionPathPatternArgs;
import com.pulumi.aws.lb.inputs.LoadBalancerAccessLogsArgs;
import com.pulumi.aws.lb.inputs.LoadBalancerConnectionLogsArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import hipaa.network.Placement;
import hipaa.network.SecurityGroups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The internet-facing Application Load Balancer: the only way into the application tier.
 *
 * <p>Children: security group {@code <name>-sg} with one ingress rule per client range,
 * {@code <name>-sg-in-https-<cidr-slug>} (443) and, with {@code httpRedirect}, {@code <name>-sg-in-http-<cidr-slug>}
 * (80), or, behind the static front, the single rule {@code <name>-sg-in-https-cloudfront} (443 from CloudFront's
 * origin-facing managed prefix list); the load balancer {@code <name>}; a target group per workload
 * {@code <name>-tg-<workload>}; the HTTPS listener {@code <name>-https}, whose default action forwards to the default
 * workload, and a rule {@code <name>-https-<workload>} for each other workload, forwarding only its path patterns;
 * with {@code httpRedirect}, {@code <name>-http-redirect}, whose only action is a
 * permanent redirect to HTTPS (it forwards nothing). The security group has no egress here: each workload
 * adds the one rule from this group to its own on the app port, so the load balancer can reach the app
 * tier and nothing else.
 *
 * <p>Fixed posture: internet-facing in the public subnets; TLS 1.2+ policy from the allowed list; invalid
 * header fields dropped; strictest HTTP desync mitigation; WAF fail-closed; HSTS on every HTTPS response;
 * access and connection logs on; HTTPS to the targets and their health checks unless the stack asks for the
 * dev-only plain-HTTP relaxation; deletion protection when the stack protects state. Supports
 * 164.312(e)(1) and (e)(2)(i) (transmission security), 164.312(b) (audit controls) and 164.308(a)(1)(ii)(B).
 */
public final class HttpsLoadBalancer extends ComponentResource {

    public static final String TYPE = "hipaa:edge:HttpsLoadBalancer";
    /** Browsers that saw one HTTPS answer refuse plain HTTP to this host for a year. */
    public static final String HSTS = "max-age=31536000";
    /** AWS's managed prefix list of CloudFront's origin-facing servers ("Use an AWS-managed prefix list", CloudFront guide). */
    public static final String CLOUDFRONT_ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";
    /** IPv4 only: the static front's API record gets an AAAA alias only for a dual-stack load balancer. */
    public static final String IP_ADDRESS_TYPE = "ipv4";

    /**
     * A workload behind the load balancer.
     *
     * @param key          stable name of the workload, e.g. {@code fargate}, used in child names and outputs
     * @param targetType   {@code ip} (Fargate tasks) or {@code instance} (EC2)
     * @param pathPatterns the request paths a listener rule sends here; empty for the one workload that gets every
     *                     other request (the listener's default action)
     */
    public record Workload(String key, String targetType, List<String> pathPatterns) {
        public Workload {
            if (!key.matches("[a-z0-9]+")) {
                throw new IllegalArgumentException("workload key: " + key);
            }
            if (!targetType.equals("ip") && !targetType.equals("instance")) {
                throw new IllegalArgumentException("targetType: " + targetType);
            }
            pathPatterns = List.copyOf(pathPatterns);
            // A listener rule's path condition takes at most 5 values (ELB quotas: condition values per rule).
            if (pathPatterns.size() > 5) {
                throw new IllegalArgumentException("pathPatterns: " + pathPatterns.size() + " is over the 5 a rule takes");
            }
        }

        /** The workload every request not routed elsewhere goes to. */
        public Workload(String key, String targetType) {
            this(key, targetType, List.of());
        }
    }

    /**
     * How clients come in.
     *
     * @param certificateArn     ACM certificate of the HTTPS listener
     * @param tlsPolicy          the listener's security policy (validated by the settings)
     * @param allowedClientCidrs IPv4 ranges that may connect
     * @param httpRedirect       listen on 80 too, only to redirect to 443
     * @param idleTimeoutSeconds idle timeout
     * @param cloudFrontPrefixListId behind the static front: the id of CloudFront's origin-facing managed prefix
     *                           list, the only source the load balancer then accepts (on 443; client ranges and
     *                           port 80 are the front's business)
     */
    public record Entry(String certificateArn, String tlsPolicy, List<String> allowedClientCidrs, boolean httpRedirect,
                        int idleTimeoutSeconds, Optional<String> cloudFrontPrefixListId) {
        public Entry {
            Objects.requireNonNull(cloudFrontPrefixListId, "cloudFrontPrefixListId");
            allowedClientCidrs = List.copyOf(allowedClientCidrs);
        }
    }

    /**
     * What requests go to.
     *
     * @param workloads        one target group each; the HTTPS listener forwards to the one without path patterns
     *                         and sends each other workload its paths by a listener rule
     * @param appPort          the port the targets serve on
     * @param healthCheckPath  the path health checks request
     * @param plainHttpTargets dev-only: plain HTTP to the targets instead of HTTPS
     */
    public record Targets(List<Workload> workloads, int appPort, String healthCheckPath, boolean plainHttpTargets) {
        public Targets {
            workloads = List.copyOf(workloads);
            if (workloads.isEmpty()) {
                throw new IllegalArgumentException("workloads: empty; a load balancer with no target would only answer 503");
            }
            if (workloads.stream().map(Workload::key).distinct().count() != workloads.size()) {
                throw new IllegalArgumentException("workloads: duplicate keys " + workloads);
            }
            // Two different workloads are never split by weight: one is the default, the others get named paths.
            if (workloads.stream().filter(w -> w.pathPatterns().isEmpty()).count() != 1) {
                throw new IllegalArgumentException("workloads: exactly one must take the default route (no path patterns), got "
                        + workloads);
            }
        }
    }

    /**
     * @param placement       the VPC of the targets, and the public subnets the load balancer's nodes live in
     * @param entry           listeners, certificate, TLS policy and who may connect
     * @param targets         the workloads and how they are reached and health-checked
     * @param accessLogBucket bucket for access and connection logs (see {@link AccessLogBucket})
     * @param namePrefix      prefix of physical names
     * @param protect         refuse deletion of the load balancer
     */
    public record Args(Placement placement, Entry entry, Targets targets, Output<String> accessLogBucket,
                       String namePrefix, boolean protect) {}

    public final Output<String> arn;
    /** The {@code app/<name>/<id>} part of the ARN, as CloudWatch metrics name the load balancer. */
    public final Output<String> arnSuffix;
    public final Output<String> dnsName;
    public final Output<String> zoneId;
    public final Output<String> securityGroupId;
    public final Output<String> httpsListenerArn;
    /** Whether the load balancer has IPv6 addresses too ({@link #IP_ADDRESS_TYPE}). */
    public final boolean dualStack = IP_ADDRESS_TYPE.equals("dualstack");
    /**
     * Target group ARN by workload key. Each resolves only once the listener or rule that routes to it exists: ECS
     * refuses a service whose target group is not yet attached to a load balancer.
     */
    public final Map<String, Output<String>> targetGroupArns;
    /**
     * The {@code ALBRequestCountPerTarget} resource label ({@code app/.../targetgroup/...}) by workload key,
     * for request-based scaling.
     */
    public final Map<String, Output<String>> requestCountLabels;
    /** Target group {@code arnSuffix} by workload key, as CloudWatch names target groups in alarm dimensions. */
    public final Map<String, Output<String>> targetGroupArnSuffixes;

    public HttpsLoadBalancer(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();

        // No inline ingress/egress: rules are separate resources (one per flow), and inline rules would fight
        // them. Egress is added by each workload (WorkloadSecurityGroup), to that workload only.
        var sg = SecurityGroups.group(name + "-sg", args.namePrefix() + "-alb", args.placement().vpcId(), child)
                .description("Load balancer: HTTPS from allowed client ranges; egress only to the app tier")
                .create(SecurityGroups.OnDelete.PROVIDER_DEFAULT, SecurityGroups.Egress.RULE_RESOURCES);
        var entry = args.entry();
        if (entry.cloudFrontPrefixListId().isPresent()) {
            // Behind the static front nothing but CloudFront reaches the load balancer: viewers cannot go around
            // the front's WAF, and the rate limit there counts real clients. The reference weighs 55 rules against
            // the group's quota of 60 inbound rules, so the one list is all the group takes.
            SecurityGroups.ingress(name + "-sg-in-https-cloudfront", sg.id(), child).tcp(443)
                    .prefixList(entry.cloudFrontPrefixListId().get())
                    .description("HTTPS from CloudFront's origin-facing servers only (the static front)")
                    .create();
        } else {
            for (var cidr : entry.allowedClientCidrs()) {
                ingress(name + "-sg-in-https-" + slug(cidr), sg, cidr, 443, "HTTPS from " + cidr, child);
                if (entry.httpRedirect()) {
                    ingress(name + "-sg-in-http-" + slug(cidr), sg, cidr, 80, "HTTP from " + cidr + ", answered only with a redirect to HTTPS", child);
                }
            }
        }

        var lb = new LoadBalancer(name, LoadBalancerArgs.builder()
                .loadBalancerType("application")
                .internal(false)
                .ipAddressType(IP_ADDRESS_TYPE)
                .securityGroups(sg.id().applyValue(List::of))
                .subnets(args.placement().subnetIds())
                .dropInvalidHeaderFields(true)
                .desyncMitigationMode("strictest")
                .enableWafFailOpen(false)
                .enableHttp2(true)
                .idleTimeout(args.entry().idleTimeoutSeconds())
                .enableDeletionProtection(args.protect())
                .accessLogs(LoadBalancerAccessLogsArgs.builder()
                        .bucket(args.accessLogBucket()).prefix(AccessLogBucket.ACCESS_LOGS).enabled(true).build())
                .connectionLogs(LoadBalancerConnectionLogsArgs.builder()
                        .bucket(args.accessLogBucket()).prefix(AccessLogBucket.CONNECTION_LOGS).enabled(true).build())
                .tags(Map.of("Name", args.namePrefix() + "-alb"))
                .build(), child);

        var targetProtocol = args.targets().plainHttpTargets() ? "HTTP" : "HTTPS";
        var groups = new LinkedHashMap<String, TargetGroup>();
        for (var w : args.targets().workloads()) {
            // No physical name: a target group is replaced when its port or protocol changes, and a fixed
            // name would make the replacement collide with the old group.
            groups.put(w.key(), new TargetGroup(name + "-tg-" + w.key(), TargetGroupArgs.builder()
                    .vpcId(args.placement().vpcId())
                    .targetType(w.targetType())
                    .port(args.targets().appPort())
                    .protocol(targetProtocol)
                    .protocolVersion("HTTP1")
                    .deregistrationDelay(30)
                    .healthCheck(TargetGroupHealthCheckArgs.builder()
                            .enabled(true)
                            .protocol(targetProtocol)
                            .port("traffic-port")
                            .path(args.targets().healthCheckPath())
                            .matcher("200-399")
                            .interval(15)
                            .timeout(5)
                            .healthyThreshold(2)
                            .unhealthyThreshold(3)
                            .build())
                    .tags(Map.of("Name", args.namePrefix() + "-" + w.key(), "Workload", w.key()))
                    .build(), child));
        }

        var https = new Listener(name + "-https", ListenerArgs.builder()
                .loadBalancerArn(lb.arn())
                .port(443)
                .protocol("HTTPS")
                .sslPolicy(args.entry().tlsPolicy())
                .certificateArn(args.entry().certificateArn())
                .routingHttpResponseStrictTransportSecurityHeaderValue(HSTS)
                .defaultActions(ListenerDefaultActionArgs.builder().type("forward")
                        .targetGroupArn(groups.get(defaultWorkload(args).key()).arn()).build())
                .tags(Map.of("Name", args.namePrefix() + "-https"))
                .build(), child);
        // Each other workload is reached only through the paths the stack names for it, so what a request hits
        // never depends on chance; priorities follow the workloads' order, which the program keeps stable.
        var routed = new LinkedHashMap<String, ListenerRule>();
        var workloads = args.targets().workloads();
        for (int i = 0; i < workloads.size(); i++) {
            var w = workloads.get(i);
            if (w.pathPatterns().isEmpty()) {
                continue;
            }
            routed.put(w.key(), new ListenerRule(name + "-https-" + w.key(), ListenerRuleArgs.builder()
                    .listenerArn(https.arn())
                    .priority(10 * (i + 1))
                    .actions(ListenerRuleActionArgs.builder().type("forward").targetGroupArn(groups.get(w.key()).arn()).build())
                    .conditions(ListenerRuleConditionArgs.builder()
                            .pathPattern(ListenerRuleConditionPathPatternArgs.builder().values(w.pathPatterns()).build())
                            .build())
                    .tags(Map.of("Name", args.namePrefix() + "-https-" + w.key()))
                    .build(), child));
        }

        if (args.entry().httpRedirect()) {
            new Listener(name + "-http-redirect", ListenerArgs.builder()
                    .loadBalancerArn(lb.arn())
                    .port(80)
                    .protocol("HTTP")
                    .defaultActions(ListenerDefaultActionArgs.builder()
                            .type("redirect")
                            .redirect(ListenerDefaultActionRedirectArgs.builder()
                                    .protocol("HTTPS").port("443").host("#{host}").path("/#{path}").query("#{query}")
                                    .statusCode("HTTP_301")
                                    .build())
                            .build())
                    .tags(Map.of("Name", args.namePrefix() + "-http-redirect"))
                    .build(), child);
        }

        this.arn = lb.arn();
        this.arnSuffix = lb.arnSuffix();
        this.dnsName = lb.dnsName();
        this.zoneId = lb.zoneId();
        this.securityGroupId = sg.id();
        this.httpsListenerArn = https.arn();
        var arns = new LinkedHashMap<String, Output<String>>();
        var labels = new LinkedHashMap<String, Output<String>>();
        var suffixes = new LinkedHashMap<String, Output<String>>();
        groups.forEach((key, tg) -> {
            suffixes.put(key, tg.arnSuffix());
            var attached = routed.containsKey(key) ? routed.get(key).arn() : https.arn();
            arns.put(key, Output.tuple(tg.arn(), attached).applyValue(t -> t.t1));
            labels.put(key, Output.tuple(lb.arnSuffix(), tg.arnSuffix()).applyValue(t -> t.t1 + "/" + t.t2));
        });
        this.targetGroupArns = java.util.Collections.unmodifiableMap(arns);
        this.requestCountLabels = java.util.Collections.unmodifiableMap(labels);
        this.targetGroupArnSuffixes = java.util.Collections.unmodifiableMap(suffixes);

        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("arn", arn);
        outputs.put("dnsName", dnsName);
        outputs.put("zoneId", zoneId);
        outputs.put("securityGroupId", securityGroupId);
        outputs.put("httpsListenerArn", httpsListenerArn);
        arns.forEach((key, v) -> outputs.put(key + "TargetGroupArn", v));
        registerOutputs(outputs);
    }

    private static Workload defaultWorkload(Args args) {
        return args.targets().workloads().stream().filter(w -> w.pathPatterns().isEmpty()).findFirst().orElseThrow();
    }

    private static void ingress(String resourceName, SecurityGroup sg, String cidr, int port, String description,
                                CustomResourceOptions child) {
        SecurityGroups.ingress(resourceName, sg.id(), child).tcp(port).cidr(cidr).description(description).create();
    }

    /** {@code 203.0.113.0/24} -> {@code 203-0-113-0-24}: a stable child-name key for a client range. */
    static String slug(String cidr) {
        return cidr.replace('.', '-').replace('/', '-');
    }
}
