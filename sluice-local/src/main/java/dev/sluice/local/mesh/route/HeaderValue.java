package dev.sluice.local.mesh.route;

import java.util.Objects;

/** A header name and value, e.g. a {@code Set-Cookie} added to a backend's responses. */
public record HeaderValue(String name, String value) {

    public HeaderValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
