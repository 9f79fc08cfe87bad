package dev.sluice.server.dashboard;

import java.time.Duration;
import java.util.Optional;

/**
 * Golden metrics of workloads, as {@code linkerd viz stat} shows them. Embedded mode answers from
 * the mesh proxy's history ({@link MeshWorkloadStats}); Kubernetes mode from Prometheus
 * ({@link PrometheusWorkloadStats}). Implementations must be thread-safe; they may do I/O (the stat endpoint calls them on
 * a request thread).
 */
public interface WorkloadStats {

    /** Knows no workload: every column shows "-". */
    WorkloadStats NONE = new WorkloadStats() {
        @Override
        public boolean meshed(String namespace, String deployment) {
            return false;
        }

        @Override
        public Optional<Golden> golden(String namespace, String deployment, Duration window) {
            return Optional.empty();
        }
    };

    /** Whether the workload's pods are in the mesh (their traffic is measured). */
    boolean meshed(String namespace, String deployment);

    /** The workload's inbound golden metrics over the last {@code window}; empty when unknown. */
    Optional<Golden> golden(String namespace, String deployment, Duration window);

    /**
     * Golden metrics; a null field is a value that could not be computed (no traffic in the window).
     *
     * @param successRate percent of non-failed responses
     * @param rps         responses per second
     * @param p50Ms       latency quantiles in milliseconds
     * @param tcpConnections open TCP connections, null when not measured
     */
    record Golden(Double successRate, Double rps, Double p50Ms, Double p95Ms, Double p99Ms, Integer tcpConnections) {
    }
}
