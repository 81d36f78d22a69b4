package hipaa.plan;

import com.pulumi.Context;
import hipaa.App;
import hipaa.audit.Exemptions;
import hipaa.offline.OfflineRun;
import hipaa.offline.StackFiles;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The offline plan: runs the real program for a stack with no AWS account and no Pulumi CLI, and writes to
 * {@code target/plan/<stack>/} what {@code pulumi preview} would show and what a reviewer asks next:
 * {@code plan.md} (what to do before the first {@code pulumi up}, resource tree, counts, key settings, HIPAA guardrails report, Mermaid architecture
 * diagram, monthly cost estimate, outputs), {@code plan.json} (the same for tools) and
 * {@code architecture.dot} (rendered to {@code architecture.svg} when Graphviz is installed).
 *
 * <p>Usage: {@code ./plan [stack]} (default {@code dev}) or {@code ./plan --compare <stackA> <stackB>}, which
 * also writes {@code target/plan/compare-<a>-<b>.md}. Exit codes: 0 the stack would deploy and passes every
 * guardrail; 1 the program refuses the stack, or AWS would refuse one of its resources at creation
 * ({@link hipaa.offline.AwsCreateChecks}; the reason is printed, naming the resource); 2 bad arguments; 3 a guardrail fails
 * without an exemption (each failing rule and resource is printed), so CI can gate on it.
 */
public final class Plan {
    private Plan() {}

    static final String USAGE = "usage: plan [stack] | plan --compare <stack> <stack>";
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int GUARDRAILS_FAILED = 3;

    public static void main(String[] args) throws IOException {
        System.exit(run(args, Path.of("."), System.out, System.err));
    }

    static int run(String[] args, Path project, PrintStream out, PrintStream err) throws IOException {
        return run(args, project, out, err, App::stack);
    }

    /** As {@link #run(String[], Path, PrintStream, PrintStream)} with another program: tests plan fixture programs. */
    static int run(String[] args, Path project, PrintStream out, PrintStream err, Consumer<Context> program) throws IOException {
        var list = List.of(args);
        List<String> stacks;
        if (!list.isEmpty() && list.get(0).equals("--compare")) {
            if (list.size() != 3 || list.get(1).startsWith("-") || list.get(2).startsWith("-")) {
                return usage(err, project);
            }
            stacks = list.subList(1, 3);
        } else if (list.size() > 1 || (list.size() == 1 && list.get(0).startsWith("-"))) {
            return usage(err, project);
        } else {
            stacks = List.of(list.isEmpty() ? "dev" : list.get(0));
        }
        var configs = new ArrayList<StackFiles.StackConfig>();
        for (var stack : stacks) {
            try {
                configs.add(StackFiles.load(project, stack));
            } catch (StackFiles.NoSuchStackException e) {
                err.println("plan: " + e.getMessage());
                return BAD_ARGUMENTS;
            } catch (StackFiles.StackFileException e) {
                // What `pulumi preview` would print before starting the program.
                err.println(e.getMessage());
                return REFUSED;
            }
        }
        Exemptions exemptions;
        var exemptionsFile = project.resolve("guardrails/exemptions.yaml");
        try {
            exemptions = Files.exists(exemptionsFile) ? Exemptions.load(exemptionsFile) : Exemptions.none();
        } catch (IllegalArgumentException e) {
            err.println("plan: " + e.getMessage());
            return REFUSED;
        }
        hipaa.guardrails.Organization organization;
        try {
            organization = hipaa.guardrails.Organization.load(project.resolve(hipaa.guardrails.Organization.FILE));
        } catch (IllegalArgumentException e) {
            err.println("plan: " + e.getMessage());
            return REFUSED;
        }
        // bench/plan.sh sets this to show where a plan's time goes; the plan's output is otherwise unchanged.
        boolean timings = System.getenv("HIPAA_PLAN_TIMINGS") != null;
        long startup = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        var prices = Prices.load();
        var plans = new ArrayList<StackPlan>();
        int worst = OK;
        for (var config : configs) {
            long t0 = System.nanoTime();
            var run = OfflineRun.run(project, config, true, program);
            if (!run.succeeded()) {
                err.println(run.failure().strip());
                return REFUSED;
            }
            long t1 = System.nanoTime();
            var plan = StackPlan.of(run, exemptions, organization, LocalDate.now(), prices);
            long t2 = System.nanoTime();
            plans.add(plan);
            write(plan, project, prices, out);
            if (timings) {
                err.printf("timings %s: JVM start to plan %d ms, offline run %d ms, guardrails + diagram + cost %d ms, files %d ms%n",
                        config.stack(), startup, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            }
            if (plan.hipaa().hasUnexemptedFailures()) {
                worst = GUARDRAILS_FAILED;
            }
        }
        if (plans.size() == 2) {
            var file = project.resolve("target/plan/compare-" + plans.get(0).stack() + "-" + plans.get(1).stack() + ".md");
            Files.writeString(file, Compare.markdown(plans.get(0), plans.get(1)));
            out.println(Compare.summary(plans.get(0), plans.get(1)));
            out.println("Comparison written to " + file);
        }
        return worst;
    }

    private static int usage(PrintStream err, Path project) {
        err.println(USAGE + "   (stacks here: " + String.join(", ", StackFiles.stacks(project)) + ")");
        return BAD_ARGUMENTS;
    }

    private static void write(StackPlan plan, Path project, Prices prices, PrintStream out) throws IOException {
        var dir = project.resolve("target/plan/" + plan.stack());
        Files.createDirectories(dir);
        var dot = dir.resolve("architecture.dot");
        var svg = dir.resolve("architecture.svg");
        Files.writeString(dot, Diagrams.dot(plan.topology(), "hipaa " + plan.stack()));
        Files.deleteIfExists(svg);
        var rendered = renderSvg(dot, svg);
        Files.writeString(dir.resolve("plan.md"), PlanFiles.markdown(plan, prices,
                rendered ? " and drawn in `architecture.svg`" : " (install Graphviz to get `architecture.svg`)"));
        Files.writeString(dir.resolve("plan.json"), PlanFiles.json(plan));

        out.println("Stack " + plan.stack() + " (" + plan.region() + "): " + plan.resources().size() + " resources ("
                + plan.awsCount() + " AWS), " + plan.run().outputs().size() + " outputs");
        out.println("Account role: " + plan.role().configName() + (plan.references().isEmpty() ? ""
                : "; references " + String.join(", ", plan.references())));
        out.println("HIPAA guardrails: " + plan.hipaa().summary());
        plan.hipaa().failureLines().forEach(l -> out.println("  FAIL " + l));
        out.println("Estimated monthly cost: " + PlanFiles.costSummary(plan.cost()));
        out.println("Before the first `pulumi up`: " + PlanFiles.beforeFirstUpSummary(plan) + " (plan.md lists them)");
        out.println("Written to " + dir + ": plan.md, plan.json, architecture.dot"
                + (rendered ? ", architecture.svg" : " (no architecture.svg: Graphviz dot is not installed)"));
    }

    /** Renders with Graphviz when {@code dot} is on the PATH; the plan never needs it. */
    static boolean renderSvg(Path dot, Path svg) throws IOException {
        var exe = findOnPath("dot");
        if (exe == null) {
            return false;
        }
        var process = new ProcessBuilder(exe.toString(), "-Tsvg", dot.toString(), "-o", svg.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return process.exitValue() == 0 && Files.exists(svg);
    }

    private static Path findOnPath(String name) {
        var path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (var dir : path.split(File.pathSeparator)) {
            var candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
