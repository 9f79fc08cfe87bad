package dev.sluice.local.delivery;

import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProvider;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.local.mesh.metrics.MetricsHistory;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The embedded mode's metrics server: answers Flagger's linkerd builtin queries (success rate and
 * P99 of {@code response_total} / {@code response_latency_ms_bucket} for
 * {@code deployment=~"<target>"} in {@code <namespace>} over {@code [<interval>]}) straight from the
 * mesh proxy's {@link MetricsHistory}, which computes them as Prometheus does over the same
 * samples; and {@code vector(1)} for the online check. Any other query is refused with a message
 * saying to use a MetricTemplate with a Prometheus address. No result (no traffic, or NaN) is
 * {@code NO_SERIES} insufficient data, or {@code WARMING_UP} while the mesh's history is younger than
 * the query window (after a restart the analysis waits instead of counting failed checks). Thread-safe.
 */
public final class EmbeddedMetricProvider implements MetricProvider {

    private final MetricsHistory history;

    public EmbeddedMetricProvider(MetricsHistory history) {
        this.history = history;
    }

    @Override
    public MetricResult query(String query) throws MetricException {
        var parsed = LinkerdQueries.parse(query).orElseThrow(() -> new MetricException("the embedded metrics "
                + "provider answers only Flagger's linkerd request-success-rate and request-duration queries "
                + "(and vector(1)); for other queries use a MetricTemplate with a Prometheus address. Query: "
                + LinkerdQueries.compact(query)));
        OptionalDouble v;
        String what;
        Duration window;
        String namespace;
        String deployments;
        switch (parsed) {
            case LinkerdQueries.One one -> {
                return MetricResult.value(1);
            }
            case LinkerdQueries.SuccessRate s -> {
                window = s.window();
                namespace = s.namespace();
                deployments = s.deploymentRegex();
                v = history.successRate(s.namespace(), s.deploymentRegex(), window);
                what = "success rate of deployment=~\"" + s.deploymentRegex() + "\" in " + s.namespace() + " over "
                        + dev.sluice.api.GoDuration.format(s.window());
            }
            case LinkerdQueries.Quantile q -> {
                window = q.window();
                namespace = q.namespace();
                deployments = q.deploymentRegex();
                v = history.latencyQuantile(q.q(), q.namespace(), q.deploymentRegex(), window);
                what = "latency quantile of deployment=~\"" + q.deploymentRegex() + "\" in " + q.namespace() + " over "
                        + dev.sluice.api.GoDuration.format(q.window());
            }
        }
        // Warming up only while the workload's responses are not known at all: traffic that all failed
        // (no success series, so no success rate) is a failed check at once, as in Prometheus.
        if (v.isEmpty() && !history.covers(window) && history.responseRate(namespace, deployments, window).isEmpty()) {
            return new MetricResult.InsufficientData(MetricResult.Reason.WARMING_UP, "the embedded mesh's metrics "
                    + "history is shorter than " + dev.sluice.api.GoDuration.format(window) + ", no inbound responses yet for the "
                    + what);
        }
        if (v.isEmpty()) {
            return new MetricResult.InsufficientData(MetricResult.Reason.NO_SERIES, "no inbound responses for the " + what);
        }
        return MetricResult.value(v.getAsDouble());
    }

    /** Always online: the history is in-process. */
    @Override
    public void checkOnline() {
    }
}
