package dev.sluice.delivery.routing.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficRouter;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.routing.support.RouteObjects;
import dev.sluice.delivery.routing.support.RouterCluster;
import dev.sluice.delivery.routing.support.Sessions;
import java.util.Optional;

/**
 * Flagger's Gateway API routers ({@code gatewayapi:v1}, {@code gatewayapi:v1beta1}): an HTTPRoute
 * named after the apex Service with the Canary's {@code gatewayRefs} as parents. With a parent of
 * kind Service ({@code {name: <apex>, kind: Service, group: core, port}}) it is a GAMMA mesh route,
 * which is how Linkerd's newer mode works. Shapes are built by {@link HttpRouteSpecs}. Stateless and
 * thread-safe.
 */
public final class GatewayApiRouter implements TrafficRouter {

    static final GroupKind KIND = GroupKind.of("gateway.networking.k8s.io", "HTTPRoute");

    private final RouterCluster cluster;
    private final GatewayApiVersion version;

    public GatewayApiRouter(RouterCluster cluster, GatewayApiVersion version) {
        this.cluster = cluster;
        this.version = version;
    }

    @Override
    public void reconcile(Canary canary) throws RoutingException {
        if (canary.spec().service().gatewayRefs().isEmpty()) {
            throw new RoutingException("GatewayRefs must be specified when using Gateway API as a provider.");
        }
        Optional<KubeObject> existing = cluster.get(KIND, canary.namespace(), canary.apexName());
        if (existing.isEmpty()) {
            cluster.apply(build(canary, TrafficSplit.ALL_PRIMARY, StickySession.NONE, false,
                    cluster.ownerReferenceFor(canary, existing)));
            return;
        }
        // Keep the weights, mirror and session rules the last setRoutes wrote.
        TrafficSplit current = read(canary, existing.get()).orElse(TrafficSplit.ALL_PRIMARY);
        int basicRules = canary.spec().analysis().map(a -> a.match().isEmpty() ? 1 : 2).orElse(1);
        boolean sessionRules = existing.get().spec().path("rules").size() > basicRules;
        cluster.apply(build(canary, current, Sessions.fromStatus(canary, current), sessionRules,
                cluster.ownerReferenceFor(canary, existing)));
    }

    @Override
    public TrafficSplit routes(Canary canary) throws RoutingException {
        KubeObject route = cluster.require(KIND, canary.namespace(), canary.apexName());
        if (version == GatewayApiVersion.V1) {
            checkAccepted(canary, route);
        }
        return read(canary, route).orElseThrow(() -> new RoutingException("HTTPRoute " + canary.apexName() + "."
                + canary.namespace() + " does not contain routes for " + canary.primaryServiceName() + " and "
                + canary.canaryServiceName()));
    }

    @Override
    public void setRoutes(Canary canary, TrafficSplit split, StickySession session) throws RoutingException {
        KubeObject route = cluster.require(KIND, canary.namespace(), canary.apexName());
        cluster.apply(build(canary, split, session, true, cluster.ownerReferenceFor(canary, Optional.of(route))));
    }

    /** The route is owned by the Canary and goes with it; nothing to restore (as Flagger). */
    @Override
    public void revert(Canary canary) {
    }

    /** The HTTPRoute Sluice writes; a pure function. */
    public ObjectNode build(Canary canary, TrafficSplit split, StickySession session, boolean sessionRules,
                            ObjectNode ownerReference) throws RoutingException {
        ObjectNode route = RouteObjects.object(version.apiVersion(), "HTTPRoute", canary.namespace(), canary.apexName());
        var apex = canary.spec().service().apex();
        RouteObjects.putMap(route, "labels", apex.labels());
        RouteObjects.putMap(route, "annotations", RouteObjects.withToolkitMarkers(apex.annotations()));
        RouteObjects.putOwner(route, ownerReference);
        route.set("spec", HttpRouteSpecs.spec(canary, split, session, version, sessionRules));
        return route;
    }

    /** Flagger's GetRoutes: an error until every parent accepted the current generation. */
    private static void checkAccepted(Canary canary, KubeObject route) throws RoutingException {
        for (JsonNode parent : route.spec().path("parentRefs")) {
            for (JsonNode status : route.status().path("parents")) {
                if (!status.path("parentRef").equals(parent)) {
                    continue;
                }
                for (JsonNode c : status.path("conditions")) {
                    if (c.path("type").asText().equals("Accepted") && (!c.path("status").asText().equals("True")
                            || c.path("observedGeneration").asLong(0) < route.generation())) {
                        throw new RoutingException("HTTPRoute " + canary.apexName() + "." + canary.namespace()
                                + " parent " + parent.path("name").asText() + " is not ready (status: "
                                + c.path("status").asText() + ", observed generation: "
                                + c.path("observedGeneration").asLong(0) + ", current generation: "
                                + route.generation() + ")");
                    }
                }
            }
        }
    }

    /** The weights of the weighted rule and whether the canary is mirrored; empty when neither backend is found. */
    static Optional<TrafficSplit> read(Canary canary, KubeObject route) {
        boolean sticky = canary.spec().analysis().flatMap(a -> a.sessionAffinity()).isPresent();
        int primary = 0;
        int other = 0;
        boolean found = false;
        boolean mirrored = false;
        JsonNode weightedRule = null;
        for (JsonNode rule : route.spec().path("rules")) {
            JsonNode backends = rule.path("backendRefs");
            if (sticky) {
                for (JsonNode b : backends) {
                    if (b.path("filters").size() > 0) {
                        weightedRule = rule;
                    }
                }
            }
            if (backends.size() == 2) {
                for (JsonNode b : backends) {
                    if (b.path("name").asText().equals(canary.primaryServiceName())) {
                        primary = b.path("weight").asInt(1);
                        found = true;
                    } else if (b.path("name").asText().equals(canary.canaryServiceName())) {
                        other = b.path("weight").asInt(1);
                        found = true;
                    }
                }
            }
            for (JsonNode f : rule.path("filters")) {
                if (f.path("type").asText().equals("RequestMirror")
                        && f.path("requestMirror").path("backendRef").path("name").asText()
                        .equals(canary.canaryServiceName())) {
                    mirrored = true;
                }
            }
        }
        if (weightedRule != null) {
            for (JsonNode b : weightedRule.path("backendRefs")) {
                if (b.path("name").asText().equals(canary.primaryServiceName())) {
                    primary = b.path("weight").asInt(1);
                } else if (b.path("name").asText().equals(canary.canaryServiceName())) {
                    other = b.path("weight").asInt(1);
                }
            }
        }
        if (!found || primary + other == 0) {
            return Optional.empty();
        }
        int total = primary + other;
        int canaryPercent = total == 100 ? other : (int) Math.round(100.0 * other / total);
        return Optional.of(new TrafficSplit(100 - canaryPercent, canaryPercent, mirrored));
    }
}
