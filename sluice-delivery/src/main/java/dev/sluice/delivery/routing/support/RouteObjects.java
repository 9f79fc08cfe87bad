package dev.sluice.delivery.routing.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.Map;
import java.util.TreeMap;

/** Small builders for the objects routers write. */
public final class RouteObjects {

    /** Flagger marks the objects it manages so that Flux does not revert them. */
    public static final Map<String, String> TOOLKIT_ANNOTATIONS = Map.of(
            "kustomize.toolkit.fluxcd.io/reconcile", "disabled",
            "helm.toolkit.fluxcd.io/driftDetection", "disabled");

    private RouteObjects() {
    }

    /** {@code {apiVersion, kind, metadata: {name, namespace}}}. */
    public static ObjectNode object(String apiVersion, String kind, String namespace, String name) {
        ObjectNode n = Json.object();
        n.put("apiVersion", apiVersion).put("kind", kind);
        n.putObject("metadata").put("name", name).put("namespace", namespace);
        return n;
    }

    /** Flagger's filterMetadata: the annotations with the toolkit markers added. */
    public static Map<String, String> withToolkitMarkers(Map<String, String> annotations) {
        Map<String, String> out = new TreeMap<>(annotations);
        out.putAll(TOOLKIT_ANNOTATIONS);
        return out;
    }

    /** Sets {@code metadata.<field>} to the map, sorted by key; leaves it out when empty. */
    public static void putMap(ObjectNode object, String field, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        ObjectNode m = object.withObjectProperty("metadata").putObject(field);
        new TreeMap<>(values).forEach(m::put);
    }

    /** Adds {@code metadata.ownerReferences: [owner]} unless {@code owner} is null. */
    public static void putOwner(ObjectNode object, ObjectNode owner) {
        if (owner != null) {
            metadata(object).putArray("ownerReferences").add(owner);
        }
    }

    public static ObjectNode metadata(ObjectNode object) {
        return object.withObjectProperty("metadata");
    }
}
