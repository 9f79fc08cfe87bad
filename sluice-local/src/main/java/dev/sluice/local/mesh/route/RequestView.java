package dev.sluice.local.mesh.route;

/**
 * The parts of an HTTP request that routing reads. Implementations are adapters over a server's
 * request object; they are used on one thread at a time.
 */
public interface RequestView {

    /** The {@code Host} header (or the authority of an absolute request URI), e.g. {@code podinfo.test:9898}; null if none. */
    String authority();

    /** The method in upper case, e.g. {@code GET}. */
    String method();

    /** The path without the query string, starting with {@code /}. */
    String path();

    /** The raw query string without {@code ?}, or "" when there is none. */
    String rawQuery();

    /** The first value of a header, or null. {@code lowerCaseName} is in lower case. */
    String header(String lowerCaseName);
}
