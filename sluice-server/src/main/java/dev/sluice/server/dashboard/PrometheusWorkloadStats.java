package dev.sluice.server.dashboard;

import dev.sluice.delivery.metrics.BuiltinQueries;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProvider;
import dev.sluice.delivery.metrics.MetricResult;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WorkloadStats} from Prometheus, for Kubernetes mode: Linkerd's golden metrics as Linkerd Viz
 * and Flagger's {@code linkerd} builtin checks query them ({@link BuiltinQueries#LINKERD}: inbound
 * {@code response_total} and {@code response_latency_ms_bucket} by {@code namespace} and
 * {@code deployment}). A workload is meshed when Prometheus scrapes a Linkerd proxy of it
 * ({@code process_start_time_seconds{job="linkerd-proxy"}}). One query per value, sequentially (a stat
 * row costs six); a query that fails or has no data shows "-". Thread-safe when the provider is.
 */
public final class PrometheusWorkloadStats implements WorkloadStats {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusWorkloadStats.class);
    private static final String P99 = "histogram_quantile(0.99,";

    private final MetricProvider prometheus;

    /** @param prometheus the {@code --metrics-server} (e.g. {@code MetricProviderFactory.prometheus(url)}) */
    public PrometheusWorkloadStats(MetricProvider prometheus) {
        this.prometheus = prometheus;
        if (!BuiltinQueries.LINKERD.duration().startsWith(P99)) {
            throw new IllegalStateException("the linkerd latency query no longer starts with " + P99);
        }
    }

    @Override
    public boolean meshed(String namespace, String deployment) {
        Double proxies = value("count(process_start_time_seconds{job=\"linkerd-proxy\",namespace=\"" + namespace
                + "\",deployment=\"" + deployment + "\"})");
        return proxies != null && proxies > 0;
    }

    @Override
    public Optional<Golden> golden(String namespace, String deployment, Duration window) {
        String interval = Math.max(1, window.toSeconds()) + "s";
        Double rps = value("sum(rate(response_total{namespace=\"" + namespace + "\",deployment=\"" + deployment
                + "\",direction=\"inbound\"}[" + interval + "]))");
        if (rps == null) {
            return Optional.empty();
        }
        String p99 = render(BuiltinQueries.LINKERD.duration(), namespace, deployment, interval);
        return Optional.of(new Golden(value(render(BuiltinQueries.LINKERD.successRate(), namespace, deployment, interval)), rps,
                value(quantile(p99, "0.5")), value(quantile(p99, "0.95")), value(p99), null));
    }

    /** The builtin templates' variables; the deployment matched exactly ({@code deployment=~} is a regex). */
    static String render(String template, String namespace, String deployment, String interval) {
        return template.replace("{{ namespace }}", namespace).replace("{{ target }}", deployment.replace(".", "\\\\."))
                .replace("{{ interval }}", interval);
    }

    private static String quantile(String p99, String q) {
        return "histogram_quantile(" + q + "," + p99.substring(P99.length());
    }

    private Double value(String query) {
        try {
            return prometheus.query(query) instanceof MetricResult.Value v ? v.value() : null;
        } catch (MetricException e) {
            LOG.debug("workload stats query {} failed: {}", query, e.getMessage());
            return null;
        }
    }
}
