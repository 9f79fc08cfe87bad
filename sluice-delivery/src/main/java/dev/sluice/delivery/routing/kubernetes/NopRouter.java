package dev.sluice.delivery.routing.kubernetes;

import dev.sluice.api.flagger.Canary;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficRouter;
import dev.sluice.delivery.routing.TrafficSplit;

/**
 * The kubernetes provider's router (Flagger's NopRouter): there are no weights, only Services. It
 * reports all traffic on the canary once a blue/green iteration has started, as Flagger does, so
 * the analysis sees the canary as live. Stateless and thread-safe.
 */
public final class NopRouter implements TrafficRouter {

    @Override
    public void reconcile(Canary canary) {
    }

    @Override
    public TrafficSplit routes(Canary canary) {
        return canary.status().iterations() > 0 ? TrafficSplit.ALL_CANARY : TrafficSplit.ALL_PRIMARY;
    }

    @Override
    public void setRoutes(Canary canary, TrafficSplit split, StickySession session) {
    }

    @Override
    public void revert(Canary canary) {
    }
}
