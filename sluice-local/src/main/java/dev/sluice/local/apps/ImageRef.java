package dev.sluice.local.apps;

import java.util.Locale;

/**
 * A container image reference split into its normalized repository and tag, so that
 * {@code dwflynn/faces-service:0.8.0}, {@code docker.io/dwflynn/faces-service} and
 * {@code index.docker.io/dwflynn/faces-service@sha256:…} name the same repository.
 *
 * @param repository e.g. {@code docker.io/dwflynn/faces-service}, {@code ghcr.io/buoyantio/faces-gui}
 * @param tag        e.g. {@code 0.8.0}; empty when the reference has none
 */
public record ImageRef(String repository, String tag) {

    public static ImageRef parse(String image) {
        String s = image.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        String tag = "";
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
        }
        return new ImageRef(normalize(s), tag);
    }

    /** The tag, or {@code latest} as a runtime would pull it. */
    public String tagOrLatest() {
        return tag.isEmpty() ? "latest" : tag;
    }

    private static String normalize(String repository) {
        String r = repository.toLowerCase(Locale.ROOT);
        int slash = r.indexOf('/');
        String first = slash < 0 ? "" : r.substring(0, slash);
        boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            r = "docker.io/" + (slash < 0 ? "library/" + r : r);
        } else if (first.equals("index.docker.io") || first.equals("registry-1.docker.io")) {
            r = "docker.io" + r.substring(slash);
        }
        return r;
    }
}
