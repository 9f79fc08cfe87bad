package dev.sluice.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The golden files are real `kubectl kustomize` output; reading and re-printing must not change a byte. */
    @ParameterizedTest
    @ValueSource(strings = {"kustomize-tricky-1.yaml", "kustomize-tricky-2.yaml"})
    void reprintsKustomizeOutputByteForByte(String file) throws IOException {
        String golden = resource(file);
        List<JsonNode> docs = new ArrayList<>();
        var mapper = new YAMLMapper();
        try (var it = mapper.readerFor(JsonNode.class).readValues(golden)) {
            while (it.hasNext()) {
                docs.add((JsonNode) it.next());
            }
        }
        assertThat(YamlWriter.writeAll(docs)).isEqualTo(golden);
    }

    @Test
    void quotesStringsThatWouldReadBackAsOtherTypes() throws IOException {
        ObjectNode o = (ObjectNode) JSON.readTree(
                "{\"a\":\"true\",\"b\":\"yes\",\"c\":\"123\",\"d\":\"0x1F\",\"e\":\"1:20\",\"f\":\"x,y\",\"g\":\"\",\"h\":\"~\"}");
        assertThat(YamlWriter.write(o))
                .isEqualTo("a: \"true\"\nb: \"yes\"\nc: \"123\"\nd: \"0x1F\"\ne: \"1:20\"\nf: x,y\ng: \"\"\nh: \"~\"\n");
    }

    @Test
    void sortsKeysNaturallyAndKeepsSequencesUnindented() throws IOException {
        JsonNode o = JSON.readTree("{\"n10\":1,\"n9\":2,\"list\":[{\"b\":1,\"a\":[]}],\"m\":{}}");
        assertThat(YamlWriter.write(o)).isEqualTo("list:\n- a: []\n  b: 1\nm: {}\nn9: 2\nn10: 1\n");
    }

    @Test
    void printsMultiLineStringsAsLiteralBlocksWithChompingHints() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("keep", "a\n\n");
        o.put("clip", "a\n");
        o.put("strip", "a\nb");
        o.put("indented", " a\n");
        o.put("trailingSpace", "a \nb");
        assertThat(YamlWriter.write(o))
                .isEqualTo(
                        "clip: |\n  a\nindented: |2\n   a\nkeep: |+\n  a\n\nstrip: |-\n  a\n  b\ntrailingSpace: \"a \\nb\"\n");
    }

    @Test
    void formatsNumbersAsGoDoes() throws IOException {
        JsonNode o = JSON.readTree("{\"a\":1.0,\"b\":1.5,\"c\":1e-7,\"d\":1234567.5,\"e\":12345678901}");
        assertThat(YamlWriter.write(o)).isEqualTo("a: 1\nb: 1.5\nc: 1e-07\nd: 1.2345675e+06\ne: 12345678901\n");
    }

    @Test
    void separatesDocuments() {
        ObjectNode a = JsonNodeFactory.instance.objectNode().put("a", 1);
        assertThat(YamlWriter.writeAll(List.of(a, a))).isEqualTo("a: 1\n---\na: 1\n");
        assertThat(Stream.of(GoYamlKeyOrder.INSTANCE.compare("a2", "a10"))).containsExactly(-1);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = YamlWriterTest.class.getResourceAsStream("/yaml/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
