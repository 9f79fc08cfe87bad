package dev.sluice.gitops.kustomization;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.kustomize.KustomizationSpec;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;

/**
 * The Kustomization's finalizer: on deletion, its inventory is deleted as {@code deletionPolicy}
 * says (MirrorPrune follows {@code prune}, Delete always, Orphan never), then the finalizer goes.
 */
final class Finalizer {

    private final Cluster cluster;

    Finalizer(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Adds the finalizer when missing; returns the stored object. */
    static KubeObject ensure(Cluster cluster, KubeObject obj, String finalizer) {
        if (obj.finalizers().contains(finalizer)) {
            return obj;
        }
        return cluster.update(obj.edit(n -> ((ArrayNode) KubeObject.arrayOf((ObjectNode) n.with("metadata"), "finalizers"))
                .add(finalizer)));
    }

    void finalizeDeletion(KubeObject obj) {
        if (!obj.finalizers().contains(KustomizationReconciler.FINALIZER)) {
            return;
        }
        String policy = obj.spec().path("deletionPolicy").asText(KustomizationSpec.MIRROR_PRUNE);
        boolean prune = switch (policy) {
            case "Delete", "WaitForTermination" -> true;
            case "Orphan" -> false;
            default -> obj.spec().path("prune").asBoolean(false);
        };
        if (prune && !obj.spec().path("suspend").asBoolean(false)) {
            for (ObjectKey key : Inventory.fromStatus(obj.status()).entries().keySet()) {
                cluster.get(key).filter(o -> OwnerLabels.ownedBy(o, obj.name(), obj.namespace()))
                        .filter(o -> !"disabled".equals(o.annotations().get(Pruner.PRUNE_ANNOTATION)))
                        .ifPresent(o -> {
                            try {
                                cluster.delete(key, DeleteOptions.background());
                            } catch (ClusterException e) {
                                if (!e.is(ClusterException.Reason.NOT_FOUND)) {
                                    throw e;
                                }
                            }
                        });
            }
        }
        cluster.update(obj.edit(n -> {
            ArrayNode fs = (ArrayNode) n.path("metadata").path("finalizers");
            for (int i = fs.size() - 1; i >= 0; i--) {
                if (fs.get(i).asText().equals(KustomizationReconciler.FINALIZER)) {
                    fs.remove(i);
                }
            }
        }));
    }
}
