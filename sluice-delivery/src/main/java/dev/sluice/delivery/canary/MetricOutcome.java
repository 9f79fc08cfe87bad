package dev.sluice.delivery.canary;

import dev.sluice.delivery.metrics.MetricResult;

/**
 * The answer to a metric probe: a value (for request-duration in milliseconds), insufficient data,
 * or a failure to query. Only a value inside the threshold range passes.
 */
public sealed interface MetricOutcome {

    record Value(double value) implements MetricOutcome {
    }

    /** No series, NaN, several series or stale data: always a failed check, never a pass. */
    record Insufficient(MetricResult.InsufficientData data) implements MetricOutcome {
    }

    /**
     * The query could not run (provider unreachable, template or Secret missing, render error);
     * {@code cause} is shown after Flagger's prefix, e.g. {@code Prometheus query failed: <cause>}.
     */
    record Failed(String cause) implements MetricOutcome {
    }

    static MetricOutcome value(double v) {
        return new Value(v);
    }

    static MetricOutcome of(MetricResult result) {
        return switch (result) {
            case MetricResult.Value v -> new Value(v.value());
            case MetricResult.InsufficientData d -> new Insufficient(d);
        };
    }

    static MetricOutcome insufficient(MetricResult.Reason reason) {
        return new Insufficient(new MetricResult.InsufficientData(reason, ""));
    }

    static MetricOutcome failed(String cause) {
        return new Failed(cause);
    }
}
