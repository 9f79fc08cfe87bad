package dev.sluice.delivery.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code <target>-primary} workload as Flagger builds it (reference/flagger.md §3), as pure
 * functions of the target: creation ({@code createPrimaryDeployment}/{@code DaemonSet}) and
 * promotion ({@code Promote}). The primary selects {@code {L: v-primary}}; its labels are the target's
 * with {@code L} replaced; Flux toolkit keys are dropped; config references point at the
 * {@code -primary} copies; affinity and topology selectors naming the target name the primary; a new
 * {@code flagger-id} pod annotation forces a rollout.
 */
final class PrimarySpecs {

    static final String FLAGGER_ID = "flagger-id";
    private static final String TOOLKIT = "toolkit.fluxcd.io";

    /** The selector label of a target and its value ({@code app: podinfo}). */
    record Selector(String label, String value) {
        String primaryValue() {
            return value + "-primary";
        }
    }

    private PrimarySpecs() {
    }

    /** A new primary for {@code target}; {@code owner} is the controller reference to the Canary. */
    static KubeObject create(KubeObject target, Selector sel, Set<String> trackedConfigs, CanarySettings settings,
                             JsonNode owner, String flaggerId) {
        boolean daemonSet = target.kind().equals("DaemonSet");
        JsonNode ts = target.spec();
        ObjectNode o = Json.object();
        o.put("apiVersion", target.apiVersion()).put("kind", target.kind());
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", target.name() + "-primary").put("namespace", target.namespace());
        meta.set("labels", map(primaryLabels(byPrefix(target.labels(), settings.includeLabelPrefix()), sel)));
        meta.set("annotations", map(withoutToolkit(target.annotations())));
        meta.putArray("ownerReferences").add(owner.deepCopy());
        ObjectNode spec = o.putObject("spec");
        if (daemonSet) {
            copy(ts, spec, "minReadySeconds", "revisionHistoryLimit", "updateStrategy");
        } else {
            copy(ts, spec, "progressDeadlineSeconds", "minReadySeconds", "revisionHistoryLimit");
            int replicas = ts.path("replicas").asInt(0);
            spec.put("replicas", replicas > 0 ? replicas : 1);
            copy(ts, spec, "strategy");
        }
        spec.putObject("selector").putObject("matchLabels").put(sel.label(), sel.primaryValue());
        spec.set("template", template(target, sel, trackedConfigs, settings.selectorLabels(), flaggerId));
        return KubeObject.of(o);
    }

    /** {@code primary} promoted to {@code target}'s spec; replicas copied only without an autoscaler. */
    static KubeObject promote(KubeObject primary, KubeObject target, Selector sel, Set<String> trackedConfigs,
                              CanarySettings settings, boolean hasAutoscaler, String flaggerId) {
        boolean daemonSet = target.kind().equals("DaemonSet");
        JsonNode ts = target.spec();
        return primary.edit(o -> {
            ObjectNode spec = o.withObjectProperty("spec");
            if (daemonSet) {
                replace(ts, spec, "minReadySeconds", "revisionHistoryLimit", "updateStrategy");
            } else {
                replace(ts, spec, "progressDeadlineSeconds", "minReadySeconds", "revisionHistoryLimit", "strategy");
                if (!hasAutoscaler) {
                    replace(ts, spec, "replicas");
                }
            }
            spec.set("template", template(target, sel, trackedConfigs, settings.selectorLabels(), flaggerId));
            ObjectNode meta = o.withObjectProperty("metadata");
            meta.set("annotations", map(byPrefix(target.annotations(), settings.includeLabelPrefix())));
            meta.set("labels", map(primaryLabels(byPrefix(target.labels(), settings.includeLabelPrefix()), sel)));
        });
    }

    /**
     * Whether {@code primary} runs {@code target}'s pod template (ignoring {@code flagger-id}): how a
     * Canary migrated from Flagger, whose stored hashes Sluice cannot recompute, is known to be
     * promoted already.
     */
    static boolean runsTemplateOf(KubeObject primary, KubeObject target, Selector sel, Set<String> trackedConfigs,
                                  List<String> selectorLabels) {
        return comparable(primary.spec().path("template"))
                .equals(comparable(template(target, sel, trackedConfigs, selectorLabels, "")));
    }

    private static JsonNode comparable(JsonNode template) {
        ObjectNode t = template.deepCopy();
        ObjectNode meta = t.withObjectProperty("metadata");
        if (meta.get("annotations") instanceof ObjectNode a) {
            a.remove(FLAGGER_ID);
        }
        for (String f : new String[] {"labels", "annotations"}) {
            if (meta.path(f).isEmpty()) {
                meta.remove(f);
            }
        }
        if (meta.isEmpty()) {
            t.remove("metadata");
        }
        return t;
    }

    private static ObjectNode template(KubeObject target, Selector sel, Set<String> trackedConfigs,
                                       List<String> selectorLabels, String flaggerId) {
        JsonNode tt = target.spec().path("template");
        ObjectNode t = Json.object();
        ObjectNode meta = t.putObject("metadata");
        meta.set("labels", map(primaryLabels(stringMap(tt.path("metadata").path("labels")), sel)));
        Map<String, String> annotations = withoutToolkit(stringMap(tt.path("metadata").path("annotations")));
        annotations.remove(FLAGGER_ID);
        if (!flaggerId.isEmpty()) {
            annotations.put(FLAGGER_ID, flaggerId);
        }
        meta.set("annotations", map(annotations));
        ObjectNode podSpec = tt.path("spec").isObject() ? tt.path("spec").deepCopy() : Json.object();
        ConfigTracker.renameToPrimary(podSpec, trackedConfigs);
        if (podSpec.get("nodeSelector") instanceof ObjectNode ns) {
            ns.remove(TemplateHash.SCALE_TO_ZERO_KEY);
            if (ns.isEmpty()) {
                podSpec.remove("nodeSelector");
            }
        }
        renameSelectors(podSpec, target.name(), selectorLabels);
        t.set("spec", podSpec);
        return t;
    }

    /** Flagger's appendPrimarySuffixToValuesIfNeeded on topology spread constraints and pod anti-affinity. */
    private static void renameSelectors(ObjectNode podSpec, String targetName, List<String> selectorLabels) {
        for (JsonNode c : podSpec.path("topologySpreadConstraints")) {
            renameSelector(c.path("labelSelector"), targetName, selectorLabels);
        }
        JsonNode anti = podSpec.path("affinity").path("podAntiAffinity");
        for (JsonNode p : anti.path("preferredDuringSchedulingIgnoredDuringExecution")) {
            renameSelector(p.path("podAffinityTerm").path("labelSelector"), targetName, selectorLabels);
        }
        for (JsonNode r : anti.path("requiredDuringSchedulingIgnoredDuringExecution")) {
            renameSelector(r.path("labelSelector"), targetName, selectorLabels);
        }
    }

    private static void renameSelector(JsonNode selector, String targetName, List<String> selectorLabels) {
        for (JsonNode e : selector.path("matchExpressions")) {
            if (selectorLabels.contains(e.path("key").asText()) && e.path("values") instanceof ArrayNode values) {
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i).asText().equals(targetName)) {
                        values.set(i, targetName + "-primary");
                        break;
                    }
                }
            }
        }
        if (selector.path("matchLabels") instanceof ObjectNode labels) {
            for (String key : selectorLabels) {
                if (labels.path(key).asText("").equals(targetName)) {
                    labels.put(key, targetName + "-primary");
                }
            }
        }
    }

    /** Flagger's makePrimaryLabels: toolkit keys dropped, the selector label set to the primary's value. */
    static Map<String, String> primaryLabels(Map<String, String> labels, Selector sel) {
        Map<String, String> out = withoutToolkit(labels);
        out.put(sel.label(), sel.primaryValue());
        return out;
    }

    /** Flagger's includeLabelsByPrefix: only keys with one of the prefixes ({@code *} for all), never toolkit keys. */
    static Map<String, String> byPrefix(Map<String, String> labels, List<String> prefixes) {
        Map<String, String> out = new TreeMap<>();
        labels.forEach((k, v) -> {
            boolean included = prefixes.stream().anyMatch(p -> p.equals("*") || (!p.isEmpty() && k.startsWith(p)));
            if (!k.contains(TOOLKIT) && included) {
                out.put(k, v);
            }
        });
        return out;
    }

    static Map<String, String> withoutToolkit(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> {
            if (!k.contains(TOOLKIT)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> out = new TreeMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static ObjectNode map(Map<String, String> m) {
        ObjectNode n = Json.object();
        m.forEach(n::put);
        return n;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.has(f) && !from.get(f).isNull()) {
                to.set(f, from.get(f).deepCopy());
            }
        }
    }

    /** Like {@link #copy}, removing fields the target does not have (Go assigns nil). */
    private static void replace(JsonNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            to.remove(f);
        }
        copy(from, to, fields);
    }
}
