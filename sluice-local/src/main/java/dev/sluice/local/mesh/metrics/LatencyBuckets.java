package dev.sluice.local.mesh.metrics;

/**
 * Linkerd's {@code response_latency_ms} bucket bounds, in milliseconds, from linkerd2-proxy
 * {@code linkerd/metrics/src/latency.rs}; the last bucket is +Inf.
 */
public final class LatencyBuckets {

    private static final double[] BOUNDS = {1, 10, 50, 100, 200, 300, 400, 500, 1000, 5000, 10000, Double.POSITIVE_INFINITY};

    /** Number of buckets including +Inf. */
    public static final int COUNT = BOUNDS.length;

    private LatencyBuckets() {
    }

    /** A copy of the upper bounds, the last being +Inf. */
    public static double[] upperBounds() {
        return BOUNDS.clone();
    }

    /** The index of the first bucket whose bound is >= {@code ms}. */
    static int indexOf(double ms) {
        for (int i = 0; i < BOUNDS.length - 1; i++) {
            if (ms <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length - 1;
    }
}
