package dev.sluice.server.observe;

import static dev.sluice.server.dashboard.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.Strategy;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.server.dashboard.Fixtures;
import dev.sluice.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SluiceMetricsTest {

    private final ManualClock clock = new ManualClock(T0);
    private EmbeddedCluster cluster;
    private final TickStore ticks = new TickStore();
    private SluiceMetrics metrics;

    @BeforeEach
    void setUp() {
        cluster = EmbeddedCluster.inMemory(clock, new SplittableRandom(1));
        Fixtures.load(cluster);
        metrics = new SluiceMetrics(cluster, ticks, "0.1.0", "linkerd");
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fluxConditionsAndSuspendFromStoredObjects() throws IOException {
        String text = scrape();
        assertThat(text).contains(
                "gotk_reconcile_condition{kind=\"Kustomization\",name=\"broken\",namespace=\"faces\",status=\"False\",type=\"Ready\"} 1.0",
                "gotk_reconcile_condition{kind=\"Kustomization\",name=\"broken\",namespace=\"faces\",status=\"True\",type=\"Ready\"} 0.0",
                "gotk_reconcile_condition{kind=\"GitRepository\",name=\"faces\",namespace=\"faces\",status=\"True\",type=\"Ready\"} 1.0",
                "gotk_reconcile_condition{kind=\"GitRepository\",name=\"faces\",namespace=\"faces\",status=\"Deleted\",type=\"Ready\"} 0.0",
                "gotk_suspend_status{kind=\"Kustomization\",name=\"faces\",namespace=\"faces\"} 0.0");
    }

    @Test
    void reconcileDurationsUseFluxBuckets() throws IOException {
        SchedulerListener l = metrics.schedulerListener();
        ObjectKey ks = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "faces", "faces");
        l.finished("kustomization", ks, Duration.ofMillis(2500), null);
        l.finished("kustomization", ks, Duration.ofMillis(5), null);
        // Not a Flux or Flagger kind: not reported.
        l.finished("workloads", ObjectKey.of("apps", "Deployment", "faces", "face"), Duration.ofSeconds(1), null);

        String text = scrape();
        String labels = "kind=\"Kustomization\",name=\"faces\",namespace=\"faces\"";
        // ExponentialBucketsRange(0.01, 1800, 10): factor (1800/0.01)^(1/9) ≈ 3.836.
        assertThat(text).contains(
                "gotk_reconcile_duration_seconds_bucket{" + labels + ",le=\"0.01\"} 1",
                "gotk_reconcile_duration_seconds_bucket{" + labels + ",le=\"0.038363583488692544\"} 1",
                "gotk_reconcile_duration_seconds_bucket{" + labels + ",le=\"2.1660908555907006\"} 1",
                "gotk_reconcile_duration_seconds_bucket{" + labels + ",le=\"8.309900738254731\"} 2",
                "gotk_reconcile_duration_seconds_bucket{" + labels + ",le=\"1799.9999999999982\"} 2",
                "gotk_reconcile_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 2",
                "gotk_reconcile_duration_seconds_count{" + labels + "} 2",
                "gotk_reconcile_duration_seconds_sum{" + labels + "} 2.505");
        assertThat(text.lines().filter(x -> x.startsWith("gotk_reconcile_duration_seconds_bucket{"))).hasSize(11);
        assertThat(text).doesNotContain("Deployment");
    }

    @Test
    void flaggerGaugesFromCanariesAndTicks() throws IOException {
        ticks.record(Fixtures.tick("face", T0, "hash-b", "Progressing", 20, 0, 99.5, 120, List.of()));
        metrics.schedulerListener().finished("canary", Fixtures.canaryKey("face"), Duration.ofMillis(30), null);

        String text = scrape();
        assertThat(text).contains(
                "flagger_info{mesh_provider=\"linkerd\",version=\"0.1.0\"} 1.0",
                "flagger_canary_total{namespace=\"faces\"} 4.0",
                "flagger_canary_status{name=\"face\",namespace=\"faces\"} 0.0",
                "flagger_canary_status{name=\"smiley\",namespace=\"faces\"} 1.0",
                "flagger_canary_status{name=\"color\",namespace=\"faces\"} 2.0",
                "flagger_canary_weight{namespace=\"faces\",workload=\"face\"} 20.0",
                "flagger_canary_weight{namespace=\"faces\",workload=\"face-primary\"} 80.0",
                "flagger_canary_weight{namespace=\"faces\",workload=\"faces-gui\"} 50.0",
                "flagger_canary_metric_analysis{metric=\"request-success-rate\",name=\"face\",namespace=\"faces\"} 99.5",
                "flagger_canary_metric_analysis{metric=\"request-duration\",name=\"face\",namespace=\"faces\"} 120.0",
                "flagger_canary_duration_seconds_bucket{name=\"face\",namespace=\"faces\",le=\"0.05\"} 1");
    }

    @Test
    void outcomesAreCountedWithFlaggerLabels() throws IOException {
        metrics.outcomeRecorder().finished(Fixtures.canaryKey("face"), "face", Strategy.CANARY, true, false);
        metrics.outcomeRecorder().finished(Fixtures.canaryKey("face"), "face", Strategy.CANARY, true, false);
        metrics.outcomeRecorder().finished(Fixtures.canaryKey("color"), "color", Strategy.BLUE_GREEN, false, false);

        String text = scrape();
        assertThat(text).contains(
                "flagger_canary_successes_total{analysis_status=\"completed\",deployment_strategy=\"canary\",name=\"face\",namespace=\"faces\"} 2.0",
                "flagger_canary_failures_total{analysis_status=\"completed\",deployment_strategy=\"blue-green\",name=\"color\",namespace=\"faces\"} 1.0");
    }

    @Test
    void deletedObjectsLeaveTheMetrics() throws IOException {
        ObjectKey ks = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "faces", "broken");
        metrics.schedulerListener().finished("kustomization", ks, Duration.ofSeconds(1), null);
        assertThat(scrape()).contains("name=\"broken\"");

        cluster.delete(ks, DeleteOptions.background());
        assertThat(scrape()).doesNotContain("name=\"broken\"");
    }
}
