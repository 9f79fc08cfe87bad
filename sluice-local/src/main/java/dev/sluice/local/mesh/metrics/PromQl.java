package dev.sluice.local.mesh.metrics;

/**
 * The two PromQL computations Flagger's linkerd queries rest on, done as Prometheus does them
 * (promql/functions.go {@code extrapolatedRate}, promql/quantile.go {@code bucketQuantile}), so
 * in-process answers agree with a real Prometheus that scraped the same samples. Pure functions.
 */
public final class PromQl {

    private PromQl() {
    }

    /**
     * {@code rate(counter[range])} at {@code rangeEndMs} from the samples inside the range, with
     * Prometheus' counter-reset handling and extrapolation to the range edges.
     *
     * @param timesMs sample timestamps, ascending, all within the range
     * @param values  the counter values at those times
     * @return the per-second rate, or NaN with fewer than two samples (Prometheus drops the series)
     */
    public static double rate(long[] timesMs, double[] values, int n, long rangeStartMs, long rangeEndMs) {
        if (n < 2) {
            return Double.NaN;
        }
        double result = values[n - 1] - values[0];
        double last = 0;
        for (int i = 0; i < n; i++) {
            if (values[i] < last) {
                result += last; // a counter reset
            }
            last = values[i];
        }
        double durationToStart = (timesMs[0] - rangeStartMs) / 1000.0;
        double durationToEnd = (rangeEndMs - timesMs[n - 1]) / 1000.0;
        double sampledInterval = (timesMs[n - 1] - timesMs[0]) / 1000.0;
        double averageBetweenSamples = sampledInterval / (n - 1);
        if (result > 0 && values[0] >= 0) {
            // Counters start at zero: do not extrapolate to before that point.
            double durationToZero = sampledInterval * (values[0] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        double threshold = averageBetweenSamples * 1.1;
        double extrapolateTo = sampledInterval;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;
        return result * (extrapolateTo / sampledInterval) / ((rangeEndMs - rangeStartMs) / 1000.0);
    }

    /**
     * {@code histogram_quantile(q, ...)} over classic buckets.
     *
     * @param upperBounds ascending, the last being +Inf
     * @param cumulative  the cumulative count (or rate) per bucket
     * @return the estimated value, or NaN when there are no observations
     */
    public static double bucketQuantile(double q, double[] upperBounds, double[] cumulative) {
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        int n = upperBounds.length;
        if (n < 2 || !Double.isInfinite(upperBounds[n - 1])) {
            return Double.NaN;
        }
        double[] counts = cumulative.clone();
        for (int i = 1; i < n; i++) {
            if (counts[i] < counts[i - 1]) {
                counts[i] = counts[i - 1]; // Prometheus' ensureMonotonic
            }
        }
        double observations = counts[n - 1];
        if (observations == 0 || Double.isNaN(observations)) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < n - 1 && counts[b] < rank) {
            b++;
        }
        if (b == n - 1) {
            return upperBounds[n - 2];
        }
        if (b == 0 && upperBounds[0] <= 0) {
            return upperBounds[0];
        }
        double bucketStart = 0;
        double bucketEnd = upperBounds[b];
        double count = counts[b];
        if (b > 0) {
            bucketStart = upperBounds[b - 1];
            count -= counts[b - 1];
            rank -= counts[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }
}
