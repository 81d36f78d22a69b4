package hipaa.plan;

import hipaa.App;
import hipaa.offline.OfflineRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the diagram in {@code docs/ARCHITECTURE.md} equal to what the offline plan draws for the prod stack,
 * between the markers {@code <!-- diagram:start -->} and {@code <!-- diagram:end -->}. A test fails when
 * the page is stale.
 *
 * <p>Run: {@code bin/tool hipaa.plan.ArchitectureDiagram}.
 */
public final class ArchitectureDiagram {
    static final String START = "<!-- diagram:start -->";
    static final String END = "<!-- diagram:end -->";

    private ArchitectureDiagram() {}

    public static void main(String[] args) throws IOException {
        var project = Path.of(args.length > 0 ? args[0] : ".");
        var page = project.resolve("docs/ARCHITECTURE.md");
        Files.writeString(page, withDiagram(Files.readString(page), render(project)));
        System.out.println("wrote " + page);
    }

    /** The Mermaid block the plan draws for the prod stack. */
    public static String render(Path project) {
        var run = OfflineRun.run(project, "prod", true, App::stack);
        if (!run.succeeded()) {
            throw new IllegalStateException(run.failure());
        }
        var index = new ResourceIndex(run.resources(), run.config().project() + "-prod");
        return "```mermaid\n" + Diagrams.mermaid(Topology.of(index)) + "```\n";
    }

    static String withDiagram(String page, String block) {
        int start = page.indexOf(START);
        int end = page.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("docs/ARCHITECTURE.md needs the markers " + START + " and " + END);
        }
        return page.substring(0, start + START.length()) + "\n" + block + page.substring(end);
    }

    static String current(String page) {
        return page.substring(page.indexOf(START) + START.length() + 1, page.indexOf(END));
    }
}
