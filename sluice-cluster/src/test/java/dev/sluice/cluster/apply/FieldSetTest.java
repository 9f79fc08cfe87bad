package dev.sluice.cluster.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.api.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSetTest {

    @Test
    void roundTripsFieldsV1WithItemsSetsAndDotMarkers() {
        String text = """
                {"f:metadata":{"f:finalizers":{"v:\\"a.io/x\\"":{}},"f:labels":{"f:app":{}}},
                 "f:spec":{"f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{},"f:targetPort":{}}}}}
                """;
        FieldSet set = FieldSet.fromFieldsV1(Json.parseObject(text));
        ManagedPath item = ManagedPath.of("spec", "ports").key(Map.of("port", IntNode.valueOf(80),
                "protocol", TextNode.valueOf("TCP")));
        assertThat(set.paths()).containsExactlyInAnyOrder(
                ManagedPath.of("metadata", "finalizers").value(TextNode.valueOf("a.io/x")),
                ManagedPath.of("metadata", "labels", "app"),
                item, item.field("port"), item.field("targetPort"));
        assertThat(set.toFieldsV1()).isEqualTo(Json.parseObject(text));
    }

    @Test
    void printsPathsAsTheApiServerDoesInConflicts() {
        ManagedPath p = ManagedPath.of("spec", "template", "spec", "containers")
                .key(Map.of("name", TextNode.valueOf("web"))).field("image");
        assertThat(p).hasToString(".spec.template.spec.containers[name=\"web\"].image");
        assertThat(ManagedPath.of("metadata", "finalizers").value(TextNode.valueOf("f")))
                .hasToString(".metadata.finalizers[=\"f\"]");
    }

    @Test
    void rejectsStepsThatAreNotPathElements() {
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(Json.parseObject("{\"f:spec\":{\"replicas\":{}}}")))
                .hasMessageContaining("'replicas' is not a path step");
    }

    @Test
    void setAlgebra() {
        ManagedPath a = ManagedPath.of("a");
        ManagedPath b = ManagedPath.of("b");
        ManagedPath c = ManagedPath.of("a", "c");
        FieldSet ab = FieldSet.of(a, b);
        assertThat(ab.union(FieldSet.of(c)).paths()).containsExactlyInAnyOrder(a, b, c);
        assertThat(ab.minus(FieldSet.of(a)).paths()).containsExactly(b);
        assertThat(ab.intersect(java.util.Set.of(b, c)).paths()).containsExactly(b);
        assertThat(FieldSet.of(c).withPrefixes()).containsExactlyInAnyOrder(a, c);
    }
}
