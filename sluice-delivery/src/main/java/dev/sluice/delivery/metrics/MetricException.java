package dev.sluice.delivery.metrics;

/**
 * A metric query failed: the provider is unreachable, answered with an error status, or sent a
 * response that cannot be read. The message names the provider and the cause (it becomes a Warning
 * event). Not thrown for empty or NaN results: those are {@link MetricResult.InsufficientData}.
 */
public class MetricException extends Exception {

    public MetricException(String message) {
        super(message);
    }

    public MetricException(String message, Throwable cause) {
        super(message, cause);
    }
}
