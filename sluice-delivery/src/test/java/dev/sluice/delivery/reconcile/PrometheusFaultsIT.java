package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.cluster.EventRecord;
import dev.sluice.delivery.metrics.MetricMeasurer;
import dev.sluice.delivery.net.TestServer;
import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.delivery.routing.TrafficSplit;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults of the metrics server (issue 10), through the real Prometheus client and the canary
 * controller on the embedded store: Prometheus down, slow, answering empty, NaN, several series,
 * HTTP 500 or garbage. The rule: never promote on missing or bad data. Each fault is a failed check
 * whose Warning event says why, the weight does not move, the next interval tries again, and only
 * good answers let the analysis go on.
 */
class PrometheusFaultsIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String V1 = "ghcr.io/stefanprodan/podinfo:6.0.0";
    private static final String V2 = "ghcr.io/stefanprodan/podinfo:6.0.1";
    private static final String PATH = "/api/v1/query";
    /** Threshold 10: the faults below stay under it, so the test sees each one halt the analysis. */
    private static final String PATIENT = Manifests.PROGRESSIVE.replace("threshold: 2", "threshold: 10");

    private final TestServer prometheus;
    private final String downAddress;
    private volatile String address;
    private volatile Function<String, TestServer.Answer> successRate = q -> vector("100");
    private final CanaryWorld world;

    PrometheusFaultsIT() throws Exception {
        prometheus = new TestServer();
        prometheus.always(PATH, r -> answer(URLDecoder.decode(r.uri(), StandardCharsets.UTF_8)));
        address = prometheus.url();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            downAddress = "http://127.0.0.1:" + closed.getLocalPort();
        }
        world = new CanaryWorld(CanarySettings.DEFAULTS, Duration.ofMillis(500),
                (providers, fake) -> (MetricMeasurer.MetricsServer) spec -> providers.prometheus(address));
    }

    @AfterEach
    void close() {
        world.close();
        prometheus.close();
    }

    private TestServer.Answer answer(String uri) {
        if (uri.contains("vector(1)")) {
            return vector("1");
        }
        if (uri.contains("_bucket")) {
            return vector("50");
        }
        return successRate.apply(uri);
    }

    private static TestServer.Answer vector(String... values) {
        StringBuilder b = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i > 0 ? "," : "").append("{\"metric\":{\"pod\":\"p").append(i).append("\"},\"value\":[1700000000,\"")
                    .append(values[i]).append("\"]}");
        }
        return TestServer.Answer.of(200, b.append("]}}").toString());
    }

    /** A fault, the answer giving it, and what the Warning event must say. */
    private record Fault(String name, Runnable inject, String reason) {
    }

    @Test
    void everyPrometheusFaultIsAFailedCheckThatSaysWhyAndNeverAdvancesOrPromotes() {
        world.bootstrap(Manifests.canary("linkerd", "", PATIENT));
        world.apply(Manifests.deployment(V2));
        world.ticks(INTERVAL, 2);   // scale up; first step (no checks before traffic)
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(75, 25));

        List<Fault> faults = List.of(
                new Fault("down", () -> address = downAddress, "Prometheus query failed: "),
                new Fault("slow", () -> prometheus.hang(PATH), "timed out after 500ms"),
                new Fault("empty", () -> successRate = q -> vector(), "no values found"),
                new Fault("NaN", () -> successRate = q -> vector("NaN"), "the value is NaN"),
                new Fault("several series", () -> successRate = q -> vector("100", "100"), "query returned multiple values"),
                new Fault("HTTP 500", () -> successRate = q -> TestServer.Answer.of(500, "internal error"),
                        "status 500: internal error"),
                new Fault("garbage", () -> successRate = q -> TestServer.Answer.of(200, "<html>\u0000\u00ff"),
                        "prometheus answer is not JSON"));
        int failed = 0;
        for (Fault f : faults) {
            f.inject().run();
            world.tick(INTERVAL);
            failed++;
            assertThat(world.status("podinfo").failedChecks()).as(f.name()).isEqualTo(failed);
            assertThat(world.status("podinfo").phase()).as(f.name()).isEqualTo(CanaryPhase.PROGRESSING);
            assertThat(world.status("podinfo").canaryWeight()).as(f.name()).isEqualTo(25);
            assertThat(world.routes("podinfo")).as(f.name()).isEqualTo(TrafficSplit.of(75, 25));
            assertThat(world.image("podinfo-primary")).as(f.name()).isEqualTo(V1);
            assertThat(lastWarning()).as(f.name()).contains(f.reason());
            AnalysisTick tick = world.ticks.getLast();
            assertThat(tick.metrics()).as(f.name()).anyMatch(m -> m.name().equals("request-success-rate")
                    && m.verdict() != AnalysisTick.Verdict.PASS);
            heal();
        }

        // Good data again: the analysis goes on from where it halted and promotes.
        world.tick(INTERVAL);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.of(50, 50));
        world.ticks(INTERVAL, 3);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(world.image("podinfo-primary")).isEqualTo(V2);
    }

    @Test
    void aMetricsServerThatStaysBrokenRollsBackAndNeverPromotes() {
        world.bootstrap(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        world.apply(Manifests.deployment(V2));
        world.ticks(INTERVAL, 2);
        successRate = q -> vector("NaN");
        world.ticks(INTERVAL, 2);
        assertThat(world.status("podinfo").failedChecks()).isEqualTo(2);
        address = downAddress;
        world.ticks(INTERVAL, 3);

        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.FAILED);
        assertThat(world.routes("podinfo")).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(world.image("podinfo-primary")).isEqualTo(V1);
        assertThat(world.listener.outcomes).containsExactly(
                new RecordingMetricsListener.Outcome(dev.sluice.api.flagger.Strategy.CANARY, false, false));
        assertThat(world.eventMessages("podinfo")).contains("Rolling back podinfo.test failed checks threshold reached 2")
                .noneMatch(m -> m.startsWith("Copying podinfo.test template spec"));
    }

    /** Back to a healthy server: the hang is released by a fresh answer for the path. */
    private void heal() {
        address = prometheus.url();
        successRate = q -> vector("100");
        prometheus.always(PATH, r -> answer(URLDecoder.decode(r.uri(), StandardCharsets.UTF_8)));
    }

    private String lastWarning() {
        List<EventRecord> warnings = world.events("podinfo").stream().filter(EventRecord::isWarning).toList();
        assertThat(warnings).isNotEmpty();
        return warnings.stream().max(java.util.Comparator.comparing(EventRecord::lastTimestamp)).orElseThrow().message();
    }
}
