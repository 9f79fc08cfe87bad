package dev.sluice.local.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.flagger.MetricSpec;
import dev.sluice.delivery.loadtester.HeyCommand;
import dev.sluice.delivery.loadtester.LoadGenerator;
import dev.sluice.delivery.loadtester.LoadReport;
import dev.sluice.delivery.loadtester.Pacer;
import dev.sluice.delivery.metrics.MetricMeasurer;
import dev.sluice.delivery.metrics.MetricProviderFactory;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.HttpProxy;
import dev.sluice.delivery.routing.RouterFactory;
import dev.sluice.delivery.routing.ServiceRouter.WorkloadSelector;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.local.mesh.MeshProxy;
import dev.sluice.local.mesh.MeshProxyConfig;
import dev.sluice.local.mesh.kube.ReadyEndpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (the Debian package) scrapes the mesh proxy's admin {@code /metrics} every
 * second while load with a known error fraction flows through the mesh (Services and TrafficSplit
 * written by the delivery routers, load from the in-process hey). Flagger's linkerd builtins run
 * through the Prometheus provider must give the expected success rate and P99, and the embedded
 * provider (the mesh's own history) must agree within 1 %.
 *
 * <p>The canary backend answers every 10th request with a 500 and delays every 10th other one by
 * 150 ms: success rate 90 %, and P99 = 100 + 100 x (0.99 - 0.90) / 0.10 = 190 ms by Prometheus'
 * bucket interpolation over Linkerd's bounds (100, 200].
 */
class PrometheusAgreementE2E {

    static final String WINDOW = "15s";

    @TempDir
    Path dir;
    private final HttpClients clients = HttpClients.defaults();
    private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(2);
    private final java.util.concurrent.ExecutorService runner = Executors.newSingleThreadExecutor();
    private HttpServer primary;
    private HttpServer canary;
    private MeshProxy mesh;
    private Process prometheus;

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (mesh != null) {
            mesh.close();
        }
        for (HttpServer s : new HttpServer[] {primary, canary}) {
            if (s != null) {
                s.stop(0);
            }
        }
        delays.shutdownNow();
        runner.shutdownNow();
        clients.close();
    }

    @Test
    void prometheusAndTheEmbeddedProviderAnswerFlaggersLinkerdQueriesAlike() throws Exception {
        Path binary = prometheusBinary();
        primary = backend(false);
        canary = backend(true);
        mesh = MeshProxy.start(MeshProxyConfig.defaults().withClock(Clock.systemUTC(), Duration.ofSeconds(1))
                .withIoThreads(2));
        Canary c = routeHalfToTheCanary();

        prometheus = startPrometheus(binary, mesh.adminPort());
        int promPort = prometheusPort;
        HttpProxy viaMesh = HttpProxy.forAll(new InetSocketAddress("127.0.0.1", mesh.port()));
        // Its own thread: a blocking run must not occupy the common pool other async work relies on.
        CompletableFuture<LoadReport> load = CompletableFuture.supplyAsync(() -> {
            try {
                return new LoadGenerator(Pacer.real(), System::nanoTime, viaMesh)
                        .run(HeyCommand.parse("hey -z 25s -q 25 -c 8 http://podinfo.test:9898/"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runner);

        // Enough scrapes of the canary's series inside the window, while the load still flows.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                samples(promPort, "count_over_time(response_total{deployment=\"podinfo\",direction=\"inbound\","
                        + "classification=\"success\",status_code=\"200\"}[" + WINDOW + "])") >= 14
                        && mesh.history().times().size() >= 16);

        var factory = new MetricProviderFactory(clients, Clock.systemUTC());
        var viaPrometheus = new MetricMeasurer(new Store().cluster, factory,
                MetricMeasurer.prometheus(factory, "http://127.0.0.1:" + promPort), false);
        var embedded = new MetricMeasurer(new Store().cluster, factory,
                address -> new EmbeddedMetricProvider(mesh.history()), false);
        MetricSpec rate = MetricSpec.successRate(99, WINDOW);
        MetricSpec p99 = MetricSpec.requestDuration(500, WINDOW);

        double promRate = value(viaPrometheus.builtin(c, "linkerd", rate));
        double embeddedRate = value(embedded.builtin(c, "linkerd", rate));
        double promP99 = value(viaPrometheus.builtin(c, "linkerd", p99));
        double embeddedP99 = value(embedded.builtin(c, "linkerd", p99));

        assertThat(promRate).as("success rate from Prometheus").isBetween(89.0, 91.0);
        // 190 ms exactly at a 10 % slow share; the share inside one window drifts a little on a busy machine.
        assertThat(promP99).as("P99 in ms from Prometheus").isBetween(180.0, 200.0);
        assertThat(embeddedRate).as("embedded vs Prometheus success rate").isCloseTo(promRate,
                org.assertj.core.api.Assertions.withinPercentage(1));
        assertThat(embeddedP99).as("embedded vs Prometheus P99").isCloseTo(promP99,
                org.assertj.core.api.Assertions.withinPercentage(1));

        LoadReport report = load.get(60, TimeUnit.SECONDS);
        assertThat(report.errors()).as("the load went through the mesh without connection errors").isEmpty();
        assertThat(report.statuses().get(500)).isPositive();
        System.out.printf("prometheus: success %.3f%% p99 %.2fms; embedded: success %.3f%% p99 %.2fms; load: %s%n",
                promRate, promP99, embeddedRate, embeddedP99, report.summary());
    }

    /** Services and a 50/50 TrafficSplit written by the delivery routers, executed by the mesh. */
    private Canary routeHalfToTheCanary() throws Exception {
        Store store = new Store();
        String yaml = """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: podinfo, namespace: test}
                spec:
                  provider: linkerd
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  service: {port: 9898}
                  analysis: {interval: 1m, threshold: 5, stepWeight: 50}
                """;
        store.put(yaml);
        Canary c = new CanaryKindModel().parse(KubeObject.parse(yaml)).value();
        RouterFactory routers = new RouterFactory(store.cluster, "linkerd", "");
        WorkloadSelector app = new WorkloadSelector("app", "podinfo", Map.of());
        routers.serviceRouter(c).ensureServices(c, app);
        routers.serviceRouter(c).pointApexToPrimary(c, app);
        routers.trafficRouter(c).reconcile(c);
        routers.trafficRouter(c).setRoutes(c, TrafficSplit.of(50, 50), StickySession.NONE);
        var ready = new ReadyEndpoints(List.of(
                new ReadyEndpoints.Pod("test", "podinfo-primary-a", "podinfo-primary", Map.of("app", "podinfo-primary"),
                        List.of(new ReadyEndpoints.Port("http", 9898, "127.0.0.1", primary.getAddress().getPort()))),
                new ReadyEndpoints.Pod("test", "podinfo-b", "podinfo", Map.of("app", "podinfo"),
                        List.of(new ReadyEndpoints.Port("http", 9898, "127.0.0.1", canary.getAddress().getPort())))));
        var result = mesh.updateFrom(store.routingObjects(), ready);
        assertThat(result.diagnostics()).isEmpty();
        return c;
    }

    /** A backend; the canary one fails every 10th request and answers every 10th other one after 150 ms. */
    private HttpServer backend(boolean faulty) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        AtomicLong n = new AtomicLong();
        s.setExecutor(Executors.newFixedThreadPool(4));
        s.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            long i = n.incrementAndGet();
            if (faulty && i % 10 == 0) {
                answer(ex, 500);
            } else if (faulty && i % 10 == 5) {
                delays.schedule(() -> answer(ex, 200), 150, TimeUnit.MILLISECONDS);
            } else {
                answer(ex, 200);
            }
        });
        s.start();
        return s;
    }

    private static void answer(HttpExchange ex, int status) {
        byte[] body = "ok".getBytes();
        try (OutputStream out = ex.getResponseBody()) {
            ex.sendResponseHeaders(status, body.length);
            out.write(body);
        } catch (IOException e) {
            // the client went away
        } finally {
            ex.close();
        }
    }

    private int prometheusPort;

    private Process startPrometheus(Path binary, int adminPort) throws Exception {
        prometheusPort = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: sluice-mesh
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(adminPort));
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!p.isAlive()) {
                fail("prometheus exited with " + p.exitValue() + ": " + Files.readString(dir.resolve("prometheus.log")));
            }
            return get(prometheusPort, "/-/ready").map(r -> r.statusCode() == 200).orElse(false);
        });
        return p;
    }

    private long samples(int port, String query) {
        return get(port, "/api/v1/query?query=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8))
                .map(r -> dev.sluice.api.Json.parseObject(r.body()).at("/data/result/0/value/1").asLong(0)).orElse(0L);
    }

    private Optional<HttpResponse<String>> get(int port, String path) {
        try {
            return Optional.of(clients.client(false).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static double value(MetricResult r) {
        assertThat(r).isInstanceOf(MetricResult.Value.class);
        return ((MetricResult.Value) r).value();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The prometheus binary, or skip (fail with {@code SLUICE_REQUIRE_TOOLS=1}) when it is not installed. */
    static Path prometheusBinary() {
        for (String dirName : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dirName, "prometheus");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = "the prometheus binary is not on PATH; install the Debian package (apt-get install -y prometheus)";
        if ("1".equals(System.getenv("SLUICE_REQUIRE_TOOLS"))) {
            fail(why + " (SLUICE_REQUIRE_TOOLS=1 requires it)");
        }
        Assumptions.abort(why);
        return null;
    }
}
