package dev.sluice.delivery.observe;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.Strategy;

/**
 * Hears every finished rollout, as Flagger's recorder counts them in
 * {@code flagger_canary_successes_total} and {@code flagger_canary_failures_total}: the canary
 * reconciler calls it when it carries out the state machine's {@code RecordOutcome} effect
 * ({@code recorder.finished(key, target, effect.strategy(), effect.succeeded(), effect.skipped())}).
 * Implementations must be thread-safe and fast (no blocking I/O).
 */
@FunctionalInterface
public interface OutcomeRecorder {

    /** Records nothing. */
    OutcomeRecorder NONE = (canary, target, strategy, succeeded, skipped) -> { };

    /**
     * @param canary    the Canary
     * @param target    its {@code spec.targetRef.name} (Flagger labels its metrics with it)
     * @param strategy  the effect's strategy (its label is Flagger's {@code deployment_strategy})
     * @param succeeded promoted (true) or rolled back (false)
     * @param skipped   the analysis was skipped ({@code skipAnalysis})
     */
    void finished(ObjectKey canary, String target, Strategy strategy, boolean succeeded, boolean skipped);
}
