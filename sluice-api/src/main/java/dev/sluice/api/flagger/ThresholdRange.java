package dev.sluice.api.flagger;

import java.util.OptionalDouble;

/**
 * The accepted range of a metric value: a check fails when the value is below {@link #min} or above
 * {@link #max}. For {@code request-duration} both bounds are milliseconds.
 */
public record ThresholdRange(OptionalDouble min, OptionalDouble max) {

    public static ThresholdRange atLeast(double min) {
        return new ThresholdRange(OptionalDouble.of(min), OptionalDouble.empty());
    }

    public static ThresholdRange atMost(double max) {
        return new ThresholdRange(OptionalDouble.empty(), OptionalDouble.of(max));
    }

    public static ThresholdRange between(double min, double max) {
        return new ThresholdRange(OptionalDouble.of(min), OptionalDouble.of(max));
    }
}
