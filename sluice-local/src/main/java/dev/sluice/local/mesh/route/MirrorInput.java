package dev.sluice.local.mesh.route;

import java.util.Objects;

/**
 * A copy of a share of the matched requests sent to another Service; its responses are discarded.
 *
 * @param service the Service that receives the copies
 * @param port    the Service port, or 0 as in {@link BackendInput#port()}
 * @param percent the share of requests copied, 0..100
 */
public record MirrorInput(ServiceRef service, int port, double percent) {

    public MirrorInput {
        Objects.requireNonNull(service, "service");
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("mirror percent for " + service + " must be 0..100, got " + percent);
        }
    }
}
