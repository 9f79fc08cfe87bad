package dev.sluice.helm.source;

import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.source.HelmRepository;
import dev.sluice.api.source.HelmRepositoryModel;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.gitops.source.Artifact;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * source-controller's HelmRepository reconciler for HTTP(S) repositories: downloads
 * {@code <url>/index.yaml}, checks that it parses, and stores it as the artifact
 * {@code helmrepository/<ns>/<name>/index-<sha256>.yaml} whose revision is its digest. An
 * unchanged index is not stored again. Repositories of type {@code oci} are static, as in Flux:
 * their status is emptied and their HelmCharts pull from the registry ({@link OciCharts}). Failures are written to status, then thrown so the scheduler
 * backs off. Serialized per key by the scheduler; thread-safe across keys.
 */
public final class HelmRepositoryReconciler implements Reconciler {

    public static final GroupKind KIND = GroupKind.of(ResourceTypes.SOURCE, "HelmRepository");
    static final String CONTROLLER = "source-controller";
    /** Flux's default {@code --helm-index-max-size}. */
    static final long MAX_INDEX = 50L * 1024 * 1024;

    private final Cluster cluster;
    private final HttpFetcher http;
    private final ChartStore store;
    private final Clock clock;
    private final HelmRepositoryModel model = new HelmRepositoryModel();

    public HelmRepositoryReconciler(Cluster cluster, HttpFetcher http, ChartStore store, Clock clock) {
        this.cluster = cluster;
        this.http = http;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public GroupKind kind() {
        return KIND;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        Optional<KubeObject> found = cluster.get(key);
        if (found.isEmpty() || found.get().isDeleting()) {
            store.deleteAll(key);
            return Result.done();
        }
        KubeObject obj = found.get();
        Instant now = clock.instant();
        HelmRepository repo;
        try {
            repo = model.parse(model.toLatest(obj)).value();
        } catch (InvalidInputException e) {
            SourceStatusWriter.write(cluster, obj, SourceStatusWriter.failed(obj, "", "InvalidSpec", e.getMessage(), true, now));
            return Result.done();
        }
        if (repo.spec().suspend()) {
            return Result.done();
        }
        if (repo.spec().isOci()) {
            // As source-controller since Flux 2.3: an OCI HelmRepository is a static object holding the
            // registry's URL and credentials for its HelmCharts; it has no artifact and an empty status.
            store.deleteAll(key);
            if (!obj.status().isEmpty()) {
                SourceStatusWriter.write(cluster, obj, dev.sluice.api.Json.object());
            }
            return Result.done();
        }
        String url = repo.spec().url().replaceAll("/+$", "") + "/index.yaml";
        byte[] index;
        try {
            index = http.get(url, Credentials.of(cluster, repo.namespace(), repo.spec().secretName()),
                    repo.spec().effectiveTimeout(), MAX_INDEX);
            RepositoryIndex.parse(index);
        } catch (HttpFetcher.FetchException | IllegalArgumentException e) {
            String reason = e instanceof HttpFetcher.FetchException f && f.authentication() ? "AuthenticationFailed"
                    : "IndexationFailed";
            return fail(obj, reason, "failed to fetch Helm repository index: " + e.getMessage(), now);
        } catch (Credentials.SecretException e) {
            return fail(obj, "AuthenticationFailed", e.getMessage(), now);
        }
        String digest = ChartStore.digest(index);
        Optional<Artifact> stored = SourceStatusWriter.artifact(obj.status()).filter(store::contains);
        Artifact artifact;
        if (stored.isPresent() && stored.get().digest().equals(digest)) {
            artifact = stored.get();
        } else {
            try {
                artifact = store.write(key, "index-" + digest.substring(7) + ".yaml", digest, index);
            } catch (IOException e) {
                return fail(obj, "StorageOperationFailed", "unable to save artifact to storage: " + e.getMessage(), now);
            }
            store.gc(key, artifact);
            cluster.recordEvent(new EventRecord(key, EventRecord.NORMAL, "NewArtifact", "stored fetched index of size "
                    + humanSize(index.length) + " from '" + repo.spec().url() + "'", CONTROLLER,
                    Map.of("source.toolkit.fluxcd.io/revision", digest), 1, now, now));
        }
        SourceStatusWriter.write(cluster, obj, SourceStatusWriter.succeeded(obj, artifact, "Succeeded",
                "stored artifact: revision '" + digest + "'", now));
        return Result.after(repo.spec().effectiveInterval());
    }

    private Result fail(KubeObject obj, String reason, String message, Instant now) throws SourceFailure {
        if (SourceStatusWriter.write(cluster, obj, SourceStatusWriter.failed(obj, "FetchFailed", reason, message, false, now))) {
            cluster.recordEvent(EventRecord.warning(obj.key(), reason, message, CONTROLLER, now));
        }
        throw new SourceFailure(message);
    }

    static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + "B";
        }
        double kb = bytes / 1000.0;
        return kb < 1000 ? String.format(java.util.Locale.ROOT, "%.4gkB", kb)
                : String.format(java.util.Locale.ROOT, "%.4gMB", kb / 1000.0);
    }
}
