package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.GoDuration;
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
import java.util.function.Predicate;

/**
 * {@code helm uninstall}, one step per call: the revision is marked {@code uninstalling}, its
 * {@code pre-delete} hooks run (the objects stay until they all succeeded), the objects of the
 * release are deleted, its {@code post-delete} hooks run, then the revisions are kept as
 * uninstalled ({@code uninstall.keepHistory}) or deleted. {@code uninstall.disableHooks} skips the
 * hooks. The release's status and hook {@code last_run} are the only memory, so a wait resumes
 * after a restart. Used as install/upgrade remediation and when a HelmRelease is deleted.
 */
final class Uninstaller {

    /** Where an uninstall stands after one step. */
    sealed interface Progress {
        /** Uninstalled; {@code errors} is Helm's "uninstallation completed with N error(s)" text, or "". */
        record Done(Release gone, String errors) implements Progress { }
        /** Hooks are running: call again later. */
        record Waiting() implements Progress { }
        /** A pre-delete hook failed: nothing was deleted, the next attempt runs the hooks again. */
        record Failed(String why) implements Progress { }
    }

    private static final Predicate<JsonNode> PRE = HookRuns.on("pre-delete");
    private static final Predicate<JsonNode> POST = HookRuns.on("post-delete");

    private final Cluster cluster;
    private final ReleaseStorage storage;
    private final Effects effects;
    private final HookRuns runs;
    private final HelmSettings settings;

    Uninstaller(Cluster cluster, ReleaseStorage storage, Effects effects, HookRuns runs, HelmSettings settings) {
        this.cluster = cluster;
        this.storage = storage;
        this.effects = effects;
        this.runs = runs;
        this.settings = settings;
    }

    /** Remediation: uninstall, then the next reconcile installs again if retries remain. */
    Result remediate(Ctx ctx) throws ReleaseFailure {
        Optional<Release> cur = storage.last(ctx.storageNamespace(), ctx.release());
        if (cur.isEmpty()) {
            return Result.afterExactly(Duration.ZERO);
        }
        Progress p = advance(ctx, cur.get());
        if (p instanceof Progress.Waiting) {
            ctx.status.progressing(String.format(Messages.RUNNING, "uninstall", GoDuration.format(ctx.timeout("uninstall"))), false)
                    .observed();
            effects.write(ctx);
            return Result.afterExactly(settings.poll());
        }
        String why = p instanceof Progress.Failed f ? f.why() : ((Progress.Done) p).errors();
        if (!why.isEmpty()) {
            String msg = String.format(Messages.UNINSTALL_REMEDIATION_FAILURE, cur.get().fullName(), cur.get().versionedChart(), why);
            ctx.status.remove(HrStatus.RECONCILING).increment("failures")
                    .set(HrStatus.REMEDIATED, Condition.FALSE, "UninstallFailed", msg)
                    .summarize(ctx.testEnabled(), ctx.ignoreTestFailures()).observed();
            effects.event(ctx, EventRecord.WARNING, "UninstallFailed", msg, cur.get().chartVersion(), ctx.configDigest,
                    cur.get().appVersion());
            effects.write(ctx);
            if (p instanceof Progress.Failed) {
                throw new ReleaseFailure(msg);
            }
            return Result.afterExactly(Duration.ZERO);
        }
        Release gone = ((Progress.Done) p).gone();
        String msg = String.format(Messages.UNINSTALL_REMEDIATION_SUCCESS, gone.fullName(), gone.versionedChart());
        ctx.status.remove(HrStatus.RECONCILING).set(HrStatus.REMEDIATED, Condition.TRUE, "UninstallSucceeded", msg)
                .summarize(ctx.testEnabled(), ctx.ignoreTestFailures()).observed();
        effects.event(ctx, EventRecord.NORMAL, "UninstallSucceeded", msg, gone.chartVersion(), ctx.configDigest,
                gone.appVersion());
        effects.write(ctx);
        return Result.afterExactly(Duration.ZERO);
    }

    /**
     * On deletion of the HelmRelease: uninstalls the release in the storage namespace status
     * names; true once nothing is left to do.
     *
     * @throws ReleaseFailure when a pre-delete hook failed (the finalizer stays; retried with backoff)
     */
    boolean onDeletion(Ctx ctx) throws ReleaseFailure {
        Optional<Release> cur = storage.last(ctx.storageNamespace(), ctx.release());
        if (cur.isEmpty() || cur.get().status().equals(Release.UNINSTALLED)) {
            return true;
        }
        Progress p = advance(ctx, cur.get());
        switch (p) {
            case Progress.Waiting w -> {
                return false;
            }
            case Progress.Failed f -> {
                String msg = String.format(Messages.UNINSTALL_FAILURE, cur.get().fullName(), cur.get().versionedChart(), f.why());
                effects.event(ctx, EventRecord.WARNING, "UninstallFailed", msg, cur.get().chartVersion(), "", cur.get().appVersion());
                throw new ReleaseFailure(msg);
            }
            case Progress.Done d -> {
                Release gone = d.gone();
                boolean ok = d.errors().isEmpty();
                String msg = ok ? String.format(Messages.UNINSTALL_SUCCESS, gone.fullName(), gone.versionedChart())
                        : String.format(Messages.UNINSTALL_FAILURE, gone.fullName(), gone.versionedChart(), d.errors());
                ctx.status.set(HrStatus.RELEASED, Condition.FALSE, ok ? "UninstallSucceeded" : "UninstallFailed", msg);
                effects.event(ctx, ok ? EventRecord.NORMAL : EventRecord.WARNING, ok ? "UninstallSucceeded" : "UninstallFailed",
                        msg, gone.chartVersion(), "", gone.appVersion());
                return true;
            }
        }
    }

    /** One step of uninstalling {@code cur}. */
    Progress advance(Ctx ctx, Release cur) {
        boolean hooksOn = !ctx.hr.spec().uninstall().disableHooks();
        Duration timeout = ctx.timeout("uninstall");
        ArrayNode hooks = cur.hooks().deepCopy();
        Release r = cur;
        if (!cur.status().equals(Release.UNINSTALLING)) {
            reset(hooks, PRE.or(POST)); // every uninstall runs its hooks afresh, as Helm does
            r = save(ctx, cur.withStatus(Release.UNINSTALLING, "Deletion in progress (or silently failing)"), hooks);
        }
        if (hooksOn && HookRuns.any(hooks, PRE)) {
            if (!started(hooks, PRE)) {
                runs.start(hooks, PRE, ctx.releaseNamespace(), ctx.now);
                save(ctx, r, hooks);
                return new Progress.Waiting();
            }
            HookRuns.Outcome o = runs.poll(hooks, PRE, ctx.releaseNamespace(), timeout, ctx.now);
            if (o.running()) {
                save(ctx, r, hooks);
                return new Progress.Waiting();
            }
            if (!o.failures().isEmpty()) {
                reset(hooks, PRE);
                save(ctx, r, hooks);
                return new Progress.Failed("pre-delete hooks failed: " + String.join("; ", o.failures()));
            }
        }
        deleteObjects(ctx, r);
        String errors = "";
        if (hooksOn && HookRuns.any(hooks, POST)) {
            if (!started(hooks, POST)) {
                runs.start(hooks, POST, ctx.releaseNamespace(), ctx.now);
                save(ctx, r, hooks);
                return new Progress.Waiting();
            }
            HookRuns.Outcome o = runs.poll(hooks, POST, ctx.releaseNamespace(), timeout, ctx.now);
            if (o.running()) {
                save(ctx, r, hooks);
                return new Progress.Waiting();
            }
            if (!o.failures().isEmpty()) {
                errors = "uninstallation completed with 1 error(s): post-delete hooks failed: " + String.join("; ", o.failures());
            }
        }
        return new Progress.Done(finish(ctx, r.withHooks(hooks)), errors);
    }

    private Release finish(Ctx ctx, Release r) {
        Release gone = r.withDeleted(ctx.now, "Uninstallation complete");
        if (ctx.hr.spec().uninstall().keepHistory()) {
            storage.update(gone, ctx.storageNamespace());
        } else {
            storage.history(ctx.storageNamespace(), ctx.release())
                    .forEach(x -> storage.delete(ctx.storageNamespace(), x.name(), x.version()));
        }
        ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(gone, "")));
        ctx.status.inventory(Inventory.empty());
        return gone;
    }

    /** Stores {@code r} with {@code hooks} when it changed, and its snapshot when it is in history. */
    private Release save(Ctx ctx, Release r, ArrayNode hooks) {
        Release next = r.withHooks(hooks);
        Optional<Release> stored = storage.last(ctx.storageNamespace(), ctx.release()).filter(x -> x.version() == next.version());
        if (stored.map(x -> !x.equals(next)).orElse(true)) {
            storage.update(next, ctx.storageNamespace());
        }
        if (ctx.status.history().stream().anyMatch(s -> s.path("version").asInt() == next.version())) {
            ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(next, "")));
        }
        return next;
    }

    private static boolean started(ArrayNode hooks, Predicate<JsonNode> select) {
        for (JsonNode h : hooks) {
            if (select.test(h) && !h.path("last_run").path("phase").asText("").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void reset(ArrayNode hooks, Predicate<JsonNode> select) {
        for (JsonNode h : hooks) {
            if (select.test(h)) {
                ((ObjectNode) h).putObject("last_run").put("started_at", "").put("completed_at", "").put("phase", "");
            }
        }
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
