package dev.sluice.local.mesh.route;

import java.util.Objects;

/**
 * A request path condition. {@link Type#PREFIX} matches whole path elements, as both Gateway API's
 * PathPrefix and Ingress's Prefix do: {@code /foo} matches {@code /foo} and {@code /foo/bar}, not
 * {@code /foobar}.
 */
public record PathMatch(Type type, String value) {

    public enum Type { EXACT, PREFIX, REGEX }

    private static final PathMatch ANY = new PathMatch(Type.PREFIX, "/");

    public PathMatch {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type != Type.REGEX && !value.startsWith("/")) {
            throw new IllegalArgumentException("path '" + value + "' must start with '/'");
        }
    }

    /** {@code PathPrefix /}: every path. */
    public static PathMatch any() {
        return ANY;
    }

    public static PathMatch prefix(String value) {
        return new PathMatch(Type.PREFIX, value);
    }

    public static PathMatch exact(String value) {
        return new PathMatch(Type.EXACT, value);
    }
}
