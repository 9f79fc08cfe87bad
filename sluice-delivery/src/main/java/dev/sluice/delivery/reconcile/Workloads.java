package dev.sluice.delivery.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.OwnerReference;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The workload side of the effects: the {@code -primary} workload and configs, promotion, and scaling
 * the target (a Deployment's replicas; a DaemonSet's scale-down node selector). Errors carry Flagger's
 * messages ("creating deployment podinfo-primary.test failed: ..."). Thread-safe if the random
 * generator is (the reconciler serializes calls per Canary).
 */
final class Workloads {

    private final Cluster cluster;
    private final CanarySettings settings;
    private final RandomGenerator random;

    Workloads(Cluster cluster, CanarySettings settings, RandomGenerator random) {
        this.cluster = cluster;
        this.settings = settings;
        this.random = random;
    }

    /** Creates the primary configs and workload when the primary does not exist yet (Flagger's Initialize). */
    void ensurePrimary(Canary canary, Observed w) {
        if (w.primary().isPresent()) {
            return;
        }
        copyConfigs(canary, w);
        KubeObject primary = PrimarySpecs.create(w.target(), w.selector(), w.configs().keySet(), settings,
                owner(canary), flaggerId());
        try {
            cluster.create(primary, Updates.FIELD_MANAGER);
        } catch (ClusterException e) {
            if (!e.is(ClusterException.Reason.ALREADY_EXISTS)) {
                throw failure("creating " + w.kindWord() + " " + primary.name() + "." + canary.namespace() + " failed: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Copies the target's spec to the primary, configs first (Flagger's Promote). */
    void promote(Canary canary, Observed w) {
        copyConfigs(canary, w);
        String primaryName = canary.primaryName();
        try {
            Optional<KubeObject> done = Updates.update(cluster, w.primaryKey(), p -> PrimarySpecs.promote(p, w.target(),
                    w.selector(), w.configs().keySet(), settings, canary.spec().autoscalerRef().isPresent(),
                    flaggerId()));
            if (done.isEmpty()) {
                throw new ClusterException(ClusterException.Reason.NOT_FOUND, w.primaryKey(), w.kindWord() + " "
                        + primaryName + "." + canary.namespace() + " get query error: not found");
            }
        } catch (ClusterException e) {
            throw failure("updating " + w.kindWord() + " " + primaryName + "." + canary.namespace()
                    + " template spec failed: " + e.getMessage(), e);
        }
    }

    /** Deployment: {@code spec.replicas}; DaemonSet: add or remove the scale-down node selector. */
    void scale(Canary canary, Observed w, int replicas) {
        try {
            Updates.update(cluster, w.target().key(), t -> w.daemonSet() ? nodeSelector(t, replicas > 0)
                    : t.edit(n -> n.withObjectProperty("spec").put("replicas", replicas)));
        } catch (ClusterException e) {
            throw failure("scaling " + w.target().name() + "." + canary.namespace() + " to " + replicas + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static KubeObject nodeSelector(KubeObject ds, boolean running) {
        return ds.edit(n -> {
            ObjectNode podSpec = n.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("spec");
            ObjectNode selector = podSpec.withObjectProperty("nodeSelector");
            if (running) {
                selector.remove(TemplateHash.SCALE_TO_ZERO_KEY);
                if (selector.isEmpty()) {
                    podSpec.remove("nodeSelector");
                }
            } else {
                selector.put(TemplateHash.SCALE_TO_ZERO_KEY, "true");
            }
        });
    }

    /** Creates or updates {@code <config>-primary} for every tracked config (Flagger's CreatePrimaryConfigs). */
    private void copyConfigs(Canary canary, Observed w) {
        for (ConfigTracker.Tracked t : w.configs().values()) {
            KubeObject source = t.object();
            String name = source.name() + "-primary";
            ObjectKey key = new ObjectKey(source.groupKind(), canary.namespace(), name);
            Optional<KubeObject> existing = cluster.get(key);
            ObjectNode o = Json.object();
            o.put("apiVersion", "v1").put("kind", source.kind());
            ObjectNode meta = o.putObject("metadata");
            meta.put("name", name).put("namespace", canary.namespace());
            ObjectNode labels = meta.putObject("labels");
            PrimarySpecs.byPrefix(source.labels(), settings.includeLabelPrefix()).forEach(labels::put);
            meta.set("ownerReferences", owners(canary, existing));
            if (source.kind().equals("Secret")) {
                o.put("type", source.field("type").asText("Opaque"));
                ObjectNode data = o.putObject("data");
                ConfigTracker.data(source).forEach(data::put);
            } else {
                copyField(source, o, "data");
                copyField(source, o, "binaryData");
            }
            String what = (source.kind().equals("Secret") ? "secret " : "configmap ") + name + "." + canary.namespace();
            try {
                if (existing.isEmpty()) {
                    cluster.create(KubeObject.of(o), Updates.FIELD_MANAGER);
                } else {
                    Updates.update(cluster, key, current -> KubeObject.of(o)
                            .withMetadata("resourceVersion", current.resourceVersion()));
                }
            } catch (ClusterException e) {
                throw failure((existing.isEmpty() ? "creating " : "updating ") + what + " failed: "
                        + e.getMessage(), e);
            }
        }
    }

    /** The Canary as controller, plus the other owners an existing copy had (no longer controllers). */
    private JsonNode owners(Canary canary, Optional<KubeObject> existing) {
        List<JsonNode> out = new ArrayList<>();
        out.add(owner(canary));
        existing.ifPresent(e -> e.ownerReferences().stream()
                .filter(r -> !r.kind().equals("Canary") || !r.name().equals(canary.name()))
                .forEach(r -> out.add(new OwnerReference(r.apiVersion(), r.kind(), r.name(), r.uid(), false,
                        r.blockOwnerDeletion()).toNode())));
        return Json.mapper().valueToTree(out);
    }

    private static void copyField(KubeObject from, ObjectNode to, String field) {
        if (from.field(field).isObject()) {
            to.set(field, from.field(field).deepCopy());
        }
    }

    /** The controller reference to the stored Canary (its uid is needed for garbage collection). */
    ObjectNode owner(Canary canary) {
        KubeObject stored = cluster.get(new ObjectKey(CanaryKindModel.KIND, canary.namespace(), canary.name()))
                .orElseThrow(() -> new EffectFailure("canary " + canary.displayName() + " get query error: not found"));
        return new OwnerReference(CanaryKindModel.API_VERSION, "Canary", canary.name(), stored.uid(), true, true)
                .toNode();
    }

    /** A random UUID (version 4) from the injected generator, as Flagger's makeAnnotations. */
    private String flaggerId() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static EffectFailure failure(String message, Exception cause) {
        return new EffectFailure(message, cause);
    }
}
