package dev.sluice.delivery.routing.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CustomMetadata;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.ServiceRouter;
import dev.sluice.delivery.routing.support.RouteObjects;
import dev.sluice.delivery.routing.support.RouterCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flagger's KubernetesDefaultRouter: the {@code -canary}, {@code -primary} and apex ClusterIP
 * Services. A Service Sluice created (owned by the Canary) is applied whole, keeping the keys of
 * {@code service.unmanagedMetadata}; an existing Service someone else created is taken over by
 * replacing only its selector and ports (node ports kept) and adding the toolkit markers, its
 * other metadata untouched. Stateless and thread-safe.
 */
public final class KubernetesServiceRouter implements ServiceRouter {

    static final GroupKind SERVICE = GroupKind.of("", "Service");
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final RouterCluster cluster;

    public KubernetesServiceRouter(RouterCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void ensureServices(Canary canary, WorkloadSelector selector) throws RoutingException {
        reconcile(canary, canary.canaryServiceName(), selector, selector.value(), canary.spec().service().canary());
        reconcile(canary, canary.primaryServiceName(), selector, selector.value() + "-primary",
                canary.spec().service().primary());
    }

    @Override
    public void pointApexToPrimary(Canary canary, WorkloadSelector selector) throws RoutingException {
        reconcile(canary, canary.apexName(), selector, selector.value() + "-primary", canary.spec().service().apex());
    }

    @Override
    public void revertApex(Canary canary, WorkloadSelector selector) throws RoutingException {
        KubeObject apex = cluster.require(SERVICE, canary.namespace(), canary.apexName());
        if (RouterCluster.controlledByACanary(apex)) {
            return; // created by Sluice: garbage-collected with the Canary
        }
        String lastApplied = apex.annotations().get(LAST_APPLIED);
        if (lastApplied != null) {
            JsonNode stored;
            try {
                stored = Json.parseObject(lastApplied).path("spec").path("selector");
            } catch (IllegalArgumentException e) {
                throw new RoutingException("router " + apex.name() + "." + apex.namespace()
                        + " failed to read annotation " + LAST_APPLIED + ": " + e.getMessage(), e);
            }
            cluster.update(apex.edit(n -> n.withObjectProperty("spec").set("selector", stored.deepCopy())));
            return;
        }
        reconcile(canary, canary.apexName(), selector, selector.value(), CustomMetadata.EMPTY);
    }

    private void reconcile(Canary canary, String name, WorkloadSelector selector, String podSelector,
                           CustomMetadata metadata) throws RoutingException {
        ObjectNode spec = ServiceSpecs.spec(canary, selector.label(), podSelector, selector.discoveredPorts());
        Map<String, String> labels = new TreeMap<>(metadata.labels());
        labels.put(selector.label(), name);
        Optional<KubeObject> existing = cluster.get(SERVICE, canary.namespace(), name);
        if (existing.isPresent()) {
            ServiceSpecs.keepNodePorts(spec, existing.get().spec());
        }
        if (existing.isEmpty() || RouterCluster.controlledBy(existing.get(), canary.name())) {
            Map<String, String> annotations = RouteObjects.withToolkitMarkers(metadata.annotations());
            existing.ifPresent(e -> {
                keep(e.annotations(), canary.spec().service().unmanagedAnnotations(), annotations);
                keep(e.labels(), canary.spec().service().unmanagedLabels(), labels);
            });
            ObjectNode svc = RouteObjects.object("v1", "Service", canary.namespace(), name);
            RouteObjects.putMap(svc, "labels", labels);
            RouteObjects.putMap(svc, "annotations", annotations);
            RouteObjects.putOwner(svc, cluster.ownerReference(canary));
            svc.set("spec", spec);
            cluster.apply(svc);
            return;
        }
        KubeObject old = existing.get();
        boolean same = old.spec().path("selector").equals(spec.path("selector"))
                && sortedPorts(old.spec()).equals(sortedPorts(spec));
        if (same && old.annotations().keySet().containsAll(RouteObjects.TOOLKIT_ANNOTATIONS.keySet())) {
            return;
        }
        cluster.update(old.edit(n -> {
            ObjectNode s = n.withObjectProperty("spec");
            s.set("ports", spec.get("ports"));
            s.set("selector", spec.get("selector"));
            ObjectNode a = n.withObjectProperty("metadata").withObjectProperty("annotations");
            RouteObjects.TOOLKIT_ANNOTATIONS.forEach(a::put);
        }));
    }

    private static void keep(Map<String, String> existing, List<String> keys, Map<String, String> into) {
        keys.forEach(k -> {
            if (existing.containsKey(k)) {
                into.put(k, existing.get(k));
            }
        });
    }

    private static List<String> sortedPorts(JsonNode spec) {
        java.util.List<String> out = new java.util.ArrayList<>();
        spec.path("ports").forEach(p -> out.add(p.toString()));
        java.util.Collections.sort(out);
        return out;
    }
}
