package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.helm.chart.ChartArchive;
import dev.sluice.server.embedded.EmbeddedConfig;
import dev.sluice.server.embedded.EmbeddedRuntime;
import dev.sluice.testkit.git.TestRepo;
import dev.sluice.testkit.oci.TestRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HelmRelease of a chart kept in an OCI registry, in embedded mode: examples/helm-local's chart
 * pushed to a registry on 127.0.0.1 that wants a Bearer token, a Git repository with the
 * HelmRepository (type oci) and the HelmRelease; the release installs and its Deployment runs.
 */
class HelmOciEmbeddedIT {

    private static final Path CHART = Path.of("..", "examples", "helm-local", "charts", "web");
    private static final ObjectKey RELEASE = ObjectKey.of("helm.toolkit.fluxcd.io", "HelmRelease", "web", "web");
    private static final ObjectKey HELM_CHART = ObjectKey.of("source.toolkit.fluxcd.io", "HelmChart", "web", "web-web");
    private static final ObjectKey DEPLOYMENT = ObjectKey.of("apps", "Deployment", "web", "web");

    @TempDir
    Path dir;

    private static byte[] packExampleChart() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(CHART)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(CHART.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return new ChartArchive("web", files).toTgz();
    }

    @Test
    void aHelmReleaseOfAnOciChartInstallsAndItsDeploymentRuns() throws Exception {
        try (TestRegistry registry = new TestRegistry().requireToken("ci", "pull-only");
             TestRepo repo = TestRepo.init(dir.resolve("repo"), "main")) {
            registry.push("charts/web", "0.1.0", packExampleChart());
            repo.write("clusters/local/web.yaml", """
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: web}
                    ---
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: registry, namespace: web}
                    stringData: {username: ci, password: pull-only}
                    ---
                    apiVersion: source.toolkit.fluxcd.io/v1
                    kind: HelmRepository
                    metadata: {name: charts, namespace: web}
                    spec:
                      type: oci
                      url: oci://%s/charts
                      insecure: true
                      interval: 10m
                      secretRef: {name: registry}
                    ---
                    apiVersion: helm.toolkit.fluxcd.io/v2
                    kind: HelmRelease
                    metadata: {name: web, namespace: web}
                    spec:
                      interval: 1m
                      chart:
                        spec:
                          chart: web
                          version: "0.1.x"
                          sourceRef: {kind: HelmRepository, name: charts}
                      values:
                        message: hello from an OCI chart
                    """.formatted(registry.host()));
            repo.commit("web from an OCI registry");
            try (EmbeddedRuntime runtime = EmbeddedRuntime.start(EmbeddedConfig.defaults(dir.resolve("state"))
                    .withApi(new InetSocketAddress("127.0.0.1", 0)).withMeshPort(0)
                    .withRepo(repo.dir().toString(), "main", "./clusters/local"))) {
                await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
                    KubeObject hr = runtime.cluster().get(RELEASE).orElseThrow();
                    assertThat(ready(hr).path("message").asText())
                            .isEqualTo("Helm install succeeded for release web/web.v1 with chart web@0.1.0");
                    KubeObject d = runtime.cluster().get(DEPLOYMENT).orElseThrow();
                    assertThat(d.status().path("readyReplicas").asInt()).isEqualTo(1);
                    assertThat(d.toJson()).contains("hello from an OCI chart");
                });
                KubeObject chart = runtime.cluster().get(HELM_CHART).orElseThrow();
                assertThat(chart.status().path("artifact").path("revision").asText()).isEqualTo("0.1.0");
                assertThat(registry.requests).contains("GET /v2/charts/web/manifests/0.1.0 [Bearer]");
            }
        }
    }

    private static JsonNode ready(KubeObject o) {
        for (JsonNode c : o.status().path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c;
            }
        }
        return dev.sluice.api.Json.object();
    }
}
