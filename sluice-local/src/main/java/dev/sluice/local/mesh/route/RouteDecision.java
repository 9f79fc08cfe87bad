package dev.sluice.local.mesh.route;

import java.util.List;

/** What to do with one request: the outcome of {@link RouteTable#route}. */
public sealed interface RouteDecision {

    /**
     * Send the request to {@code endpoint}.
     *
     * @param service         the Service the endpoint was picked from
     * @param responseHeaders headers to add to the response (e.g. a session-affinity cookie)
     * @param mirror          where to send a copy, or null
     */
    record Forward(ServiceRef service, Endpoint endpoint, List<HeaderValue> responseHeaders, Mirror mirror)
            implements RouteDecision {
    }

    /** A copy of the request for {@code endpoint} of {@code service}; its response is discarded. */
    record Mirror(ServiceRef service, Endpoint endpoint) {
    }

    /** The destination exists but cannot serve now (no ready endpoint, all weights 0): answer 503. */
    record Unavailable(String message) implements RouteDecision {
    }

    /** Nothing is known for this host or path: answer 404. */
    record NotFound(String message) implements RouteDecision {
    }
}
