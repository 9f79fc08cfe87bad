package dev.sluice.local.mesh.route;

/** Requests in flight per endpoint, for least-loaded balancing. Must be thread-safe and cheap. */
@FunctionalInterface
public interface EndpointLoad {

    EndpointLoad NONE = e -> 0;

    int inFlight(Endpoint endpoint);
}
