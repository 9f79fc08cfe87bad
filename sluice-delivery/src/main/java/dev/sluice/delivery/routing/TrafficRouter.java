package dev.sluice.delivery.routing;

import dev.sluice.api.flagger.Canary;

/**
 * Moves traffic between {@code <apex>-primary} and {@code <apex>-canary} for one provider (linkerd's
 * SMI TrafficSplit, Gateway API HTTPRoute, nginx canary Ingress, Istio VirtualService, the embedded
 * proxy...). Flagger's {@code router.Interface}. Implementations are stateless (all state is in the
 * cluster) and thread-safe; calls for one Canary are never concurrent.
 *
 * <p>The router reads everything else it needs from the Canary: {@code spec.service} (hosts,
 * gateways, match, timeout, retries, headers...), {@code spec.analysis.match} for A/B testing (the
 * split then applies to matching requests only; the rest go to the primary),
 * {@code analysis.mirrorWeight}, {@code analysis.sessionAffinity} and {@code ingressRef}.
 */
public interface TrafficRouter {

    /**
     * Creates the routing objects, or takes existing ones over, keeping their current weights (a new
     * object starts at 100/0). Idempotent.
     *
     * @throws RoutingException when the objects cannot be read or written
     */
    void reconcile(Canary canary) throws RoutingException;

    /**
     * The current split as stored in the routing objects.
     *
     * @throws RoutingException when the objects are missing or cannot be read (Gateway API: also
     *                          while a parent has not accepted the current generation)
     */
    TrafficSplit routes(Canary canary) throws RoutingException;

    /**
     * Writes {@code split}, with the session-affinity cookies of {@code session} when the provider
     * supports them. Idempotent: writing the same split twice changes nothing.
     *
     * @throws RoutingException when the objects cannot be written
     */
    void setRoutes(Canary canary, TrafficSplit split, StickySession session) throws RoutingException;

    /**
     * Reverts the routing objects on deletion with {@code revertOnDeletion}: restores what was there
     * before Sluice took them over, or removes Sluice's routing. Idempotent.
     *
     * @throws RoutingException when the objects cannot be written
     */
    void revert(Canary canary) throws RoutingException;
}
