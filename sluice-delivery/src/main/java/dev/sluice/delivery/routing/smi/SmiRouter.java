package dev.sluice.delivery.routing.smi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.HttpMatch;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficRouter;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.routing.support.RouteObjects;
import dev.sluice.delivery.routing.support.RouterCluster;
import java.util.List;
import java.util.Optional;

/**
 * Flagger's SMI routers: a {@code split.smi-spec.io} TrafficSplit named after the apex Service,
 * {@code {service: hosts[0] or apex, backends: [{canary, C}, {primary, P}]}}. v1alpha1 (the linkerd
 * provider) writes weights as Kubernetes quantities ({@code "50"}), v1alpha2 (osm) and later as
 * integers. From v1alpha3 on, A/B testing ({@code analysis.match}) is supported by an
 * HTTPRouteGroup the split {@code matches}: matching requests are split, the rest go to the apex
 * Service (the primary), as Linkerd does. Older versions cannot express A/B testing, so such a
 * Canary is refused instead of sending every request to the canary. Mirroring is not supported
 * (the split is never reported as mirrored). Stateless and thread-safe.
 */
public final class SmiRouter implements TrafficRouter {

    static final String GROUP = "split.smi-spec.io";
    static final GroupKind KIND = GroupKind.of(GROUP, "TrafficSplit");

    private final RouterCluster cluster;
    private final SmiVersion version;
    private final String targetMesh;

    /** @param targetMesh the mesh named after the version ({@code smi:v1alpha1:istio}), or "" */
    public SmiRouter(RouterCluster cluster, SmiVersion version, String targetMesh) {
        this.cluster = cluster;
        this.version = version;
        this.targetMesh = targetMesh == null ? "" : targetMesh;
    }

    public SmiVersion version() {
        return version;
    }

    @Override
    public void reconcile(Canary canary) throws RoutingException {
        List<HttpMatch> ab = abMatches(canary);
        if (!ab.isEmpty() && !version.supportsMatches()) {
            throw new RoutingException("TrafficSplit " + canary.apexName() + "." + canary.namespace() + ": A/B testing "
                    + "(analysis.match) needs TrafficSplit matches, which " + GROUP + "/" + version.wire()
                    + " does not have; use provider smi:v1alpha3 or gatewayapi:v1beta1");
        }
        Optional<KubeObject> existing = existing(canary);
        TrafficSplit current = existing.map(ts -> weights(canary, ts)).orElse(TrafficSplit.ALL_PRIMARY);
        ObjectNode owner = cluster.ownerReferenceFor(canary, existing);
        if (!ab.isEmpty()) {
            cluster.apply(HttpRouteGroups.build(canary, version, ab, owner));
        }
        cluster.apply(build(canary, current, owner));
    }

    @Override
    public TrafficSplit routes(Canary canary) throws RoutingException {
        KubeObject ts = cluster.require(KIND, canary.namespace(), canary.apexName());
        TrafficSplit split = weights(canary, ts);
        if (split == null) {
            throw new RoutingException("TrafficSplit " + canary.apexName() + "." + canary.namespace()
                    + " does not contain routes for " + canary.primaryServiceName() + " and "
                    + canary.canaryServiceName());
        }
        return split;
    }

    @Override
    public void setRoutes(Canary canary, TrafficSplit split, StickySession session) throws RoutingException {
        KubeObject ts = cluster.require(KIND, canary.namespace(), canary.apexName());
        cluster.apply(build(canary, split, cluster.ownerReferenceFor(canary, Optional.of(ts))));
    }

    /** The split and route group are owned by the Canary and go with it; nothing to restore (as Flagger). */
    @Override
    public void revert(Canary canary) {
    }

    /** The TrafficSplit Sluice writes for {@code split}; a pure function ({@code ownerReference} may be null). */
    public ObjectNode build(Canary canary, TrafficSplit split, ObjectNode ownerReference) {
        ObjectNode ts = RouteObjects.object(GROUP + "/" + version.wire(), "TrafficSplit", canary.namespace(),
                canary.apexName());
        if (targetMesh.equals("istio") && !canary.spec().service().gateways().isEmpty()) {
            RouteObjects.metadata(ts).putObject("annotations").put(
                    "VirtualService.v1alpha3.networking.istio.io/spec.gateways",
                    Json.write(Json.toTree(canary.spec().service().gateways())));
        }
        RouteObjects.putOwner(ts, ownerReference);
        ObjectNode spec = ts.putObject("spec");
        List<String> hosts = canary.spec().service().hosts();
        spec.put("service", hosts.isEmpty() ? canary.apexName() : hosts.get(0));
        ArrayNode backends = spec.putArray("backends");
        weight(backends.addObject().put("service", canary.canaryServiceName()), split.canaryWeight());
        weight(backends.addObject().put("service", canary.primaryServiceName()), split.primaryWeight());
        if (version.supportsMatches() && !abMatches(canary).isEmpty()) {
            spec.putArray("matches").addObject().put("kind", "HTTPRouteGroup").put("name", canary.apexName());
        }
        return ts;
    }

    private void weight(ObjectNode backend, int weight) {
        if (version == SmiVersion.V1ALPHA1) {
            backend.put("weight", Integer.toString(weight)); // a resource.Quantity is written as a string
        } else {
            backend.put("weight", weight);
        }
    }

    private Optional<KubeObject> existing(Canary canary) throws RoutingException {
        return cluster.get(KIND, canary.namespace(), canary.apexName());
    }

    /** The split stored in {@code ts}, or null when it routes to neither backend (Flagger's error case). */
    static TrafficSplit weights(Canary canary, KubeObject ts) {
        int primary = 0;
        int other = 0;
        for (JsonNode b : ts.spec().path("backends")) {
            String service = b.path("service").asText();
            if (service.equals(canary.primaryServiceName())) {
                primary = quantity(b.path("weight"));
            } else if (service.equals(canary.canaryServiceName())) {
                other = quantity(b.path("weight"));
            }
        }
        if (primary == 0 && other == 0) {
            return null;
        }
        // Weights need not add up to 100 in SMI; the state machine works in percent.
        int total = primary + other;
        int canaryPercent = total == 100 ? other : (int) Math.round(100.0 * other / total);
        return TrafficSplit.of(100 - canaryPercent, canaryPercent);
    }

    /** A weight as an integer: numbers, or quantity strings such as {@code "50"}; non-integers read as 0. */
    static int quantity(JsonNode w) {
        if (w.isIntegralNumber()) {
            return Math.max(0, w.asInt());
        }
        if (w.isTextual()) {
            try {
                return Math.max(0, Integer.parseInt(w.asText().strip()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static List<HttpMatch> abMatches(Canary canary) {
        return canary.spec().analysis().map(a -> a.match()).orElse(List.of());
    }
}
