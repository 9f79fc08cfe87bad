package dev.sluice.delivery.routing.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryService;
import dev.sluice.api.flagger.SessionAffinity;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.routing.support.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTPRoute spec Flagger's Gateway API routers write for a split: one weighted rule (service
 * matches, default {@code PathPrefix /}; filters; primary and canary backends), a RequestMirror to
 * the canary while a blue/green run mirrors, session-affinity rules before it, and for A/B testing
 * the analysis matches on the first rule plus a second rule sending the rest to the primary. A pure
 * function of the Canary and the split.
 */
final class HttpRouteSpecs {

    static final String COOKIE = "Cookie";
    static final String SET_COOKIE = "Set-Cookie";

    private HttpRouteSpecs() {
    }

    /**
     * @param sessionRules whether to write session-affinity rules (Flagger writes them from the
     *                     first SetRoutes on, not when it creates the route)
     */
    static ObjectNode spec(Canary canary, TrafficSplit split, StickySession session, GatewayApiVersion version,
                           boolean sessionRules) throws RoutingException {
        CanaryService svc = canary.spec().service();
        List<ObjectNode> svcMatches = HttpRouteMatches.map(svc.match(), "spec.service.match");
        List<ObjectNode> matches = HttpRouteMatches.orDefault(svcMatches);
        ObjectNode weighted = rule(canary, version, matches, HttpRouteFilters.of(svc, version),
                List.of(backend(canary.primaryServiceName(), split.primaryWeight(), svc.port()),
                        backend(canary.canaryServiceName(), split.canaryWeight(), svc.port())));
        int iterations = canary.spec().analysis().map(a -> a.iterations()).orElse(0);
        if (split.mirrored() && iterations > 0) {
            ObjectNode mirror = Json.object().put("type", "RequestMirror");
            mirror.putObject("requestMirror").set("backendRef", Json.object().put("group", "").put("kind", "Service")
                    .put("name", canary.canaryServiceName()).put("port", svc.port()));
            filters(weighted).add(mirror);
        }
        List<ObjectNode> rules = new ArrayList<>(List.of(weighted));
        Optional<SessionAffinity> affinity = canary.spec().analysis().flatMap(a -> a.sessionAffinity());
        if (sessionRules && affinity.isPresent()) {
            rules = SessionRules.of(canary, version, affinity.get(), split, session, weighted, svcMatches);
        }
        var ab = canary.spec().analysis().map(a -> a.match()).orElse(List.of());
        if (!ab.isEmpty()) {
            List<ObjectNode> analysis = HttpRouteMatches.map(ab, "spec.analysis.match");
            rules.get(0).set("matches", array(HttpRouteMatches.merge(analysis, matches)));
            rules.add(rule(canary, version, matches, HttpRouteFilters.of(svc, version),
                    List.of(backend(canary.primaryServiceName(), 100, svc.port()))));
        }
        ObjectNode spec = Json.object();
        ArrayNode parents = spec.putArray("parentRefs");
        svc.gatewayRefs().forEach(g -> parents.add(HttpRouteFilters.reference(g)));
        if (!svc.hosts().isEmpty()) {
            ArrayNode hosts = spec.putArray("hostnames");
            svc.hosts().forEach(hosts::add);
        }
        spec.set("rules", array(rules));
        return spec;
    }

    static ObjectNode rule(Canary canary, GatewayApiVersion version, List<ObjectNode> matches, List<ObjectNode> filters,
                           List<ObjectNode> backends) {
        ObjectNode rule = Json.object();
        rule.set("matches", array(matches));
        if (!filters.isEmpty()) {
            rule.set("filters", array(filters));
        }
        rule.set("backendRefs", array(backends));
        CanaryService svc = canary.spec().service();
        if (version == GatewayApiVersion.V1 && !(svc.timeout().isEmpty() && svc.backendTimeout().isEmpty())) {
            ObjectNode t = rule.putObject("timeouts");
            if (!svc.timeout().isEmpty()) {
                t.put("request", svc.timeout());
            }
            if (!svc.backendTimeout().isEmpty()) {
                t.put("backendRequest", svc.backendTimeout());
            }
        }
        return rule;
    }

    static ObjectNode backend(String service, int weight, int port) {
        return Json.object().put("group", "").put("kind", "Service").put("name", service).put("port", port)
                .put("weight", weight);
    }

    /** {@code Set-Cookie: <value>} added to responses. */
    static ObjectNode setCookie(String value) {
        ObjectNode f = Json.object().put("type", "ResponseHeaderModifier");
        f.putObject("responseHeaderModifier").putArray("add").addObject().put("name", SET_COOKIE).put("value", value);
        return f;
    }

    /** A match on the Cookie header carrying {@code cookie}. */
    static ObjectNode cookieMatch(String cookie) {
        ObjectNode m = Json.object();
        m.putArray("headers").addObject().put("type", "RegularExpression").put("name", COOKIE)
                .put("value", Sessions.cookieRegex(cookie));
        return m;
    }

    static ArrayNode filters(ObjectNode ruleOrBackend) {
        JsonNode f = ruleOrBackend.get("filters");
        if (f instanceof ArrayNode a) {
            return a;
        }
        // Keep Flagger's field order: filters come before backendRefs in a rule.
        ObjectNode copy = ruleOrBackend.deepCopy();
        ruleOrBackend.removeAll();
        ArrayNode created = null;
        for (var e : copy.properties()) {
            if (e.getKey().equals("backendRefs") && created == null) {
                created = ruleOrBackend.putArray("filters");
            }
            ruleOrBackend.set(e.getKey(), e.getValue());
        }
        return created != null ? created : ruleOrBackend.putArray("filters");
    }

    static ArrayNode array(List<ObjectNode> items) {
        ArrayNode a = Json.nodes().arrayNode();
        items.forEach(i -> a.add(i.deepCopy()));
        return a;
    }
}
