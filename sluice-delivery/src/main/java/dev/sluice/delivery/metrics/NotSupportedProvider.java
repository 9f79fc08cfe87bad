package dev.sluice.delivery.metrics;

/**
 * A MetricTemplate provider type Sluice does not query (cloudwatch, stackdriver, dynatrace, keptn,
 * splunk, externalmetrics): every call fails with a message naming the type and the reason, so the
 * check fails visibly instead of passing.
 */
public final class NotSupportedProvider implements MetricProvider {

    private final String message;

    public NotSupportedProvider(String type, String why) {
        this.message = "metric provider type '" + type + "' is not supported by Sluice: " + why
                + "; supported: prometheus, datadog, newrelic, graphite, influxdb";
    }

    @Override
    public MetricResult query(String query) throws MetricException {
        throw new MetricException(message);
    }

    @Override
    public void checkOnline() throws MetricException {
        throw new MetricException(message);
    }
}
