package dev.sluice.delivery.routing;

/**
 * Session-affinity cookies for the routes ({@code analysis.sessionAffinity}, Istio and Gateway API).
 * Each cookie is {@code name=value}; an empty string means none. The state machine creates and
 * retires them (status is their memory); routers only render them.
 *
 * <ul>
 *   <li>{@link #canaryCookie}: requests carrying it go to the canary; responses of the canary backend
 *       on the weighted route set it ({@code Set-Cookie: <cookie>; Max-Age=<maxAge>...}).</li>
 *   <li>{@link #primaryCookie}: likewise for the primary, when {@code primaryCookieName} is set
 *       (its Max-Age is the analysis interval).</li>
 *   <li>{@link #expiredCookie}: the cookie of a finished run; requests carrying it get
 *       {@code Set-Cookie: <cookie>; Max-Age=-1} so browsers drop it.</li>
 * </ul>
 */
public record StickySession(String canaryCookie, String primaryCookie, String expiredCookie) {

    public static final StickySession NONE = new StickySession("", "", "");

    public StickySession {
        canaryCookie = canaryCookie == null ? "" : canaryCookie;
        primaryCookie = primaryCookie == null ? "" : primaryCookie;
        expiredCookie = expiredCookie == null ? "" : expiredCookie;
    }

    public boolean isNone() {
        return canaryCookie.isEmpty() && primaryCookie.isEmpty() && expiredCookie.isEmpty();
    }
}
