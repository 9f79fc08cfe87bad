package dev.sluice.delivery.reconcile;

/**
 * The collaborators of the canary reconciler, built once by {@link CanaryController}: the ports and
 * the small helpers that act through them. Stateless apart from the ports themselves.
 */
record CanaryParts(CanaryAdapters adapters, Workloads workloads, Scalers scalers, StatusWriter status, Events events,
                   Alerts alerts, CanaryMetricsListener metrics) {
}
