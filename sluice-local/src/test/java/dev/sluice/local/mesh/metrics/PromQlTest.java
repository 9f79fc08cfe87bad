package dev.sluice.local.mesh.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values worked out by hand from Prometheus' extrapolatedRate and bucketQuantile. */
class PromQlTest {

    static final double[] BOUNDS = LatencyBuckets.upperBounds();

    @Test
    void rateExtrapolatesToTheRangeEdges() {
        // Samples 15 s apart, 5 s after the range start and 10 s before its end: the whole 60 s counts.
        long[] t = {5_000, 20_000, 35_000, 50_000};
        assertThat(PromQl.rate(t, new double[] {10, 25, 40, 55}, 4, 0, 60_000)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rateDoesNotExtrapolateBelowZero() {
        // The counter would reach zero 2 s before the first sample: 45 * (57 / 45) / 60.
        long[] t = {5_000, 20_000, 35_000, 50_000};
        assertThat(PromQl.rate(t, new double[] {2, 17, 32, 47}, 4, 0, 60_000)).isCloseTo(0.95, within(1e-12));
    }

    @Test
    void rateOfASeriesThatAppearedLateAndResets() {
        // Two samples 10 s apart at 40 s and 50 s: zero point 6 s before, end 10 s after -> 5 * 26/10 / 60.
        assertThat(PromQl.rate(new long[] {40_000, 50_000}, new double[] {3, 8}, 2, 0, 60_000))
                .isCloseTo(13.0 / 60, within(1e-12));
        // A reset (10 -> 4) counts the value before it.
        assertThat(PromQl.rate(new long[] {0, 30_000, 60_000}, new double[] {0, 10, 4}, 3, 0, 60_000))
                .isCloseTo(14.0 / 60, within(1e-12));
        assertThat(PromQl.rate(new long[] {1}, new double[] {1}, 1, 0, 60_000)).isNaN();
    }

    @Test
    void quantileInterpolatesInsideTheBucket() {
        double[] cumulative = {50, 99, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100};
        assertThat(PromQl.bucketQuantile(0.99, BOUNDS, cumulative)).isCloseTo(10, within(1e-9));
        assertThat(PromQl.bucketQuantile(0.5, BOUNDS, cumulative)).isCloseTo(1, within(1e-9));
        assertThat(PromQl.bucketQuantile(0.995, BOUNDS, cumulative)).isCloseTo(10 + 40 * 0.5, within(1e-9));
    }

    @Test
    void quantileInTheInfBucketIsTheLastFiniteBoundAndNoDataIsNaN() {
        double[] allSlow = new double[BOUNDS.length];
        allSlow[BOUNDS.length - 1] = 7;
        assertThat(PromQl.bucketQuantile(0.99, BOUNDS, allSlow)).isEqualTo(10_000);
        assertThat(PromQl.bucketQuantile(0.99, BOUNDS, new double[BOUNDS.length])).isNaN();
    }
}
