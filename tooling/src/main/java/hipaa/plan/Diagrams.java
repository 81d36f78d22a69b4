package hipaa.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link Topology} as Mermaid (a {@code flowchart}, which GitHub draws inside Markdown) and as
 * Graphviz DOT. Both render the same clusters, nodes and edges; only the syntax differs.
 */
final class Diagrams {
    private Diagrams() {}

    // ------------------------------------------------------------------ Mermaid

    static String mermaid(Topology t) {
        var out = new StringBuilder("flowchart LR\n");
        var byParent = t.clusters().stream().collect(Collectors.groupingBy(Topology.Cluster::parent, java.util.LinkedHashMap::new,
                Collectors.toList()));
        var nodesIn = t.nodes().stream().collect(Collectors.groupingBy(Topology.Node::cluster, java.util.LinkedHashMap::new,
                Collectors.toList()));
        mermaidLevel("", "  ", byParent, nodesIn, out);
        for (var e : t.edges()) {
            var arrow = switch (e.style()) {
                case SOLID -> "-->";
                case DASHED -> "-.->";
                case BOTH -> "<-->";
            };
            out.append("  ").append(e.from()).append(' ').append(arrow);
            if (!e.label().isEmpty()) {
                out.append("|\"").append(mermaidText(e.label())).append("\"|");
            }
            out.append(' ').append(e.to()).append('\n');
        }
        return out.toString();
    }

    private static void mermaidLevel(String parent, String indent, Map<String, List<Topology.Cluster>> byParent,
                                     Map<String, List<Topology.Node>> nodesIn, StringBuilder out) {
        for (var n : nodesIn.getOrDefault(parent, List.of())) {
            out.append(indent).append(n.id()).append(mermaidShape(n.shape(), mermaidText(n.label()))).append('\n');
        }
        for (var c : byParent.getOrDefault(parent, List.of())) {
            out.append(indent).append("subgraph ").append(c.id()).append("[\"").append(mermaidText(c.label())).append("\"]\n");
            mermaidLevel(c.id(), indent + "  ", byParent, nodesIn, out);
            out.append(indent).append("end\n");
        }
    }

    private static String mermaidShape(String shape, String text) {
        return switch (shape) {
            case "cylinder" -> "[(\"" + text + "\")]";
            case "stadium" -> "([\"" + text + "\"])";
            default -> "[\"" + text + "\"]";
        };
    }

    /** Quoted Mermaid text: quotes as entity codes, line breaks as {@code <br>}. */
    static String mermaidText(String s) {
        return s.replace("\"", "#quot;").replace("\n", "<br>");
    }

    // ------------------------------------------------------------------ DOT

    static String dot(Topology t, String title) {
        var out = new StringBuilder("digraph ").append(quote(title)).append(" {\n")
                .append("  rankdir=LR;\n  compound=true;\n  fontname=\"Helvetica\";\n")
                .append("  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        var byParent = t.clusters().stream().collect(Collectors.groupingBy(Topology.Cluster::parent, java.util.LinkedHashMap::new,
                Collectors.toList()));
        var nodesIn = t.nodes().stream().collect(Collectors.groupingBy(Topology.Node::cluster, java.util.LinkedHashMap::new,
                Collectors.toList()));
        dotLevel("", "  ", byParent, nodesIn, out);
        for (var e : t.edges()) {
            var attrs = new ArrayList<String>();
            if (!e.label().isEmpty()) {
                attrs.add("label=" + quote(e.label()));
            }
            switch (e.style()) {
                case DASHED -> attrs.add("style=dashed");
                case BOTH -> attrs.add("dir=both");
                default -> { }
            }
            out.append("  ").append(e.from()).append(" -> ").append(e.to())
                    .append(attrs.isEmpty() ? "" : " [" + String.join(", ", attrs) + "]").append(";\n");
        }
        return out.append("}\n").toString();
    }

    private static void dotLevel(String parent, String indent, Map<String, List<Topology.Cluster>> byParent,
                                 Map<String, List<Topology.Node>> nodesIn, StringBuilder out) {
        for (var n : nodesIn.getOrDefault(parent, List.of())) {
            var shape = switch (n.shape()) {
                case "cylinder" -> "cylinder";
                case "stadium" -> "oval";
                default -> "box";
            };
            out.append(indent).append(n.id()).append(" [label=").append(quote(n.label())).append(", shape=").append(shape)
                    .append("];\n");
        }
        for (var c : byParent.getOrDefault(parent, List.of())) {
            // Graphviz draws a subgraph as a box only when its name starts with "cluster".
            out.append(indent).append("subgraph cluster_").append(c.id()).append(" {\n")
                    .append(indent).append("  label=").append(quote(c.label())).append(";\n");
            dotLevel(c.id(), indent + "  ", byParent, nodesIn, out);
            out.append(indent).append("}\n");
        }
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
