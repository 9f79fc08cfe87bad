package dev.sluice.delivery.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.AutoscalerRef;
import dev.sluice.api.flagger.Canary;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import java.util.Map;
import java.util.Optional;

/**
 * The primary's autoscaler (Flagger's HPAReconciler and ScaledObjectReconciler): {@code <scaler>-primary}
 * scaling {@code <target>-primary} with the target scaler's settings and the
 * {@code primaryScalerReplicas}/{@code primaryScalerQueries} overrides; created when missing, synced
 * only while promoting (so HPA edits land with the next release, as in Flagger). A KEDA target scaler
 * is paused with {@code autoscaling.keda.sh/paused-replicas: "0"} while the target rests at zero; an
 * HPA needs no pause. Thread-safe.
 */
final class Scalers {

    static final String PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";

    private final Cluster cluster;

    Scalers(Cluster cluster) {
        this.cluster = cluster;
    }

    void ensurePrimary(Canary canary, AutoscalerRef ref, JsonNode owner, boolean sync) {
        boolean keda = ref.kind().equals(AutoscalerRef.SCALED_OBJECT);
        String what = keda ? "Keda ScaledObject " : "HorizontalPodAutoscaler ";
        ObjectKey targetKey = new ObjectKey(keda ? Observer.SCALED_OBJECT : Observer.HPA, canary.namespace(),
                ref.name());
        KubeObject target = cluster.get(targetKey).orElseThrow(() -> new EffectFailure(what + ref.name() + "."
                + canary.namespace() + " get query error: not found"));
        ObjectNode spec = keda ? kedaSpec(canary, ref, target) : hpaSpec(canary, ref, target);
        String name = ref.name() + "-primary";
        ObjectKey key = new ObjectKey(targetKey.groupKind(), canary.namespace(), name);
        Optional<KubeObject> existing = cluster.get(key);
        try {
            if (existing.isEmpty()) {
                ObjectNode o = Json.object();
                o.put("apiVersion", target.apiVersion()).put("kind", target.kind());
                ObjectNode meta = o.putObject("metadata");
                meta.put("name", name).put("namespace", canary.namespace());
                PrimarySpecs.withoutToolkit(target.labels()).forEach(meta.putObject("labels")::put);
                if (keda) {
                    PrimarySpecs.withoutToolkit(target.annotations()).forEach(meta.putObject("annotations")::put);
                }
                meta.putArray("ownerReferences").add(owner.deepCopy());
                o.set("spec", spec);
                cluster.create(KubeObject.of(o), Updates.FIELD_MANAGER);
            } else if (sync) {
                Updates.update(cluster, key, p -> p.edit(n -> {
                    n.set("spec", spec.deepCopy());
                    ObjectNode meta = n.withObjectProperty("metadata");
                    meta.set("labels", Json.mapper().valueToTree(PrimarySpecs.withoutToolkit(target.labels())));
                }));
            }
        } catch (ClusterException e) {
            throw new EffectFailure((existing.isEmpty() ? "creating " : "updating ") + what + name + "."
                    + canary.namespace() + " failed: " + e.getMessage(), e);
        }
    }

    /** Pauses ({@code true}) or resumes a KEDA target scaler; nothing to do for an HPA. */
    void pauseTarget(Canary canary, AutoscalerRef ref, boolean pause) {
        if (!ref.kind().equals(AutoscalerRef.SCALED_OBJECT)) {
            return;
        }
        ObjectKey key = new ObjectKey(Observer.SCALED_OBJECT, canary.namespace(), ref.name());
        try {
            Optional<KubeObject> done = Updates.update(cluster, key, so -> so.edit(n -> {
                ObjectNode annotations = n.withObjectProperty("metadata").withObjectProperty("annotations");
                if (pause) {
                    annotations.put(PAUSED_REPLICAS, "0");
                } else {
                    annotations.remove(PAUSED_REPLICAS);
                }
            }));
            if (done.isEmpty()) {
                throw new EffectFailure("Keda ScaledObject " + ref.name() + "." + canary.namespace()
                        + " get query error: not found");
            }
        } catch (ClusterException e) {
            throw new EffectFailure("updating Keda ScaledObject " + ref.name() + "." + canary.namespace() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static ObjectNode hpaSpec(Canary canary, AutoscalerRef ref, KubeObject hpa) {
        JsonNode s = hpa.spec();
        ObjectNode spec = Json.object();
        ObjectNode target = spec.putObject("scaleTargetRef");
        target.put("apiVersion", s.path("scaleTargetRef").path("apiVersion").asText("apps/v1"))
                .put("kind", s.path("scaleTargetRef").path("kind").asText("Deployment"))
                .put("name", canary.primaryName());
        for (String f : new String[] {"minReplicas", "maxReplicas", "metrics", "behavior"}) {
            if (s.has(f)) {
                spec.set(f, s.get(f).deepCopy());
            }
        }
        ref.primaryMinReplicas().ifPresent(n -> spec.put("minReplicas", n));
        ref.primaryMaxReplicas().ifPresent(n -> spec.put("maxReplicas", n));
        return spec;
    }

    private static ObjectNode kedaSpec(Canary canary, AutoscalerRef ref, KubeObject so) {
        ObjectNode spec = so.spec().isObject() ? so.spec().deepCopy() : Json.object();
        spec.withObjectProperty("scaleTargetRef").put("name", canary.primaryName());
        JsonNode hpaName = spec.path("advanced").path("horizontalPodAutoscalerConfig").path("name");
        if (hpaName.isTextual() && !hpaName.asText().isEmpty()) {
            ((ObjectNode) spec.get("advanced").get("horizontalPodAutoscalerConfig")).put("name",
                    hpaName.asText() + "-primary");
        }
        String target = canary.targetName();
        for (JsonNode trigger : spec.path("triggers")) {
            if (!(trigger.path("metadata") instanceof ObjectNode metadata) || !metadata.has("query")) {
                continue;
            }
            Map<String, String> queries = ref.primaryScalerQueries();
            if (!queries.isEmpty()) {
                String q = queries.get(trigger.path("name").asText());
                if (q != null) {
                    metadata.put("query", q);
                }
            } else {
                // Flagger's best effort: both "podinfo" and "podinfo-canary" become "podinfo-primary".
                String placeholder = "\u0000sluice-primary\u0000";
                metadata.put("query", metadata.get("query").asText().replace(target + "-canary", placeholder)
                        .replace(target, target + "-primary").replace(placeholder, target + "-primary"));
            }
        }
        ref.primaryMinReplicas().ifPresent(n -> spec.put("minReplicaCount", n));
        ref.primaryMaxReplicas().ifPresent(n -> spec.put("maxReplicaCount", n));
        return spec;
    }
}
