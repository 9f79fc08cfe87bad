package dev.sluice.delivery.metrics;

/**
 * A metrics backend that runs already-rendered queries (Flagger's {@code providers.Interface}):
 * Prometheus, Datadog, CloudWatch... Implementations are thread-safe and bound the time of each call
 * (5s by default, as Flagger).
 */
public interface MetricProvider {

    /**
     * Runs {@code query} and returns its single value, or {@link MetricResult.InsufficientData} when
     * the result has no series, is NaN, or has several series.
     *
     * @throws MetricException when the backend cannot be reached or answers with an error
     */
    MetricResult query(String query) throws MetricException;

    /**
     * Checks the backend answers (Prometheus: {@code vector(1)} returns 1).
     *
     * @throws MetricException with the reason when it does not
     */
    void checkOnline() throws MetricException;
}
