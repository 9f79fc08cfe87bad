package dev.sluice.delivery.routing.support;

import dev.sluice.api.flagger.Canary;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;

/** Session-affinity cookies as the state machine last wrote them, rebuilt from the Canary's status. */
public final class Sessions {

    private Sessions() {
    }

    /**
     * The cookies routes carry at {@code split}: while the canary gets traffic, the current canary and
     * primary cookies; at weight 0, the previous cookie being expired. {@link StickySession#NONE}
     * without {@code analysis.sessionAffinity}.
     */
    public static StickySession fromStatus(Canary canary, TrafficSplit split) {
        if (canary.spec().analysis().flatMap(a -> a.sessionAffinity()).isEmpty()) {
            return StickySession.NONE;
        }
        var s = canary.status();
        return split.canaryWeight() != 0
                ? new StickySession(s.sessionAffinityCookie(), s.primarySessionAffinityCookie(), "")
                : new StickySession("", "", s.previousSessionAffinityCookie());
    }

    /** The name and value of a {@code name=value} cookie (Flagger splits on '='). */
    public static String[] nameAndValue(String cookie) {
        int eq = cookie.indexOf('=');
        return eq < 0 ? new String[] {cookie, ""} : new String[] {cookie.substring(0, eq), cookie.substring(eq + 1)};
    }

    /** Flagger's sticky match: a regex on the Cookie header, {@code .*<name>.*<value>.*}. */
    public static String cookieRegex(String cookie) {
        String[] kv = nameAndValue(cookie);
        return ".*" + kv[0] + ".*" + kv[1] + ".*";
    }
}
