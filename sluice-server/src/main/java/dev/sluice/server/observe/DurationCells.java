package dev.sluice.server.observe;

import dev.sluice.api.ObjectKey;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Classic histogram cells of durations per object. Labels are resolved when scraped, not when
 * observed, because some of them (a Canary's target name) are only known from the stored object and
 * the observer (the scheduler) must not look anything up. Thread-safe, lock-free on observe.
 */
final class DurationCells {

    /** Prometheus client_golang's DefBuckets, which Flagger's duration histogram uses. */
    static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final double[] bounds;
    private final Map<ObjectKey, Cell> cells = new ConcurrentHashMap<>();

    /** @param bounds upper bounds, ascending, without +Inf */
    DurationCells(double[] bounds) {
        this.bounds = Arrays.copyOf(bounds, bounds.length + 1);
        this.bounds[bounds.length] = Double.POSITIVE_INFINITY;
    }

    /**
     * client_golang's {@code ExponentialBucketsRange(min, max, count)}: {@code count} bounds from
     * {@code min} to {@code max}, each a constant factor above the previous one.
     */
    static double[] exponentialRange(double min, double max, int count) {
        double factor = Math.pow(max / min, 1.0 / (count - 1));
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = min * Math.pow(factor, i);
        }
        return out;
    }

    void observe(ObjectKey key, Duration took) {
        double seconds = took.toNanos() / 1e9;
        Cell c = cells.computeIfAbsent(key, k -> new Cell(bounds.length));
        int i = 0;
        while (seconds > bounds[i]) {
            i++;
        }
        c.counts[i].increment();
        c.sum.add(seconds);
    }

    /** Forgets the cells of objects that are gone, so deleted objects do not stay in /metrics. */
    void retainOnly(java.util.function.Predicate<ObjectKey> keep) {
        cells.keySet().removeIf(k -> !keep.test(k));
    }

    /** Data points labelled by {@code labels}; a key mapped to null is left out. */
    List<HistogramDataPointSnapshot> points(Function<ObjectKey, Labels> labels) {
        List<HistogramDataPointSnapshot> out = new ArrayList<>();
        cells.forEach((key, c) -> {
            Labels l = labels.apply(key);
            if (l == null) {
                return;
            }
            long[] counts = new long[bounds.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = c.counts[i].sum();
            }
            out.add(HistogramDataPointSnapshot.builder().labels(l)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts)).sum(c.sum.sum()).build());
        });
        return out;
    }

    private static final class Cell {
        final LongAdder[] counts;
        final DoubleAdder sum = new DoubleAdder();

        Cell(int n) {
            counts = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                counts[i] = new LongAdder();
            }
        }
    }
}
