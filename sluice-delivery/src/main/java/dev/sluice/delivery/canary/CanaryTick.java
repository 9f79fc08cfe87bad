package dev.sluice.delivery.canary;

import java.time.Instant;

/**
 * Runs one tick to completion: calls {@link CanaryStateMachine#next}, answers each probe it awaits
 * through a {@link ProbeResolver}, and calls again with the answer added, until the step is
 * complete. The decisions stay pure; only the resolver performs I/O, in exactly the order and with
 * exactly the short-circuits of Flagger's tick (a failed rollout hook means the metrics are not
 * queried).
 */
public final class CanaryTick {

    /** A tick asks for at most one answer per webhook and metric; this bounds a broken resolver. */
    static final int MAX_PROBES = 1_000;

    private CanaryTick() {
    }

    public static Step run(CanaryState state, AnalysisPlan plan, Observation observation, Instant now,
                           ProbeResolver resolver) {
        Observation obs = observation;
        for (int i = 0; i <= MAX_PROBES; i++) {
            Step step = CanaryStateMachine.next(state, plan, obs, now);
            if (step.awaiting().isEmpty()) {
                return step;
            }
            obs = switch (step.awaiting().get()) {
                case Probe.Hook h -> obs.withResult(h, java.util.Objects.requireNonNull(resolver.call(h),
                        "the resolver answered no result for webhook " + h.hook().name()));
                case Probe.Metric m -> obs.withResult(m, java.util.Objects.requireNonNull(resolver.measure(m),
                        "the resolver answered no result for metric " + m.metric().name()));
            };
        }
        throw new IllegalStateException("tick of " + plan.displayName() + " awaited more than " + MAX_PROBES
                + " probe results");
    }
}
