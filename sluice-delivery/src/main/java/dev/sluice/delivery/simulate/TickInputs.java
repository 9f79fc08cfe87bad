package dev.sluice.delivery.simulate;

import dev.sluice.delivery.canary.MetricOutcome;
import java.util.HashMap;
import java.util.Map;

/**
 * What the simulated world answers in one tick. In a script's overrides every field is optional
 * (null: not set); {@link #merge} lays an override over the values in force.
 *
 * @param successRate answer of the builtin {@code request-success-rate} (percent)
 * @param latencyMs   answer of the builtin {@code request-duration} (P99, milliseconds)
 * @param metrics     answers of metrics by name (template, inline query, or a builtin by its name)
 * @param webhooks    webhook name → passes; unnamed hooks pass
 * @param canary      readiness of the canary: ready, waiting or failed
 * @param primary     readiness of the primary: ready, waiting or failed
 * @param newRevision a new pod template is applied to the target at this tick
 * @param command     a manual request (promote, abort, retry, pause, resume) recorded at this tick
 */
public record TickInputs(MetricOutcome successRate, MetricOutcome latencyMs, Map<String, MetricOutcome> metrics,
                         Map<String, Boolean> webhooks, String canary, String primary, boolean newRevision,
                         String command) {

    /** A healthy world: 100 % success, 0 ms latency, every hook passes, both workloads ready. */
    public static final TickInputs HEALTHY = new TickInputs(MetricOutcome.value(100), MetricOutcome.value(0), Map.of(),
            Map.of(), "ready", "ready", false, null);

    /** Nothing set: an empty override. */
    public static final TickInputs NONE = new TickInputs(null, null, Map.of(), Map.of(), null, null, false, null);

    public TickInputs {
        metrics = Map.copyOf(metrics);
        webhooks = Map.copyOf(webhooks);
    }

    /** {@code over} laid over this: its set fields win, maps are merged key by key. */
    public TickInputs merge(TickInputs over) {
        Map<String, MetricOutcome> m = new HashMap<>(metrics);
        m.putAll(over.metrics);
        Map<String, Boolean> w = new HashMap<>(webhooks);
        w.putAll(over.webhooks);
        return new TickInputs(over.successRate != null ? over.successRate : successRate,
                over.latencyMs != null ? over.latencyMs : latencyMs, m, w,
                over.canary != null ? over.canary : canary, over.primary != null ? over.primary : primary,
                newRevision || over.newRevision, over.command != null ? over.command : command);
    }

    public TickInputs withSuccessRate(double percent) {
        return new TickInputs(MetricOutcome.value(percent), latencyMs, metrics, webhooks, canary, primary, newRevision,
                command);
    }

    public TickInputs withLatencyMs(double ms) {
        return new TickInputs(successRate, MetricOutcome.value(ms), metrics, webhooks, canary, primary, newRevision,
                command);
    }
}
