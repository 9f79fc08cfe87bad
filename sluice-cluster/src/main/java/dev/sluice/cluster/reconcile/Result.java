package dev.sluice.cluster.reconcile;

import java.time.Duration;
import java.util.Optional;

/** What a reconcile asks of the scheduler: nothing more, or another run after a delay. */
public record Result(Optional<Duration> requeueAfter) {

    private static final Result DONE = new Result(Optional.empty());

    public static Result done() {
        return DONE;
    }

    public static Result after(Duration delay) {
        return new Result(Optional.of(delay));
    }
}
