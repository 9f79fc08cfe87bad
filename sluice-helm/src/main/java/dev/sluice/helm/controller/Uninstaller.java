package dev.sluice.helm.controller;

import dev.sluice.api.Condition;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.gitops.kustomization.Inventory;
import dev.sluice.helm.release.Release;
import dev.sluice.helm.release.ReleaseStorage;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code helm uninstall}: deletes the objects of the newest revision that still belong to the
 * release, then keeps the revisions marked uninstalled ({@code uninstall.keepHistory}) or deletes
 * them. Used as install/upgrade remediation and when a HelmRelease is deleted.
 */
final class Uninstaller {

    private final Cluster cluster;
    private final ReleaseStorage storage;
    private final Effects effects;

    Uninstaller(Cluster cluster, ReleaseStorage storage, Effects effects) {
        this.cluster = cluster;
        this.storage = storage;
        this.effects = effects;
    }

    /** Remediation: uninstall, then the next reconcile installs again if retries remain. */
    Result remediate(Ctx ctx) {
        Optional<Release> cur = storage.last(ctx.storageNamespace(), ctx.release());
        if (cur.isEmpty()) {
            return Result.afterExactly(Duration.ZERO);
        }
        Release gone = uninstall(ctx, cur.get());
        String msg = String.format(Messages.UNINSTALL_REMEDIATION_SUCCESS, gone.fullName(), gone.versionedChart());
        ctx.status.set(HrStatus.REMEDIATED, Condition.TRUE, "UninstallSucceeded", msg)
                .summarize(ctx.testEnabled(), ctx.ignoreTestFailures()).observed();
        effects.event(ctx, EventRecord.NORMAL, "UninstallSucceeded", msg, gone.chartVersion(), ctx.configDigest,
                gone.appVersion());
        effects.write(ctx);
        return Result.afterExactly(Duration.ZERO);
    }

    /** Uninstalls {@code cur}; returns the revision as uninstalled (also recorded in history). */
    Release uninstall(Ctx ctx, Release cur) {
        deleteObjects(ctx, cur);
        Release gone = cur.withDeleted(ctx.now, "Uninstallation complete");
        if (ctx.hr.spec().uninstall().keepHistory()) {
            storage.update(gone, ctx.storageNamespace());
        } else {
            storage.history(ctx.storageNamespace(), ctx.release())
                    .forEach(r -> storage.delete(ctx.storageNamespace(), r.name(), r.version()));
        }
        ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(gone, "")));
        ctx.status.inventory(Inventory.empty());
        return gone;
    }

    /** On deletion of the HelmRelease: uninstall the release in the storage namespace status names. */
    void onDeletion(Ctx ctx) {
        Optional<Release> cur = storage.last(ctx.storageNamespace(), ctx.release());
        if (cur.isEmpty() || cur.get().status().equals(Release.UNINSTALLED)) {
            return;
        }
        Release gone = uninstall(ctx, cur.get());
        String msg = String.format(Messages.UNINSTALL_SUCCESS, gone.fullName(), gone.versionedChart());
        ctx.status.set(HrStatus.RELEASED, Condition.FALSE, "UninstallSucceeded", msg);
        effects.event(ctx, EventRecord.NORMAL, "UninstallSucceeded", msg, gone.chartVersion(), "", gone.appVersion());
    }

    private void deleteObjects(Ctx ctx, Release r) {
        DeleteOptions.Propagation p = switch (ctx.hr.spec().uninstall().deletionPropagation()) {
            case "foreground" -> DeleteOptions.Propagation.FOREGROUND;
            case "orphan" -> DeleteOptions.Propagation.ORPHAN;
            default -> DeleteOptions.Propagation.BACKGROUND;
        };
        for (KubeObject o : ReleaseActions.manifestObjects(ctx, r)) {
            Optional<KubeObject> live = cluster.get(o.key());
            if (live.isEmpty() || !ReleaseObjects.owned(live.get(), ctx.release(), ctx.releaseNamespace())
                    || "keep".equals(live.get().annotations().get("helm.sh/resource-policy"))) {
                continue;
            }
            try {
                cluster.delete(o.key(), new DeleteOptions(p, ""));
            } catch (ClusterException e) {
                if (!e.is(ClusterException.Reason.NOT_FOUND)) {
                    throw e;
                }
            }
        }
    }
}
