package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.helm.HelmRelease;
import dev.sluice.api.helm.HelmReleaseModel;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.gitops.kustomization.Applier;
import dev.sluice.gitops.source.Artifact;
import dev.sluice.helm.chart.ChartArchive;
import dev.sluice.helm.chart.ChartException;
import dev.sluice.helm.chart.ChartMetadata;
import dev.sluice.helm.chart.ChartRenderer;
import dev.sluice.helm.release.Release;
import dev.sluice.helm.release.ReleaseStorage;
import dev.sluice.helm.source.ChartStore;
import dev.sluice.helm.values.Values;
import dev.sluice.helm.values.ValuesComposer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * helm-controller's HelmRelease reconciler (helm.toolkit.fluxcd.io/v2) on the {@link Cluster} port:
 * HelmChart from {@code spec.chart} → dependsOn → chart artifact → values → release state →
 * one action (install, upgrade, test, rollback, uninstall, unlock, or nothing), with Flux's
 * conditions, reasons, messages, history and events. Objects are applied with the Kustomization's
 * staged apply and waited for with its health checks; releases are stored in Helm's own Secret
 * format. Status and the release Secrets are the only memory: a process killed mid-release
 * resumes the wait where it was. Serialized per key by the scheduler; thread-safe across keys.
 */
public final class HelmReleaseReconciler implements Reconciler {

    public static final GroupKind KIND = GroupKind.of(ResourceTypes.HELM, "HelmRelease");
    public static final String FINALIZER = "finalizers.fluxcd.io";
    static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";
    static final String FORCE_AT = "reconcile.fluxcd.io/forceAt";
    static final String RESET_AT = "reconcile.fluxcd.io/resetAt";

    private final Cluster cluster;
    private final ChartStore charts;
    private final ChartRenderer renderer;
    private final Clock clock;
    private final HelmSettings settings;
    private final ReleaseStorage storage;
    private final Effects effects;
    private final Applier applier;
    private final ReleaseActions actions;
    private final TestRunner tests;
    private final Uninstaller uninstaller;
    private final ValuesComposer composer;
    private final HelmReleaseModel model = new HelmReleaseModel();

    public HelmReleaseReconciler(Cluster cluster, ChartStore charts, ChartRenderer renderer, Clock clock,
                                 HelmSettings settings) {
        this.cluster = cluster;
        this.charts = charts;
        this.renderer = renderer;
        this.clock = clock;
        this.settings = settings;
        this.storage = new ReleaseStorage(cluster, clock);
        this.effects = new Effects(cluster);
        this.applier = new Applier(cluster, settings.fieldManager());
        HookRuns hookRuns = new HookRuns(cluster, settings.fieldManager());
        this.actions = new ReleaseActions(cluster, storage, applier, effects, settings, hookRuns);
        this.tests = new TestRunner(hookRuns, storage, effects, settings);
        this.uninstaller = new Uninstaller(cluster, storage, effects, hookRuns, settings);
        this.composer = new ValuesComposer(cluster);
    }

    @Override
    public GroupKind kind() {
        return KIND;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        Optional<KubeObject> found = cluster.get(key);
        if (found.isEmpty()) {
            return Result.done();
        }
        KubeObject obj = found.get();
        HelmRelease hr;
        try {
            hr = model.parse(model.toLatest(obj)).value();
        } catch (InvalidInputException e) {
            HrStatus st = new HrStatus(obj, clock.instant()).stalled("InvalidSpec", e.getMessage()).observed();
            effects.write(obj, st);
            return Result.done();
        }
        if (obj.isDeleting()) {
            return finalizeDeletion(obj, hr);
        }
        if (!obj.finalizers().contains(FINALIZER)) {
            obj = cluster.update(obj.edit(n -> KubeObject.arrayOf(n.withObjectProperty("metadata"), "finalizers").add(FINALIZER)));
        }
        if (hr.spec().suspend()) {
            return Result.done();
        }
        return new Attempt(obj, hr).run();
    }

    /** One reconciliation of one HelmRelease, up to the release action. */
    private final class Attempt {
        private final KubeObject obj;
        private final HelmRelease hr;
        private final HrStatus status;

        Attempt(KubeObject obj, HelmRelease hr) {
            this.obj = obj;
            this.hr = hr;
            this.status = new HrStatus(obj, clock.instant());
            obj.annotation(REQUESTED_AT).ifPresent(v -> status.put("lastHandledReconcileAt", v));
        }

        Result run() throws Exception {
            if (hr.spec().chartRef().isPresent() && !hr.spec().chartRef().get().kind().equals("HelmChart")) {
                return stall("ChartRefNotSupported", "chartRef kind '" + hr.spec().chartRef().get().kind()
                        + "' is not supported yet; use spec.chart or a chartRef to a HelmChart");
            }
            ObjectKey chartKey = ChartTemplate.reconcile(cluster, hr, settings.fieldManager());
            status.put("helmChart", chartKey.namespace() + "/" + chartKey.name());
            Optional<String> waiting = HelmReleaseDependencies.notReady(cluster, hr);
            if (waiting.isPresent()) {
                status.notReady("DependencyNotReady", waiting.get());
                effects.event(obj, EventRecord.NORMAL, "DependencyNotReady", waiting.get(), clock.instant());
                effects.write(obj, status);
                return Result.after(settings.requeueDependency());
            }
            Optional<KubeObject> chartObj = cluster.get(chartKey);
            Optional<String> notReady = chartNotReady(chartKey, chartObj);
            if (notReady.isPresent()) {
                status.notReady("SourceNotReady", notReady.get());
                effects.write(obj, status);
                return Result.after(settings.requeueDependency());
            }
            ObjectNode values;
            try {
                values = composer.compose(hr.namespace(), hr.spec().valuesFrom(), hr.spec().values());
            } catch (ValuesComposer.ValuesException e) {
                status.notReady("ValuesError", e.getMessage());
                effects.event(obj, EventRecord.WARNING, "ValuesError", e.getMessage(), clock.instant());
                effects.write(obj, status);
                throw new ReleaseFailure(e.getMessage());
            }
            Artifact artifact = Artifact.fromStatus(chartObj.get().status()).orElseThrow();
            ChartArchive chart;
            ChartMetadata meta;
            try {
                chart = ChartArchive.read(charts.read(artifact), artifact.path());
                meta = chart.metadata();
            } catch (IOException | ChartException e) {
                String msg = "Could not load chart: " + e.getMessage();
                status.notReady("ArtifactFailed", msg);
                effects.event(obj, EventRecord.WARNING, "ArtifactFailed", msg, clock.instant());
                effects.write(obj, status);
                throw new ReleaseFailure(msg);
            }
            String configDigest = Values.digest(values);
            Ctx ctx = new Ctx(obj, hr, status, clock.instant(), chart, meta, values, configDigest, renderer);
            if (targetChanged(ctx, meta)) {
                return Result.afterExactly(Duration.ZERO);
            }
            status.put("storageNamespace", hr.storageNamespace());
            boolean reset = handled(RESET_AT, "lastHandledResetAt");
            boolean force = handled(FORCE_AT, "lastHandledForceAt");
            if (status.number("lastAttemptedGeneration") != obj.generation()
                    || !status.text("lastAttemptedRevision").equals(meta.version())
                    || !status.text("lastAttemptedConfigDigest").equals(configDigest) || reset) {
                status.clearFailures();
            }
            status.put("lastAttemptedGeneration", obj.generation()).put("lastAttemptedRevision", meta.version())
                    .put("lastAttemptedConfigDigest", configDigest);
            return act(ctx, force);
        }

        private Result act(Ctx ctx, boolean force) throws Exception {
            Optional<Release> last = storage.last(ctx.storageNamespace(), ctx.release());
            String lastAction = status.text("lastAttemptedReleaseAction");
            Planner.State state = Planner.state(last, status.history(),
                    new Planner.Desired(ctx.meta.name(), ctx.meta.version(), ctx.configDigest), hr, lastAction);
            if (state == Planner.State.UNMANAGED) {
                status.history(new java.util.ArrayList<>());
            }
            Planner.Step step = Planner.next(state, hr, status.history(), lastAction, status.number("installFailures"),
                    status.number("upgradeFailures"), force);
            return switch (step) {
                case Planner.Step.Install i -> actions.release(ctx, "install");
                case Planner.Step.Upgrade u -> actions.release(ctx, "upgrade");
                case Planner.Step.AwaitRelease a -> actions.await(ctx, last.orElseThrow());
                case Planner.Step.Unlock u -> actions.unlock(ctx, last.orElseThrow());
                case Planner.Step.Test t -> tests.start(ctx, last.orElseThrow());
                case Planner.Step.AwaitTests t -> tests.await(ctx, last.orElseThrow());
                case Planner.Step.Rollback r -> {
                    status.history(Snapshots.truncate(status.history(), ctx.ignoreTestFailures(), hr.spec().effectiveMaxHistory()));
                    yield actions.rollback(ctx, r.target());
                }
                case Planner.Step.UninstallRemediation u -> uninstaller.remediate(ctx);
                case Planner.Step.RetryLater r -> retryLater(ctx, r.interval());
                case Planner.Step.Stall s -> stall(s.reason(), s.message());
                case Planner.Step.InSync s -> inSync(ctx, last.orElseThrow());
            };
        }

        private Result inSync(Ctx ctx, Release cur) {
            status.history(Snapshots.truncate(status.history(), ctx.ignoreTestFailures(), hr.spec().effectiveMaxHistory()));
            ObjectNode latest = status.history().get(0);
            String full = Snapshots.fullName(latest);
            String chart = Snapshots.versionedChart(latest);
            if (status.isTrue(HrStatus.REMEDIATED)) {
                status.remove(HrStatus.REMEDIATED).set(HrStatus.RELEASED, Condition.TRUE, "UpgradeSucceeded",
                        String.format(Messages.UPGRADE_SUCCESS, full, chart));
            }
            String released = status.condition(HrStatus.RELEASED).map(Condition::reason).orElse("");
            if (!status.isTrue(HrStatus.RELEASED) && (released.equals("InstallFailed") || released.equals("UpgradeFailed"))) {
                boolean install = released.equals("InstallFailed");
                status.set(HrStatus.RELEASED, Condition.TRUE, install ? "InstallSucceeded" : "UpgradeSucceeded",
                        String.format(install ? Messages.INSTALL_SUCCESS : Messages.UPGRADE_SUCCESS, full, chart));
            }
            String mode = hr.spec().driftDetection().mode();
            if (mode.equals("warn") || mode.equals("enabled")) {
                List<KubeObject> objects = ReleaseActions.manifestObjects(ctx, cur);
                List<String> drift = Drift.detect(cluster, applier, objects, hr.spec().driftDetection().ignore());
                if (drift.isEmpty()) {
                    status.set("Drifted", Condition.FALSE, "NoDriftDetected", "No drift detected against the cluster state");
                } else {
                    String lines = String.join("\n", drift);
                    status.set("Drifted", Condition.TRUE, "DriftDetected", String.format(Messages.DRIFTED, full, lines));
                    effects.event(ctx, EventRecord.WARNING, "DriftDetected", String.format(Messages.DRIFTED, full, lines),
                            cur.chartVersion(), ctx.configDigest, cur.appVersion());
                    if (mode.equals("enabled")) {
                        try {
                            applier.applyAll(objects, new dev.sluice.gitops.kustomization.ChangeSet());
                            effects.event(ctx, EventRecord.NORMAL, "DriftCorrected",
                                    String.format(Messages.DRIFT_CORRECTED, full, lines), cur.chartVersion(),
                                    ctx.configDigest, cur.appVersion());
                        } catch (Applier.ApplyException e) {
                            effects.event(ctx, EventRecord.WARNING, "DriftCorrectionFailed", e.getMessage(),
                                    cur.chartVersion(), ctx.configDigest, cur.appVersion());
                        }
                    }
                }
            } else {
                status.remove("Drifted");
            }
            status.inventory(dev.sluice.gitops.kustomization.Inventory.of(ReleaseActions.manifestObjects(ctx, cur)));
            status.remove(HrStatus.RECONCILING).summarize(ctx.testEnabled(), ctx.ignoreTestFailures()).observed();
            effects.write(obj, status);
            return Result.after(hr.spec().interval().isZero() ? Duration.ofMinutes(5) : hr.spec().interval());
        }

        /**
         * {@code RetryOnFailure}: Reconciling {@code ProgressingWithRetry} "retrying after 5m0s" is
         * set at the first reconcile after the failure; its transition time is when the failure was
         * seen, so the upgrade runs once {@code interval} has passed since then, whatever wakes us.
         */
        private Result retryLater(Ctx ctx, Duration interval) throws Exception {
            Optional<Condition> waiting = status.condition(HrStatus.RECONCILING)
                    .filter(c -> c.reason().equals("ProgressingWithRetry") && !c.lastTransitionTime().isEmpty());
            java.time.Instant since = waiting.map(c -> java.time.Instant.parse(c.lastTransitionTime())).orElse(ctx.now);
            java.time.Instant due = since.plus(interval);
            if (!ctx.now.isBefore(due)) {
                return actions.release(ctx, "upgrade");
            }
            if (waiting.isEmpty()) { // removed first: a Reconciling=True left by the failed action must not keep its time
                status.remove(HrStatus.RECONCILING).set(HrStatus.RECONCILING, Condition.TRUE, "ProgressingWithRetry",
                        "retrying after " + dev.sluice.api.GoDuration.format(interval));
            }
            status.observed();
            effects.write(obj, status);
            return Result.afterExactly(Duration.between(ctx.now, due));
        }

        private Result stall(String reason, String message) {
            status.remove(HrStatus.RECONCILING).set(HrStatus.STALLED, Condition.TRUE, reason, message);
            if (!status.condition(HrStatus.READY).map(Condition::isFalse).orElse(false)) {
                status.set(HrStatus.READY, Condition.FALSE, reason, message);
            }
            status.observed();
            effects.write(obj, status);
            return Result.done(); // terminal until the spec changes or a force/reset request comes
        }

        /** A naming change (storage or release namespace, release name, chart name) means uninstall, then install. */
        private boolean targetChanged(Ctx ctx, ChartMetadata meta) {
            Optional<ObjectNode> latest = Snapshots.latest(status.history());
            String storedNs = status.text("storageNamespace");
            if (storedNs.isEmpty() || latest.isEmpty()) {
                return false;
            }
            ObjectNode cur = latest.get();
            boolean changed = !storedNs.equals(hr.storageNamespace())
                    || !cur.path("namespace").asText().equals(hr.releaseNamespace())
                    || !cur.path("name").asText().equals(hr.releaseName())
                    || (!cur.path("chartName").asText().equals(meta.name())
                    && hr.spec().upgrade().effectiveChartNameChangeStrategy().equals("Reinstall"));
            if (!changed) {
                return false;
            }
            storage.last(storedNs, cur.path("name").asText())
                    .ifPresent(r -> uninstallAt(hr, r, storedNs, cur.path("namespace").asText()));
            status.history(new java.util.ArrayList<>()).clearFailures().put("storageNamespace", "");
            effects.write(obj, status);
            return true;
        }

        private boolean handled(String annotation, String field) {
            Optional<String> at = obj.annotation(annotation);
            if (at.isEmpty() || !at.equals(obj.annotation(REQUESTED_AT)) || at.get().equals(status.text(field))) {
                return false;
            }
            status.put(field, at.get());
            return true;
        }
    }

    /** Uninstalls a release that moved (old storage or release namespace) by deleting its objects and revisions. */
    private void uninstallAt(HelmRelease hr, Release r, String storageNs, String releaseNs) {
        List<KubeObject> objects;
        try {
            objects = ReleaseObjects.of(r.manifest(), new ReleaseObjects.Owner(r.name(), releaseNs, hr.name(),
                    hr.namespace(), Optional.empty()));
        } catch (ChartException e) {
            objects = List.of();
        }
        for (KubeObject o : objects) {
            cluster.get(o.key()).filter(live -> ReleaseObjects.owned(live, r.name(), releaseNs)).ifPresent(live -> {
                try {
                    cluster.delete(live.key(), dev.sluice.cluster.DeleteOptions.background());
                } catch (dev.sluice.cluster.ClusterException e) {
                    if (!e.is(dev.sluice.cluster.ClusterException.Reason.NOT_FOUND)) {
                        throw e;
                    }
                }
            });
        }
        storage.history(storageNs, r.name()).forEach(x -> storage.delete(storageNs, x.name(), x.version()));
    }

    private Optional<String> chartNotReady(ObjectKey chartKey, Optional<KubeObject> chart) {
        String id = "HelmChart '" + chartKey.namespace() + "/" + chartKey.name() + "' is not ready: ";
        if (chart.isEmpty()) {
            return Optional.of(id + "not found");
        }
        KubeObject c = chart.get();
        Optional<Condition> ready = Conditions.find(c.status(), "Ready");
        if (c.status().path("observedGeneration").asLong(0) != c.generation()) {
            return Optional.of(id + ready.filter(Condition::isFalse).map(Condition::message)
                    .orElse("latest generation of object has not been reconciled"));
        }
        Optional<Condition> stalled = Conditions.find(c.status(), "Stalled").filter(Condition::isTrue);
        if (stalled.isPresent()) {
            return Optional.of(id + stalled.get().message());
        }
        if (Artifact.fromStatus(c.status()).isEmpty()) {
            return Optional.of(id + "does not have an artifact");
        }
        return Optional.empty();
    }

    /** Uninstalls (its delete hooks may take several reconciles), then removes the finalizer. */
    private Result finalizeDeletion(KubeObject obj, HelmRelease hr) throws ReleaseFailure {
        if (!obj.finalizers().contains(FINALIZER)) {
            return Result.done();
        }
        HrStatus status = new HrStatus(obj, clock.instant());
        if (!hr.spec().suspend() && !status.text("storageNamespace").isEmpty()) {
            Optional<Release> cur = storage.last(status.text("storageNamespace"), hr.releaseName());
            if (cur.isPresent()) {
                Ctx ctx = new Ctx(obj, hr, status, clock.instant(), null, null, null, "", renderer);
                if (!uninstaller.onDeletion(ctx)) {
                    return Result.afterExactly(settings.poll()); // delete hooks still running
                }
            }
            ChartTemplate.delete(cluster, status.text("helmChart"));
        }
        cluster.update(obj.edit(n -> {
            ArrayNode fs = (ArrayNode) n.path("metadata").path("finalizers");
            for (int i = fs.size() - 1; i >= 0; i--) {
                if (fs.get(i).asText().equals(FINALIZER)) {
                    fs.remove(i);
                }
            }
        }));
        return Result.done();
    }
}
