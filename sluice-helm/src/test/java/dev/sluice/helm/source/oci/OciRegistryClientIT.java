package dev.sluice.helm.source.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.testkit.oci.TestRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry client against misbehaving registries: what it refuses and how long it waits. */
class OciRegistryClientIT {

    private final OciRegistryClient client = new OciRegistryClient();
    private TestRegistry registry;
    private HttpServer raw;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        registry = new TestRegistry();
        raw = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        raw.createContext("/v2/hangs/", x -> {
            try {
                release.await(10, TimeUnit.SECONDS); // never answers within the client's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        raw.createContext("/v2/huge/", x -> {
            x.sendResponseHeaders(200, 0); // chunked, no Content-Length to refuse up front
            try (OutputStream out = x.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 100; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException closedByTheClient) {
                // expected: the client stops reading past its limit
            }
        });
        raw.createContext("/v2/lies/", x -> {
            byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"" + TestRegistry.MANIFEST + "\",\"layers\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "0".repeat(64));
            x.sendResponseHeaders(200, m.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(m);
            }
        });
        raw.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        raw.stop(0);
        registry.close();
    }

    private OciRegistryClient.Session raw(String repo, Duration timeout) {
        return client.session(new OciReference("127.0.0.1:" + raw.getAddress().getPort(), repo, true), Optional.empty(), timeout);
    }

    @Test
    void aRegistryThatDoesNotAnswerFailsAtTheSessionsTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> raw("hangs", Duration.ofMillis(300)).tags())
                .isInstanceOf(OciException.class).hasMessageEndingWith("tags/list: no answer within the timeout of 300ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBodyOverItsLimitIsCutOffAndRefused() {
        assertThatThrownBy(() -> raw("huge", Duration.ofSeconds(10)).manifest("1.0.0"))
                .hasMessageEndingWith("manifests/1.0.0: the response is larger than " + OciRegistryClient.MAX_MANIFEST + " bytes");
    }

    @Test
    void aManifestWhoseAnnouncedDigestDiffersIsRefused() {
        assertThatThrownBy(() -> raw("lies", Duration.ofSeconds(10)).manifest("1.0.0"))
                .hasMessageContaining("does not match its digest: the registry announced sha256:000").hasMessageEndingWith("; refused");
    }

    @Test
    void anIndexOrAManifestWithoutAChartLayerIsNotAChart() throws Exception {
        registry.pushManifest("img", "index", ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[]}").getBytes(StandardCharsets.UTF_8));
        String layer = registry.blob("x".getBytes(StandardCharsets.UTF_8));
        registry.pushManifest("img", "app", ("{\"schemaVersion\":2,\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layer + "\",\"size\":1}]}").getBytes(StandardCharsets.UTF_8));
        OciRegistryClient.Session s = client.session(new OciReference(registry.host(), "img", true), Optional.empty(),
                Duration.ofSeconds(10));
        assertThatThrownBy(() -> s.manifest("index")).hasMessage("oci://" + registry.host() + "/img:index is an image index, not a Helm chart manifest");
        OciManifest app = s.manifest("app");
        assertThat(app.chartLayer()).isEmpty();
        assertThat(app.layers()).singleElement().satisfies(l -> assertThat(l.size()).isEqualTo(1));
        assertThat(s.blob(app.layers().get(0), 10)).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> s.blob(new OciManifest.Descriptor("t", layer, 2), 10)).hasMessageContaining("is 1 bytes, the manifest says 2");
        assertThatThrownBy(() -> s.blob(new OciManifest.Descriptor("t", layer, 100), 10))
                .hasMessageContaining("is 100 bytes, more than the limit of 10");
    }

    @Test
    void basicAuthIsSentWhenTheRegistryAsksForIt() throws Exception {
        registry.requireBasic("bot", "pw");
        registry.push("charts/web", "1.0.0", new byte[] {1, 2, 3});
        OciReference ref = new OciReference(registry.host(), "charts/web", true);
        assertThat(client.session(ref, Optional.of(new OciRegistryClient.BasicAuth("bot", "pw")), Duration.ofSeconds(10)).tags())
                .containsExactly("1.0.0");
        assertThat(registry.requests).containsSubsequence("GET /v2/charts/web/tags/list", "GET /v2/charts/web/tags/list [Basic]");
        assertThatThrownBy(() -> client.session(ref, Optional.of(new OciRegistryClient.BasicAuth("bot", "no")), Duration.ofSeconds(10))
                .tags()).isInstanceOfSatisfying(OciException.class, e -> assertThat(e.authentication()).isTrue())
                .hasMessageContaining("401 UNAUTHORIZED: authentication required");
    }
}
