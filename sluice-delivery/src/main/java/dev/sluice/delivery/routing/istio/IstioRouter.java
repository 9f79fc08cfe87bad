package dev.sluice.delivery.routing.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficRouter;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.routing.support.RouteObjects;
import dev.sluice.delivery.routing.support.RouterCluster;
import dev.sluice.delivery.routing.support.Sessions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flagger's Istio router: DestinationRules {@code <apex>-canary} and {@code <apex>-primary}
 * (host and {@code service.trafficPolicy}) and a VirtualService named after the apex (shapes in
 * {@link VirtualServiceSpecs}). A VirtualService that existed before is taken over: its spec is
 * kept in the {@value #ORIGINAL} annotation (unless kubectl's last-applied one has it) and restored by
 * {@link #revert}; it gets no owner reference, so deleting the Canary does not delete it.
 * Stateless and thread-safe.
 */
public final class IstioRouter implements TrafficRouter {

    static final String GROUP = "networking.istio.io";
    static final GroupKind VIRTUAL_SERVICE = GroupKind.of(GROUP, "VirtualService");
    static final GroupKind DESTINATION_RULE = GroupKind.of(GROUP, "DestinationRule");
    static final String API_VERSION = GROUP + "/v1beta1";
    static final String ORIGINAL = "flagger.kubernetes.io/original-configuration";
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final RouterCluster cluster;

    public IstioRouter(RouterCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void reconcile(Canary canary) throws RoutingException {
        destinationRule(canary, canary.canaryServiceName());
        destinationRule(canary, canary.primaryServiceName());
        Optional<KubeObject> existing = cluster.get(VIRTUAL_SERVICE, canary.namespace(), canary.apexName());
        ObjectNode spec;
        if (existing.isEmpty()) {
            spec = VirtualServiceSpecs.spec(canary, TrafficSplit.ALL_PRIMARY, StickySession.NONE, false);
        } else {
            TrafficSplit current = read(canary, existing.get()).orElse(TrafficSplit.ALL_PRIMARY);
            int basic = canary.spec().analysis().map(a -> a.match().isEmpty() ? 1 : 2).orElse(1);
            boolean sessionRoutes = existing.get().spec().path("http").size() > basic;
            spec = VirtualServiceSpecs.spec(canary, current, Sessions.fromStatus(canary, current), sessionRoutes);
        }
        cluster.apply(virtualService(canary, spec, existing));
    }

    @Override
    public TrafficSplit routes(Canary canary) throws RoutingException {
        KubeObject vs = cluster.require(VIRTUAL_SERVICE, canary.namespace(), canary.apexName());
        return read(canary, vs).orElseThrow(() -> new RoutingException("VirtualService " + canary.apexName() + "."
                + canary.namespace() + " does not contain routes for " + canary.primaryServiceName() + " and "
                + canary.canaryServiceName()));
    }

    @Override
    public void setRoutes(Canary canary, TrafficSplit split, StickySession session) throws RoutingException {
        KubeObject vs = cluster.require(VIRTUAL_SERVICE, canary.namespace(), canary.apexName());
        cluster.apply(virtualService(canary, VirtualServiceSpecs.spec(canary, split, session, true), Optional.of(vs)));
    }

    /**
     * Restores a VirtualService Sluice took over: the spec from kubectl's last-applied annotation,
     * else from {@value #ORIGINAL}. One Sluice created (no original) is left to garbage collection.
     */
    @Override
    public void revert(Canary canary) throws RoutingException {
        Optional<KubeObject> vs = cluster.get(VIRTUAL_SERVICE, canary.namespace(), canary.apexName());
        if (vs.isEmpty()) {
            return;
        }
        Map<String, String> a = vs.get().annotations();
        JsonNode original;
        try {
            if (a.containsKey(LAST_APPLIED)) {
                original = Json.parseObject(a.get(LAST_APPLIED)).path("spec");
            } else if (a.containsKey(ORIGINAL)) {
                original = Json.parseObject(a.get(ORIGINAL));
            } else {
                return;
            }
        } catch (IllegalArgumentException e) {
            throw new RoutingException("VirtualService " + canary.apexName() + "." + canary.namespace()
                    + " failed to read its original configuration: " + e.getMessage(), e);
        }
        JsonNode spec = original;
        cluster.update(vs.get().edit(n -> n.set("spec", spec.deepCopy())));
    }

    private void destinationRule(Canary canary, String name) throws RoutingException {
        Optional<KubeObject> existing = cluster.get(DESTINATION_RULE, canary.namespace(), name);
        ObjectNode dr = RouteObjects.object(API_VERSION, "DestinationRule", canary.namespace(), name);
        RouteObjects.putOwner(dr, cluster.ownerReferenceFor(canary, existing));
        ObjectNode spec = dr.putObject("spec").put("host", name);
        canary.spec().service().trafficPolicy().ifPresent(p -> spec.set("trafficPolicy", p.deepCopy()));
        cluster.apply(dr);
    }

    private ObjectNode virtualService(Canary canary, ObjectNode spec, Optional<KubeObject> existing)
            throws RoutingException {
        ObjectNode vs = RouteObjects.object(API_VERSION, "VirtualService", canary.namespace(), canary.apexName());
        var apex = canary.spec().service().apex();
        Map<String, String> annotations = new TreeMap<>(RouteObjects.withToolkitMarkers(apex.annotations()));
        if (existing.isPresent()) {
            Map<String, String> old = existing.get().annotations();
            for (String keep : new String[] {LAST_APPLIED, ORIGINAL}) {
                if (old.containsKey(keep)) {
                    annotations.put(keep, old.get(keep));
                }
            }
            boolean takeover = !RouterCluster.controlledBy(existing.get(), canary.name());
            if (takeover && !annotations.containsKey(LAST_APPLIED) && !annotations.containsKey(ORIGINAL)
                    && !existing.get().spec().equals(spec)) {
                annotations.put(ORIGINAL, Json.write(existing.get().spec()));
            }
        }
        RouteObjects.putMap(vs, "labels", apex.labels());
        RouteObjects.putMap(vs, "annotations", annotations);
        RouteObjects.putOwner(vs, cluster.ownerReferenceFor(canary, existing));
        vs.set("spec", spec);
        return vs;
    }

    /** Flagger's GetRoutes: the last route reaching the canary gives the weights and the mirror. */
    static Optional<TrafficSplit> read(Canary canary, KubeObject vs) {
        boolean tcp = canary.spec().service().appProtocol().toLowerCase(Locale.ROOT).equals("tcp");
        JsonNode chosen = null;
        for (JsonNode r : vs.spec().path(tcp ? "tcp" : "http")) {
            for (JsonNode d : r.path("route")) {
                if (d.path("destination").path("host").asText().equals(canary.canaryServiceName())) {
                    chosen = r;
                    break;
                }
            }
        }
        int primary = 0;
        int other = 0;
        boolean mirrored = false;
        if (chosen != null) {
            for (JsonNode d : chosen.path("route")) {
                String host = d.path("destination").path("host").asText();
                if (host.equals(canary.primaryServiceName())) {
                    primary = d.path("weight").asInt(0);
                } else if (host.equals(canary.canaryServiceName())) {
                    other = d.path("weight").asInt(0);
                }
            }
            mirrored = !tcp && !chosen.path("mirror").path("host").asText("").isEmpty();
        }
        if (!tcp && canary.spec().analysis().flatMap(a -> a.sessionAffinity()).isPresent()) {
            for (JsonNode r : vs.spec().path("http")) {
                for (JsonNode d : r.path("route")) {
                    if (d.has("headers")) {
                        String host = d.path("destination").path("host").asText();
                        if (host.equals(canary.primaryServiceName())) {
                            primary = d.path("weight").asInt(0);
                        } else if (host.equals(canary.canaryServiceName())) {
                            other = d.path("weight").asInt(0);
                        }
                    }
                }
            }
        }
        if (primary + other == 0) {
            return Optional.empty();
        }
        int total = primary + other;
        int canaryPercent = total == 100 ? other : (int) Math.round(100.0 * other / total);
        return Optional.of(new TrafficSplit(100 - canaryPercent, canaryPercent, mirrored));
    }
}
