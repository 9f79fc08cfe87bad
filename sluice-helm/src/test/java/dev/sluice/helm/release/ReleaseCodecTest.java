package dev.sluice.helm.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.testkit.ManualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ReleaseCodecTest {

    private static Release release(int version, String status) {
        return new Release("podinfo", "apps", version, status, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:01:00Z"), null, "Install complete",
                Json.parseObject("{\"metadata\":{\"name\":\"podinfo\",\"version\":\"6.0.3\",\"appVersion\":\"6.0.3\"}}"),
                Json.parseObject("{\"replicaCount\":2}"), "---\n# Source: podinfo/templates/a.yaml\nkind: ConfigMap\n",
                Json.nodes().arrayNode());
    }

    @Test
    void encodesAsHelmDoesGzippedJsonInBase64() throws Exception {
        String encoded = ReleaseCodec.encode(release(1, "deployed"));
        byte[] gz = Base64.getDecoder().decode(encoded);
        String json = new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8);
        var tree = Json.parseObject(json);
        assertThat(tree.path("info").path("status").asText()).isEqualTo("deployed");
        assertThat(tree.path("info").path("deleted").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(tree.path("chart").path("metadata").path("version").asText()).isEqualTo("6.0.3");
        assertThat(tree.path("version").asInt()).isEqualTo(1);
        assertThat(ReleaseCodec.decode(encoded)).isEqualTo(release(1, "deployed"));
    }

    @Test
    void readsReleasesStoredWithoutGzipAndRefusesGarbage() {
        String plain = Base64.getEncoder().encodeToString(Json.write(release(2, "failed").toJson()).getBytes(StandardCharsets.UTF_8));
        assertThat(ReleaseCodec.decode(plain).status()).isEqualTo("failed");
        assertThatThrownBy(() -> ReleaseCodec.decode("not base64 !")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not base64");
    }

    @Test
    void storesOneSecretPerRevisionAndTrimsTheHistory() {
        ManualClock clock = ManualClock.atEpochOfTests();
        EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new SplittableRandom(1));
        cluster.create(KubeObject.parse("apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}"));
        ReleaseStorage storage = new ReleaseStorage(cluster, clock);
        for (int v = 1; v <= 4; v++) {
            storage.create(release(v, v == 4 ? "deployed" : "superseded"), "apps");
        }
        KubeObject s = cluster.get(dev.sluice.api.ObjectKey.of("", "Secret", "apps", "sh.helm.release.v1.podinfo.v4")).orElseThrow();
        assertThat(s.field("type").asText()).isEqualTo("helm.sh/release.v1");
        assertThat(s.labels()).containsEntry("name", "podinfo").containsEntry("owner", "helm").containsEntry("status", "deployed")
                .containsEntry("version", "4");
        assertThat(storage.last("apps", "podinfo").orElseThrow().version()).isEqualTo(4);
        storage.trim("apps", "podinfo", 2);
        assertThat(storage.history("apps", "podinfo")).extracting(Release::version).containsExactly(3, 4);
    }
}
