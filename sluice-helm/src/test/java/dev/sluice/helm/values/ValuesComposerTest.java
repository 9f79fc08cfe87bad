package dev.sluice.helm.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.helm.HelmReleaseSpec.ValuesReference;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValuesComposerTest {

    private final EmbeddedCluster cluster = EmbeddedCluster.inMemory(ManualClock.atEpochOfTests(), new SplittableRandom(1));
    private final ValuesComposer composer = new ValuesComposer(cluster);

    ValuesComposerTest() {
        cluster.create(KubeObject.parse("apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}"));
        cluster.create(KubeObject.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: base, namespace: apps}
                data:
                  values.yaml: |
                    replicaCount: 1
                    image: {repository: podinfo, tag: "1.0"}
                    ingress: {enabled: false}
                  tag: "6.0.3"
                """));
        String secret = Base64.getEncoder().encodeToString("replicaCount: 5\ningress: {enabled: true}\n".getBytes(StandardCharsets.UTF_8));
        cluster.create(KubeObject.parse("""
                apiVersion: v1
                kind: Secret
                metadata: {name: prod, namespace: apps}
                data: {values.yaml: %s, password: "czNjcjN0"}
                """.formatted(secret)));
    }

    private static ValuesReference ref(String kind, String name, String key, String targetPath, boolean optional) {
        return new ValuesReference(kind, name, key, targetPath, optional, false);
    }

    @Test
    void mergesReferencesInOrderThenTheInlineValues() throws Exception {
        var out = composer.compose("apps", List.of(ref("ConfigMap", "base", "values.yaml", "", false),
                ref("Secret", "prod", "values.yaml", "", false)), Json.parseObject("{\"image\":{\"tag\":\"inline\"}}"));
        assertThat(out.toString()).isEqualTo(
                "{\"replicaCount\":5,\"image\":{\"repository\":\"podinfo\",\"tag\":\"inline\"},\"ingress\":{\"enabled\":true}}");
    }

    @Test
    void aTargetPathSetsOneValueTypedAsHelmSetDoes() throws Exception {
        var out = composer.compose("apps", List.of(ref("ConfigMap", "base", "values.yaml", "", false),
                ref("ConfigMap", "base", "tag", "image.tag", false), ref("Secret", "prod", "password", "auth.password", false),
                ref("ConfigMap", "base", "tag", "list[1].version", false)), Json.parseObject("{\"replicaCount\":2}"));
        assertThat(out.path("image").path("tag").asText()).isEqualTo("6.0.3");
        assertThat(out.path("auth").path("password").asText()).isEqualTo("s3cr3t");
        assertThat(out.path("list").toString()).isEqualTo("[null,{\"version\":\"6.0.3\"}]");
        assertThat(out.path("replicaCount").asInt()).isEqualTo(2);
        assertThat(TargetPath.typed("42").isNumber()).isTrue();
        assertThat(TargetPath.typed("042").isTextual()).isTrue();
        assertThat(TargetPath.typed("\"42\"").asText()).isEqualTo("42");
        assertThat(TargetPath.typed("true").isBoolean()).isTrue();
    }

    @Test
    void missingReferencesFailWithFluxsWordingUnlessOptional() throws Exception {
        assertThat(composer.compose("apps", List.of(ref("ConfigMap", "nope", "values.yaml", "", true),
                ref("ConfigMap", "base", "nope", "", true)), null).isEmpty()).isTrue();
        assertThatThrownBy(() -> composer.compose("apps", List.of(ref("ConfigMap", "nope", "values.yaml", "", false)), null))
                .hasMessage("could not resolve ConfigMap chart values reference 'apps/nope' with key 'values.yaml': resource not found");
        assertThatThrownBy(() -> composer.compose("apps", List.of(ref("Secret", "prod", "other.yaml", "", false)), null))
                .hasMessage("could not resolve Secret chart values reference 'apps/prod' with key 'other.yaml': key not found");
    }

    @Test
    void badYamlInAReferenceNamesTheReferenceAndLine() {
        cluster.create(KubeObject.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: broken, namespace: apps}
                data:
                  values.yaml: "a: 1\\nb: [x\\n"
                """));
        assertThatThrownBy(() -> composer.compose("apps", List.of(ref("ConfigMap", "broken", "values.yaml", "", false)), null))
                .hasMessageStartingWith("could not resolve ConfigMap chart values reference 'apps/broken' with key 'values.yaml': "
                        + "failed to read values data: ")
                .hasMessageContaining("line 3");
    }

    @Test
    void digestsIgnoreKeyOrderAndEmptyValuesHashNothing() {
        assertThat(Values.digest(Json.parseObject("{\"a\":1,\"b\":{\"c\":2,\"d\":3}}")))
                .isEqualTo(Values.digest(Json.parseObject("{\"b\":{\"d\":3,\"c\":2},\"a\":1}")));
        assertThat(Values.digest(Json.object()))
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
