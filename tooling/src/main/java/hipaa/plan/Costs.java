package hipaa.plan;

import com.google.gson.JsonParser;
import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Estimated monthly cost of a stack, resource by resource, from the price table and the sizes the program
 * declared (instance types, counts, storage). Resources that only cost by use are listed as such and
 * resources the table cannot price are named: neither is ever counted as zero.
 *
 * <p>An estimate of list prices, not a bill: no free tier, no discounts, no usage.
 */
final class Costs {
    private Costs() {}

    enum Kind { PRICED, FREE, USAGE, NOT_PRICED }

    /**
     * One resource's estimate.
     *
     * @param monthly USD per month; 0 unless {@code kind} is PRICED
     * @param basis   how the number was reached ({@code 3 AZs x 730 h x $0.01}), or why there is none
     * @param usage   what the number leaves out, empty when nothing
     */
    record Line(RecordedResource resource, Kind kind, double monthly, String basis, String usage) {}

    /** The whole stack's estimate in one Region. */
    record Estimate(String region, List<Line> lines) {
        double total() {
            return lines.stream().mapToDouble(Line::monthly).sum();
        }

        List<Line> of(Kind kind) {
            return lines.stream().filter(l -> l.kind() == kind).toList();
        }
    }

    static Estimate estimate(ResourceIndex index, String region, Prices prices) {
        var lines = new ArrayList<Line>();
        for (var r : index.all()) {
            if (r.isCustomAws()) {
                lines.add(line(r, index, region, prices));
            }
        }
        return new Estimate(region, List.copyOf(lines));
    }

    static Line line(RecordedResource r, ResourceIndex index, String region, Prices prices) {
        var rule = prices.rule(r.type());
        if (rule.isEmpty()) {
            return new Line(r, Kind.NOT_PRICED, 0, "no pricing rule for " + r.type(), "");
        }
        var p = new Pricer(r, index, region, prices, rule.get().usage());
        var name = rule.get().rule();
        if (name.startsWith("hourly:")) {
            return p.hourly(name.substring(7), "-", 1, "");
        }
        if (name.startsWith("monthly:")) {
            return p.monthly(name.substring(8), 1, "");
        }
        return switch (name) {
            case "free" -> new Line(r, Kind.FREE, 0, "no charge for the resource itself", rule.get().usage());
            case "usage" -> new Line(r, Kind.USAGE, 0, "usage-based, not estimated", rule.get().usage());
            case "vpc-endpoint" -> p.vpcEndpoint();
            case "load-balancer" -> p.hourly("load-balancer", r.string("loadBalancerType").orElse("application"), 1, "");
            case "ec2-instance" -> p.instance();
            case "autoscaling-group" -> p.autoscalingGroup();
            case "ecs-service" -> p.ecsService();
            case "rds-instance" -> p.rdsInstance();
            case "waf-web-acl" -> p.webAcl();
            case "metric-alarm" -> p.monthly("metric-alarm", Math.max(1, p.count(r.list("metricQueries"), "metric")), " metrics");
            default -> throw new IllegalStateException("pricing-rules.tsv: unknown rule " + name + " for " + r.type());
        };
    }

    /** Pricing of one resource; every method returns NOT_PRICED with the reason when a size or rate is missing. */
    private record Pricer(RecordedResource r, ResourceIndex index, String region, Prices prices, String usage) {

        Line notPriced(String why) {
            return new Line(r, Kind.NOT_PRICED, 0, why, usage);
        }

        Line priced(double monthly, String basis) {
            return new Line(r, Kind.PRICED, monthly, basis, usage);
        }

        OptionalDouble rate(String rate, String key) {
            return prices.rate(rate, key, region);
        }

        String missing(String rate, String key) {
            return prices.regions().contains(region) ? "no " + rate + (key.equals("-") ? "" : " " + key) + " price in prices.tsv"
                    : "prices.tsv has no prices for " + region;
        }

        Line hourly(String rate, String key, int count, String unit) {
            var h = rate(rate, key);
            if (h.isEmpty()) {
                return notPriced(missing(rate, key));
            }
            return priced(count * Prices.HOURS_PER_MONTH * h.getAsDouble(),
                    (count == 1 ? "" : count + unit + " x ") + "730 h x " + usd(h.getAsDouble()) + "/h");
        }

        Line monthly(String rate, int count, String unit) {
            var m = rate(rate, "-");
            if (m.isEmpty()) {
                return notPriced(missing(rate, "-"));
            }
            return priced(count * m.getAsDouble(), (count == 1 ? "" : count + unit + " x ") + usd(m.getAsDouble()) + "/month");
        }

        Line vpcEndpoint() {
            if (!"Interface".equals(r.string("vpcEndpointType").orElse("Gateway"))) {
                return new Line(r, Kind.FREE, 0, "gateway endpoint: no charge", "");
            }
            int azs = r.list("subnetIds").size();
            return azs == 0 ? notPriced("interface endpoint with no subnetIds declared") : hourly("interface-endpoint", "-", azs, " AZs");
        }

        /** Hourly price and EBS GB-months of an instance type and its declared volumes. */
        Optional<double[]> server(String instanceType, List<Map<String, Object>> volumes, List<String> basis, List<String> gaps) {
            var h = rate("ec2", instanceType);
            if (h.isEmpty()) {
                gaps.add(missing("ec2", instanceType));
                return Optional.empty();
            }
            double monthly = Prices.HOURS_PER_MONTH * h.getAsDouble();
            basis.add(instanceType + " 730 h x " + usd(h.getAsDouble()) + "/h");
            for (var v : volumes) {
                var size = number(v.get("volumeSize"));
                var type = String.valueOf(v.getOrDefault("volumeType", "gp2"));
                if (size.isEmpty()) {
                    gaps.add("volume size comes from the AMI: not estimated");
                    continue;
                }
                var gb = rate("ebs", type);
                if (gb.isEmpty()) {
                    gaps.add(missing("ebs", type));
                    continue;
                }
                monthly += size.getAsDouble() * gb.getAsDouble();
                basis.add((int) size.getAsDouble() + " GB " + type + " x " + usd(gb.getAsDouble()) + "/GB-month");
            }
            return Optional.of(new double[]{monthly});
        }

        Line instance() {
            var type = r.string("instanceType");
            if (type.isEmpty()) {
                return notPriced("instanceType not declared");
            }
            var basis = new ArrayList<String>();
            var gaps = new ArrayList<String>();
            var root = r.map("rootBlockDevice");
            var s = server(type.get(), root.isEmpty() ? List.of(Map.of()) : List.of(root), basis, gaps);
            if (s.isEmpty()) {
                return notPriced(String.join("; ", gaps));
            }
            double monthly = s.get()[0];
            if (r.isTrue("associatePublicIpAddress")) {
                var ip = rate("public-ipv4", "-");
                if (ip.isPresent()) {
                    monthly += Prices.HOURS_PER_MONTH * ip.getAsDouble();
                    basis.add("public IPv4 730 h x " + usd(ip.getAsDouble()) + "/h");
                }
            }
            return new Line(r, Kind.PRICED, monthly, String.join(" + ", basis) + gapsText(gaps), usage);
        }

        Line autoscalingGroup() {
            var count = number(r.inputs().get("desiredCapacity")).orElse(number(r.inputs().get("minSize")).orElse(-1));
            var template = index.resolve(r.map("launchTemplate").get("id"));
            if (count < 0 || template.isEmpty()) {
                return notPriced(count < 0 ? "no desiredCapacity or minSize" : "launch template not found (mixed instances are not priced)");
            }
            var lt = template.get();
            var type = lt.string("instanceType");
            if (type.isEmpty()) {
                return notPriced("launch template " + lt.name() + " declares no instanceType");
            }
            var volumes = new ArrayList<Map<String, Object>>();
            for (var m : lt.list("blockDeviceMappings")) {
                if (m instanceof Map<?, ?> mapping && mapping.get("ebs") instanceof Map<?, ?> ebs) {
                    @SuppressWarnings("unchecked") var e = (Map<String, Object>) ebs;
                    volumes.add(e);
                }
            }
            var basis = new ArrayList<String>();
            var gaps = new ArrayList<String>();
            var s = server(type.get(), volumes, basis, gaps);
            if (s.isEmpty()) {
                return notPriced(String.join("; ", gaps));
            }
            int n = (int) count;
            return new Line(r, Kind.PRICED, n * s.get()[0], n + (n == 1 ? " instance" : " instances") + " x ("
                    + String.join(" + ", basis) + ")" + gapsText(gaps), usage);
        }

        Line ecsService() {
            var launch = r.string("launchType").orElse("");
            var strategies = r.list("capacityProviderStrategies").stream()
                    .map(s -> s instanceof Map<?, ?> m ? String.valueOf(m.get("capacityProvider")) : "").toList();
            if (strategies.stream().anyMatch(s -> s.equals("FARGATE_SPOT"))) {
                return notPriced("Fargate Spot prices change hourly");
            }
            if (!launch.equals("FARGATE") && !strategies.contains("FARGATE")) {
                return new Line(r, Kind.FREE, 0, "runs on the cluster's EC2 instances, priced there", "");
            }
            var td = index.resolve(r.inputs().get("taskDefinition"));
            if (td.isEmpty()) {
                return notPriced("task definition not found");
            }
            var cpu = number(td.get().inputs().get("cpu"));
            var memory = number(td.get().inputs().get("memory"));
            if (cpu.isEmpty() || memory.isEmpty()) {
                return notPriced("task definition " + td.get().name() + " declares no task-level cpu and memory");
            }
            var arch = String.valueOf(td.get().map("runtimePlatform").getOrDefault("cpuArchitecture", "X86_64"));
            var vcpu = rate("fargate-vcpu", arch);
            var gb = rate("fargate-gb", arch);
            if (vcpu.isEmpty() || gb.isEmpty()) {
                return notPriced(missing("fargate-vcpu", arch));
            }
            int count = (int) number(r.inputs().get("desiredCount")).orElse(0);
            double vcpus = cpu.getAsDouble() / 1024;
            double gbs = memory.getAsDouble() / 1024;
            double perTask = Prices.HOURS_PER_MONTH * (vcpus * vcpu.getAsDouble() + gbs * gb.getAsDouble());
            return priced(count * perTask, count + (count == 1 ? " task" : " tasks") + " x 730 h x (" + trim(vcpus) + " vCPU x " + usd(vcpu.getAsDouble())
                    + " + " + trim(gbs) + " GB x " + usd(gb.getAsDouble()) + ")");
        }

        Line rdsInstance() {
            var engine = r.string("engine").orElse("").toLowerCase(Locale.ROOT);
            var family = engine.startsWith("aurora") ? "" : engine.contains("postgres") ? "postgres"
                    : engine.contains("mysql") || engine.contains("mariadb") ? "mysql" : "";
            var cls = r.string("instanceClass");
            if (family.isEmpty() || cls.isEmpty()) {
                return notPriced(family.isEmpty() ? "engine " + engine + " is not in prices.tsv" : "instanceClass not declared");
            }
            var h = rate("rds-" + family, cls.get());
            if (h.isEmpty()) {
                return notPriced(missing("rds-" + family, cls.get()));
            }
            int copies = r.isTrue("multiAz") ? 2 : 1;
            var storageType = r.string("storageType").orElse("gp2");
            var storage = number(r.inputs().get("allocatedStorage"));
            var gb = rate("rds-storage", storageType);
            double monthly = copies * Prices.HOURS_PER_MONTH * h.getAsDouble();
            var basis = (copies == 2 ? "Multi-AZ 2 x " : "") + cls.get() + " 730 h x " + usd(h.getAsDouble()) + "/h";
            if (storage.isPresent() && gb.isPresent()) {
                monthly += copies * storage.getAsDouble() * gb.getAsDouble();
                basis += " + " + (copies == 2 ? "2 x " : "") + (int) storage.getAsDouble() + " GB " + storageType + " x "
                        + usd(gb.getAsDouble()) + "/GB-month";
            } else {
                basis += storage.isEmpty() ? "; storage size not declared: not estimated" : "; " + missing("rds-storage", storageType);
            }
            return priced(monthly, basis);
        }

        Line webAcl() {
            var acl = rate("waf-web-acl", "-");
            var rule = rate("waf-rule", "-");
            if (acl.isEmpty() || rule.isEmpty()) {
                return notPriced(missing("waf-web-acl", "-"));
            }
            int rules = r.list("rules").size();
            var json = r.string("ruleJson");
            if (rules == 0 && json.isPresent()) {
                rules = JsonParser.parseString(json.get()).getAsJsonArray().size();
            }
            return priced(acl.getAsDouble() + rules * rule.getAsDouble(),
                    usd(acl.getAsDouble()) + "/month + " + rules + " rules x " + usd(rule.getAsDouble()) + "/month");
        }

        int count(List<Object> items, String key) {
            return (int) items.stream().filter(i -> i instanceof Map<?, ?> m && m.containsKey(key)).count();
        }
    }

    private static String gapsText(List<String> gaps) {
        return gaps.isEmpty() ? "" : "; " + String.join("; ", gaps);
    }

    /** Numbers arrive as Double, and some (task cpu and memory) as strings. */
    static OptionalDouble number(Object v) {
        if (v instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        if (v instanceof String s && s.matches("\\d+(\\.\\d+)?")) {
            return OptionalDouble.of(Double.parseDouble(s));
        }
        return OptionalDouble.empty();
    }

    static String usd(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "$%.2f", v);
        }
        var s = String.format(Locale.ROOT, "$%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "00" : s.matches(".*\\.\\d$") ? s + "0" : s;
    }

    static String money(double v) {
        return String.format(Locale.ROOT, "$%,.2f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Double.toString(v);
    }
}
