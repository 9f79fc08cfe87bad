package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Pod templates made comparable across the three places a workload's spec lives: Git's build of
 * the target, the target in the cluster (the spec under analysis) and the {@code <target>-primary}
 * (the promoted spec, in Flagger's primary form). Pure.
 *
 * <p>{@link #normalize} removes what controllers add and users never declare: keys containing
 * {@code toolkit.fluxcd.io} (Flux's, dropped by the primary as Flagger does), the {@code flagger-id}
 * annotation that forces a primary rollout, the DaemonSet scale-down node selector
 * {@code flagger.app/scale-to-zero}, and {@code creationTimestamp: null}. {@link #unprimary}
 * additionally undoes Flagger's renaming in the primary: label values and config references with
 * the {@code -primary} suffix, and affinity/topology selectors that name {@code <target>-primary}.
 *
 * <p>{@link #covers} is the comparison between what Git declares and what a cluster holds: every
 * field Git declares must be there with the same value, while fields only the cluster has (the API
 * server's defaults on a real cluster, such as {@code imagePullPolicy}) are ignored. Lists must
 * have the same length, so an added or removed container, env var or volume is a difference.
 */
public final class PodTemplates {

    static final String FLAGGER_ID = "flagger-id";
    static final String SCALE_TO_ZERO = "flagger.app/scale-to-zero";
    static final String PRIMARY = "-primary";
    private static final String TOOLKIT = "toolkit.fluxcd.io";

    private PodTemplates() {
    }

    /** The pod template of a workload ({@code spec.template}), normalized; an empty object when absent. */
    public static ObjectNode ofWorkload(JsonNode workload) {
        JsonNode t = workload.path("spec").path("template");
        return normalize(t.isObject() ? t : Json.object());
    }

    /** A normalized copy of {@code template}. */
    public static ObjectNode normalize(JsonNode template) {
        ObjectNode t = template.deepCopy();
        ObjectNode meta = t.path("metadata") instanceof ObjectNode m ? m : null;
        if (meta != null) {
            clean(meta, "labels");
            clean(meta, "annotations");
            if (meta.path("annotations") instanceof ObjectNode a) {
                a.remove(FLAGGER_ID);
                dropIfEmpty(meta, "annotations");
            }
            if (meta.has("creationTimestamp") && meta.get("creationTimestamp").isNull()) {
                meta.remove("creationTimestamp");
            }
            dropIfEmpty(t, "metadata");
        }
        if (t.path("spec").path("nodeSelector") instanceof ObjectNode ns) {
            ns.remove(SCALE_TO_ZERO);
            dropIfEmpty((ObjectNode) t.get("spec"), "nodeSelector");
        }
        return t;
    }

    /**
     * The primary's template in the target's form: normalized, with Flagger's {@code -primary}
     * renaming undone ({@code targetName} is the Canary's target, e.g. {@code podinfo}).
     */
    public static ObjectNode unprimary(JsonNode primaryTemplate, String targetName) {
        ObjectNode t = normalize(primaryTemplate);
        if (t.path("metadata").path("labels") instanceof ObjectNode labels) {
            List<String> keys = new ArrayList<>();
            labels.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                labels.put(k, strip(labels.get(k).asText()));
            }
        }
        if (t.path("spec") instanceof ObjectNode spec) {
            ConfigRefs.rename(spec, PodTemplates::strip);
            renameSelectors(spec, targetName);
        }
        return t;
    }

    /** {@code name} without a trailing {@code -primary}. */
    static String strip(String name) {
        return name.endsWith(PRIMARY) && name.length() > PRIMARY.length()
                ? name.substring(0, name.length() - PRIMARY.length()) : name;
    }

    /**
     * Whether {@code live} holds everything {@code declared} declares: objects by key (extra keys in
     * {@code live} ignored), lists element by element with equal lengths, scalars equal (numbers by
     * value, so {@code 80} and {@code 80.0} match).
     */
    public static boolean covers(JsonNode declared, JsonNode live) {
        if (declared.isObject()) {
            if (!live.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode d = e.getValue();
                JsonNode l = live.get(e.getKey());
                if (l == null) {
                    if (!isEmpty(d)) {
                        return false;
                    }
                } else if (!covers(d, l)) {
                    return false;
                }
            }
            return true;
        }
        if (declared.isArray()) {
            if (!live.isArray() || live.size() != declared.size()) {
                return false;
            }
            for (int i = 0; i < declared.size(); i++) {
                if (!covers(declared.get(i), live.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (declared.isNumber() && live.isNumber()) {
            return declared.decimalValue().compareTo(live.decimalValue()) == 0;
        }
        return declared.equals(live);
    }

    /** A declared empty map, empty list or null is the same as nothing declared. */
    private static boolean isEmpty(JsonNode n) {
        return n.isNull() || (n.isContainerNode() && n.isEmpty());
    }

    private static void clean(ObjectNode meta, String field) {
        if (meta.path(field) instanceof ObjectNode m) {
            List<String> drop = new ArrayList<>();
            m.fieldNames().forEachRemaining(k -> {
                if (k.contains(TOOLKIT)) {
                    drop.add(k);
                }
            });
            m.remove(drop);
            dropIfEmpty(meta, field);
        }
    }

    private static void dropIfEmpty(ObjectNode parent, String field) {
        if (parent.path(field).isContainerNode() && parent.path(field).isEmpty()) {
            parent.remove(field);
        }
    }

    /** Flagger appends {@code -primary} to selector values naming the target; undo it. */
    private static void renameSelectors(ObjectNode podSpec, String targetName) {
        String primary = targetName + PRIMARY;
        List<JsonNode> selectors = new ArrayList<>();
        podSpec.path("topologySpreadConstraints").forEach(c -> selectors.add(c.path("labelSelector")));
        JsonNode anti = podSpec.path("affinity").path("podAntiAffinity");
        anti.path("preferredDuringSchedulingIgnoredDuringExecution")
                .forEach(p -> selectors.add(p.path("podAffinityTerm").path("labelSelector")));
        anti.path("requiredDuringSchedulingIgnoredDuringExecution").forEach(r -> selectors.add(r.path("labelSelector")));
        for (JsonNode s : selectors) {
            if (s.path("matchLabels") instanceof ObjectNode labels) {
                List<String> keys = new ArrayList<>();
                labels.fieldNames().forEachRemaining(keys::add);
                keys.stream().filter(k -> labels.get(k).asText().equals(primary)).forEach(k -> labels.put(k, targetName));
            }
            for (JsonNode e : s.path("matchExpressions")) {
                if (e.path("values") instanceof ArrayNode values) {
                    for (int i = 0; i < values.size(); i++) {
                        if (values.get(i).asText().equals(primary)) {
                            values.set(i, targetName);
                        }
                    }
                }
            }
        }
    }
}
