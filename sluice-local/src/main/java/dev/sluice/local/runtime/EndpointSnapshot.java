package dev.sluice.local.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every ready replica the runner knows, at one instant. Immutable; a new snapshot replaces the old
 * one on every change, with a higher {@code version}.
 *
 * @param version   increases by at least one per change, starting at 0 (empty)
 * @param endpoints sorted by namespace, workload and pod, so equal states compare equal
 */
public record EndpointSnapshot(long version, List<ReadyEndpoint> endpoints) {

    static final Comparator<ReadyEndpoint> ORDER = Comparator.comparing(ReadyEndpoint::namespace)
            .thenComparing(ReadyEndpoint::workloadKind)
            .thenComparing(ReadyEndpoint::workload)
            .thenComparing(ReadyEndpoint::pod);

    public EndpointSnapshot {
        endpoints = endpoints.stream().sorted(ORDER).toList();
    }

    public static EndpointSnapshot empty() {
        return new EndpointSnapshot(0, List.of());
    }

    /**
     * What a Service with {@code selector} in {@code namespace} routes to: the ready replicas whose
     * labels contain every selector entry. As in Kubernetes, an empty selector selects nothing.
     */
    public List<ReadyEndpoint> selectedBy(String namespace, Map<String, String> selector) {
        if (selector.isEmpty()) {
            return List.of();
        }
        return endpoints.stream()
                .filter(e -> e.namespace().equals(namespace))
                .filter(e -> e.labels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /** The ready replicas of one workload (any kind) in a namespace. */
    public List<ReadyEndpoint> ofWorkload(String namespace, String workload) {
        return endpoints.stream()
                .filter(e -> e.namespace().equals(namespace) && e.workload().equals(workload))
                .toList();
    }
}
