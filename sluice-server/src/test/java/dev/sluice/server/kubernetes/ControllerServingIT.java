package dev.sluice.server.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.gitops.notification.receiver.Signatures;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.testkit.git.TestRepo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sluice controller} serves besides the controllers, on fabric8's mock: the Receivers'
 * webhooks on {@code --receiver-addr}, Alerts fed by the Flux-side controllers' events, the Git drift
 * controller, and the dashboard with its read/act API on {@code --dashboard-addr}.
 */
class ControllerServingIT {

    static final ObjectKey GIT = ControllerRuntimeIT.GIT;
    static final ObjectKey RECEIVER = ObjectKey.of("notification.toolkit.fluxcd.io", "Receiver", "flux-system", "push");
    static final ObjectKey CANARY = ObjectKey.of("flagger.app", "Canary", "apps", "web");
    static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    @TempDir
    Path tmp;

    private final MockKube kube = new MockKube();
    private final KubernetesCluster cluster = kube.cluster();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private ControllerRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
        servers.forEach(s -> s.stop(0));
        kube.close();
        http.close();
    }

    private ControllerConfig config() {
        return ControllerRuntimeIT.config(kube.options(), "sluice-0", tmp.resolve("cache"))
                .withAddresses(Optional.of(ANY), Optional.empty(), Optional.of(ANY))
                .withDashboard(Optional.of(ANY), tmp.resolve("cache/token"));
    }

    /** A local HTTP server answering every request with {@code answer(path and query, body)}; 127.0.0.1 only. */
    private HttpServer serve(java.util.function.BiFunction<String, String, String> answer) throws IOException {
        HttpServer s = HttpServer.create(ANY, 8);
        s.createContext("/", h -> {
            try (h) {
                String body = new String(h.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                byte[] out = answer.apply(URLDecoder.decode(h.getRequestURI().toString(), StandardCharsets.UTF_8), body)
                        .getBytes(StandardCharsets.UTF_8);
                h.getResponseHeaders().set("Content-Type", "application/json");
                h.sendResponseHeaders(200, out.length == 0 ? -1 : out.length);
                h.getResponseBody().write(out);
            }
        });
        s.start();
        servers.add(s);
        return s;
    }

    private HttpResponse<String> send(InetSocketAddress at, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + path))
                .timeout(Duration.ofSeconds(10)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean ready(KubernetesCluster c, ObjectKey key) {
        return c.get(key).flatMap(o -> Conditions.find(o.status(), "Ready")).map(x -> x.isTrue()).orElse(false);
    }

    private static String requestedAt(KubernetesCluster c, ObjectKey key) {
        return c.get(key).flatMap(o -> o.annotation("reconcile.fluxcd.io/requestedAt")).orElse("");
    }

    @Test
    void aSignedReceiverCallRequestsAReconcileABadSignatureIsRefusedAndAlertsGetTheControllersEvents() throws Exception {
        List<String> alerts = new CopyOnWriteArrayList<>();
        HttpServer provider = serve((path, body) -> {
            alerts.add(body);
            return "";
        });
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
            repo.write("deploy/web.yaml", ControllerRuntimeIT.config("blue")).commit("blue");
            for (String yaml : List.of(
                    "{apiVersion: v1, kind: Secret, metadata: {name: hook-token, namespace: flux-system}, data: {token: dDBr}}",
                    "{apiVersion: notification.toolkit.fluxcd.io/v1, kind: Receiver, metadata: {name: push, namespace: flux-system},"
                            + " spec: {type: generic-hmac, secretRef: {name: hook-token}, resources: [{kind: GitRepository, name: apps}]}}",
                    "{apiVersion: notification.toolkit.fluxcd.io/v1beta3, kind: Provider, metadata: {name: hook, namespace: flux-system},"
                            + " spec: {type: generic, address: 'http://127.0.0.1:" + provider.getAddress().getPort() + "/'}}",
                    "{apiVersion: notification.toolkit.fluxcd.io/v1beta3, kind: Alert, metadata: {name: all, namespace: flux-system},"
                            + " spec: {providerRef: {name: hook}, eventSources: [{kind: GitRepository, name: '*'}]}}")) {
                kube.put(cluster, yaml);
            }
            runtime = ControllerRuntime.start(config());
            ControllerRuntimeIT.sync(kube, cluster, repo.url());
            await().atMost(Duration.ofSeconds(30)).until(() -> ready(cluster, RECEIVER) && ready(cluster, GIT));
            String path = cluster.get(RECEIVER).orElseThrow().status().path("webhookPath").asText();
            assertThat(path).isEqualTo(dev.sluice.api.notification.Receiver.webhookPath("t0k", "push", "flux-system"));
            await().atMost(Duration.ofSeconds(20)).until(() -> alerts.stream().anyMatch(b -> b.contains("NewArtifact")));
            assertThat(Json.parseObject(alerts.stream().filter(b -> b.contains("NewArtifact")).findFirst().orElseThrow())
                    .path("involvedObject").path("name").asText()).isEqualTo("apps");

            InetSocketAddress hooks = runtime.receiverAddress().orElseThrow();
            String body = "{\"ref\":\"main\"}";
            HttpResponse<String> bad = send(hooks, "POST", path, body, "X-Signature",
                    Signatures.sha256(body.getBytes(StandardCharsets.UTF_8), "wrong".getBytes(StandardCharsets.UTF_8)));
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(401);
            assertThat(requestedAt(cluster, GIT)).as("a refused call requests nothing").isEmpty();
            assertThat(send(runtime.metricsAddress().orElseThrow(), "GET", "/metrics", null).body())
                    .as("a refused call is counted").contains("sluice_receiver_rejected_requests_total 1.0");

            HttpResponse<String> ok = send(hooks, "POST", path, body, "X-Signature",
                    Signatures.sha256(body.getBytes(StandardCharsets.UTF_8), "t0k".getBytes(StandardCharsets.UTF_8)));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            String requested = requestedAt(cluster, GIT);
            assertThat(requested).isNotEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> requested.equals(
                    cluster.get(GIT).orElseThrow().status().path("lastHandledReconcileAt").asText()));
            String metrics = send(runtime.metricsAddress().orElseThrow(), "GET", "/metrics", null).body();
            assertThat(metrics).contains("sluice_receiver_rejected_requests_total 1.0");
            assertThat(metrics).containsPattern("sluice_notification_events_total\\{outcome=\"sent\"} [1-9]");
        }
    }

    /**
     * The Canary carries a Promoted condition as one Flagger has already analysed would: without
     * conditions, Flagger's syncHandler (and ours) first marks it Initializing, racing the drift write.
     */
    @Test
    void aFailedCanaryGetsAGitDriftCondition() throws Exception {
        kube.put(cluster, deployment("web", "{kustomize.toolkit.fluxcd.io/name: gone, kustomize.toolkit.fluxcd.io/namespace: flux-system}"));
        kube.put(cluster, deployment("web-primary", "{}"));
        kube.put(cluster, """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: web, namespace: apps}
                spec:
                  suspend: true
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  service: {port: 80}
                  analysis: {interval: 1m, threshold: 5, maxWeight: 50, stepWeight: 10}
                status:
                  phase: Failed
                  failedChecks: 5
                  lastAppliedSpec: abc
                  conditions:
                  - {type: Promoted, status: "False", reason: Failed, message: Canary analysis failed,
                     lastTransitionTime: "2026-01-01T00:00:00Z", lastUpdateTime: "2026-01-01T00:00:00Z"}
                """);
        runtime = ControllerRuntime.start(config().withDashboard(Optional.empty(), tmp.resolve("token")));

        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.get(CANARY).orElseThrow().status().path("gitDrift").isObject());
        KubeObject canary = cluster.get(CANARY).orElseThrow();
        assertThat(canary.status().at("/gitDrift/state").asText()).isEqualTo("Unknown");
        assertThat(canary.status().at("/gitDrift/message").asText()).contains("Kustomization flux-system/gone");
        assertThat(Conditions.find(canary.status(), "GitDrift")).hasValueSatisfying(c -> assertThat(c.reason())
                .isEqualTo("AnalysisIncomplete"));
        assertThat(canary.status().path("phase").asText()).isEqualTo("Failed");
    }

    static String deployment(String name, String labels) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: apps, labels: %s}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: web, image: "ghcr.io/example/web:1.0"}]}
                status: {replicas: 2, readyReplicas: 2}
                """.formatted(name, labels, name, name);
    }

    @Test
    void theDashboardReadsWithoutATokenActsOnlyWithItAndShowsPrometheusGoldenMetrics() throws Exception {
        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer prometheus = serve((path, body) -> {
            String q = path.substring(path.indexOf("query=") + 6);
            queries.add(q);
            String value = q.contains("process_start_time_seconds") ? "2" : q.startsWith("histogram_quantile(0.5,") ? "12"
                    : q.startsWith("histogram_quantile(0.95,") ? "40" : q.startsWith("histogram_quantile(0.99,") ? "95"
                    : q.contains("classification!=\"failure\"") ? "99.5" : "3.25";
            return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":["
                    + System.currentTimeMillis() / 1000.0 + ",\"" + value + "\"]}]}}";
        });
        kube.put(cluster, deployment("web", "{}"));
        kube.put(cluster, """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: apps, namespace: flux-system}
                spec: {interval: 1m, url: "https://example.invalid/apps.git", ref: {branch: main}, suspend: true}
                """);
        ControllerConfig config = config();
        runtime = ControllerRuntime.start(config.withCanaries(config.canaries()
                .withMetricsServer("http://127.0.0.1:" + prometheus.getAddress().getPort())));
        InetSocketAddress dashboard = runtime.dashboardAddress().orElseThrow();
        Path tokenFile = tmp.resolve("cache/token");
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String token = Files.readString(tokenFile).strip();

        await().atMost(Duration.ofSeconds(20)).until(() -> send(dashboard, "GET", "/api/sluice/v1/sources", null).body()
                .contains("\"apps\""));
        HttpResponse<String> resource = send(dashboard, "GET",
                "/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/apps", null);
        assertThat(resource.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(resource.body()).at("/spec/url").asText()).isEqualTo("https://example.invalid/apps.git");
        assertThat(send(dashboard, "GET", "/", null).statusCode()).isEqualTo(200);

        String action = "/api/sluice/v1/reconcile/GitRepository/flux-system/apps";
        HttpResponse<String> refused = send(dashboard, "POST", action, "{}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(send(dashboard, "POST", action, "{}", "Authorization", "Bearer nope").statusCode()).isEqualTo(401);
        assertThat(requestedAt(cluster, GIT)).as("a refused action changes nothing").isEmpty();
        HttpResponse<String> accepted = send(dashboard, "POST", action, "{}", "Authorization", "Bearer " + token);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(requestedAt(cluster, GIT)).isEqualTo(Json.parseObject(accepted.body()).path("value").asText());

        // The "approve" button calls the load tester the gate's webhook names, directly (Service names resolve in a cluster).
        List<String> gateCalls = new CopyOnWriteArrayList<>();
        HttpServer loadTester = serve((path, body) -> {
            gateCalls.add(path + " " + body);
            return "";
        });
        kube.put(cluster, """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: gated, namespace: apps}
                spec:
                  suspend: true
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  service: {port: 80}
                  analysis:
                    interval: 1m
                    threshold: 2
                    iterations: 2
                    webhooks:
                    - {name: approve, type: confirm-promotion, url: "http://127.0.0.1:%d/gate/check"}
                """.formatted(loadTester.getAddress().getPort()));
        await().atMost(Duration.ofSeconds(10)).until(() -> send(dashboard, "GET", "/api/sluice/v1/canaries", null).body()
                .contains("\"gated\""));
        HttpResponse<String> approved = send(dashboard, "POST", "/api/sluice/v1/canaries/apps/gated/gates/approve/open", "{}",
                "Authorization", "Bearer " + token);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        assertThat(gateCalls).containsExactly("/gate/open {\"name\":\"gated\",\"namespace\":\"apps\"}");

        var stat = Json.parseObject(send(dashboard, "GET", "/api/sluice/v1/stat/deployments?namespace=apps&window=30s", null)
                .body());
        var row = stat.path("rows").get(0);
        assertThat(row.path("name").asText()).isEqualTo("web");
        assertThat(row.path("meshed").asText()).isEqualTo("2/2");
        assertThat(row.path("successRate").asDouble()).isEqualTo(99.5);
        assertThat(row.path("rps").asDouble()).isEqualTo(3.25);
        assertThat(row.path("latencyP50").asDouble()).isEqualTo(12);
        assertThat(row.path("latencyP95").asDouble()).isEqualTo(40);
        assertThat(row.path("latencyP99").asDouble()).isEqualTo(95);
        assertThat(queries).contains(
                "sum(rate(response_total{namespace=\"apps\",deployment=\"web\",direction=\"inbound\"}[30s]))",
                "sum(rate(response_total{namespace=\"apps\",deployment=~\"web\",classification!=\"failure\",direction=\"inbound\"}[30s]))"
                        + " / sum(rate(response_total{namespace=\"apps\",deployment=~\"web\",direction=\"inbound\"}[30s])) * 100",
                "histogram_quantile(0.95, sum(rate(response_latency_ms_bucket{namespace=\"apps\",deployment=~\"web\","
                        + "direction=\"inbound\"}[30s])) by (le))");
    }
}
