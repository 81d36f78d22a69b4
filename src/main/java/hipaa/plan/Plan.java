package hipaa.plan;

import hipaa.App;
import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;
import hipaa.offline.StackFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The offline plan: runs the real program for one stack with no AWS account and no Pulumi CLI, and
 * writes what {@code pulumi preview} would show to {@code target/plan/<stack>/plan.md}.
 *
 * <p>Usage: {@code ./plan [stack]} (default {@code dev}). Exit code 0 when the stack would deploy,
 * 1 when the program refuses it (the reason is printed), 2 for bad arguments.
 */
public final class Plan {
    private Plan() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(args, Path.of("."), System.out, System.err));
    }

    static int run(String[] args, Path project, PrintStream out, PrintStream err) throws IOException {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            err.println("usage: plan [stack]   (stacks here: " + String.join(", ", StackFiles.stacks(project)) + ")");
            return 2;
        }
        var stack = args.length == 1 ? args[0] : "dev";
        StackFiles.StackConfig config;
        try {
            config = StackFiles.load(project, stack);
        } catch (StackFiles.StackFileException e) {
            err.println("plan: " + e.getMessage());
            return 2;
        }
        var run = OfflineRun.run(config, true, App::stack);
        if (!run.succeeded()) {
            err.println(String.join("\n", run.result().errors()));
            return 1;
        }
        var dir = project.resolve("target/plan/" + stack);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("plan.md"), markdown(stack, run));
        out.println("Stack " + stack + ": " + run.resources().size() + " resources ("
                + run.resources().stream().filter(RecordedResource::isCustomAws).count() + " AWS), "
                + run.outputs().size() + " outputs. Written to " + dir.resolve("plan.md"));
        return 0;
    }

    static String markdown(String stack, OfflineRun.Result run) {
        var md = new StringBuilder("# Offline plan: stack `" + stack + "`\n\n");
        md.append("What `pulumi preview` would create, computed without AWS from `Pulumi.").append(stack)
                .append(".yaml` and the same code `pulumi up` runs (a preview: values AWS computes are unknown).\n\n");
        md.append("## Resources by type\n\n| Type | Count |\n|---|---|\n");
        var counts = new TreeMap<String, Long>(run.resources().stream()
                .collect(Collectors.groupingBy(RecordedResource::type, Collectors.counting())));
        counts.forEach((t, n) -> md.append("| `").append(t).append("` | ").append(n).append(" |\n"));
        md.append("| **total** | ").append(run.resources().size()).append(" |\n\n## Resource tree\n\n```\n");
        tree(run.resources(), null, "", md);
        md.append("```\n\n## Stack outputs\n\n| Output | Value |\n|---|---|\n");
        run.outputs().forEach((k, v) -> md.append("| `").append(k).append("` | ")
                .append(v.secret() ? "[secret]" : v.known() ? "`" + v.value() + "`" : "(known after deploy)").append(" |\n"));
        return md.toString();
    }

    private static void tree(List<RecordedResource> all, RecordedResource parent, String indent, StringBuilder md) {
        var children = new ArrayList<RecordedResource>();
        for (var r : all) {
            boolean isChild = parent == null ? r.parent().isEmpty()
                    : r.parent().map(p -> p.type().equals(parent.type()) && p.name().equals(parent.name())).orElse(false);
            if (isChild) {
                children.add(r);
            }
        }
        for (var c : children) {
            md.append(indent).append(c.name()).append("  (").append(c.type()).append(")\n");
            tree(all, c, indent + "  ", md);
        }
    }

}
