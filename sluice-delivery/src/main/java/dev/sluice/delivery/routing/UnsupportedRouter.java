package dev.sluice.delivery.routing;

import dev.sluice.api.flagger.Canary;

/**
 * A provider Flagger knows but Sluice does not route yet (apisix, appmesh, contour, gloo, knative,
 * kuma, skipper, traefik). Every call fails with a message naming the provider and the supported
 * ones, so the Canary reports a clear Warning instead of silently not routing.
 */
public final class UnsupportedRouter implements TrafficRouter {

    private final String provider;

    public UnsupportedRouter(String provider) {
        this.provider = provider;
    }

    private RoutingException error(Canary canary) {
        return new RoutingException("Canary " + canary.displayName() + ": provider '" + provider
                + "' is not supported by Sluice; use one of " + String.join(", ", RouterFactory.SUPPORTED));
    }

    @Override
    public void reconcile(Canary canary) throws RoutingException {
        throw error(canary);
    }

    @Override
    public TrafficSplit routes(Canary canary) throws RoutingException {
        throw error(canary);
    }

    @Override
    public void setRoutes(Canary canary, TrafficSplit split, StickySession session) throws RoutingException {
        throw error(canary);
    }

    @Override
    public void revert(Canary canary) throws RoutingException {
        throw error(canary);
    }
}
