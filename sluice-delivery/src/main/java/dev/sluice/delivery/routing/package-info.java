/**
 * Traffic routing ports: {@link dev.sluice.delivery.routing.TrafficRouter} (one per provider: weights,
 * mirroring, A/B matches, sticky sessions) and {@link dev.sluice.delivery.routing.ServiceRouter} (the
 * apex, primary and canary Services), with the values they exchange with the canary state machine
 * ({@link dev.sluice.delivery.routing.TrafficSplit}, {@link dev.sluice.delivery.routing.StickySession}).
 * Concrete routers live beside these interfaces and are chosen by provider in one factory.
 */
package dev.sluice.delivery.routing;
