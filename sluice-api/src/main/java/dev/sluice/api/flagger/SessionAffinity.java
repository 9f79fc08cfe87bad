package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.Set;

/**
 * {@code spec.analysis.sessionAffinity}: once a user is sent to the canary, a cookie keeps them there
 * (Istio and Gateway API routers).
 *
 * @param primaryCookieName optional; when set, users sent to the primary get their own cookie
 * @param maxAge            seconds until the canary cookie expires; default 86400 (a day)
 */
public record SessionAffinity(String cookieName, String primaryCookieName, int maxAge, String domain, boolean httpOnly,
                              boolean partitioned, String path, String sameSite, boolean secure) {

    public static final int DEFAULT_MAX_AGE = 86_400;
    static final Set<String> FIELDS = Set.of("cookieName", "primaryCookieName", "maxAge", "domain", "httpOnly",
            "partitioned", "path", "sameSite", "secure");

    /**
     * The value of a {@code Set-Cookie} header for {@code cookie} ({@code name=value}), with the
     * attributes in Flagger's order: {@code c=v; Max-Age=60; Domain=d; HttpOnly; Partitioned; Path=/;
     * SameSite=Lax; Secure}.
     */
    public String buildCookie(String cookie, int maxAgeSeconds) {
        StringBuilder b = new StringBuilder(cookie).append("; Max-Age=").append(maxAgeSeconds);
        if (!domain.isEmpty()) {
            b.append("; Domain=").append(domain);
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        if (partitioned) {
            b.append("; Partitioned");
        }
        if (!path.isEmpty()) {
            b.append("; Path=").append(path);
        }
        if (!sameSite.isEmpty()) {
            b.append("; SameSite=").append(sameSite);
        }
        if (secure) {
            b.append("; Secure");
        }
        return b.toString();
    }

    static SessionAffinity read(JsonNode node, FieldPath at, Fields f) {
        f.known(node, at, FIELDS);
        String cookieName = f.requiredString(node, at, "cookieName");
        String primaryCookieName = f.string(node, at, "primaryCookieName", "");
        if (!cookieName.isEmpty() && cookieName.equals(primaryCookieName)) {
            f.error(at.child("primaryCookieName"), "'" + primaryCookieName
                    + "' must differ from cookieName ('" + cookieName + "'): each backend needs its own cookie");
        }
        int maxAge = f.integer(node, at, "maxAge", 0);
        if (maxAge < 0) {
            f.error(at.child("maxAge"), maxAge + " must be >= 0 (0 means the default, 86400 seconds)");
        }
        String sameSite = f.string(node, at, "sameSite", "");
        if (!sameSite.isEmpty() && !Set.of("Strict", "Lax", "None").contains(sameSite)) {
            f.error(at.child("sameSite"), "'" + sameSite + "' must be one of Strict, Lax or None");
        }
        return new SessionAffinity(cookieName, primaryCookieName, maxAge <= 0 ? DEFAULT_MAX_AGE : maxAge,
                f.string(node, at, "domain", ""), f.bool(node, at, "httpOnly"), f.bool(node, at, "partitioned"),
                f.string(node, at, "path", ""), sameSite, f.bool(node, at, "secure"));
    }
}
