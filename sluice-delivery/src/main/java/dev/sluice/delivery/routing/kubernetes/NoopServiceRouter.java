package dev.sluice.delivery.routing.kubernetes;

import dev.sluice.api.flagger.Canary;
import dev.sluice.delivery.routing.ServiceRouter;

/**
 * For Canaries whose target is itself a Service (Flagger's KubernetesNoopRouter): the
 * {@code -primary} and {@code -canary} Services are the target's copies, so there is nothing to
 * generate. Stateless.
 */
public final class NoopServiceRouter implements ServiceRouter {

    @Override
    public void ensureServices(Canary canary, WorkloadSelector selector) {
    }

    @Override
    public void pointApexToPrimary(Canary canary, WorkloadSelector selector) {
    }

    @Override
    public void revertApex(Canary canary, WorkloadSelector selector) {
    }
}
