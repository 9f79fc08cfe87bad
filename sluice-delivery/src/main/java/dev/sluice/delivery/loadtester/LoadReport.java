package dev.sluice.delivery.loadtester;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of one load run, as hey prints it: requests, status code counts, connection errors
 * and latency percentiles.
 *
 * @param statuses  responses per HTTP status code
 * @param errors    requests without a response, per error message
 * @param latencies response times in nanoseconds, sorted
 */
public record LoadReport(long total, Map<Integer, Long> statuses, Map<String, Long> errors, long[] latencies,
                         Duration elapsed) {

    public LoadReport {
        statuses = java.util.Collections.unmodifiableMap(new TreeMap<>(statuses));
        errors = java.util.Collections.unmodifiableMap(new TreeMap<>(errors));
        latencies = latencies.clone();
        Arrays.sort(latencies);
    }

    /** The q-quantile of the latencies (nearest rank), zero without responses. */
    public Duration percentile(double q) {
        if (latencies.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(q * latencies.length) - 1;
        return Duration.ofNanos(latencies[Math.max(0, Math.min(latencies.length - 1, rank))]);
    }

    public long responses() {
        return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests per second over the run. */
    public double rate() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : total / s;
    }

    /** A one-line summary for logs. */
    public String summary() {
        return total + " requests in " + dev.sluice.api.GoDuration.format(elapsed) + ", status " + statuses
                + (errors.isEmpty() ? "" : ", errors " + errors) + ", p50 " + percentile(0.5).toMillis() + "ms, p90 "
                + percentile(0.9).toMillis() + "ms, p99 " + percentile(0.99).toMillis() + "ms";
    }
}
