package dev.sluice.cluster.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reconcile asks of the scheduler: nothing more, or another run after a delay.
 *
 * @param requeueAfter when to run again; empty means only a watch event or an explicit enqueue will
 * @param jitter       whether the scheduler may spread the delay by its interval jitter (Flux's
 *                     {@code --interval-jitter-percentage}); on for {@link #after}, off for
 *                     {@link #afterExactly}
 */
public record Result(Optional<Duration> requeueAfter, boolean jitter) {

    private static final Result DONE = new Result(Optional.empty(), false);

    public Result {
        Objects.requireNonNull(requeueAfter, "requeueAfter");
        requeueAfter.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("requeueAfter must not be negative, got " + d);
            }
        });
    }

    /** A jittered requeue when {@code requeueAfter} is present (the original one-field form). */
    public Result(Optional<Duration> requeueAfter) {
        this(requeueAfter, true);
    }

    public static Result done() {
        return DONE;
    }

    /** Run again after {@code delay}, spread by the scheduler's interval jitter (Flux's interval requeue). */
    public static Result after(Duration delay) {
        return new Result(Optional.of(delay), true);
    }

    /** Run again after exactly {@code delay} (e.g. a canary analysis step that must keep its cadence). */
    public static Result afterExactly(Duration delay) {
        return new Result(Optional.of(delay), false);
    }
}
