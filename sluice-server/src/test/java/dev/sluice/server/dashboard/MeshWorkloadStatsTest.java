package dev.sluice.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.mesh.metrics.LatencyBuckets;
import dev.sluice.local.mesh.metrics.MetricsHistory;
import dev.sluice.local.mesh.metrics.MetricsSnapshot;
import dev.sluice.local.mesh.metrics.MetricsSnapshot.SeriesSnapshot;
import dev.sluice.local.mesh.metrics.MetricsSnapshot.StatusSnapshot;
import dev.sluice.local.mesh.metrics.SeriesKey;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshWorkloadStatsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** Cumulative buckets with every one of {@code n} responses in the bucket of {@code ms}. */
    private static long[] allAt(double ms, long n) {
        double[] bounds = LatencyBuckets.upperBounds();
        long[] out = new long[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            out[i] = bounds[i] >= ms ? n : 0;
        }
        return out;
    }

    private static MetricsSnapshot snapshot(Instant at, long ok, long failed) {
        SeriesKey face = new SeriesKey(SeriesKey.INBOUND, "faces", "face", "face-1", "");
        SeriesKey primary = new SeriesKey(SeriesKey.INBOUND, "faces", "face-primary", "face-primary-1", "");
        return new MetricsSnapshot(at, List.of(
                new SeriesSnapshot(face, ok + failed, List.of(new StatusSnapshot(200, ok, 0, allAt(8, ok), ok * 8.0),
                        new StatusSnapshot(500, 0, failed, allAt(8, failed), failed * 8.0))),
                new SeriesSnapshot(primary, 1000, List.of(new StatusSnapshot(200, 1000, 0, allAt(40, 1000), 40_000)))));
    }

    @Test
    void goldenMetricsOfOneDeploymentNotItsPrimary() {
        ManualClock clock = new ManualClock(T.plusSeconds(60));
        MetricsHistory history = new MetricsHistory(() -> null, clock, Duration.ofMinutes(5));
        history.add(snapshot(T, 0, 0));
        history.add(snapshot(T.plusSeconds(30), 40, 10));
        history.add(snapshot(T.plusSeconds(60), 80, 20));
        MeshWorkloadStats stats = new MeshWorkloadStats(history);

        WorkloadStats.Golden g = stats.golden("faces", "face", Duration.ofMinutes(1)).orElseThrow();
        assertThat(g.successRate()).isCloseTo(80.0, org.assertj.core.data.Offset.offset(0.01));
        // 100 responses over the 60 s window: extrapolated by PromQL's rate() to ~1.67/s.
        assertThat(g.rps()).isBetween(1.6, 1.7);
        assertThat(g.p50Ms()).isBetween(5.0, 10.0);
        assertThat(g.p99Ms()).isLessThanOrEqualTo(10.0);
        assertThat(g.tcpConnections()).isNull();
        assertThat(stats.meshed("faces", "face")).isTrue();

        assertThat(stats.golden("faces", "smiley", Duration.ofMinutes(1))).isEmpty();
    }
}
