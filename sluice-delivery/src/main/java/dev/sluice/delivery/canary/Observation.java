package dev.sluice.delivery.canary;

import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the reconciler observed for one tick, before any decision: the target's revision, readiness
 * of primary and canary, the current routes, replica counts, a pending manual request, and the
 * results of the probes the core asked for so far in this tick (empty at the start of a tick).
 *
 * @param problem      an observation that failed and stops the tick (e.g. no selector label on the
 *                     target, the target missing); shown as a Warning event
 * @param routes       the split read from the router; empty when it could not be read
 * @param routesError  why the routes could not be read (shown as a Warning event)
 * @param command      the {@code sluice.dev/requested-action} annotation, if present
 */
public record Observation(Optional<String> problem, Revision revision, Readiness primary, Readiness canary,
                          Optional<TrafficSplit> routes, String routesError, Replicas replicas,
                          Optional<ManualCommand> command, CookieSeeds cookieSeeds,
                          Map<Probe.Hook, WebhookResult> hookResults, Map<Probe.Metric, MetricOutcome> metricResults) {

    public Observation {
        hookResults = Map.copyOf(hookResults);
        metricResults = Map.copyOf(metricResults);
        routesError = routesError == null ? "" : routesError;
    }

    /** Everything healthy: ready workloads, all traffic on the primary, no results yet. */
    public static Observation of(Revision revision) {
        return new Observation(Optional.empty(), revision, Readiness.ready(), Readiness.ready(),
                Optional.of(TrafficSplit.ALL_PRIMARY), "", Replicas.UNKNOWN, Optional.empty(), CookieSeeds.FIXED,
                Map.of(), Map.of());
    }

    /** The same observation with the answer of {@code probe} added. */
    public Observation withResult(Probe.Hook probe, WebhookResult result) {
        Map<Probe.Hook, WebhookResult> m = new HashMap<>(hookResults);
        m.put(probe, result);
        return new Observation(problem, revision, primary, canary, routes, routesError, replicas, command, cookieSeeds,
                m, metricResults);
    }

    /** The same observation with the answer of {@code probe} added. */
    public Observation withResult(Probe.Metric probe, MetricOutcome result) {
        Map<Probe.Metric, MetricOutcome> m = new HashMap<>(metricResults);
        m.put(probe, result);
        return new Observation(problem, revision, primary, canary, routes, routesError, replicas, command, cookieSeeds,
                hookResults, m);
    }

    public Observation withProblem(String p) {
        return new Observation(Optional.ofNullable(p), revision, primary, canary, routes, routesError, replicas,
                command, cookieSeeds, hookResults, metricResults);
    }

    public Observation withRevision(Revision r) {
        return new Observation(problem, r, primary, canary, routes, routesError, replicas, command, cookieSeeds,
                hookResults, metricResults);
    }

    public Observation withReadiness(Readiness p, Readiness c) {
        return new Observation(problem, revision, p, c, routes, routesError, replicas, command, cookieSeeds,
                hookResults, metricResults);
    }

    public Observation withRoutes(TrafficSplit split) {
        return new Observation(problem, revision, primary, canary, Optional.of(split), "", replicas, command,
                cookieSeeds, hookResults, metricResults);
    }

    public Observation withRoutesError(String error) {
        return new Observation(problem, revision, primary, canary, Optional.empty(), error, replicas, command,
                cookieSeeds, hookResults, metricResults);
    }

    public Observation withReplicas(Replicas r) {
        return new Observation(problem, revision, primary, canary, routes, routesError, r, command, cookieSeeds,
                hookResults, metricResults);
    }

    public Observation withCommand(Optional<ManualCommand> c) {
        return new Observation(problem, revision, primary, canary, routes, routesError, replicas, c, cookieSeeds,
                hookResults, metricResults);
    }

    public Observation withCookieSeeds(CookieSeeds s) {
        return new Observation(problem, revision, primary, canary, routes, routesError, replicas, command, s,
                hookResults, metricResults);
    }
}
