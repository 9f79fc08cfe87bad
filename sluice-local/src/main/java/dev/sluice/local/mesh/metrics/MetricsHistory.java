package dev.sluice.local.mesh.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Periodic snapshots of the golden metrics, kept for a retention period, answering Flagger's two
 * linkerd queries in-process the way Prometheus answers them over the same samples:
 * <pre>
 * sum(rate(response_total{namespace=N,deployment=~D,classification!="failure",direction="inbound"}[W]))
 *   / sum(rate(response_total{namespace=N,deployment=~D,direction="inbound"}[W])) * 100
 * histogram_quantile(0.99, sum(rate(response_latency_ms_bucket{namespace=N,deployment=~D,direction="inbound"}[W])) by (le))
 * </pre>
 * A range holds the samples with {@code now - W <= t <= now} (Prometheus 2.x; Debian 12 ships
 * 2.42). Call {@link #scrape()} at a fixed interval, as Prometheus' {@code scrape_interval}; answers
 * agree with Prometheus within rounding when both scrape at the same instants. Thread-safe.
 */
public final class MetricsHistory {

    private final Supplier<MetricsSnapshot> source;
    private final Clock clock;
    private final Duration retention;
    private final Deque<MetricsSnapshot> snapshots = new ArrayDeque<>();
    /** The first snapshot ever added: the history knows nothing before it. */
    private Instant first;

    /**
     * @param source    takes a snapshot at the clock's current instant, e.g. {@code () -> metrics.snapshot(clock.instant())}
     * @param retention how long snapshots are kept; at least the longest window asked for
     */
    public MetricsHistory(Supplier<MetricsSnapshot> source, Clock clock, Duration retention) {
        this.source = source;
        this.clock = clock;
        this.retention = retention;
    }

    public static MetricsHistory of(GoldenMetrics metrics, Clock clock, Duration retention) {
        return new MetricsHistory(() -> metrics.snapshot(clock.instant()), clock, retention);
    }

    /** Takes a snapshot now and forgets those older than the retention. */
    public void scrape() {
        add(source.get());
    }

    /** Adds a snapshot taken elsewhere; snapshots must come in time order. */
    public synchronized void add(MetricsSnapshot s) {
        if (first == null) {
            first = s.at();
        }
        snapshots.addLast(s);
        Instant oldest = s.at().minus(retention);
        while (!snapshots.isEmpty() && snapshots.peekFirst().at().isBefore(oldest)) {
            snapshots.removeFirst();
        }
    }

    /**
     * Whether the history reaches back a whole {@code window} from now. It does not for the first
     * {@code window} after the proxy started (a restarted embedded mode remembers no traffic).
     */
    public synchronized boolean covers(Duration window) {
        return first != null && !first.isAfter(clock.instant().minus(window));
    }

    /**
     * The share of non-failed responses, in percent, of a workload's inbound traffic over the last
     * {@code window}; empty where the PromQL has no result (no traffic, or no successful response
     * series at all: {@code sum()} of nothing is nothing) or its result is NaN.
     */
    public OptionalDouble successRate(String namespace, String deploymentRegex, Duration window) {
        Range r = range(window);
        Pattern deployment = anchored(deploymentRegex);
        Map<String, Samples> ok = new LinkedHashMap<>();
        Map<String, Samples> all = new LinkedHashMap<>();
        for (int i = 0; i < r.snapshots.size(); i++) {
            MetricsSnapshot s = r.snapshots.get(i);
            for (MetricsSnapshot.SeriesSnapshot series : s.series()) {
                if (!selected(series.key(), namespace, deployment)) {
                    continue;
                }
                for (MetricsSnapshot.StatusSnapshot st : series.statuses()) {
                    String id = series.key() + "|" + st.statusCode();
                    // A classification series exists (is exposed) only once it counted something.
                    if (st.successes() > 0) {
                        sample(ok, id + "|success", s.at(), st.successes());
                        sample(all, id + "|success", s.at(), st.successes());
                    }
                    if (st.failures() > 0) {
                        sample(all, id + "|failure", s.at(), st.failures());
                    }
                }
            }
        }
        OptionalDouble num = sumOfRates(ok.values(), r);
        OptionalDouble den = sumOfRates(all.values(), r);
        if (num.isEmpty() || den.isEmpty()) {
            return OptionalDouble.empty();
        }
        double v = num.getAsDouble() / den.getAsDouble() * 100;
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * {@code sum(rate(response_total{namespace=N,deployment=~D,direction="inbound"}[W]))}: a workload's
     * inbound responses per second (what {@code linkerd viz stat} shows as RPS); empty where the
     * PromQL has no result (no response series in the window).
     */
    public OptionalDouble responseRate(String namespace, String deploymentRegex, Duration window) {
        Range r = range(window);
        Pattern deployment = anchored(deploymentRegex);
        Map<String, Samples> all = new LinkedHashMap<>();
        for (MetricsSnapshot s : r.snapshots) {
            for (MetricsSnapshot.SeriesSnapshot series : s.series()) {
                if (!selected(series.key(), namespace, deployment)) {
                    continue;
                }
                for (MetricsSnapshot.StatusSnapshot st : series.statuses()) {
                    String id = series.key() + "|" + st.statusCode();
                    if (st.successes() > 0) {
                        sample(all, id + "|success", s.at(), st.successes());
                    }
                    if (st.failures() > 0) {
                        sample(all, id + "|failure", s.at(), st.failures());
                    }
                }
            }
        }
        return sumOfRates(all.values(), r);
    }

    /** {@code histogram_quantile(q, ...)} of a workload's inbound time to first byte, in milliseconds. */
    public OptionalDouble latencyQuantile(double q, String namespace, String deploymentRegex, Duration window) {
        Range r = range(window);
        Pattern deployment = anchored(deploymentRegex);
        double[] bounds = LatencyBuckets.upperBounds();
        List<Map<String, Samples>> byLe = new ArrayList<>();
        for (int i = 0; i < bounds.length; i++) {
            byLe.add(new LinkedHashMap<>());
        }
        for (MetricsSnapshot s : r.snapshots) {
            for (MetricsSnapshot.SeriesSnapshot series : s.series()) {
                if (!selected(series.key(), namespace, deployment)) {
                    continue;
                }
                for (MetricsSnapshot.StatusSnapshot st : series.statuses()) {
                    String id = series.key() + "|" + st.statusCode();
                    for (int le = 0; le < bounds.length; le++) {
                        sample(byLe.get(le), id, s.at(), st.cumulativeBuckets()[le]);
                    }
                }
            }
        }
        double[] rates = new double[bounds.length];
        for (int le = 0; le < bounds.length; le++) {
            OptionalDouble sum = sumOfRates(byLe.get(le).values(), r);
            if (sum.isEmpty()) {
                return OptionalDouble.empty();
            }
            rates[le] = sum.getAsDouble();
        }
        double v = PromQl.bucketQuantile(q, bounds, rates);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private record Range(List<MetricsSnapshot> snapshots, long startMs, long endMs) {
    }

    private synchronized Range range(Duration window) {
        Instant now = clock.instant();
        Instant start = now.minus(window);
        List<MetricsSnapshot> in = new ArrayList<>();
        for (MetricsSnapshot s : snapshots) {
            if (!s.at().isBefore(start) && !s.at().isAfter(now)) {
                in.add(s);
            }
        }
        return new Range(in, start.toEpochMilli(), now.toEpochMilli());
    }

    private static final class Samples {
        long[] times = new long[8];
        double[] values = new double[8];
        int n;

        void add(long t, double v) {
            if (n == times.length) {
                times = java.util.Arrays.copyOf(times, n * 2);
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            times[n] = t;
            values[n++] = v;
        }
    }

    private static void sample(Map<String, Samples> into, String id, Instant at, double value) {
        into.computeIfAbsent(id, k -> new Samples()).add(at.toEpochMilli(), value);
    }

    /** {@code sum(rate(...))}: empty when no series has a rate (an empty vector). */
    private static OptionalDouble sumOfRates(Iterable<Samples> series, Range r) {
        double sum = 0;
        boolean any = false;
        for (Samples s : series) {
            double rate = PromQl.rate(s.times, s.values, s.n, r.startMs, r.endMs);
            if (!Double.isNaN(rate)) {
                sum += rate;
                any = true;
            }
        }
        return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static boolean selected(SeriesKey k, String namespace, Pattern deployment) {
        return k.direction().equals(SeriesKey.INBOUND) && k.namespace().equals(namespace)
                && deployment.matcher(k.deployment()).matches();
    }

    private static Pattern anchored(String regex) {
        return Pattern.compile("^(?:" + regex + ")$");
    }

    /** Snapshots kept now, oldest first. */
    public synchronized List<Instant> times() {
        List<Instant> out = new ArrayList<>();
        snapshots.forEach(s -> out.add(s.at()));
        return out;
    }
}
