package dev.sluice.local.mesh.metrics;

import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.ServiceRef;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Linkerd-compatible golden metrics per workload: {@code request_total}, {@code response_total}
 * and {@code response_latency_ms} with Linkerd's bucket bounds, labelled so that Flagger's linkerd
 * queries work unchanged against a Prometheus scraping {@link #writeText}.
 *
 * <p>The hot path writes into LongAdder cells reached through a {@link Recorder} (no label lookup,
 * no allocation); the Prometheus client library's model and text writer do the exposition, through
 * a collector registered in {@link #registry()}. Thread-safe.
 */
public final class GoldenMetrics {

    private record Binding(ServiceRef service, Endpoint endpoint) {
    }

    private final ConcurrentHashMap<SeriesKey, Series> series = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Binding, Recorder> recorders = new ConcurrentHashMap<>();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public GoldenMetrics() {
        registry.register(new GoldenCollector(this));
    }

    /** The recorder for requests to {@code endpoint} picked from {@code service}. */
    public Recorder recorder(ServiceRef service, Endpoint endpoint) {
        Recorder r = recorders.get(new Binding(service, endpoint));
        return r != null ? r : recorders.computeIfAbsent(new Binding(service, endpoint), b -> new Recorder(
                series(new SeriesKey(SeriesKey.INBOUND, endpoint.namespace(), endpoint.deployment(), endpoint.pod(), "")),
                series(new SeriesKey(SeriesKey.OUTBOUND, endpoint.namespace(), endpoint.deployment(), endpoint.pod(),
                        service.name()))));
    }

    private Series series(SeriesKey key) {
        return series.computeIfAbsent(key, Series::new);
    }

    /** Every series' current values, read without stopping writers (each counter is read once). */
    public MetricsSnapshot snapshot(Instant at) {
        List<MetricsSnapshot.SeriesSnapshot> out = new ArrayList<>();
        for (Series s : sortedSeries()) {
            List<MetricsSnapshot.StatusSnapshot> statuses = new ArrayList<>();
            for (StatusCell c : s.cells()) {
                statuses.add(new MetricsSnapshot.StatusSnapshot(c.status, c.successes.sum(), c.failures.sum(),
                        c.cumulativeBuckets(), c.sumMs.sum()));
            }
            out.add(new MetricsSnapshot.SeriesSnapshot(s.key, s.requests.sum(), statuses));
        }
        return new MetricsSnapshot(at, out);
    }

    Collection<Series> sortedSeries() {
        List<Series> list = new ArrayList<>(series.values());
        list.sort(Comparator.comparing((Series s) -> s.key.direction()).thenComparing(s -> s.key.namespace())
                .thenComparing(s -> s.key.deployment()).thenComparing(s -> s.key.pod()).thenComparing(s -> s.key.service()));
        return list;
    }

    /** The registry holding these metrics, for callers that expose several sources together. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** Writes every series in the Prometheus text format. */
    public void writeText(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
