package hipaa.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MermaidCheckTest {

    private static final String GOOD = """
            flowchart LR
              n_internet(["Internet"])
              subgraph c_vpc["production 10.100.0.0/16"]
                subgraph c_vpc_data["data tier"]
                  n_db[("db<br>RDS")]
                end
              end
              n_internet -->|"tcp 443"| n_db
              n_db -.-> n_internet
              n_db <-->|"peering"| n_internet
            """;

    @Test
    void acceptsTheEmittedSubset() {
        assertThat(MermaidCheck.problems(GOOD)).isEmpty();
    }

    @Test
    void rejectsWhatWouldBreakOrChangeThePicture() {
        assertThat(MermaidCheck.problems(GOOD.replace("\n  end\n  n_internet", "\n  n_internet")))
                .containsExactly("unclosed subgraph(s): c_vpc");
        assertThat(MermaidCheck.problems(GOOD.replace("n_db -.-> n_internet", "n_db -.-> n_nowhere")))
                .containsExactly("line 9: edge end 'n_nowhere' is not a declared node");
        assertThat(MermaidCheck.problems(GOOD.replace("db<br>RDS", "db \"primary\"")).get(0))
                .isEqualTo("line 5: not a node, subgraph, end or edge of the emitted subset: n_db[(\"db \"primary\"\")]");
        assertThat(MermaidCheck.problems(GOOD.replace("flowchart LR", "graph")))
                .containsExactly("line 1: expected 'flowchart LR|TB|...', found 'graph'");
        assertThat(MermaidCheck.problems(GOOD.replace("n_db[", "end[").replace("n_db ", "end ")))
                .contains("line 5: 'end' is a Mermaid keyword");
        assertThat(MermaidCheck.problems(GOOD.replace("subgraph c_vpc_data", "subgraph n_db")))
                .contains("line 5: 'n_db' is declared twice");
        assertThat(MermaidCheck.problems(GOOD + "end\n")).contains("line 11: 'end' without a subgraph");
    }

    @Test
    void labelsAreEscapedIntoTheSubset() {
        assertThat(Diagrams.mermaidText("say \"hi\"\nnow")).isEqualTo("say #quot;hi#quot;<br>now");
        assertThat(Diagrams.quote("a \"b\"\nc\\d")).isEqualTo("\"a \\\"b\\\"\\nc\\\\d\"");
    }
}
