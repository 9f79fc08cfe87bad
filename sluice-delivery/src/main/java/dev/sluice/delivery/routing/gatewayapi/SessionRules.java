package dev.sluice.delivery.routing.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.SessionAffinity;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Flagger's session-affinity rules (flagger.md section 2 item 25). While the canary gets traffic:
 * a rule sending requests with the canary cookie to the canary, optionally one sending requests
 * with the primary cookie to the primary (v1), then the weighted rule whose canary backend sets the
 * canary cookie (and primary backend the primary cookie). At weight 0: a rule expiring the previous
 * cookie ({@code Max-Age=-1}) for requests that still carry it, then the weighted rule.
 */
final class SessionRules {

    private SessionRules() {
    }

    static List<ObjectNode> of(Canary canary, GatewayApiVersion version, SessionAffinity affinity, TrafficSplit split,
                               StickySession session, ObjectNode weighted, List<ObjectNode> svcMatches) {
        int port = canary.spec().service().port();
        ObjectNode sticky = weighted.deepCopy();
        List<ObjectNode> rules = new ArrayList<>();
        if (split.canaryWeight() != 0) {
            backendNamed(weighted, canary.canaryServiceName()).ifPresent(b -> HttpRouteSpecs.filters(b)
                    .add(HttpRouteSpecs.setCookie(affinity.buildCookie(session.canaryCookie(), affinity.maxAge()))));
            boolean primaryCookie = version == GatewayApiVersion.V1 && !session.primaryCookie().isEmpty();
            if (primaryCookie) {
                int interval = (int) canary.spec().analysis().orElseThrow().interval().toSeconds();
                backendNamed(weighted, canary.primaryServiceName()).ifPresent(b -> HttpRouteSpecs.filters(b)
                        .add(HttpRouteSpecs.setCookie(affinity.buildCookie(session.primaryCookie(), interval))));
            }
            sticky.set("matches", HttpRouteSpecs.array(HttpRouteMatches.merge(
                    List.of(HttpRouteSpecs.cookieMatch(session.canaryCookie())), svcMatches)));
            sticky.set("backendRefs", HttpRouteSpecs.array(List.of(
                    HttpRouteSpecs.backend(canary.primaryServiceName(), 0, port),
                    HttpRouteSpecs.backend(canary.canaryServiceName(), 100, port))));
            rules.add(sticky);
            if (primaryCookie) {
                ObjectNode stickyPrimary = sticky.deepCopy();
                stickyPrimary.set("matches", HttpRouteSpecs.array(HttpRouteMatches.merge(
                        List.of(HttpRouteSpecs.cookieMatch(session.primaryCookie())), svcMatches)));
                stickyPrimary.set("backendRefs", HttpRouteSpecs.array(List.of(
                        HttpRouteSpecs.backend(canary.primaryServiceName(), 100, port),
                        HttpRouteSpecs.backend(canary.canaryServiceName(), 0, port))));
                rules.add(stickyPrimary);
            }
        } else {
            if (!session.expiredCookie().isEmpty()) {
                sticky.set("matches", HttpRouteSpecs.array(HttpRouteMatches.merge(
                        List.of(HttpRouteSpecs.cookieMatch(session.expiredCookie())), svcMatches)));
                HttpRouteSpecs.filters(sticky).add(HttpRouteSpecs.setCookie(session.expiredCookie() + "; Max-Age=-1"));
            }
            rules.add(sticky);
        }
        rules.add(weighted);
        return rules;
    }

    private static java.util.Optional<ObjectNode> backendNamed(ObjectNode rule, String service) {
        for (JsonNode b : rule.path("backendRefs")) {
            if (service.equals(b.path("name").asText()) && b instanceof ObjectNode o) {
                return java.util.Optional.of(o);
            }
        }
        return java.util.Optional.empty();
    }
}
