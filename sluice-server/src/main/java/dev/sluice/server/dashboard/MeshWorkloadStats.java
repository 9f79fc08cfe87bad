package dev.sluice.server.dashboard;

import dev.sluice.local.mesh.metrics.MetricsHistory;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * {@link WorkloadStats} from the embedded mesh's metric history: the same PromQL Linkerd Viz runs
 * (success rate, response rate, {@code histogram_quantile} of the latency buckets), answered
 * in-process. In embedded mode every workload's traffic goes through the mesh, so every workload
 * counts as meshed. TCP connections are not measured by the mesh (shown as "-").
 */
public final class MeshWorkloadStats implements WorkloadStats {

    private final MetricsHistory history;

    /** @param history scraped at a fixed interval by its owner (the mesh runtime) */
    public MeshWorkloadStats(MetricsHistory history) {
        this.history = history;
    }

    @Override
    public boolean meshed(String namespace, String deployment) {
        return true;
    }

    @Override
    public Optional<Golden> golden(String namespace, String deployment, Duration window) {
        String d = Pattern.quote(deployment);
        Double rps = value(history.responseRate(namespace, d, window));
        if (rps == null) {
            return Optional.empty();
        }
        return Optional.of(new Golden(value(history.successRate(namespace, d, window)), rps,
                value(history.latencyQuantile(0.5, namespace, d, window)),
                value(history.latencyQuantile(0.95, namespace, d, window)),
                value(history.latencyQuantile(0.99, namespace, d, window)), null));
    }

    private static Double value(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }
}
