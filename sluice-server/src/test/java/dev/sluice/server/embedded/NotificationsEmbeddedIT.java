package dev.sluice.server.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.testkit.git.TestRepo;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receivers and Alerts in the running embedded runtime: a webhook call reconciles, a commit notifies. */
class NotificationsEmbeddedIT {

    private static final ObjectKey GIT = ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "flux-system", "flux-system");
    private static final ObjectKey KS = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "flux-system");

    @TempDir
    Path dir;

    @Test
    void aReceiverCallReconcilesTheSourceAndACommitReachesTheAlertsProvider() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        provider.createContext("/", h -> {
            try (h) {
                received.add(new String(h.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                h.sendResponseHeaders(204, -1);
            }
        });
        provider.start();
        try (TestRepo repo = TestRepo.init(dir.resolve("repo"), "main");
             HttpClient http = HttpClient.newHttpClient()) {
            repo.write("one.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one, namespace: default}\ndata: {a: b}\n");
            repo.commit("one");
            EmbeddedConfig config = EmbeddedConfig.defaults(dir.resolve("state"))
                    .withApi(new InetSocketAddress("127.0.0.1", 0)).withMeshPort(0)
                    .withRepo(repo.dir().toString(), "main", "./");
            try (EmbeddedRuntime runtime = EmbeddedRuntime.start(config)) {
                Cluster cluster = runtime.cluster();
                await().atMost(Duration.ofSeconds(30)).until(() -> ready(cluster, KS));
                for (String yaml : List.of(
                        "{apiVersion: v1, kind: Secret, metadata: {name: hook-token, namespace: flux-system}, stringData: {token: t0k}}",
                        "{apiVersion: notification.toolkit.fluxcd.io/v1, kind: Receiver, metadata: {name: push, namespace: flux-system},"
                                + " spec: {type: generic, secretRef: {name: hook-token}, resources: [{kind: GitRepository, name: flux-system}]}}",
                        "{apiVersion: notification.toolkit.fluxcd.io/v1beta3, kind: Provider, metadata: {name: hook, namespace: flux-system},"
                                + " spec: {type: generic, address: 'http://127.0.0.1:" + provider.getAddress().getPort() + "/'}}",
                        "{apiVersion: notification.toolkit.fluxcd.io/v1beta3, kind: Alert, metadata: {name: all, namespace: flux-system},"
                                + " spec: {providerRef: {name: hook}, eventSources: [{kind: GitRepository, name: '*'}, {kind: Kustomization, name: '*'}]}}")) {
                    cluster.create(KubeObject.parse(yaml));
                }
                ObjectKey receiver = ObjectKey.of("notification.toolkit.fluxcd.io", "Receiver", "flux-system", "push");
                await().atMost(Duration.ofSeconds(10)).until(() -> ready(cluster, receiver));
                String path = cluster.get(receiver).orElseThrow().status().path("webhookPath").asText();
                assertThat(path).isEqualTo(dev.sluice.api.notification.Receiver.webhookPath("t0k", "push", "flux-system"));

                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + path))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                String requested = cluster.get(GIT).orElseThrow().annotation("reconcile.fluxcd.io/requestedAt").orElseThrow();
                await().atMost(Duration.ofSeconds(5)).until(() -> requested.equals(
                        cluster.get(GIT).orElseThrow().status().path("lastHandledReconcileAt").asText()));

                repo.write("two.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two, namespace: default}\ndata: {c: d}\n");
                String sha = repo.commit("two");
                await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(b -> b.contains("ReconciliationSucceeded")
                        && b.contains(sha)));
                assertThat(received).anySatisfy(b -> {
                    var e = Json.parseObject(b);
                    assertThat(e.path("reason").asText()).isEqualTo("NewArtifact");
                    assertThat(e.path("metadata").path("revision").asText()).isEqualTo("main@sha1:" + sha);
                });
            }
        } finally {
            provider.stop(0);
        }
    }

    private static boolean ready(Cluster cluster, ObjectKey key) {
        return cluster.get(key).flatMap(o -> Conditions.find(o.status(), "Ready")).map(c -> c.isTrue()).orElse(false);
    }
}
