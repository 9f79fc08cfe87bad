package dev.sluice.local.mesh.route;

import java.util.List;
import java.util.Objects;

/**
 * One condition set of a rule; every part must hold. Header names are case-insensitive.
 *
 * @param path        the path condition ({@link PathMatch#any()} for all paths)
 * @param method      an HTTP method such as {@code GET}, or null for any
 * @param headers     header conditions
 * @param cookies     cookie conditions (on one cookie's value, as ingress-nginx's canary-by-cookie)
 * @param queryParams query parameter conditions
 */
public record MatchInput(PathMatch path, String method, List<NamedMatch> headers, List<NamedMatch> cookies,
                         List<NamedMatch> queryParams) {

    public MatchInput {
        Objects.requireNonNull(path, "path");
        headers = List.copyOf(headers);
        cookies = List.copyOf(cookies);
        queryParams = List.copyOf(queryParams);
    }

    /** Matches every request. */
    public static MatchInput any() {
        return new MatchInput(PathMatch.any(), null, List.of(), List.of(), List.of());
    }

    public static MatchInput path(PathMatch path) {
        return new MatchInput(path, null, List.of(), List.of(), List.of());
    }

    public static MatchInput header(String name, StringMatch value) {
        return new MatchInput(PathMatch.any(), null, List.of(new NamedMatch(name, value)), List.of(), List.of());
    }

    public static MatchInput cookie(String name, StringMatch value) {
        return new MatchInput(PathMatch.any(), null, List.of(), List.of(new NamedMatch(name, value)), List.of());
    }

    /** The same conditions restricted to {@code path}. */
    public MatchInput withPath(PathMatch p) {
        return new MatchInput(p, method, headers, cookies, queryParams);
    }

    /** A named value condition: a header, cookie or query parameter. */
    public record NamedMatch(String name, StringMatch match) {

        public NamedMatch {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(match, "match");
        }
    }
}
