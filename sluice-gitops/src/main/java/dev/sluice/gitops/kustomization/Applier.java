package dev.sluice.gitops.kustomization;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import java.util.List;
import java.util.Map;

/**
 * Flux's staged server-side apply: definitions, then classes, then everything else, each object
 * applied with force as the Kustomization's field manager. Unchanged objects are not rewritten (the
 * store answers UNCHANGED without a new version). The first object that cannot be applied stops
 * the apply with a message naming it. Public so the HelmRelease reconciler applies rendered charts
 * the same way; thread-safe (it holds only the cluster and the manager name).
 */
public final class Applier {

    /** An object that could not be applied; the message names it and says why. */
    public static final class ApplyException extends Exception {
        ApplyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Cluster cluster;
    private final String fieldManager;

    public Applier(Cluster cluster, String fieldManager) {
        this.cluster = cluster;
        this.fieldManager = fieldManager;
    }

    /**
     * Applies {@code objects} in stages, leaving out the fields Canaries own (their target's
     * replicas, their apex Service's selector), as a Kustomization does.
     *
     * @throws ApplyException naming the first object that could not be applied
     */
    public void applyAll(List<KubeObject> objects, ChangeSet changes) throws ApplyException {
        applyAll(objects, Prepare.canaryClaims(cluster, objects), changes);
    }

    void applyAll(List<KubeObject> objects, List<CanaryOwnedFields.Claim> claims, ChangeSet changes)
            throws ApplyException {
        Map<ApplyStage, List<KubeObject>> stages = ApplyStage.split(objects);
        for (ApplyStage stage : ApplyStage.values()) {
            for (KubeObject o : stages.get(stage)) {
                boolean claimed = claims.stream().anyMatch(c -> c.namespace().equals(o.namespace()));
                apply(claimed ? CanaryOwnedFields.strip(o, claims, cluster.get(o.key())) : o, changes);
            }
        }
    }

    /**
     * What applying {@code object} would do (a server-side apply dry run, Canary-owned fields left
     * out): CREATED when it is missing, CONFIGURED when the live object differs. Used for drift
     * detection.
     *
     * @throws ClusterException when the dry run itself fails
     */
    public ApplyResult.Action dryRun(KubeObject object) {
        List<CanaryOwnedFields.Claim> claims = Prepare.canaryClaims(cluster, List.of(object));
        boolean claimed = claims.stream().anyMatch(c -> c.namespace().equals(object.namespace()));
        KubeObject o = claimed ? CanaryOwnedFields.strip(object, claims, cluster.get(object.key())) : object;
        return cluster.apply(o, new ApplyOptions(fieldManager, true, true)).action();
    }

    private void apply(KubeObject o, ChangeSet changes) throws ApplyException {
        try {
            ApplyResult r = cluster.apply(o, new ApplyOptions(fieldManager, true, false));
            changes.add(o.key(), switch (r.action()) {
                case CREATED -> ChangeSet.Action.CREATED;
                case CONFIGURED -> ChangeSet.Action.CONFIGURED;
                case UNCHANGED -> ChangeSet.Action.UNCHANGED;
            });
        } catch (ClusterException e) {
            throw new ApplyException(o.key() + " apply failed: " + e.getMessage(), e);
        }
    }
}
