package dev.sluice.gitops.kustomization;

import dev.sluice.api.Condition;
import dev.sluice.api.GoDuration;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModels;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flux's Kustomization reconciler (kustomize.toolkit.fluxcd.io/v1) on the {@link Cluster} port:
 * source artifact → dependsOn → build → substitute → staged apply → prune → health, with Flux's
 * conditions, reasons, revisions, inventory and events. Status is its only memory.
 */
public final class KustomizationReconciler implements Reconciler {

    public static final GroupKind KIND = Dependencies.KIND;
    public static final String FINALIZER = "finalizers.fluxcd.io";
    static final String CONTROLLER = "kustomize-controller";
    static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";

    private final Cluster cluster;
    private final SourceArtifacts sources;
    private final ManifestBuilder builder;
    private final Clock clock;
    private final KustomizationSettings settings;
    private final Applier applier;
    private final KindModels models = KindModels.builtIn();

    public KustomizationReconciler(Cluster cluster, SourceArtifacts sources, ManifestBuilder builder, Clock clock,
                                   KustomizationSettings settings) {
        this.cluster = cluster;
        this.sources = sources;
        this.builder = builder;
        this.clock = clock;
        this.settings = settings;
        this.applier = new Applier(cluster, settings.fieldManager());
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
        if (obj.isDeleting()) {
            new Finalizer(cluster).finalizeDeletion(obj);
            return Result.done();
        }
        Kustomization ks;
        try {
            ks = models.get(obj.groupKind(), Kustomization.class).parse(models.toLatest(obj)).value();
        } catch (InvalidInputException e) {
            fail(obj, new StatusUpdate(obj, clock.instant()), "InvalidSpec", e.getMessage(), true, "");
            return Result.done();
        }
        if (ks.spec().suspend()) {
            return Result.done();
        }
        obj = Finalizer.ensure(cluster, obj, FINALIZER);
        return new Attempt(obj, ks).run();
    }

    /** One reconciliation of one Kustomization. */
    private final class Attempt {
        private final KubeObject obj;
        private final Kustomization ks;
        private final Instant start = clock.instant();
        private final StatusUpdate status;

        Attempt(KubeObject obj, Kustomization ks) {
            this.obj = obj;
            this.ks = ks;
            this.status = new StatusUpdate(obj, start);
            obj.annotation(REQUESTED_AT).ifPresent(v -> status.put("lastHandledReconcileAt", v));
        }

        Result run() throws Exception {
            Duration retry = ks.spec().effectiveRetryInterval();
            var ref = ks.spec().sourceRef();
            ObjectKey sourceKey = new ObjectKey(GroupKind.of(ResourceTypes.SOURCE, ref.kind()),
                    ref.namespaceOr(ks.namespace()), ref.name());
            Optional<KubeObject> source = cluster.get(sourceKey);
            if (source.isEmpty()) {
                return failed("ArtifactFailed", "Source '" + ref.kind() + "/" + sourceKey.namespace() + "/" + ref.name()
                        + "' not found", retry, "");
            }
            Optional<SourceArtifacts.Artifact> artifact = sources.advertised(source.get());
            if (artifact.isEmpty()) {
                return failed("ArtifactFailed", "Source artifact not found, retrying in "
                        + GoDuration.format(settings.requeueDependency()), settings.requeueDependency(), "");
            }
            String revision = artifact.get().revision();
            Optional<String> cycle = Dependencies.cycle(cluster, ks);
            if (cycle.isPresent()) {
                return failed("DependencyNotReady", "circular dependency: " + cycle.get(), retry, revision);
            }
            Optional<String> waiting = Dependencies.notReady(cluster, ks, revision);
            if (waiting.isPresent()) {
                String msg = "Dependencies do not meet ready condition (" + waiting.get() + "), retrying in "
                        + GoDuration.format(settings.requeueDependency());
                event(EventRecord.NORMAL, "DependencyNotReady", msg, revision);
                status.failed("DependencyNotReady", msg, false);
                write();
                return Result.after(settings.requeueDependency());
            }
            ManifestBuilder.Built built;
            try {
                Path root = sources.open(source.get(), artifact.get());
                built = builder.build(root, root.resolve(relative(ks.spec().path())).normalize(), ks.spec());
            } catch (IOException e) {
                return failed("ArtifactFailed", "cannot open the artifact of " + revision + ": " + e.getMessage(), retry, revision);
            } catch (ManifestBuilder.BuildException e) {
                return failed("BuildFailed", e.getMessage(), retry, revision);
            }
            List<KubeObject> objects;
            try {
                objects = Prepare.objects(cluster, ks, built.objects());
            } catch (Prepare.PrepareException e) {
                return failed("BuildFailed", e.getMessage(), retry, revision);
            }
            ChangeSet changes = new ChangeSet();
            try {
                applier.applyAll(objects, Prepare.canaryClaims(cluster, objects), changes);
            } catch (Applier.ApplyException e) {
                return failed("ReconciliationFailed", e.getMessage(), retry, revision);
            }
            Inventory next = Inventory.of(objects);
            Inventory pruneFailures = Inventory.empty();
            if (ks.spec().prune()) {
                pruneFailures = new Pruner(cluster).prune(Inventory.fromStatus(obj.status()).staleComparedTo(next),
                        ks.name(), ks.namespace(), changes);
            }
            status.inventory(next.plus(pruneFailures)).put("lastAttemptedRevision", revision);
            if (changes.changedAnything()) {
                event(EventRecord.NORMAL, "Progressing", changes.changesMessage(), revision);
            }
            return health(objects, revision);
        }

        private Result health(List<KubeObject> objects, String revision) throws Exception {
            List<ObjectKey> keys = ks.spec().waitForResources()
                    ? objects.stream().map(KubeObject::key).toList()
                    : ks.spec().healthChecks().stream().map(h -> new ObjectKey(
                            GroupKind.fromApiVersion(h.apiVersion(), h.kind()), h.namespaceOr(ks.namespace()), h.name())).toList();
            Duration timeout = ks.spec().effectiveTimeout();
            if (!keys.isEmpty()) {
                HealthGate.Verdict v = HealthGate.check(cluster, keys, clock.instant());
                if (!v.failed().isEmpty()) {
                    status.set(StatusUpdate.HEALTHY, Condition.FALSE, "HealthCheckFailed", "health check failed: " + v.describe());
                    return failed("HealthCheckFailed", "health check failed after " + elapsed() + ": " + v.describe(),
                            ks.spec().effectiveRetryInterval(), revision);
                }
                if (!v.healthy()) {
                    Instant since = revision.equals(obj.status().path("lastAttemptedRevision").asText())
                            ? StatusUpdate.progressingSince(obj) : null;
                    if (since != null && clock.instant().isAfter(since.plus(timeout))) {
                        status.set(StatusUpdate.HEALTHY, Condition.FALSE, "HealthCheckFailed", "timeout waiting for: " + v.describe());
                        return failed("HealthCheckFailed", "timeout waiting for: " + v.describe(),
                                ks.spec().effectiveRetryInterval(), revision);
                    }
                    status.progressing("Running health checks for revision " + revision + " with a timeout of "
                            + GoDuration.format(timeout)).observed();
                    write();
                    return Result.afterExactly(settings.healthPoll());
                }
                status.set(StatusUpdate.HEALTHY, Condition.TRUE, "Succeeded", "Health check passed in " + elapsed());
            }
            boolean newRevision = !revision.equals(obj.status().path("lastAppliedRevision").asText());
            status.set(StatusUpdate.READY, Condition.TRUE, "ReconciliationSucceeded", "Applied revision: " + revision)
                    .remove(StatusUpdate.RECONCILING).remove(StatusUpdate.STALLED)
                    .put("lastAppliedRevision", revision).observed();
            write();
            if (newRevision) {
                event(EventRecord.NORMAL, "ReconciliationSucceeded", "Reconciliation finished in " + elapsed()
                        + ", next run in " + GoDuration.format(ks.spec().interval()), revision);
            }
            return Result.after(ks.spec().interval());
        }

        private Result failed(String reason, String message, Duration retry, String revision) throws Exception {
            fail(obj, status, reason, message, false, revision);
            return Result.after(retry);
        }

        private String elapsed() {
            Duration d = Duration.between(start, clock.instant());
            return GoDuration.format(Duration.ofMillis(d.toMillis()));
        }

        private void event(String type, String reason, String message, String revision) {
            KustomizationReconciler.this.event(obj, type, reason, message, revision);
        }

        private void write() {
            writeStatus(obj, status);
        }
    }

    private void fail(KubeObject obj, StatusUpdate status, String reason, String message, boolean stalled, String revision) {
        if (!revision.isEmpty()) {
            status.put("lastAttemptedRevision", revision);
        }
        status.failed(reason, message, stalled);
        writeStatus(obj, status);
        event(obj, EventRecord.WARNING, reason, message, revision);
    }

    private void writeStatus(KubeObject obj, StatusUpdate status) {
        try {
            cluster.updateStatus(obj.withStatus(status.build()));
        } catch (ClusterException e) {
            if (!e.is(ClusterException.Reason.CONFLICT) && !e.is(ClusterException.Reason.NOT_FOUND)) {
                throw e;
            }
            // Someone changed the object meanwhile; the watch brings us back with the new version.
        }
    }

    private void event(KubeObject obj, String type, String reason, String message, String revision) {
        Instant now = clock.instant();
        Map<String, String> meta = revision.isEmpty() ? Map.of() : Map.of("kustomize.toolkit.fluxcd.io/revision", revision);
        cluster.recordEvent(new EventRecord(obj.key(), type, reason, message, CONTROLLER, meta, 1, now, now));
    }

    private static String relative(String path) {
        String p = path.strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p.startsWith("/") ? p.substring(1) : p;
    }
}
