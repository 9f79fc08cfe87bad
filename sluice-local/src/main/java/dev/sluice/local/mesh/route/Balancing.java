package dev.sluice.local.mesh.route;

/** How a request picks one of a Service port's ready endpoints. */
public enum Balancing {
    /** Each endpoint in turn. */
    ROUND_ROBIN,
    /** The endpoint with the fewest requests in flight; ties go round-robin. */
    LEAST_LOADED
}
