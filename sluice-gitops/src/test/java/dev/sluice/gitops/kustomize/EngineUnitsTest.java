package dev.sluice.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small pieces of the engine whose exact behaviour kustomize users rely on. */
class EngineUnitsTest {

    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void hashMatchesKustomizeAndIgnoresTheName() throws Exception {
        // kubectl kustomize: configMapGenerator cfg1 with ID=1, MODE=base gives cfg1-bhmbf7k5cm.
        JsonNode cm = M.readTree("{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"any\"},\"data\":{\"ID\":\"1\",\"MODE\":\"base\"}}");
        assertThat(NameHash.of(cm)).isEqualTo("bhmbf7k5cm");
        assertThat(NameHash.encode("0123ae4567")).isEqualTo("gh2kmt4567");
    }

    @Test
    void splitsImagesWithRegistryPortsTagsAndDigests() {
        assertThat(Images.split("nginx")).containsExactly("nginx", "", "");
        assertThat(Images.split("reg:5000/team/app:v1")).containsExactly("reg:5000/team/app", "v1", "");
        assertThat(Images.split("app@sha256:abc")).containsExactly("app", "", "sha256:abc");
        assertThat(Images.split("app:1@sha256:abc")).containsExactly("app", "1", "sha256:abc");
    }

    @Test
    void labelSelectorsSupportEqualityAndSetRequirements() {
        var sel = LabelSelector.parse("tier=backend, env!=prod, zone in (a, b), !legacy, team", "test");
        assertThat(sel.test(Map.of("tier", "backend", "zone", "a", "team", "x"))).isTrue();
        assertThat(sel.test(Map.of("tier", "backend", "zone", "c", "team", "x"))).isFalse();
        assertThat(sel.test(Map.of("tier", "backend", "zone", "a", "team", "x", "legacy", "1"))).isFalse();
        assertThat(sel.test(Map.of("tier", "backend", "zone", "a"))).isFalse();
    }

    @Test
    void jsonPatchReportsTheFailingOperationAndPath() throws Exception {
        ObjectNode target = (ObjectNode) M.readTree("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}");
        ArrayNode ops = (ArrayNode) M.readTree("[{\"op\":\"move\",\"from\":\"/data/a\",\"path\":\"/data/b\"},"
                + "{\"op\":\"test\",\"path\":\"/data/b\",\"value\":\"1\"},{\"op\":\"remove\",\"path\":\"/data/zz\"}]");
        assertThatThrownBy(() -> JsonPatch.apply(target, ops, "p.yaml"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("p.yaml operation 2 (remove /data/zz)")
                .hasMessageContaining("ConfigMap.v1.[noGrp]/c.[noNs]");
        ArrayNode ok = (ArrayNode) M.readTree("[{\"op\":\"move\",\"from\":\"/data/a\",\"path\":\"/data/b\"}]");
        assertThat(JsonPatch.apply(target, ok, "p").path("data").toString()).isEqualTo("{\"b\":\"1\"}");
    }

    @Test
    void readsScalarsAsKustomizeDoes() {
        JsonNode d = ManifestReader.readAll("a: yes\nb: 0777\nc: 1_000\nd: 2024-01-02\ne: '1'\nf: ~\n", "t").get(0);
        assertThat(d.get("a").isTextual()).isTrue();
        assertThat(d.get("b").asLong()).isEqualTo(511);
        assertThat(d.get("c").asLong()).isEqualTo(1000);
        assertThat(d.get("d").asText()).isEqualTo("2024-01-02T00:00:00Z");
        assertThat(d.get("e").isTextual()).isTrue();
        assertThat(d.get("f").isNull()).isTrue();
        assertThat(ManifestReader.readAll("- v: yes\n", "t", true).get(0).get(0).get("v").asBoolean()).isTrue();
    }

    @Test
    void refusesDuplicateKeysNamingTheFileAndLine() {
        assertThatThrownBy(() -> ManifestReader.readAll("a: 1\nb: 2\na: 3\n", "dup.yaml"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("dup.yaml")
                .hasMessageContaining("duplicate key 'a' at line 3");
    }
}
