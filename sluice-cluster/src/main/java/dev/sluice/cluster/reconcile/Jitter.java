package dev.sluice.cluster.reconcile;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Spreads durations at random, as Flux's {@code jitter.Percent}: {@code d * (1 ± fraction)}, uniform. */
public final class Jitter {

    /** Longer durations are returned unchanged: nanosecond arithmetic would overflow and nobody waits that long. */
    private static final Duration LIMIT = Duration.ofDays(365L * 100);

    private Jitter() {
    }

    /**
     * {@code d} moved by a uniform random fraction in {@code [-fraction, +fraction)}.
     *
     * @param fraction 0 returns {@code d}; must be below 1 so the result stays positive
     */
    public static Duration spread(Duration d, double fraction, RandomGenerator random) {
        if (fraction < 0 || fraction >= 1) {
            throw new IllegalArgumentException("jitter fraction must be in [0, 1), got " + fraction);
        }
        if (fraction == 0 || d.isZero() || d.compareTo(LIMIT) > 0) {
            return d;
        }
        double factor = 1 + fraction * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(d.toNanos() * factor));
    }
}
