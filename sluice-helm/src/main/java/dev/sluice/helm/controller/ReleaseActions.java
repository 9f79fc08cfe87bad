package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.GoDuration;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.gitops.kustomization.Applier;
import dev.sluice.gitops.kustomization.ChangeSet;
import dev.sluice.gitops.kustomization.HealthGate;
import dev.sluice.gitops.kustomization.Inventory;
import dev.sluice.gitops.kustomization.Pruner;
import dev.sluice.helm.chart.ChartException;
import dev.sluice.helm.chart.RenderedChart;
import dev.sluice.helm.release.Release;
import dev.sluice.helm.release.ReleaseStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The release actions: install and upgrade (a new pending revision, applied through the
 * Kustomization's staged apply, then waited for with its health checks), finishing a pending
 * revision, rollback (the target revision's stored manifest applied again as a new revision, as
 * {@code helm rollback} does) and unlocking a stale pending revision. Each call does one step and
 * says when to come back; status and the release Secrets hold all progress.
 */
final class ReleaseActions {

    private final Cluster cluster;
    private final ReleaseStorage storage;
    private final Applier applier;
    private final Effects effects;
    private final HelmSettings settings;
    private final HookRuns runs;
    private final Outcomes outcomes;

    ReleaseActions(Cluster cluster, ReleaseStorage storage, Applier applier, Effects effects, HelmSettings settings,
                   HookRuns runs) {
        this.runs = runs;
        this.outcomes = new Outcomes(storage, effects);
        this.cluster = cluster;
        this.storage = storage;
        this.applier = applier;
        this.effects = effects;
        this.settings = settings;
    }

    /** Renders, stores a pending revision, applies it and prunes what the previous revision had. */
    Result release(Ctx ctx, String action) throws Exception {
        HrStatus st = ctx.status;
        boolean install = action.equals("install");
        st.put("lastAttemptedReleaseAction", action).remove(HrStatus.TEST_SUCCESS).remove(HrStatus.REMEDIATED);
        if (install) {
            st.history(new ArrayList<>());
        }
        RenderedChart rendered;
        List<KubeObject> objects;
        try {
            rendered = ctx.rendered();
            objects = objectsOf(ctx, rendered.manifest(), action);
        } catch (ChartException e) {
            // No revision was made: counted as a failure, retried with backoff, remediation retries untouched.
            outcomes.actionFailed(ctx, action, ctx.release(), e.getMessage(), false);
            effects.write(ctx);
            throw new ReleaseFailure(e.getMessage());
        }
        Optional<Release> last = storage.last(ctx.storageNamespace(), ctx.release());
        int version = last.map(r -> r.version() + 1).orElse(1);
        ArrayNode hooks = Json.nodes().arrayNode();
        rendered.hooks().forEach(h -> hooks.add(ReleaseObjects.hookJson(h)));
        ObjectNode chartValues = ctx.chart.text("values.yaml") == null ? Json.object() : chartValues(ctx);
        Release pending = new Release(ctx.release(), ctx.releaseNamespace(), version,
                install ? Release.PENDING_INSTALL : Release.PENDING_UPGRADE,
                install || last.isEmpty() ? ctx.now : last.get().firstDeployed(), ctx.now, null,
                install ? "Initial install underway" : "Preparing upgrade",
                ReleaseObjects.chartJson(ctx.chart, ctx.meta.tree(), chartValues), ctx.values, rendered.manifest(), hooks);
        storage.create(pending, ctx.storageNamespace());
        st.history(Snapshots.put(st.history(), Snapshots.of(pending, action)));
        if (hooksEnabled(ctx, action) && HookRuns.any(hooks, HookRuns.on("pre-" + action))) {
            return startPreHooks(ctx, pending, objects, action);
        }
        return applyAndWait(ctx, pending, objects, last, action,
                install ? ctx.hr.spec().install().disableWait() : ctx.hr.spec().upgrade().disableWait());
    }

    /** The objects a revision applies: its manifest, the chart's CRDs (unless Skip), the namespace when asked. */
    private static List<KubeObject> objectsOf(Ctx ctx, String manifest, String action) throws ChartException {
        List<KubeObject> objects = new ArrayList<>(ReleaseObjects.of(manifest, ctx.owner));
        if (action.equals("rollback")) {
            return objects;
        }
        boolean install = action.equals("install");
        String crds = install ? ctx.hr.spec().install().effectiveCrds() : ctx.hr.spec().upgrade().effectiveCrds();
        if (!crds.equals("Skip")) {
            objects.addAll(0, ReleaseObjects.crds(ctx.chart));
        }
        if (install && ctx.hr.spec().install().createNamespace()) {
            objects.add(0, KubeObject.of(Json.object().put("apiVersion", "v1").put("kind", "Namespace")
                    .set("metadata", Json.object().put("name", ctx.releaseNamespace()))));
        }
        return objects;
    }

    private static boolean hooksEnabled(Ctx ctx, String action) {
        return switch (action) {
            case "install" -> !ctx.hr.spec().install().disableHooks();
            case "upgrade" -> !ctx.hr.spec().upgrade().disableHooks();
            default -> !ctx.hr.spec().rollback().disableHooks();
        };
    }

    /** Runs the pre-action hooks first; the objects are applied once they all succeeded ({@link #await}). */
    private Result startPreHooks(Ctx ctx, Release pending, List<KubeObject> objects, String action) throws Exception {
        List<KubeObject> namespaces = objects.stream().filter(o -> o.kind().equals("Namespace")).toList();
        if (!namespaces.isEmpty()) {
            applier.applyAll(namespaces, new ChangeSet()); // the hooks may need it
        }
        ArrayNode hooks = pending.hooks().deepCopy();
        runs.start(hooks, HookRuns.on("pre-" + action), ctx.releaseNamespace(), ctx.now);
        save(ctx, pending, hooks, action);
        return progressing(ctx, action);
    }

    private Release save(Ctx ctx, Release r, ArrayNode hooks, String action) {
        Release next = r.withHooks(hooks);
        if (!next.equals(r)) {
            storage.update(next, ctx.storageNamespace());
            ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(next, action.equals("rollback") ? "" : action)));
        }
        return next;
    }

    private Result progressing(Ctx ctx, String action) {
        String msg = String.format(Messages.RUNNING, action, GoDuration.format(ctx.timeout(action)));
        ctx.status.progressing(msg, !action.equals("rollback")).observed();
        effects.write(ctx);
        return Result.afterExactly(settings.poll());
    }

    private static ObjectNode chartValues(Ctx ctx) {
        try {
            JsonNode v = dev.sluice.api.Yaml.readOne(ctx.chart.text("values.yaml"), "values.yaml").content();
            return v.isObject() ? (ObjectNode) v : Json.object();
        } catch (RuntimeException e) {
            return Json.object();
        }
    }

    private Result applyAndWait(Ctx ctx, Release pending, List<KubeObject> objects, Optional<Release> previous,
                                String action, boolean disableWait) throws Exception {
        Optional<Result> failed = applyObjects(ctx, pending, objects, previous, action);
        if (failed.isPresent()) {
            return failed.get();
        }
        if (disableWait) {
            return afterResources(ctx, pending, action);
        }
        return progressing(ctx, action);
    }

    /** Applies a revision's objects and prunes what {@code previous} had and it has not; a failure finishes it. */
    private Optional<Result> applyObjects(Ctx ctx, Release pending, List<KubeObject> objects, Optional<Release> previous,
                                          String action) {
        ChangeSet changes = new ChangeSet();
        try {
            applier.applyAll(objects, changes);
        } catch (Applier.ApplyException e) {
            return Optional.of(outcomes.finishFailure(ctx, pending, action, e.getMessage()));
        }
        if (previous.isPresent()) {
            Set<ObjectKey> keep = new HashSet<>();
            objects.forEach(o -> keep.add(o.key()));
            List<ObjectKey> stale = new ArrayList<>();
            for (KubeObject o : manifestObjects(ctx, previous.get())) {
                if (!keep.contains(o.key())) {
                    stale.add(o.key());
                }
            }
            new Pruner(cluster).prune(stale, o -> ReleaseObjects.owned(o, ctx.release(), ctx.releaseNamespace()), changes);
        }
        ctx.status.inventory(Inventory.of(objects));
        return Optional.empty();
    }

    /** A pending revision: ready → deployed; failed or out of time → failed; else look again later. */
    Result await(Ctx ctx, Release pending) throws Exception {
        String action = switch (pending.status()) {
            case Release.PENDING_INSTALL -> "install";
            case Release.PENDING_ROLLBACK -> "rollback";
            default -> "upgrade";
        };
        ArrayNode hooks = pending.hooks().deepCopy();
        boolean hooksOn = hooksEnabled(ctx, action);
        var pre = HookRuns.on("pre-" + action);
        if (hooksOn && HookRuns.any(hooks, pre)) {
            HookRuns.Outcome o = runs.poll(hooks, pre, ctx.releaseNamespace(), ctx.timeout(action), ctx.now);
            pending = save(ctx, pending, hooks, action);
            if (!o.failures().isEmpty()) {
                return outcomes.finishFailure(ctx, pending, action, "pre-" + action + " hooks failed: " + String.join("; ", o.failures()));
            }
            if (o.running()) {
                return progressing(ctx, action);
            }
            // The hooks succeeded: the objects are applied (again: applying is idempotent, so a restart
            // between the hooks and the apply loses nothing).
            List<KubeObject> objects;
            try {
                objects = objectsOf(ctx, pending.manifest(), action);
            } catch (ChartException e) {
                return outcomes.finishFailure(ctx, pending, action, e.getMessage());
            }
            Optional<Release> previous = storage.get(ctx.storageNamespace(), ctx.release(), pending.version() - 1);
            Optional<Result> failed = applyObjects(ctx, pending, objects, previous, action);
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        boolean skipJobs = action.equals("install") ? ctx.hr.spec().install().disableWaitForJobs()
                : action.equals("upgrade") && ctx.hr.spec().upgrade().disableWaitForJobs();
        List<ObjectKey> keys = new ArrayList<>();
        for (KubeObject o : manifestObjects(ctx, pending)) {
            if (!(skipJobs && o.kind().equals("Job"))) {
                keys.add(o.key());
            }
        }
        HealthGate.Verdict v = HealthGate.check(cluster, keys, ctx.now);
        if (!v.failed().isEmpty()) {
            return outcomes.finishFailure(ctx, pending, action, "health check failed: " + v.describe());
        }
        if (!v.healthy()) {
            if (ctx.now.isAfter(pending.lastDeployed().plus(ctx.timeout(action)))) {
                return outcomes.finishFailure(ctx, pending, action, "timeout waiting for: " + v.describe());
            }
            return progressing(ctx, action);
        }
        return afterResources(ctx, pending, action);
    }

    /** The objects are ready: the post-action hooks run, then the revision is deployed. */
    private Result afterResources(Ctx ctx, Release pending, String action) {
        ArrayNode hooks = pending.hooks().deepCopy();
        var post = HookRuns.on("post-" + action);
        if (!hooksEnabled(ctx, action) || !HookRuns.any(hooks, post)) {
            return outcomes.finishSuccess(ctx, pending, action);
        }
        boolean started = false;
        for (JsonNode h : hooks) {
            started |= post.test(h) && !h.path("last_run").path("phase").asText().isEmpty();
        }
        if (!started) {
            runs.start(hooks, post, ctx.releaseNamespace(), ctx.now);
            save(ctx, pending, hooks, action);
            return progressing(ctx, action);
        }
        HookRuns.Outcome o = runs.poll(hooks, post, ctx.releaseNamespace(), ctx.timeout(action), ctx.now);
        Release saved = save(ctx, pending, hooks, action);
        if (!o.failures().isEmpty()) {
            return outcomes.finishFailure(ctx, saved, action, "post-" + action + " hooks failed: " + String.join("; ", o.failures()));
        }
        return o.running() ? progressing(ctx, action) : outcomes.finishSuccess(ctx, saved, action);
    }

    /** Rolls back to {@code target}: its stored manifest applied again as a new pending revision. */
    Result rollback(Ctx ctx, ObjectNode target) throws Exception {
        int targetVersion = target.path("version").asInt();
        Optional<Release> stored = storage.get(ctx.storageNamespace(), ctx.release(), targetVersion);
        Optional<Release> last = storage.last(ctx.storageNamespace(), ctx.release());
        if (stored.isEmpty() || last.isEmpty()) {
            ctx.status.stalled("MissingRollbackTarget",
                    "Failed to perform remediation: missing target release for rollback: cannot remediate failed release");
            effects.write(ctx);
            return Result.done();
        }
        Release t = stored.get();
        ArrayNode hooks = t.hooks().deepCopy();
        hooks.forEach(h -> ((ObjectNode) h).putObject("last_run").put("started_at", "").put("completed_at", "").put("phase", ""));
        Release pending = new Release(ctx.release(), ctx.releaseNamespace(), last.get().version() + 1,
                Release.PENDING_ROLLBACK, t.firstDeployed(), ctx.now, null, "Rollback to " + targetVersion, t.chart(),
                t.config(), t.manifest(), hooks);
        storage.create(pending, ctx.storageNamespace());
        ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(pending, "")));
        List<KubeObject> objects;
        try {
            objects = ReleaseObjects.of(t.manifest(), ctx.owner);
        } catch (ChartException e) {
            return outcomes.finishFailure(ctx, pending, "rollback", e.getMessage());
        }
        if (hooksEnabled(ctx, "rollback") && HookRuns.any(hooks, HookRuns.on("pre-rollback"))) {
            return startPreHooks(ctx, pending, objects, "rollback");
        }
        return applyAndWait(ctx, pending, objects, last, "rollback", ctx.hr.spec().rollback().disableWait());
    }

    /** A pending revision this object did not start (e.g. a process or {@code helm} killed mid-way): marked failed. */
    Result unlock(Ctx ctx, Release stale) {
        String previous = stale.status();
        Release failed = stale.withStatus(Release.FAILED, "Release unlocked from stale '" + previous + "' state");
        storage.update(failed, ctx.storageNamespace());
        ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(failed, "")));
        String msg = String.format(Messages.UNLOCK_SUCCESS, failed.fullName(), failed.versionedChart(), previous);
        ctx.status.set(HrStatus.RELEASED, Condition.FALSE, "PendingRelease", msg)
                .summarize(ctx.testEnabled(), ctx.ignoreTestFailures());
        effects.event(ctx, EventRecord.NORMAL, "PendingRelease", msg, failed.chartVersion(), ctx.configDigest,
                failed.appVersion());
        effects.write(ctx);
        return Result.afterExactly(Duration.ZERO);
    }

    /** The objects of a stored revision, as they were applied. */
    static List<KubeObject> manifestObjects(Ctx ctx, Release r) {
        try {
            return ReleaseObjects.of(r.manifest(), ctx.owner);
        } catch (ChartException e) {
            return List.of();
        }
    }

    /** Hooks of a stored revision that run on {@code event}. */
    static List<JsonNode> hooksFor(Release r, String event) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode h : r.hooks()) {
            for (JsonNode e : h.path("events")) {
                if (e.asText().equals(event)) {
                    out.add(h);
                }
            }
        }
        return out;
    }
}
