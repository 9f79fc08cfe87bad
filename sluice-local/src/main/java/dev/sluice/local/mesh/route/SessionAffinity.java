package dev.sluice.local.mesh.route;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Flagger's session affinity as routes: a client that once reached the canary keeps reaching it.
 * A request carrying the affinity cookie goes to the canary; otherwise the weighted split applies,
 * and the canary's responses set the cookie.
 */
public final class SessionAffinity {

    private SessionAffinity() {
    }

    /**
     * The rules for one split, in precedence order.
     *
     * @param cookieName  e.g. {@code flagger-cookie}
     * @param cookieValue the random value of this rollout (Flagger uses 10 random characters)
     * @param maxAge      the cookie's lifetime
     */
    public static List<RuleInput> rules(String origin, ServiceRef primary, long primaryWeight, ServiceRef canary,
                                        long canaryWeight, String cookieName, String cookieValue, Duration maxAge) {
        MatchInput sticky = MatchInput.header("Cookie",
                StringMatch.regex(".*" + Pattern.quote(cookieName) + ".*" + Pattern.quote(cookieValue) + ".*"));
        HeaderValue setCookie = new HeaderValue("Set-Cookie", cookieName + "=" + cookieValue + "; Max-Age=" + maxAge.toSeconds());
        return List.of(
                new RuleInput(List.of(sticky), List.of(BackendInput.of(canary, 100)), List.of(), origin + " (session affinity)"),
                new RuleInput(List.of(), List.of(
                        BackendInput.of(primary, primaryWeight),
                        new BackendInput(canary, 0, canaryWeight, List.of(setCookie))), List.of(), origin));
    }
}
