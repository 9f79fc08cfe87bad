package dev.sluice.delivery.canary;

/** Where a metric check gets its value, which also decides how the reconciler answers a probe. */
public enum MetricSource {
    /** The provider's builtin {@code request-success-rate} query (percent). */
    SUCCESS_RATE,
    /** The provider's builtin {@code request-duration} query (P99, milliseconds). */
    REQUEST_DURATION,
    /** The deprecated inline {@code query}, run against the Canary's metrics server. */
    INLINE_QUERY,
    /** The MetricTemplate of {@code templateRef}: its provider and rendered query. */
    TEMPLATE
}
