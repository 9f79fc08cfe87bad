package dev.sluice.local.mesh.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the golden cells into Prometheus snapshots. Inbound series carry {@code namespace},
 * {@code deployment}, {@code pod}, which Linkerd's Prometheus adds at scrape time from the pod
 * (here one process serves every workload, so the proxy adds them); outbound series carry the
 * destination as {@code dst_*} labels, as a client-side Linkerd proxy does.
 */
final class GoldenCollector implements MultiCollector {

    private static final double[] BOUNDS = LatencyBuckets.upperBounds();

    private final GoldenMetrics metrics;

    GoldenCollector(GoldenMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public MetricSnapshots collect() {
        List<CounterSnapshot.CounterDataPointSnapshot> requests = new ArrayList<>();
        List<CounterSnapshot.CounterDataPointSnapshot> responses = new ArrayList<>();
        List<HistogramSnapshot.HistogramDataPointSnapshot> latency = new ArrayList<>();
        for (Series s : metrics.sortedSeries()) {
            Labels base = labels(s.key);
            requests.add(CounterSnapshot.CounterDataPointSnapshot.builder().labels(base).value(s.requests.sum()).build());
            for (StatusCell c : s.cells()) {
                Labels withStatus = base.add("status_code", Integer.toString(c.status));
                long ok = c.successes.sum();
                long failed = c.failures.sum();
                if (ok > 0) {
                    responses.add(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(withStatus.add("classification", "success")).value(ok).build());
                }
                if (failed > 0) {
                    responses.add(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(withStatus.add("classification", "failure")).value(failed).build());
                }
                long[] counts = new long[BOUNDS.length];
                double sum = c.sumMs.sum();
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = c.buckets[i].sum();
                }
                latency.add(HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(withStatus)
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, counts)).sum(sum).build());
            }
        }
        return MetricSnapshots.of(
                new CounterSnapshot(new MetricMetadata("request", "Requests that began, per workload"), requests),
                new CounterSnapshot(new MetricMetadata("response", "Responses that ended, per workload and status"), responses),
                new HistogramSnapshot(new MetricMetadata("response_latency_ms", "Time to the first byte of responses, in milliseconds"), latency));
    }

    private static Labels labels(SeriesKey k) {
        if (k.direction().equals(SeriesKey.INBOUND)) {
            Labels l = Labels.of("direction", "inbound", "namespace", k.namespace(), "deployment", k.deployment(),
                    "tls", "no_identity");
            return k.pod().isEmpty() ? l : l.add("pod", k.pod());
        }
        Labels l = Labels.of("direction", "outbound", "dst_namespace", k.namespace(), "dst_deployment", k.deployment(),
                "dst_service", k.service(), "tls", "no_identity");
        return k.pod().isEmpty() ? l : l.add("dst_pod", k.pod());
    }
}
