package dev.sluice.delivery.routing.smi;

import java.util.Locale;
import java.util.Optional;

/** The SMI TrafficSplit versions Sluice writes. */
public enum SmiVersion {
    /** Weights are resource quantities; what Flagger's linkerd provider writes. */
    V1ALPHA1,
    /** Integer weights; Flagger's osm provider. */
    V1ALPHA2,
    /** Integer weights and {@code matches} (HTTPRouteGroup, specs.smi-spec.io/v1alpha3). */
    V1ALPHA3,
    /** As v1alpha3 with specs.smi-spec.io/v1alpha4 route groups; a Sluice addition. */
    V1ALPHA4;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean supportsMatches() {
        return this == V1ALPHA3 || this == V1ALPHA4;
    }

    public static Optional<SmiVersion> fromWire(String v) {
        for (SmiVersion s : values()) {
            if (s.wire().equals(v)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
