package hipaa.structure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRIBUTING.md's layout block names exactly the packages the tree has: every package of the program and of
 * the tooling, and the test packages that hold no code under test (helpers, structure). A package added,
 * moved or removed without the layout fails here, and so does a layout line for a package that is gone.
 */
class LayoutDocTest {

    static final Path CONTRIBUTING = Path.of("CONTRIBUTING.md");
    static final String PROGRAM_MAIN = "program/src/main/java/hipaa";
    static final String TOOLING_MAIN = "tooling/src/main/java/hipaa";
    static final String TOOLING_TEST = "tooling/src/test/java/hipaa";
    /** A package as the layout names it: {@code access/}, or {@code settings/ConfigDocs.java} for one class of it. */
    static final Pattern PACKAGE = Pattern.compile("([a-z][a-z0-9]*)/\\S*");

    @Test
    void theLayoutNamesExactlyThePackagesOfTheTree() throws IOException {
        var named = named(layoutBlock());
        var programMain = packages(PROGRAM_MAIN);
        var toolingMain = packages(TOOLING_MAIN);
        var testOnly = new TreeSet<>(packages(TOOLING_TEST));
        testOnly.removeAll(programMain);
        testOnly.removeAll(toolingMain);

        assertThat(named.get(PROGRAM_MAIN)).as("packages CONTRIBUTING.md names under program/src/main/java/hipaa/")
                .containsExactlyInAnyOrderElementsOf(programMain);
        assertThat(named.get(TOOLING_MAIN)).as("packages CONTRIBUTING.md names under tooling/src/main/java/hipaa/")
                .containsExactlyInAnyOrderElementsOf(toolingMain);
        assertThat(named.get(TOOLING_TEST)).as("test-only packages CONTRIBUTING.md names under tooling/src/test/java/hipaa/")
                .containsExactlyInAnyOrderElementsOf(testOnly);
    }

    @Test
    void aLineNamesItsPackagesBeforeItsDescription() {
        var block = List.of(
                "program/                           the deployable program",
                "  src/main/java/hipaa/",
                "    App.java          the program: compose/export",
                "    settings/         the only code that reads config: one per domain/",
                "    access/  data/   one package per domain",
                "                      OfflineEngine (answers for AWS), used by plan/",
                "tooling/                           judges and draws the program",
                "  src/main/java/hipaa/",
                "    settings/ConfigDocs.java   generates docs/CONFIG.md");
        var named = named(block);
        assertThat(named.get(PROGRAM_MAIN)).containsExactlyInAnyOrder("settings", "access", "data");
        assertThat(named.get(TOOLING_MAIN)).containsExactly("settings");
    }

    /** The fenced block under "## Layout". */
    static List<String> layoutBlock() throws IOException {
        var lines = Files.readAllLines(CONTRIBUTING);
        int heading = lines.indexOf("## Layout");
        assertThat(heading).as("CONTRIBUTING.md has a ## Layout section").isNotNegative();
        int open = heading + 1;
        while (!lines.get(open).startsWith("```")) {
            open++;
        }
        int close = open + 1;
        while (!lines.get(close).startsWith("```")) {
            close++;
        }
        return lines.subList(open + 1, close);
    }

    /**
     * Package names by tree: a line at column 0 starting {@code program/} or {@code tooling/} opens a module, a
     * {@code src/main/java/hipaa/} or {@code src/test/java/hipaa/} line a tree in it; below, each line's leading
     * {@code name/} tokens, up to the first word that is not one, are packages of that tree.
     */
    static Map<String, Set<String>> named(List<String> block) {
        var out = new TreeMap<String, Set<String>>();
        String module = null;
        String tree = null;
        for (var line : block) {
            if (line.startsWith("program/") || line.startsWith("tooling/")) {
                module = line.substring(0, line.indexOf('/'));
                tree = null;
                continue;
            }
            if (!line.startsWith(" ")) {
                module = null;
                tree = null;
                continue;
            }
            var words = line.strip().split("\\s+");
            if (module != null && (words[0].equals("src/main/java/hipaa/") || words[0].equals("src/test/java/hipaa/"))) {
                tree = module + "/" + words[0].substring(0, words[0].length() - 1);
                out.computeIfAbsent(tree, k -> new HashSet<>());
                continue;
            }
            if (tree == null) {
                continue;
            }
            for (var word : words) {
                var m = PACKAGE.matcher(word);
                if (!m.matches()) {
                    break;
                }
                out.get(tree).add(m.group(1));
            }
        }
        return out;
    }

    /** The top-level packages of a source tree: directories under {@code hipaa/} that hold Java files. */
    static Set<String> packages(String root) throws IOException {
        var dir = Path.of(root);
        var out = new TreeSet<String>();
        try (Stream<Path> children = Files.list(dir)) {
            for (var child : children.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(child)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".java"))) {
                        out.add(child.getFileName().toString());
                    }
                }
            }
        }
        return out;
    }
}
