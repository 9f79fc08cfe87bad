package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.api.Json;
import dev.sluice.api.Yaml;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldManagerTakeoverTest {

    private static JsonNode obj(String yaml) {
        return Yaml.readOne(yaml, "test.yaml").content();
    }

    private static Optional<ArrayNode> patch(JsonNode existing) {
        JsonNode desired = obj("{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}");
        return FieldManagerTakeover.patch(desired, existing, FieldManagerTakeover.defaults("sluice"), "sluice");
    }

    @Test
    void nothingToDoWhenOnlyOthersAndUsManageFields() {
        assertThat(patch(obj("""
                metadata:
                  managedFields:
                  - {manager: sluice, operation: Apply, fieldsV1: {f:data: {}}}
                  - {manager: flagger, operation: Update, fieldsV1: {f:spec: {f:replicas: {}}}}
                """))).isEmpty();
    }

    @Test
    void mergesKubectlEntriesIntoOurApplyEntryKeepingOthersAndSubresources() {
        ArrayNode ops = patch(obj("""
                metadata:
                  managedFields:
                  - {manager: sluice, operation: Apply, fieldsV1: {f:data: {f:a: {}}}}
                  - {manager: kubectl-client-side-apply, operation: Update, fieldsV1: {f:data: {f:b: {}}}}
                  - {manager: kubectl, operation: Apply, fieldsV1: {f:metadata: {f:labels: {f:app: {}}}}}
                  - {manager: kubectl-edit, operation: Update, subresource: status, fieldsV1: {f:status: {}}}
                  - {manager: hpa, operation: Update, fieldsV1: {f:spec: {}}}
                """)).orElseThrow();
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0).path("op").asText()).isEqualTo("replace");
        assertThat(ops.get(0).path("path").asText()).isEqualTo("/metadata/managedFields");
        JsonNode entries = ops.get(0).path("value");
        assertThat(entries).extracting(e -> e.path("manager").asText()).containsExactly("kubectl-edit", "hpa", "sluice");
        JsonNode ours = entries.get(2);
        assertThat(ours.path("operation").asText()).isEqualTo("Apply");
        assertThat(ours.at("/fieldsV1/f:data").has("f:a")).isTrue();
        assertThat(ours.at("/fieldsV1/f:data").has("f:b")).isTrue();
        assertThat(ours.at("/fieldsV1/f:metadata/f:labels").has("f:app")).isTrue();
    }

    @Test
    void renamesTheFirstMatchWhenWeHaveNoEntryYet() {
        JsonNode entries = patch(obj("""
                metadata:
                  managedFields:
                  - {manager: before-first-apply, operation: Update, fieldsV1: {f:data: {}}}
                  - {manager: kustomize-controller, operation: Apply, fieldsV1: {f:spec: {}}}
                """)).orElseThrow().get(0).path("value");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("manager").asText()).isEqualTo("sluice");
        assertThat(entries.get(0).path("fieldsV1").has("f:data")).isTrue();
        assertThat(entries.get(0).path("fieldsV1").has("f:spec")).isTrue();
    }

    @Test
    void removesKubectlAnnotationAndFluxV1MarksEscapingSlashes() {
        ArrayNode ops = patch(obj("""
                metadata:
                  annotations: {kubectl.kubernetes.io/last-applied-configuration: '{}', keep: me}
                  labels: {fluxcd.io/sync-gc-mark: x}
                """)).orElseThrow();
        assertThat(ops).extracting(o -> o.path("op").asText() + " " + o.path("path").asText()).containsExactly(
                "remove /metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration",
                "remove /metadata/labels/fluxcd.io~1sync-gc-mark");
    }

    @Test
    void theMergeAnnotationLeavesTheObjectAlone() {
        JsonNode existing = obj("""
                metadata:
                  annotations: {kustomize.toolkit.fluxcd.io/ssa: Merge, kubectl.kubernetes.io/last-applied-configuration: '{}'}
                  managedFields: [{manager: kubectl, operation: Update, fieldsV1: {}}]
                """);
        assertThat(patch(existing)).isEmpty();
        JsonNode desired = obj("{metadata: {annotations: {kustomize.toolkit.fluxcd.io/ssa: merge}}}");
        assertThat(FieldManagerTakeover.patch(desired, obj("{metadata: {annotations: {kubectl.kubernetes.io/last-applied-configuration: x}}}"),
                FieldManagerTakeover.defaults("sluice"), "sluice")).isEmpty();
    }

    @Test
    void unionOfFieldSetsIsDeep() {
        JsonNode u = FieldManagerTakeover.union(Json.parseObject("{\"f:a\":{\"f:b\":{}}}"), Json.parseObject("{\"f:a\":{\"f:c\":{}},\"f:d\":{}}"));
        assertThat(u.toString()).isEqualTo("{\"f:a\":{\"f:b\":{},\"f:c\":{}},\"f:d\":{}}");
    }
}
