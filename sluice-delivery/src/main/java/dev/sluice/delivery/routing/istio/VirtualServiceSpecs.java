package dev.sluice.delivery.routing.istio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryService;
import dev.sluice.api.flagger.HttpMatch;
import dev.sluice.api.flagger.SessionAffinity;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.routing.support.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The VirtualService spec of Flagger's Istio router for a split: hosts (the apex added), gateways
 * ({@code mesh} by default), one HTTP route with the service's match, rewrite, timeout, retries,
 * CORS and headers routing to the primary and canary; mirroring on the first route; session
 * affinity routes before it; A/B testing as a match route plus a primary route; a TCP route for
 * {@code appProtocol: tcp}. A pure function.
 */
final class VirtualServiceSpecs {

    private VirtualServiceSpecs() {
    }

    static ObjectNode spec(Canary canary, TrafficSplit split, StickySession session, boolean sessionRoutes)
            throws RoutingException {
        CanaryService svc = canary.spec().service();
        ObjectNode spec = Json.object();
        ArrayNode hosts = spec.putArray("hosts");
        if (svc.delegation()) {
            if (!svc.hosts().isEmpty() || !svc.gateways().isEmpty()) {
                throw new RoutingException("VirtualService " + canary.apexName() + "." + canary.namespace()
                        + " cannot have hosts and gateways when delegation enabled");
            }
        } else {
            svc.hosts().forEach(hosts::add);
            if (!svc.hosts().contains(canary.apexName()) && !svc.hosts().contains("*")) {
                hosts.add(canary.apexName());
            }
            ArrayNode gateways = spec.putArray("gateways");
            svc.gateways().forEach(gateways::add);
            if (svc.gateways().isEmpty()) {
                gateways.add("mesh");
            }
        }
        if (svc.appProtocol().toLowerCase(Locale.ROOT).equals("tcp")) {
            ObjectNode tcp = spec.putArray("tcp").addObject();
            if (!svc.match().isEmpty()) {
                ArrayNode m = tcp.putArray("match");
                svc.match().forEach(x -> m.addObject().put("port", x.raw().path("port").asInt(0)));
            }
            tcp.set("route", destinations(canary, split.primaryWeight(), split.canaryWeight()));
            return spec;
        }
        ObjectNode weighted = route(canary, rawMatches(svc.match()), destinations(canary, split.primaryWeight(),
                split.canaryWeight()));
        List<ObjectNode> http = new ArrayList<>(List.of(weighted));
        Optional<SessionAffinity> affinity = canary.spec().analysis().flatMap(a -> a.sessionAffinity());
        if (sessionRoutes && affinity.isPresent()) {
            http = sessionRoutes(canary, affinity.get(), split, session, weighted);
        }
        if (split.mirrored()) {
            http.get(0).putObject("mirror").put("host", canary.canaryServiceName());
            int mw = canary.spec().analysis().map(a -> a.mirrorWeight()).orElse(0);
            if (mw > 0) {
                http.get(0).putObject("mirrorPercentage").put("value", mw);
            }
        }
        List<HttpMatch> ab = canary.spec().analysis().map(a -> a.match()).orElse(List.of());
        if (!ab.isEmpty()) {
            http = List.of(route(canary, merge(ab, svc.match()), destinations(canary, split.primaryWeight(),
                            split.canaryWeight())),
                    route(canary, rawMatches(svc.match()), single(canary, split.primaryWeight())));
        }
        ArrayNode routes = spec.putArray("http");
        http.forEach(routes::add);
        return spec;
    }

    private static ObjectNode route(Canary canary, ArrayNode match, ArrayNode destinations) {
        CanaryService svc = canary.spec().service();
        ObjectNode r = Json.object();
        if (!match.isEmpty()) {
            r.set("match", match);
        }
        r.set("route", destinations);
        svc.rewrite().ifPresent(w -> {
            ObjectNode rw = Json.object();
            if (!w.path("uri").asText("").isEmpty()) {
                rw.put("uri", w.path("uri").asText());
            }
            if (!w.path("authority").asText("").isEmpty()) {
                rw.put("authority", w.path("authority").asText());
            }
            r.set("rewrite", rw);
        });
        if (!svc.timeout().isEmpty()) {
            r.put("timeout", svc.timeout());
        }
        svc.retries().ifPresent(x -> r.set("retries", x.deepCopy()));
        svc.corsPolicy().ifPresent(x -> r.set("corsPolicy", x.deepCopy()));
        svc.headers().ifPresent(x -> r.set("headers", x.deepCopy()));
        return r;
    }

    static ArrayNode destinations(Canary canary, int primary, int other) {
        ArrayNode a = Json.nodes().arrayNode();
        a.add(destination(canary, canary.primaryServiceName(), primary));
        a.add(destination(canary, canary.canaryServiceName(), other));
        return a;
    }

    private static ArrayNode single(Canary canary, int primary) {
        ArrayNode a = Json.nodes().arrayNode();
        a.add(destination(canary, canary.primaryServiceName(), primary));
        return a;
    }

    /** Flagger's makeDestination: the port is set with port discovery behind a gateway or delegation. */
    static ObjectNode destination(Canary canary, String host, int weight) {
        CanaryService svc = canary.spec().service();
        ObjectNode d = Json.object();
        ObjectNode dest = d.putObject("destination").put("host", host);
        boolean gateway = !svc.gateways().isEmpty() && !svc.gateways().get(0).equals("mesh");
        if (svc.portDiscovery() && (gateway || svc.delegation())) {
            dest.putObject("port").put("number", svc.port());
        }
        d.put("weight", weight);
        return d;
    }

    static ArrayNode rawMatches(List<HttpMatch> matches) {
        ArrayNode a = Json.nodes().arrayNode();
        matches.forEach(m -> a.add(m.raw().deepCopy()));
        return a;
    }

    /** Flagger's mergeMatchConditions: each canary condition over each default, taking its headers and source labels. */
    static ArrayNode merge(List<HttpMatch> canaryMatches, List<HttpMatch> defaults) {
        ArrayNode out = Json.nodes().arrayNode();
        if (defaults.isEmpty()) {
            canaryMatches.forEach(c -> out.add(c.raw().deepCopy()));
            return out;
        }
        for (HttpMatch c : canaryMatches) {
            for (HttpMatch d : defaults) {
                ObjectNode m = (ObjectNode) d.raw().deepCopy();
                for (String field : List.of("headers", "sourceLabels")) {
                    if (c.raw().has(field)) {
                        m.set(field, c.raw().get(field).deepCopy());
                    }
                }
                out.add(m);
            }
        }
        return out;
    }

    private static List<ObjectNode> sessionRoutes(Canary canary, SessionAffinity affinity, TrafficSplit split,
                                                  StickySession session, ObjectNode weighted) {
        List<HttpMatch> svcMatch = canary.spec().service().match();
        ObjectNode sticky = weighted.deepCopy();
        List<ObjectNode> out = new ArrayList<>();
        if (split.canaryWeight() != 0) {
            setCookie((ObjectNode) weighted.path("route").get(1),
                    affinity.buildCookie(session.canaryCookie(), affinity.maxAge()));
            if (!session.primaryCookie().isEmpty()) {
                int interval = (int) canary.spec().analysis().orElseThrow().interval().toSeconds();
                setCookie((ObjectNode) weighted.path("route").get(0),
                        affinity.buildCookie(session.primaryCookie(), interval));
            }
            matchFirst(sticky, cookieMatch(session.canaryCookie(), svcMatch));
            sticky.set("route", destinations(canary, 0, 100));
            out.add(sticky);
            if (!session.primaryCookie().isEmpty()) {
                ObjectNode primary = weighted.deepCopy();
                matchFirst(primary, cookieMatch(session.primaryCookie(), svcMatch));
                primary.set("route", destinations(canary, 100, 0));
                out.add(primary);
            }
        } else if (!session.expiredCookie().isEmpty()) {
            matchFirst(sticky, cookieMatch(session.expiredCookie(), svcMatch));
            ObjectNode headers = sticky.has("headers") ? (ObjectNode) sticky.get("headers") : sticky.putObject("headers");
            ObjectNode response = headers.has("response") ? (ObjectNode) headers.get("response")
                    : headers.putObject("response");
            ObjectNode add = response.has("add") ? (ObjectNode) response.get("add") : response.putObject("add");
            add.put("Set-Cookie", session.expiredCookie() + "; Max-Age=-1");
            out.add(sticky);
        } else {
            out.add(sticky);
        }
        out.add(weighted);
        return out;
    }

    /** Sets {@code match} as the route's first field, where Istio's route type has it. */
    private static void matchFirst(ObjectNode route, ArrayNode match) {
        ObjectNode rest = route.deepCopy();
        rest.remove("match");
        route.removeAll();
        route.set("match", match);
        route.setAll(rest);
    }

    private static void setCookie(ObjectNode destination, String cookie) {
        ObjectNode headers = destination.putObject("headers");
        headers.putObject("response").putObject("add").put("Set-Cookie", cookie);
    }

    private static ArrayNode cookieMatch(String cookie, List<HttpMatch> svcMatch) {
        ObjectNode m = Json.object();
        m.putObject("headers").putObject("Cookie").put("regex", Sessions.cookieRegex(cookie));
        HttpMatch cm = new HttpMatch(java.util.Map.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), java.util.Map.of(), m);
        return merge(List.of(cm), svcMatch);
    }
}
