package dev.sluice.delivery.routing;

import dev.sluice.api.flagger.Canary;
import java.util.Map;

/**
 * Manages the ClusterIP Services of a Canary (Flagger's KubernetesRouter): {@code <apex>-canary}
 * selecting {@code label: value}, {@code <apex>-primary} selecting {@code label: value-primary}, and
 * the apex Service, which is pointed at the primary only once the primary is ready (so adopting a
 * running app has no downtime). Thread-safe; idempotent.
 */
public interface ServiceRouter {

    /**
     * The selector of the target workload: the first of the controller's selector labels (default
     * {@code app}, {@code name}, {@code app.kubernetes.io/name}) found in its matchLabels, and the
     * container ports found by {@code service.portDiscovery}.
     */
    record WorkloadSelector(String label, String value, Map<String, Integer> discoveredPorts) {

        public WorkloadSelector {
            discoveredPorts = Map.copyOf(discoveredPorts);
        }
    }

    /** Creates or updates {@code <apex>-canary} and {@code <apex>-primary}. */
    void ensureServices(Canary canary, WorkloadSelector selector) throws RoutingException;

    /**
     * Creates the apex Service or takes an existing one over, selecting the primary: selector and
     * ports are overwritten, node ports kept, metadata changed only if Sluice owns the Service.
     */
    void pointApexToPrimary(Canary canary, WorkloadSelector selector) throws RoutingException;

    /**
     * On deletion with {@code revertOnDeletion}: points an apex Service that Sluice took over (not
     * owned by a Canary) back at the target, restoring the selector from kubectl's last-applied
     * annotation when there is one. An apex Sluice created is left to garbage collection. Idempotent.
     */
    void revertApex(Canary canary, WorkloadSelector selector) throws RoutingException;
}
