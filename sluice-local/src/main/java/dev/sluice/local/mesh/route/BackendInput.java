package dev.sluice.local.mesh.route;

import java.util.List;
import java.util.Objects;

/**
 * A weighted destination of a rule.
 *
 * @param service         the Service to send to
 * @param port            the Service port number, or 0 for the port the request addressed (as a
 *                        TrafficSplit's backends do), falling back to the Service's first port
 * @param weight          the relative weight, >= 0; the share is weight / sum of the rule's weights
 * @param responseHeaders headers added to this backend's responses (e.g. a session-affinity
 *                        {@code Set-Cookie})
 */
public record BackendInput(ServiceRef service, int port, long weight, List<HeaderValue> responseHeaders) {

    public BackendInput {
        Objects.requireNonNull(service, "service");
        responseHeaders = List.copyOf(responseHeaders);
        if (weight < 0) {
            throw new IllegalArgumentException("weight of backend " + service + " must be >= 0, got " + weight);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port of backend " + service + " must be 0..65535, got " + port);
        }
    }

    public static BackendInput of(ServiceRef service, long weight) {
        return new BackendInput(service, 0, weight, List.of());
    }
}
