package dev.sluice.helm.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.source.GitRepository;
import dev.sluice.api.source.HelmChart;
import dev.sluice.api.source.HelmChartModel;
import dev.sluice.api.source.HelmRepository;
import dev.sluice.api.source.HelmRepositoryModel;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.gitops.source.Artifact;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.gitops.source.GitRevision;
import dev.sluice.helm.chart.ChartArchive;
import dev.sluice.helm.chart.ChartException;
import dev.sluice.helm.chart.ChartMetadata;
import dev.sluice.helm.source.oci.OciException;
import dev.sluice.helm.source.oci.OciRegistryClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * source-controller's HelmChart reconciler: picks the chart version matching {@code spec.version}
 * from a HelmRepository's stored index and downloads it (verifying the index digest), or from the
 * tags of an OCI HelmRepository's registry and pulls it ({@link OciCharts}), or packages
 * the chart directory {@code spec.chart} of a GitRepository's artifact; merges
 * {@code valuesFiles}; stores {@code helmchart/<ns>/<name>/<chart>-<version>.tgz}. The artifact
 * revision is the chart version, or {@code <version>+<first 12 of the commit>} for a Git chart
 * with {@code reconcileStrategy: Revision}. Nothing is downloaded or rebuilt when the version,
 * source revision and values files are what the stored artifact was built from. Serialized per
 * key by the scheduler.
 */
public final class HelmChartReconciler implements Reconciler {

    public static final GroupKind KIND = GroupKind.of(ResourceTypes.SOURCE, "HelmChart");
    /** Flux's default {@code --helm-chart-max-size} is 10 MiB; Sluice allows larger charts. */
    static final long MAX_CHART = 50L * 1024 * 1024;

    private final Cluster cluster;
    private final HttpFetcher http;
    private final ChartStore store;
    private final Optional<ArtifactStore> gitArtifacts;
    private final Clock clock;
    private final HelmChartModel model = new HelmChartModel();
    private final HelmRepositoryModel repoModel = new HelmRepositoryModel();
    private final OciCharts ociCharts;

    /** @param gitArtifacts the Git sources' artifact store, for charts from a GitRepository (empty: not supported) */
    public HelmChartReconciler(Cluster cluster, HttpFetcher http, ChartStore store, Optional<ArtifactStore> gitArtifacts,
                               Clock clock) {
        this(cluster, http, new OciRegistryClient(), store, gitArtifacts, clock);
    }

    /** @param registries the client for charts in OCI registries (HelmRepositories of type oci) */
    public HelmChartReconciler(Cluster cluster, HttpFetcher http, OciRegistryClient registries, ChartStore store,
                               Optional<ArtifactStore> gitArtifacts, Clock clock) {
        this.ociCharts = new OciCharts(cluster, registries);
        this.cluster = cluster;
        this.http = http;
        this.store = store;
        this.gitArtifacts = gitArtifacts;
        this.clock = clock;
    }

    @Override
    public GroupKind kind() {
        return KIND;
    }

    private record Built(ChartArchive chart, ChartMetadata meta, String revision, String sourceRevision, String verb) {
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
        HelmChart chart;
        try {
            chart = model.parse(model.toLatest(obj)).value();
        } catch (InvalidInputException e) {
            SourceStatusWriter.write(cluster, obj, SourceStatusWriter.failed(obj, "", "InvalidSpec", e.getMessage(), true, now));
            return Result.done();
        }
        if (chart.spec().suspend()) {
            return Result.done();
        }
        Duration interval = chart.spec().interval().isZero() ? Duration.ofMinutes(1) : chart.spec().interval();
        HelmChart.SourceRef ref = chart.spec().sourceRef();
        ObjectKey sourceKey = ObjectKey.of(ResourceTypes.SOURCE, ref.kind(), chart.namespace(), ref.name());
        if (!ref.kind().equals("HelmRepository") && !ref.kind().equals("GitRepository")) {
            return failed(obj, "", "UnsupportedSourceKind", "source kind '" + ref.kind()
                    + "' is not supported; use a HelmRepository or a GitRepository", true, now);
        }
        Optional<KubeObject> source = cluster.get(sourceKey);
        Optional<Artifact> sourceArtifact = source.flatMap(s -> Artifact.fromStatus(s.status()));
        // A HelmRepository of type oci has no artifact: the chart is pulled from the registry itself.
        boolean oci = source.map(s -> ref.kind().equals("HelmRepository") && "oci".equals(s.spec().path("type").asText()))
                .orElse(false);
        if (oci && chart.spec().verify().isPresent()) {
            return failed(obj, "", "VerificationError", "spec.verify (provider '" + chart.spec().verify().get().provider()
                    + "') is not supported yet: Sluice cannot check chart signatures, and refuses to pull an unverified chart;"
                    + " remove spec.verify to pull it unverified", true, now);
        }
        if (sourceArtifact.isEmpty() && !oci) {
            String msg = source.isEmpty() ? ref.kind() + " '" + chart.namespace() + "/" + ref.name() + "' not found"
                    : "no artifact available for " + ref.kind() + " source '" + ref.name() + "'";
            failed(obj, "FetchFailed", "NoSourceArtifact", msg, false, now);
            return Result.after(Duration.ofSeconds(5)); // the source's watch brings us back sooner
        }
        Optional<Artifact> stored = SourceStatusWriter.artifact(obj.status()).filter(store::contains);
        Built built;
        try {
            built = oci ? fromOci(chart, source.get(), stored, obj)
                    : ref.kind().equals("HelmRepository") ? fromRepository(chart, source.get(), sourceArtifact.get(), stored, obj)
                    : fromGit(chart, sourceKey, sourceArtifact.get(), stored, obj);
        } catch (ChartException e) {
            String reason = ref.kind().equals("HelmRepository") ? "ChartPullError" : "ChartPackageError";
            return failed(obj, "BuildFailed", reason, e.getMessage(), false, now);
        } catch (HttpFetcher.FetchException e) {
            return failed(obj, "FetchFailed", e.authentication() ? "AuthenticationFailed" : "ChartPullError", e.getMessage(),
                    false, now);
        } catch (OciException e) {
            return failed(obj, "FetchFailed", e.authentication() ? "AuthenticationFailed" : "ChartPullError", e.getMessage(),
                    false, now);
        } catch (OciCharts.InvalidUrl e) {
            return failed(obj, "FetchFailed", "URLInvalid", e.getMessage(), true, now);
        } catch (Credentials.SecretException e) {
            return failed(obj, "FetchFailed", "AuthenticationFailed", e.getMessage(), false, now);
        }
        Artifact artifact;
        String message;
        if (built == null) {
            artifact = stored.orElseThrow();
            message = obj.status().path("conditions").isEmpty() ? "" : readyMessage(obj);
        } else {
            try {
                artifact = store.write(key, built.meta().name() + "-" + built.revision() + ".tgz", built.revision(),
                        built.chart().toTgz());
            } catch (IOException e) {
                return failed(obj, "", "StorageOperationFailed", "unable to save artifact to storage: " + e.getMessage(), false, now);
            }
            store.gc(key, artifact);
            message = built.verb() + " '" + built.meta().name() + "' chart with version '" + built.revision() + "'";
            if (stored.map(s -> !s.digest().equals(artifact.digest())).orElse(true)) {
                String reason = built.verb().equals("pulled") ? "ChartPullSucceeded" : "ChartPackageSucceeded";
                cluster.recordEvent(new EventRecord(key, EventRecord.NORMAL, reason, message, HelmRepositoryReconciler.CONTROLLER,
                        Map.of("source.toolkit.fluxcd.io/revision", built.revision()), 1, now, now));
            }
        }
        String reason = ref.kind().equals("HelmRepository") ? "ChartPullSucceeded" : "ChartPackageSucceeded";
        ObjectNode status = SourceStatusWriter.succeeded(obj, artifact, reason, message.isEmpty()
                ? "packaged chart with version '" + artifact.revision() + "'" : message, now);
        status.put("observedChartName", chart.spec().chart());
        String observedSource = built == null ? obj.status().path("observedSourceArtifactRevision").asText()
                : built.sourceRevision();
        if (observedSource.isEmpty()) {
            status.remove("observedSourceArtifactRevision"); // an OCI HelmRepository has no artifact to observe
        } else {
            status.put("observedSourceArtifactRevision", observedSource);
        }
        var files = status.putArray("observedValuesFiles");
        chart.spec().valuesFiles().forEach(files::add);
        if (chart.spec().valuesFiles().isEmpty()) {
            status.remove("observedValuesFiles");
        }
        SourceStatusWriter.write(cluster, obj, status);
        return Result.after(interval);
    }

    private static String readyMessage(KubeObject obj) {
        return dev.sluice.api.Conditions.find(obj.status(), "Ready").map(c -> c.message()).orElse("");
    }

    /** Whether the stored artifact was built from the same inputs (then nothing is rebuilt). */
    private static boolean unchanged(HelmChart chart, KubeObject obj, Optional<Artifact> stored, String revision,
                                     String sourceRevision) {
        List<String> observedFiles = new java.util.ArrayList<>();
        obj.status().path("observedValuesFiles").forEach(f -> observedFiles.add(f.asText()));
        return stored.isPresent() && stored.get().revision().equals(revision)
                && obj.status().path("observedChartName").asText().equals(chart.spec().chart())
                && obj.status().path("observedSourceArtifactRevision").asText().equals(sourceRevision)
                && observedFiles.equals(chart.spec().valuesFiles());
    }

    private Built fromRepository(HelmChart chart, KubeObject repoObj, Artifact index, Optional<Artifact> stored,
                                 KubeObject obj) throws Exception {
        HelmRepository repo = repoModel.parse(repoModel.toLatest(repoObj)).value();
        RepositoryIndex.Entry entry;
        try {
            entry = RepositoryIndex.parse(store.read(index)).select(chart.spec().chart(), chart.spec().version());
        } catch (IllegalArgumentException e) {
            throw new ChartException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ChartException("cannot read the index of HelmRepository '" + repo.name() + "': " + e.getMessage(), e);
        }
        if (unchanged(chart, obj, stored, entry.version(), index.revision())) {
            return null;
        }
        if (entry.urls().isEmpty()) {
            throw new ChartException("chart '" + entry.name() + "' version '" + entry.version() + "' has no download URL in the index");
        }
        String base = repo.spec().url().replaceAll("/+$", "") + "/";
        String url = URI.create(base).resolve(entry.urls().get(0)).toString();
        byte[] tgz = http.get(url, Credentials.of(cluster, repo.namespace(), repo.spec().secretName()),
                repo.spec().effectiveTimeout(), MAX_CHART);
        if (!entry.digest().isEmpty() && !ChartStore.digest(tgz).equals("sha256:" + entry.digest())) {
            throw new ChartException("chart '" + entry.name() + "' version '" + entry.version() + "' from " + url
                    + " does not match the index digest sha256:" + entry.digest());
        }
        ChartArchive pulled = ChartArchive.read(tgz, entry.name() + "-" + entry.version() + ".tgz");
        ChartMetadata meta = pulled.metadata();
        ChartArchive archive = ChartBuilder.mergeValues(pulled, chart.spec().valuesFiles(), chart.spec().ignoreMissingValuesFiles(),
                f -> pulled.file(ChartBuilder.relative(f)));
        return new Built(archive, meta, meta.version(), index.revision(), "pulled");
    }

    private Built fromOci(HelmChart chart, KubeObject repoObj, Optional<Artifact> stored, KubeObject obj) throws Exception {
        HelmRepository repo = repoModel.parse(repoModel.toLatest(repoObj)).value();
        OciCharts.Pull pull = ociCharts.resolve(chart, repo);
        if (unchanged(chart, obj, stored, pull.version(), "")) {
            return null;
        }
        ChartArchive pulled = ChartArchive.read(pull.download(MAX_CHART), chart.spec().chart() + "-" + pull.version() + ".tgz");
        ChartMetadata meta = pulled.metadata();
        // As source-controller, the version resolved from the tag is the chart's version.
        ChartArchive versioned = ChartBuilder.withVersion(pulled, meta, pull.version());
        ChartArchive archive = ChartBuilder.mergeValues(versioned, chart.spec().valuesFiles(),
                chart.spec().ignoreMissingValuesFiles(), f -> versioned.file(ChartBuilder.relative(f)));
        return new Built(archive, meta.withVersion(pull.version()), pull.version(), "", "pulled");
    }

    private Built fromGit(HelmChart chart, ObjectKey sourceKey, Artifact git, Optional<Artifact> stored, KubeObject obj)
            throws Exception {
        if (gitArtifacts.isEmpty()) {
            throw new ChartException("charts from a GitRepository need the Git artifact store, which this process has not");
        }
        Path root;
        try {
            root = gitArtifacts.get().open(sourceKey, git.revision(), git.digest());
        } catch (IOException e) {
            throw new ChartException("cannot open the artifact of GitRepository '" + sourceKey.name() + "': " + e.getMessage(), e);
        }
        String path = ChartBuilder.relative(chart.spec().chart());
        Path dir = root.resolve(path).normalize();
        if (!dir.startsWith(root)) {
            throw new ChartException("chart path '" + chart.spec().chart() + "' leaves the source artifact");
        }
        ChartArchive archive = ChartBuilder.pack(dir, path);
        ChartMetadata meta = archive.metadata();
        String version = meta.version();
        if ("Revision".equals(chart.spec().reconcileStrategy())) {
            String commit = GitRevision.commitOf(git.revision());
            version = version + "+" + (commit.length() > 12 ? commit.substring(0, 12) : commit);
        }
        if (unchanged(chart, obj, stored, version, git.revision())) {
            return null;
        }
        archive = ChartBuilder.withVersion(archive, meta, version);
        archive = ChartBuilder.mergeValues(archive, chart.spec().valuesFiles(), chart.spec().ignoreMissingValuesFiles(), f -> {
            Path p = root.resolve(ChartBuilder.relative(f)).normalize();
            try {
                return p.startsWith(root) && Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
            } catch (IOException e) {
                return null;
            }
        });
        return new Built(archive, meta.withVersion(version), version, git.revision(), "packaged");
    }

    private Result failed(KubeObject obj, String type, String reason, String message, boolean stalled, Instant now)
            throws SourceFailure {
        if (SourceStatusWriter.write(cluster, obj, SourceStatusWriter.failed(obj, type, reason, message, stalled, now))) {
            cluster.recordEvent(EventRecord.warning(obj.key(), reason, message, HelmRepositoryReconciler.CONTROLLER, now));
        }
        if (stalled) {
            return Result.done();
        }
        throw new SourceFailure(message);
    }
}
