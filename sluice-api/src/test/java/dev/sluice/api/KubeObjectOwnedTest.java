package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class KubeObjectOwnedTest {

    @Test
    void ofOwnedValidatesLikeOfButKeepsTheTree() {
        ObjectNode tree = Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");
        KubeObject o = KubeObject.ofOwned(tree);
        assertThat(o.name()).isEqualTo("c");
        assertThat(o).isEqualTo(KubeObject.of(tree));
        assertThatThrownBy(() -> KubeObject.ofOwned(Json.parseObject("{\"kind\":\"ConfigMap\",\"metadata\":{}}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("apiVersion");
    }

    @Test
    void editNeverChangesTheOriginal() {
        KubeObject o = KubeObject.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: '1'}}");
        KubeObject e = o.edit(n -> n.with("data").put("a", "2"));
        assertThat(o.at("/data/a").asText()).isEqualTo("1");
        assertThat(e.at("/data/a").asText()).isEqualTo("2");
    }
}
