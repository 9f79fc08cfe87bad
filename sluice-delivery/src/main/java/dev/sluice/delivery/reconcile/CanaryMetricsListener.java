package dev.sluice.delivery.reconcile;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.Strategy;
import java.time.Duration;

/**
 * Receives what Flagger exports as Prometheus metrics ({@code flagger_canary_*}, reference/flagger.md
 * §8), so the server can expose them. Called on reconcile threads, possibly concurrently for different
 * Canaries; implementations must be thread-safe and fast (no I/O). Every method defaults to nothing.
 */
public interface CanaryMetricsListener {

    /** Listens to nothing. */
    CanaryMetricsListener NONE = new CanaryMetricsListener() {
    };

    /** {@code flagger_canary_status{name,namespace}}: the phase after a tick (0 Progressing, 2 Failed, 1 other). */
    default void status(ObjectKey canary, CanaryPhase phase) {
    }

    /**
     * {@code flagger_canary_weight{workload,namespace}}: the routes after a tick, for the primary
     * ({@code workload = <target>-primary}) and the canary ({@code workload = <target>}).
     */
    default void weight(ObjectKey canary, String targetName, int primaryWeight, int canaryWeight) {
    }

    /** {@code flagger_canary_metric_analysis{name,namespace,metric}}: a checked value (request-duration in seconds). */
    default void analysis(ObjectKey canary, String metric, double value) {
    }

    /** {@code flagger_canary_successes_total} or {@code _failures_total}: a rollout finished. */
    default void outcome(ObjectKey canary, Strategy strategy, boolean succeeded, boolean skipped) {
    }

    /** {@code flagger_canary_duration_seconds}: how long one tick took (by the injected clock). */
    default void tick(ObjectKey canary, Duration duration) {
    }

    /** The Canary is gone (deleted, or no longer valid): drop its series. */
    default void removed(ObjectKey canary) {
    }
}
