package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The ConfigMaps and Secrets a pod spec references, where Flagger's config tracker looks: volumes
 * (also projected), {@code env[].valueFrom} and {@code envFrom} of containers and init containers.
 * Keys are {@code configmap/<name>} and {@code secret/<name>}, as in {@code status.trackedConfigs}.
 * Pure.
 */
final class ConfigRefs {

    static final String CONFIG_MAP = "configmap";
    static final String SECRET = "secret";

    /** One reference field: the object holding it and the name of its name field. */
    private record Ref(String type, JsonNode holder, String field) {
    }

    private ConfigRefs() {
    }

    /** The referenced configs' keys → whether each is required (not {@code optional: true}). */
    static Map<String, Boolean> of(JsonNode podSpec) {
        Map<String, Boolean> out = new TreeMap<>();
        for (Ref r : refs(podSpec)) {
            String name = r.holder().path(r.field()).asText("");
            if (!name.isEmpty()) {
                out.merge(r.type() + "/" + name, !r.holder().path("optional").asBoolean(false), Boolean::logicalOr);
            }
        }
        return out;
    }

    /** Renames every reference in place (e.g. the primary's {@code cm-primary} back to {@code cm}). */
    static void rename(ObjectNode podSpec, UnaryOperator<String> rename) {
        for (Ref r : refs(podSpec)) {
            if (r.holder() instanceof ObjectNode o && o.path(r.field()).isTextual()) {
                o.put(r.field(), rename.apply(o.path(r.field()).asText()));
            }
        }
    }

    private static List<Ref> refs(JsonNode podSpec) {
        List<Ref> out = new ArrayList<>();
        for (JsonNode v : podSpec.path("volumes")) {
            add(out, CONFIG_MAP, v.path("configMap"), "name");
            add(out, SECRET, v.path("secret"), "secretName");
            for (JsonNode source : v.path("projected").path("sources")) {
                add(out, CONFIG_MAP, source.path("configMap"), "name");
                add(out, SECRET, source.path("secret"), "name");
            }
        }
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode c : podSpec.path(list)) {
                for (JsonNode env : c.path("env")) {
                    add(out, CONFIG_MAP, env.path("valueFrom").path("configMapKeyRef"), "name");
                    add(out, SECRET, env.path("valueFrom").path("secretKeyRef"), "name");
                }
                for (JsonNode from : c.path("envFrom")) {
                    add(out, CONFIG_MAP, from.path("configMapRef"), "name");
                    add(out, SECRET, from.path("secretRef"), "name");
                }
            }
        }
        return out;
    }

    private static void add(List<Ref> out, String type, JsonNode holder, String field) {
        if (holder.isObject()) {
            out.add(new Ref(type, holder, field));
        }
    }
}
