package dev.sluice.local.mesh.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The value of every golden-metric series at one instant: what a Prometheus scrape would store.
 * Counters only grow while the proxy runs.
 */
public record MetricsSnapshot(Instant at, List<SeriesSnapshot> series) {

    public MetricsSnapshot {
        series = List.copyOf(series);
    }

    /** One {@link SeriesKey}: its requests and its responses per status code. */
    public record SeriesSnapshot(SeriesKey key, long requests, List<StatusSnapshot> statuses) {

        public SeriesSnapshot {
            statuses = List.copyOf(statuses);
        }
    }

    /**
     * Responses with one status code.
     *
     * @param successes         {@code response_total{classification="success"}}
     * @param failures          {@code response_total{classification="failure"}}
     * @param cumulativeBuckets {@code response_latency_ms_bucket} per {@link LatencyBuckets#upperBounds()}, cumulative
     * @param latencySumMs      {@code response_latency_ms_sum}
     */
    public record StatusSnapshot(int statusCode, long successes, long failures, long[] cumulativeBuckets,
                                 double latencySumMs) {

        /** {@code response_latency_ms_count}. */
        public long latencyCount() {
            return cumulativeBuckets[cumulativeBuckets.length - 1];
        }
    }
}
