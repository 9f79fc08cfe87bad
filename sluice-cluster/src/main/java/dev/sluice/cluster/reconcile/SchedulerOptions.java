package dev.sluice.cluster.reconcile;

import java.util.Objects;

/**
 * How the {@link Scheduler} runs reconciles.
 *
 * @param concurrency            reconciles running at once, across all controllers (Flux's
 *                               {@code --concurrent}, default 4)
 * @param intervalJitterPercent  spread of jittered requeues, ± percent (Flux's
 *                               {@code --interval-jitter-percentage}, default 5); 0 turns it off
 * @param backoff                retry delays after a failed reconcile
 */
public record SchedulerOptions(int concurrency, int intervalJitterPercent, Backoff backoff) {

    public SchedulerOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrent must be at least 1, got " + concurrency);
        }
        if (intervalJitterPercent < 0 || intervalJitterPercent >= 100) {
            throw new IllegalArgumentException(
                    "--interval-jitter-percentage must be in [0, 100), got " + intervalJitterPercent);
        }
        Objects.requireNonNull(backoff, "backoff");
    }

    /** Flux's defaults: 4 concurrent reconciles, 5 % interval jitter, retries from 750 ms to 15 min. */
    public static SchedulerOptions defaults() {
        return new SchedulerOptions(4, 5, Backoff.FLUX);
    }

    public SchedulerOptions withConcurrency(int n) {
        return new SchedulerOptions(n, intervalJitterPercent, backoff);
    }

    public SchedulerOptions withIntervalJitterPercent(int percent) {
        return new SchedulerOptions(concurrency, percent, backoff);
    }

    public SchedulerOptions withBackoff(Backoff b) {
        return new SchedulerOptions(concurrency, intervalJitterPercent, b);
    }
}
