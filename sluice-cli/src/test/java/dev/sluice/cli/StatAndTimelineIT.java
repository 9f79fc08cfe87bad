package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import dev.sluice.server.dashboard.Dashboard;
import dev.sluice.server.dashboard.DashboardSources;
import dev.sluice.server.dashboard.WorkloadStats;
import dev.sluice.server.observe.TickStore;
import dev.sluice.testkit.ManualClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sluice stat} and {@code sluice timeline} against a running API server with the dashboard. */
class StatAndTimelineIT {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private EmbeddedCluster cluster;
    private ApiServer api;
    private Dashboard dashboard;
    private final TickStore ticks = new TickStore();

    private void put(String yaml) {
        KubeObject o = KubeObject.parse(yaml);
        KubeObject created = cluster.create(o);
        if (!o.status().isMissingNode()) {
            cluster.updateStatus(created.withStatus(o.status()));
        }
    }

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.inMemory(clock, new SplittableRandom(5));
        put("{apiVersion: v1, kind: Namespace, metadata: {name: faces}}");
        for (String d : List.of("face", "face-primary")) {
            put("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: %s, namespace: faces}
                    spec: {replicas: 1, selector: {matchLabels: {app: %s}}, template: {metadata: {labels: {app: %s}}, spec: {containers: [{name: a, image: x}]}}}
                    status: {replicas: 1, readyReplicas: 1}
                    """.formatted(d, d, d));
        }
        put("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: face, namespace: faces}
                spec:
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: face}
                  service: {port: 80}
                  analysis: {interval: 10s, threshold: 1, stepWeight: 50, metrics: [{name: request-success-rate, thresholdRange: {min: 70}}]}
                status: {phase: Failed, canaryWeight: 0, failedChecks: 1}
                """);
        ObjectKey canary = ObjectKey.of("flagger.app", "Canary", "faces", "face");
        ticks.record(new AnalysisTick(canary, T0.plusSeconds(10), "hash-1", "Progressing", 50, 50, 0, 1,
                List.of(new AnalysisTick.MetricSample("request-success-rate", 25.0, 70.0, null, AnalysisTick.Verdict.FAIL,
                        "success rate 25.00% < 70%")), List.of(), List.of("Halt face.faces advancement success rate 25.00% < 70%")));
        ticks.record(new AnalysisTick(canary, T0.plusSeconds(20), "hash-1", "Failed", 100, 0, 0, 1, List.of(), List.of(),
                List.of("Rolling back face.faces failed checks threshold reached 1", "Canary failed! Scaling down face.faces")));
        WorkloadStats stats = new WorkloadStats() {
            @Override
            public boolean meshed(String namespace, String deployment) {
                return true;
            }

            @Override
            public Optional<Golden> golden(String namespace, String deployment, Duration window) {
                return deployment.equals("face-primary") ? Optional.of(new Golden(100.0, 10.0, 1.2, 3.0, 4.9, null)) : Optional.empty();
            }
        };
        TokenAuth auth = TokenAuth.of("t");
        api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), cluster, ResourceTypes.builtIn(), auth);
        dashboard = Dashboard.mount(api, cluster, DashboardSources.of(auth, clock, ticks).withWorkloads(stats));
    }

    @AfterEach
    void stop() {
        dashboard.close();
        api.close();
        cluster.close();
    }

    @Test
    void statPrintsLinkerdsColumns() {
        CliRunner r = CliRunner.run("stat", "deploy", "-n", "faces", "--server", api.baseUrl());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "NAME           MESHED   SUCCESS   RPS       LATENCY_P50   LATENCY_P95   LATENCY_P99   TCP_CONN",
                "face           1/1      -         -         -             -             -             -",
                "face-primary   1/1      100.00%   10.0rps   1ms           3ms           5ms           -");

        CliRunner empty = CliRunner.run("stat", "deploy", "-n", "elsewhere", "--server", api.baseUrl());
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.err()).contains("No Deployments found in namespace elsewhere.");

        CliRunner json = CliRunner.run("stat", "deploy", "-A", "-o", "json", "--server", api.baseUrl());
        assertThat(Json.parseObject(json.out()).path("rows")).hasSize(2);
    }

    @Test
    void timelineAsTextAndAsJson() {
        CliRunner text = CliRunner.run("timeline", "canary", "face", "-n", "faces", "--server", api.baseUrl());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .startsWith("Canary faces/face (Deployment faces/face), phase Failed\n")
                .contains("unknown revision: RolledBack\n")
                .contains("  Rolling back face.faces failed checks threshold reached 1; last failed check: "
                        + "request-success-rate: success rate 25.00% < 70%\n")
                .contains("  00:00:10  step     Halt face.faces advancement success rate 25.00% < 70%\n")
                .contains("request-success-rate 25 (>= 70) FAIL")
                .contains("  - no Kustomization's inventory holds Deployment/faces/face");

        CliRunner json = CliRunner.run("timeline", "canary", "face", "-n", "faces", "-o", "json", "--server", api.baseUrl());
        assertThat(Json.parseObject(json.out()).path("shape").asText()).isEqualTo("sluice.dev/timeline/v1");

        CliRunner missing = CliRunner.run("timeline", "canary", "nope", "-n", "faces", "--server", api.baseUrl());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("Canary/faces/nope not found");
    }
}
