package hipaa.settings;

import hipaa.network.Cidrs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The application tier: the HTTPS load balancer and its WAF (edge), and the two ways to run the app,
 * ECS Fargate (the default, for containers) and an EC2 Auto Scaling group (for apps that are not
 * containerised). Both workloads listen on the same TLS port behind the same load balancer.
 *
 * @param edge    load balancer, certificate, TLS policy, WAF
 * @param appPort the port the app serves TLS on, in containers and on instances
 * @param healthCheckPath the HTTPS path the load balancer probes on that port
 * @param logRetentionDays CloudWatch Logs retention of the app's log groups
 * @param fargate the Fargate service
 * @param ec2     the EC2 Auto Scaling group
 */
public record AppSettings(Edge edge, int appPort, String healthCheckPath, int logRetentionDays,
                          Fargate fargate, Ec2 ec2) {

    /** The default client ranges: a public app. */
    public static final List<String> ALL_CLIENTS = List.of("0.0.0.0/0");

    /**
     * @param certificateArn         ACM certificate of the HTTPS listener, in the stack's Region
     * @param tlsPolicy              the listener's security policy, TLS 1.2 or newer only
     * @param allowedClientCidrs     IPv4 ranges that may reach the load balancer
     * @param httpRedirect           also listen on port 80, only to redirect to HTTPS
     * @param albIdleTimeoutSeconds  load balancer idle timeout
     * @param wafRateLimit           requests per client IP per 5 minutes before WAF blocks it
     * @param wafLogRetentionDays    retention of the WAF log group
     * @param albAccessLogRetentionDays days the load balancer's access and connection logs are kept in S3
     * @param insecurePlainHttpTargets plain HTTP from the load balancer to the app (dev-only relaxation)
     */
    public record Edge(String certificateArn, String tlsPolicy, List<String> allowedClientCidrs, boolean httpRedirect,
                       int albIdleTimeoutSeconds, int wafRateLimit, int wafLogRetentionDays, int albAccessLogRetentionDays,
                       boolean insecurePlainHttpTargets) {}

    /**
     * @param enabled          whether the Fargate service exists
     * @param image            container image in Amazon ECR, {@code <account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]}
     * @param cpu              task CPU units
     * @param memoryMiB        task memory, a valid Fargate combination with {@code cpu}
     * @param desiredCount     tasks at deployment; Application Auto Scaling moves it between min and max
     * @param minCount         fewest tasks
     * @param maxCount         most tasks
     * @param cpuTargetPercent average CPU the scaling policy keeps
     * @param requestsPerTarget ALB requests per task per minute the scaling policy keeps
     */
    public record Fargate(boolean enabled, String image, int cpu, int memoryMiB, int desiredCount, int minCount,
                          int maxCount, int cpuTargetPercent, int requestsPerTarget) {

        /** The ECR repository the image lives in: {@code account}, {@code region} and {@code name}. */
        public Optional<EcrRepository> repository() {
            var m = ECR_IMAGE.matcher(image);
            return m.matches() ? Optional.of(new EcrRepository(m.group(1), m.group(2), m.group(3))) : Optional.empty();
        }

        /** The ARN of {@link #repository()}, the only repository the tasks may pull from. */
        public String repositoryArn(String partition) {
            var r = repository().orElseThrow(() -> new IllegalStateException("not an ECR image: " + image));
            return "arn:" + partition + ":ecr:" + r.region() + ":" + r.account() + ":repository/" + r.name();
        }
    }

    /** A private ECR repository, as parsed from an image URI. */
    public record EcrRepository(String account, String region, String name) {}

    /**
     * @param enabled          whether the Auto Scaling group exists
     * @param instanceType     EC2 instance type, x86_64 unless approved AMIs say otherwise
     * @param minSize          fewest instances
     * @param maxSize          most instances
     * @param desiredCapacity  instances at creation; target tracking moves it between min and max
     * @param cpuTargetPercent average CPU the scaling policy keeps
     * @param rootVolumeGiB    size of the encrypted root volume
     * @param appImageId       an approved AMI that carries the app and starts it at boot
     * @param appUserData      the first-boot script (cloud-init user data) that installs and starts the app
     * @param pathPatterns     with Fargate running too, the request paths the HTTPS listener sends to the instances
     */
    public record Ec2(boolean enabled, String instanceType, int minSize, int maxSize, int desiredCapacity,
                      int cpuTargetPercent, int rootVolumeGiB, Optional<String> appImageId, Optional<String> appUserData,
                      List<String> pathPatterns) {}

    /** The default listener policy: TLS 1.3 and 1.2, AWS's recommendation for HTTPS listeners. */
    public static final String DEFAULT_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /**
     * Listener policies that offer nothing older than TLS 1.2 and no CBC ciphers beyond the default's:
     * the default, AWS's restricted ("Res"), TLS 1.3-only, FIPS and post-quantum variants (the set
     * Security Hub control ELB.17 recommends), and the TLS 1.2 forward-secrecy policy.
     */
    public static final List<String> ALLOWED_TLS_POLICIES = List.of(
            DEFAULT_TLS_POLICY,
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
            "ELBSecurityPolicy-FS-1-2-Res-2020-10");

    /** Memory (MiB) Fargate accepts for each CPU size on Linux, from the Fargate task-size table. */
    static final Map<Integer, List<Integer>> FARGATE_MEMORY = Map.of(
            256, List.of(512, 1024, 2048),
            512, range(1024, 4096, 1024),
            1024, range(2048, 8192, 1024),
            2048, range(4096, 16384, 1024),
            4096, range(8192, 30720, 1024),
            8192, range(16384, 61440, 4096),
            16384, range(32768, 122880, 8192));

    static final List<Integer> FARGATE_CPU = List.of(256, 512, 1024, 2048, 4096, 8192, 16384);

    private static final Pattern ACM_ARN =
            Pattern.compile("arn:(aws|aws-us-gov):acm:([a-z]{2}(?:-gov)?-[a-z]+-\\d):(\\d{12}):certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern ECR_IMAGE = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr\\.([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.amazonaws\\.com/([a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\d[a-z0-9-]*\\.[a-z0-9]+");
    /** Graviton families (t4g, m7g, c7gn, ...): they cannot boot the x86_64 Amazon Linux image. */
    private static final Pattern ARM_INSTANCE_TYPE = Pattern.compile("[a-z]+\\d+[a-z]*g[a-z]*\\..+");
    private static final Pattern HEALTH_PATH = Pattern.compile("/[A-Za-z0-9._~/-]{0,1023}");
    private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    /** cloud-init user data as text: a script or a cloud-config document, within EC2's 16 KB before base64. */
    private static final Pattern USER_DATA = Pattern.compile("(#!|#cloud-config)[\\s\\S]{0,16370}");
    /**
     * An Application Load Balancer path pattern: up to 128 characters of A-Z a-z 0-9 _ - . $ / ~ @ : + and the
     * wildcards * and ? (Elastic Load Balancing guide, "Listener rules for your Application Load Balancer", path
     * conditions; quotes and &amp; are left out on purpose).
     */
    private static final Pattern PATH_PATTERN = Pattern.compile("[A-Za-z0-9_.$/~@:+*?-]{1,128}");
    private static final Pattern ANY = Pattern.compile(".*", Pattern.DOTALL);

    /**
     * @param region the stack's Region as written; when it is missing or unsupported that problem is already
     *               reported, and the Region checks below stay quiet rather than repeat it
     */
    static AppSettings read(SettingsReader r, String region, String partition, boolean production,
                            List<String> approvedAmiIds) {
        var edge = readEdge(r, region, partition, production);
        int appPort = r.integer("appPort", 8443, 1024, 65535);
        var healthPath = r.string("appHealthCheckPath", "/health", HEALTH_PATH,
                "an absolute URL path such as /health (letters, digits, . _ ~ / -)");
        int logRetention = r.integerOneOf("appLogRetentionDays", 365, NetworkSettings.RETENTION_DAYS);
        var fargate = readFargate(r, region);
        var ec2 = readEc2(r, approvedAmiIds, fargate.enabled());
        if (r.valid("fargateAppEnabled", "ec2AppEnabled") && !fargate.enabled() && !ec2.enabled()) {
            r.problem("fargateAppEnabled", "false", "at least one workload must run behind the load balancer; "
                    + "set hipaa:fargateAppEnabled or hipaa:ec2AppEnabled to true");
        }
        return new AppSettings(edge, appPort, healthPath, logRetention, fargate, ec2);
    }

    private static Edge readEdge(SettingsReader r, String region, String partition, boolean production) {
        var certRule = "the ARN of an ACM certificate in this stack's Region, arn:" + partition + ":acm:" + region
                + ":<account>:certificate/<uuid>; request or import one in ACM first";
        var cert = r.requiredString("certificateArn", ANY, certRule);
        if (!cert.isEmpty()) {
            var m = ACM_ARN.matcher(cert);
            if (!m.matches()) {
                r.problem("certificateArn", cert, "not an ACM certificate ARN; use " + certRule);
                cert = "";
            } else if (Regions.find(region).isPresent() && (!m.group(2).equals(region) || !m.group(1).equals(partition))) {
                r.problem("certificateArn", cert, "is in " + m.group(2) + " but the stack deploys to " + region
                        + "; a load balancer can only use an ACM certificate from its own Region, so use " + certRule);
                cert = "";
            }
        }
        var tlsPolicy = r.choice("tlsPolicy", DEFAULT_TLS_POLICY, ALLOWED_TLS_POLICIES);
        var clients = r.stringList("allowedClientCidrs", ALL_CLIENTS, 1, 50, Cidrs::isCanonical,
                "canonical IPv4 CIDRs allowed to reach the load balancer on 443 (and 80 when hipaa:httpRedirect is true)");
        boolean redirect = r.bool("httpRedirect", false);
        int idle = r.integer("albIdleTimeoutSeconds", 60, 1, 4000);
        int rate = r.integer("wafRateLimit", 1000, 100, 100_000_000);
        int wafRetention = r.integerOneOf("wafLogRetentionDays", 365, NetworkSettings.RETENTION_DAYS);
        // A year at least, like every other log here: access logs are audit evidence, not a cost knob.
        int accessRetention = r.integer("albAccessLogRetentionDays", 365, 365, 3653);
        boolean plainHttp = r.bool("insecurePlainHttpTargets", false);
        if (plainHttp && production) {
            r.problem("insecurePlainHttpTargets", "true", "prod stacks must encrypt traffic to the app (false); "
                    + "plain HTTP between the load balancer and the app is a dev-only relaxation");
        }
        return new Edge(cert, tlsPolicy, clients, redirect, idle, rate, wafRetention, accessRetention, plainHttp);
    }

    private static Fargate readFargate(SettingsReader r, String region) {
        boolean enabled = r.bool("fargateAppEnabled", true);
        var imageRule = "a private Amazon ECR image in " + region + " with a tag or digest, "
                + "<account>.dkr.ecr." + region + ".amazonaws.com/<repository>:<tag>";
        var image = r.optionalString("containerImage", ANY, imageRule).orElse("");
        if (!image.isEmpty()) {
            var m = ECR_IMAGE.matcher(image);
            if (!m.matches()) {
                r.problem("containerImage", image, imageRule);
                image = "";
            } else if (Regions.find(region).isPresent() && !m.group(2).equals(region)) {
                r.problem("containerImage", image, "is in " + m.group(2) + " but the stack deploys to " + region
                        + "; pull from a repository in the same Region (replicate it there) so the image stays "
                        + "behind the Region's ECR endpoint: " + imageRule);
                image = "";
            }
        } else if (enabled && r.valid("fargateAppEnabled")) {
            r.missing("containerImage", "required while hipaa:fargateAppEnabled is true: " + imageRule);
        }
        int cpu = r.integerOneOf("fargateCpu", 512, FARGATE_CPU);
        int memory = r.integer("fargateMemoryMiB", 1024, 512, 122880);
        var allowedMemory = FARGATE_MEMORY.getOrDefault(cpu, List.of());
        if (r.valid("fargateCpu", "fargateMemoryMiB") && !allowedMemory.contains(memory)) {
            r.problem("fargateMemoryMiB", Integer.toString(memory), "Fargate does not offer " + memory + " MiB with "
                    + cpu + " CPU units; with hipaa:fargateCpu " + cpu + " use one of " + allowedMemory);
        }
        int desired = r.integer("fargateDesiredCount", 2, 1, 100);
        int min = r.integer("fargateMinCount", 2, 1, 100);
        int max = r.integer("fargateMaxCount", 6, 1, 100);
        int cpuTarget = r.integer("fargateCpuTargetPercent", 60, 10, 90);
        int requests = r.integer("fargateRequestsPerTarget", 1000, 10, 100_000);
        sizes(r, "fargate", "fargateMinCount", min, "fargateMaxCount", max, "fargateDesiredCount", desired);
        return new Fargate(enabled, image, cpu, memory, desired, min, max, cpuTarget, requests);
    }

    private static Ec2 readEc2(SettingsReader r, List<String> approvedAmiIds, boolean fargateEnabled) {
        boolean enabled = r.bool("ec2AppEnabled", false);
        var type = r.string("ec2InstanceType", "t3.medium", INSTANCE_TYPE, "an EC2 instance type such as t3.medium or m7i.large");
        if (r.valid("approvedAmiIds") && approvedAmiIds.isEmpty() && ARM_INSTANCE_TYPE.matcher(type).matches()) {
            r.problem("ec2InstanceType", type, "is a Graviton (arm64) type but the image is the x86_64 Amazon Linux 2023 "
                    + "(hipaa:approvedAmiIds is empty); use an x86_64 type such as t3.medium or list an arm64 AMI in hipaa:approvedAmiIds");
        }
        int min = r.integer("ec2MinSize", 2, 1, 100);
        int max = r.integer("ec2MaxSize", 4, 1, 100);
        int desired = r.integer("ec2DesiredCapacity", 2, 1, 100);
        int cpuTarget = r.integer("ec2CpuTargetPercent", 60, 10, 90);
        int root = r.integer("ec2RootVolumeGiB", 30, 8, 1024);
        sizes(r, "ec2", "ec2MinSize", min, "ec2MaxSize", max, "ec2DesiredCapacity", desired);
        var image = r.optionalString("ec2AppImageId", AMI_ID, "an AMI id (ami- followed by 8 or 17 hex digits) that carries "
                + "the app and starts it on hipaa:appPort at boot, also listed in hipaa:approvedAmiIds");
        if (image.isPresent() && r.valid("approvedAmiIds") && !approvedAmiIds.contains(image.get())) {
            r.problem("ec2AppImageId", image.get(), "must also be listed in hipaa:approvedAmiIds, or the approved-AMIs rule "
                    + "flags every app instance; add it there, after the Linux image the bastion runs");
        }
        var userData = r.optionalString("ec2AppUserData", USER_DATA, "a first-boot script (#!...) or #cloud-config document "
                + "of at most 16 KB that installs the app and starts it on hipaa:appPort; no secrets (read them from Secrets Manager)");
        var paths = r.stringList("ec2AppPathPatterns", List.of(), 0, 5, s -> PATH_PATTERN.matcher(s).matches(),
                "load balancer path patterns such as /legacy/* (up to 128 of A-Z a-z 0-9 _ - . $ / ~ @ : + * ?)");
        if (r.valid("ec2AppEnabled", "ec2AppImageId", "ec2AppUserData") && enabled && image.isEmpty() && userData.isEmpty()) {
            r.problem("ec2AppEnabled", "true", "the instances would boot with nothing listening on hipaa:appPort, fail every "
                    + "health check and be replaced forever; set hipaa:ec2AppImageId to an approved AMI that carries the app, "
                    + "or hipaa:ec2AppUserData to the script that installs and starts it, or set hipaa:ec2AppEnabled to false");
        }
        if (r.valid("ec2AppEnabled", "fargateAppEnabled", "ec2AppPathPatterns") && enabled && fargateEnabled
                && paths.isEmpty()) {
            r.missing("ec2AppPathPatterns", "required while both hipaa:fargateAppEnabled and hipaa:ec2AppEnabled are true: the "
                    + "path patterns (up to 5, e.g. [\"/legacy/*\"]) the HTTPS listener sends to the EC2 app; every other "
                    + "request goes to Fargate (two different workloads are never split by weight)");
        }
        return new Ec2(enabled, type, min, max, desired, cpuTarget, root, image, userData, paths);
    }

    /**
     * min <= desired <= max, reported on the key that breaks it. Judged only when all three were read as written:
     * a rejected value is already reported, and its default standing in would only add a second, wrong message.
     */
    private static void sizes(SettingsReader r, String what, String minKey, int min, String maxKey, int max,
                              String desiredKey, int desired) {
        if (!r.valid(minKey, maxKey, desiredKey)) {
            return;
        }
        if (min > max) {
            r.problem(minKey, Integer.toString(min), "is greater than " + r.named(maxKey, max)
                    + "; the " + what + " minimum must not exceed its maximum");
        } else if (desired < min || desired > max) {
            r.problem(desiredKey, Integer.toString(desired), "must lie between " + r.named(minKey, min)
                    + " and " + r.named(maxKey, max));
        }
    }

    private static List<Integer> range(int from, int to, int step) {
        var out = new java.util.ArrayList<Integer>();
        for (int v = from; v <= to; v += step) {
            out.add(v);
        }
        return List.copyOf(out);
    }
}
