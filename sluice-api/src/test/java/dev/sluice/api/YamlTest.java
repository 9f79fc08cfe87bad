package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTest {

    @Test
    void readsDocumentsWithTheirIndexAndLine() {
        List<YamlDocument> docs = Yaml.readAll("""
                a: 1
                ---
                ---
                b: [x, y]
                """, "f.yaml");
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).index()).isZero();
        assertThat(docs.get(1).index()).isEqualTo(2);
        assertThat(docs.get(1).line()).isEqualTo(4);
        assertThat(docs.get(1).content().path("b").get(1).asText()).isEqualTo("y");
    }

    @Test
    void syntaxErrorNamesFileDocumentAndLine() {
        assertThatThrownBy(() -> Yaml.readAll("a: 1\n---\nb: [unclosed\nc: 2\n", "bad.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("bad.yaml[1] invalid YAML");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> Yaml.readAll("a: 1\na: 2\n", "dup.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dup.yaml[0]")
                .hasMessageContaining("a");
    }

    @Test
    void aliasBombIsRefusedQuickly() {
        StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                b.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            b.append("]\n");
            prev = c;
        }
        assertThatThrownBy(() -> Yaml.readAll(b.toString(), "bomb.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bomb.yaml[0]");
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> Yaml.readAll(deep, "deep.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deep.yaml[0]");
    }

    @Test
    void oversizedDocumentIsRefused() {
        String big = "a: \"" + "x".repeat(Yaml.MAX_DOCUMENT_BYTES + 10) + "\"\n";
        assertThatThrownBy(() -> Yaml.readAll(big, "big.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("big.yaml[0]");
    }

    @Test
    void manyDocumentsUnderTheLimitEachAreFine() {
        String doc = "a: \"" + "x".repeat(1024 * 1024) + "\"\n";
        List<YamlDocument> docs = Yaml.readAll(doc + "---\n" + doc + "---\n" + doc + "---\n" + doc, "many.yaml");
        assertThat(docs).hasSize(4);
    }

    @Test
    void aliasesAndMergeKeysAreExpanded() {
        var doc = Yaml.readOne("base: &b {k: 1, j: 2}\ncopy: *b\nmerged: {<<: *b, j: 3}\n", "a.yaml").content();
        assertThat(doc.path("copy").path("k").asInt()).isEqualTo(1);
        assertThat(doc.path("merged").path("k").asInt()).isEqualTo(1);
        assertThat(doc.path("merged").path("j").asInt()).isEqualTo(3);
    }

    @Test
    void plainScalarsFollowTheYaml12CoreSchema() {
        var doc = Yaml.readOne("a: on\nb: yes\nc: true\nd: 0x1F\ne: 1.10\nf: ~\ng: 2026-01-01\nh: \"5\"\n", "s.yaml").content();
        assertThat(doc.path("a").isTextual()).isTrue();
        assertThat(doc.path("b").asText()).isEqualTo("yes");
        assertThat(doc.path("c").isBoolean()).isTrue();
        assertThat(doc.path("d").asInt()).isEqualTo(31);
        assertThat(doc.path("e").toString()).isEqualTo("1.10");
        assertThat(doc.path("f").isNull()).isTrue();
        assertThat(doc.path("g").isTextual()).isTrue();
        assertThat(doc.path("h").isTextual()).isTrue();
    }
}
