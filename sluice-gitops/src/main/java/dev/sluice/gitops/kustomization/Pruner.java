package dev.sluice.gitops.kustomization;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes what left the inventory (Flux's garbage collection), sparing objects annotated
 * {@code kustomize.toolkit.fluxcd.io/prune: disabled} and objects that no longer carry this
 * Kustomization's owner labels (another Kustomization took them over).
 */
public final class Pruner {

    static final String PRUNE_ANNOTATION = "kustomize.toolkit.fluxcd.io/prune";

    private final Cluster cluster;

    public Pruner(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Deletes the stale objects; returns those that failed to delete (they stay in the inventory). */
    Inventory prune(List<ObjectKey> stale, String ksName, String ksNamespace, ChangeSet changes) {
        return prune(stale, o -> OwnerLabels.ownedBy(o, ksName, ksNamespace), changes);
    }

    /**
     * Deletes the stale objects that {@code owned} accepts (others, and objects annotated
     * {@code prune: disabled}, are skipped); returns those that failed to delete.
     */
    public Inventory prune(List<ObjectKey> stale, java.util.function.Predicate<KubeObject> owned, ChangeSet changes) {
        Map<ObjectKey, String> failed = new LinkedHashMap<>();
        for (ObjectKey key : stale) {
            Optional<KubeObject> live = cluster.get(key);
            if (live.isEmpty()) {
                continue;
            }
            KubeObject o = live.get();
            if ("disabled".equals(o.annotations().get(PRUNE_ANNOTATION)) || !owned.test(o)) {
                changes.add(key, ChangeSet.Action.SKIPPED);
                continue;
            }
            try {
                cluster.delete(key, DeleteOptions.background());
                changes.add(key, ChangeSet.Action.DELETED);
            } catch (ClusterException e) {
                if (!e.is(ClusterException.Reason.NOT_FOUND)) {
                    failed.put(key, o.version());
                }
            }
        }
        return new Inventory(failed);
    }
}
