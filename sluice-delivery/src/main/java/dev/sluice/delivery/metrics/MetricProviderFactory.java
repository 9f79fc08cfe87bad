package dev.sluice.delivery.metrics;

import dev.sluice.api.flagger.MetricTemplate;
import dev.sluice.delivery.metrics.datadog.DatadogProvider;
import dev.sluice.delivery.metrics.graphite.GraphiteProvider;
import dev.sluice.delivery.metrics.http.ProviderHttp;
import dev.sluice.delivery.metrics.influxdb.InfluxDbProvider;
import dev.sluice.delivery.metrics.newrelic.NewRelicProvider;
import dev.sluice.delivery.metrics.prometheus.PrometheusProvider;
import dev.sluice.delivery.net.HttpClients;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Builds metric providers (Flagger's providers factory): one exhaustive switch over the
 * MetricTemplate provider types; unknown types are Prometheus, as in Flagger. Providers are cheap
 * (they share the {@link HttpClients}); build one per query. Thread-safe.
 */
public final class MetricProviderFactory {

    /** The MetricTemplate provider types of flagger.md section 5. */
    enum Type {
        PROMETHEUS, DATADOG, CLOUDWATCH, NEWRELIC, GRAPHITE, STACKDRIVER, INFLUXDB, DYNATRACE, KEPTN, SPLUNK,
        EXTERNALMETRICS;

        static Type of(String type) {
            String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
            for (Type x : values()) {
                if (x.name().equals(t)) {
                    return x;
                }
            }
            return PROMETHEUS;
        }
    }

    private final HttpClients clients;
    private final Clock clock;
    private final Duration timeout;

    /** @param timeout per query; Flagger's is 5s (15s for InfluxDB) */
    public MetricProviderFactory(HttpClients clients, Clock clock, Duration timeout) {
        this.clients = clients;
        this.clock = clock;
        this.timeout = timeout;
    }

    public MetricProviderFactory(HttpClients clients, Clock clock) {
        this(clients, clock, ProviderHttp.DEFAULT_TIMEOUT);
    }

    /**
     * The provider of a MetricTemplate.
     *
     * @param credentials    the decoded keys of {@code provider.secretRef}, or null without one
     * @param metricInterval the metric's interval (Datadog and New Relic query windows)
     * @throws MetricException when the address or credentials are unusable
     */
    public MetricProvider forTemplate(MetricTemplate t, Map<String, String> credentials, String metricInterval)
            throws MetricException {
        boolean insecure = t.insecureSkipVerify();
        return switch (Type.of(t.providerType())) {
            case PROMETHEUS -> new PrometheusProvider(t.address(), t.headers(), credentials, clients, insecure, timeout);
            case DATADOG -> new DatadogProvider(t.address(), credentials, metricInterval, clock, clients, insecure, timeout);
            case NEWRELIC -> new NewRelicProvider(t.address(), credentials, metricInterval, clients, insecure, timeout);
            case GRAPHITE -> new GraphiteProvider(t.address(), credentials, clients, insecure, timeout);
            case INFLUXDB -> new InfluxDbProvider(t.address(), credentials, clients, insecure,
                    timeout.compareTo(InfluxDbProvider.DEFAULT_TIMEOUT) < 0 ? InfluxDbProvider.DEFAULT_TIMEOUT : timeout);
            case CLOUDWATCH -> new NotSupportedProvider("cloudwatch", "it needs AWS request signing and the AWS SDK, "
                    + "too large a dependency for one query type");
            case STACKDRIVER -> new NotSupportedProvider("stackdriver", "it needs the Google Cloud client libraries");
            case DYNATRACE, SPLUNK -> new NotSupportedProvider(t.providerType(), "not implemented yet");
            case KEPTN, EXTERNALMETRICS -> new NotSupportedProvider(t.providerType(),
                    "it reads Kubernetes metric APIs Sluice does not serve");
        };
    }

    /** Prometheus at {@code address} without credentials: the metrics server of the builtin and inline checks. */
    public MetricProvider prometheus(String address) throws MetricException {
        return new PrometheusProvider(address, Map.of(), null, clients, false, timeout);
    }
}
