package dev.sluice.delivery.observe;

import dev.sluice.api.ObjectKey;
import java.time.Instant;
import java.util.List;

/**
 * One analysis tick of one Canary, after the decision.
 *
 * @param canary        the Canary
 * @param at            when the tick ran
 * @param revision      the pod-template hash under analysis (status.lastAppliedSpec)
 * @param phase         the phase after the tick, e.g. Progressing
 * @param primaryWeight the primary's traffic share after the tick
 * @param canaryWeight  the canary's traffic share after the tick
 * @param iterations    status.iterations after the tick
 * @param failedChecks  status.failedChecks after the tick
 * @param metrics       every metric check run this tick (empty when none ran)
 * @param hooks         every webhook called this tick
 * @param events        the event messages the tick emitted, in order
 */
public record AnalysisTick(ObjectKey canary, Instant at, String revision, String phase, int primaryWeight,
                           int canaryWeight, int iterations, int failedChecks, List<MetricSample> metrics,
                           List<HookOutcome> hooks, List<String> events) {

    public AnalysisTick {
        metrics = List.copyOf(metrics);
        hooks = List.copyOf(hooks);
        events = List.copyOf(events);
    }

    /**
     * One metric check.
     *
     * @param value   the measured value, or null when there was not enough data
     * @param min     thresholdRange.min, or null
     * @param max     thresholdRange.max, or null
     * @param verdict whether the check passed
     * @param detail  e.g. "success rate 98.69% < 99%" or "no values found"
     */
    public record MetricSample(String name, Double value, Double min, Double max, Verdict verdict, String detail) {
    }

    /** One webhook call and its outcome. */
    public record HookOutcome(String name, String type, boolean passed, String message) {
    }

    public enum Verdict { PASS, FAIL, INSUFFICIENT_DATA }
}
