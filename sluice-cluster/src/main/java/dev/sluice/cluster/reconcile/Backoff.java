package dev.sluice.cluster.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Retry delays after failed reconciles: {@code min * 2^(failures-1)}, capped at {@code max}, spread by
 * {@code jitter} so objects that fail together do not retry together, and never above {@code max}.
 * Flux retries from 750 ms up to 15 min ({@code --min-retry-delay}, {@code --max-retry-delay}).
 *
 * @param jitter fraction in [0, 1): 0.1 gives delays within ±10 % of the exponential value
 */
public record Backoff(Duration min, Duration max, double jitter) {

    /** Flux's retry range with ±10 % jitter. */
    public static final Backoff FLUX = new Backoff(Duration.ofMillis(750), Duration.ofMinutes(15), 0.1);

    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got min " + min + ", max " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff jitter must be in [0, 1), got " + jitter);
        }
    }

    /** The exponential delay before jitter for the given number of failures in a row (>= 1). */
    public Duration base(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be >= 1, got " + failures);
        }
        Duration d = min;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** The delay before the next retry after {@code failures} failures in a row. */
    public Duration delay(int failures, RandomGenerator random) {
        Duration d = Jitter.spread(base(failures), jitter, random);
        return d.compareTo(max) > 0 ? max : d;
    }
}
