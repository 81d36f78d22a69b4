package hipaa.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser for the subset of Mermaid flowchart syntax the plan emits: a {@code flowchart} header,
 * node declarations with a quoted label in one of three shapes, {@code subgraph id["label"]} ... {@code end},
 * and edges {@code a -->|"label"| b} ({@code -->}, {@code -.->}, {@code <-->}). It rejects anything else, so a
 * change to the emitter that leaves this subset fails a test instead of breaking the picture on GitHub.
 *
 * <p>Checked besides the grammar: balanced subgraphs, unique ids, ids Mermaid does not reserve, no raw
 * quote inside a quoted label, and edges only between declared nodes.
 */
final class MermaidCheck {
    private MermaidCheck() {}

    private static final String ID = "[A-Za-z][A-Za-z0-9_]*";
    private static final String TEXT = "\"[^\"]*\"";
    private static final Pattern HEADER = Pattern.compile("flowchart (LR|RL|TB|BT|TD)");
    private static final Pattern NODE = Pattern.compile("(" + ID + ")(\\[" + TEXT + "]|\\[\\(" + TEXT + "\\)]|\\(\\[" + TEXT + "]\\))");
    private static final Pattern SUBGRAPH = Pattern.compile("subgraph (" + ID + ")\\[" + TEXT + "]");
    private static final Pattern EDGE = Pattern.compile("(" + ID + ") (-->|-\\.->|<-->)(\\|" + TEXT + "\\|)? (" + ID + ")");
    private static final Set<String> RESERVED = Set.of("end", "subgraph", "graph", "flowchart", "style", "class",
            "classDef", "click", "linkStyle", "direction");

    /** Every problem, one per line, with its line number; empty when the block is valid. */
    static List<String> problems(String block) {
        var problems = new ArrayList<String>();
        var lines = block.strip().split("\n");
        if (lines.length == 0 || !HEADER.matcher(lines[0].strip()).matches()) {
            problems.add("line 1: expected 'flowchart LR|TB|...', found '" + (lines.length == 0 ? "" : lines[0]) + "'");
        }
        var nodes = new HashSet<String>();
        var ids = new HashSet<String>();
        var open = new ArrayDeque<String>();
        var edges = new ArrayList<String[]>();
        for (int i = 1; i < lines.length; i++) {
            var line = lines[i].strip();
            var where = "line " + (i + 1) + ": ";
            if (line.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher m;
            if (line.equals("end")) {
                if (open.isEmpty()) {
                    problems.add(where + "'end' without a subgraph");
                } else {
                    open.pop();
                }
            } else if ((m = SUBGRAPH.matcher(line)).matches()) {
                declare(m.group(1), ids, problems, where);
                open.push(m.group(1));
            } else if ((m = EDGE.matcher(line)).matches()) {
                edges.add(new String[]{m.group(1), m.group(4), where});
            } else if ((m = NODE.matcher(line)).matches()) {
                declare(m.group(1), ids, problems, where);
                nodes.add(m.group(1));
            } else {
                problems.add(where + "not a node, subgraph, end or edge of the emitted subset: " + line);
            }
        }
        if (!open.isEmpty()) {
            problems.add("unclosed subgraph(s): " + String.join(", ", open));
        }
        for (var e : edges) {
            for (int k = 0; k < 2; k++) {
                if (!nodes.contains(e[k])) {
                    problems.add(e[2] + "edge end '" + e[k] + "' is not a declared node");
                }
            }
        }
        return problems;
    }

    private static void declare(String id, Set<String> ids, List<String> problems, String where) {
        if (RESERVED.contains(id) || RESERVED.contains(id.toLowerCase(java.util.Locale.ROOT))) {
            problems.add(where + "'" + id + "' is a Mermaid keyword");
        }
        if (!ids.add(id)) {
            problems.add(where + "'" + id + "' is declared twice");
        }
    }

    /** The first ```mermaid block of a Markdown document. */
    static String block(String markdown) {
        int start = markdown.indexOf("```mermaid\n");
        if (start < 0) {
            throw new AssertionError("no ```mermaid block");
        }
        int end = markdown.indexOf("\n```", start + 11);
        return markdown.substring(start + 11, end + 1);
    }
}
