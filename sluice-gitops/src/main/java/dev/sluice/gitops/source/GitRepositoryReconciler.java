package dev.sluice.gitops.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.source.GitRepository;
import dev.sluice.api.source.GitRepositoryInclude;
import dev.sluice.api.source.GitRepositoryModel;
import dev.sluice.api.source.GitRepositoryRef.Selected;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.gitops.source.GitClient.FetchedCommit;
import dev.sluice.gitops.source.RefResolver.Resolution;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source-controller part of Flux for GitRepository: lists the remote's references, and only
 * when the wanted commit changed fetches it shallowly into a per-source cache; stores a new
 * artifact when the commit, the ignore rules or the included artifacts changed (a change of rules
 * alone is rebuilt from the cache); then writes Flux's status, conditions and events.
 *
 * <p>Failures are written to status (FetchFailed with AuthenticationFailed or GitOperationFailed,
 * Ready=False, Reconciling=ProgressingWithRetry) and then thrown, so the scheduler backs off
 * exponentially instead of retrying at once. A repeated identical failure leaves the status
 * unchanged and writes nothing, so it causes no watch event and no extra reconcile. Safe to call
 * concurrently for different keys; the scheduler never runs one key twice at once.
 */
public final class GitRepositoryReconciler implements Reconciler {

    /** Set by {@code flux reconcile}; echoed in {@code status.lastHandledReconcileAt}. */
    public static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";
    public static final String CONTROLLER = "source-controller";
    /** Event metadata key with the revision, as notification-controller expects. */
    public static final String REVISION_ANNOTATION = "source.toolkit.fluxcd.io/revision";
    /** Artifacts kept per source, as Flux's default {@code --artifact-retention-records}. */
    static final int KEEP_ARTIFACTS = 2;

    private final Cluster cluster;
    private final GitClient git;
    private final ArtifactStore store;
    private final Path cacheRoot;
    private final Clock clock;
    private final GitRepositoryModel model = new GitRepositoryModel();

    /**
     * @param cacheRoot where the bare cache repositories live ({@code <cacheRoot>/<ns>/<name>.git})
     */
    public GitRepositoryReconciler(Cluster cluster, GitClient git, ArtifactStore store, Path cacheRoot, Clock clock) {
        this.cluster = cluster;
        this.git = git;
        this.store = store;
        this.cacheRoot = cacheRoot;
        this.clock = clock;
    }

    @Override
    public GroupKind kind() {
        return GitRepository.KIND;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        Optional<KubeObject> found = cluster.get(key);
        if (found.isEmpty() || found.get().isDeleting()) {
            store.deleteAll(key);
            Storage.deleteTree(cacheDir(key));
            return Result.done();
        }
        KubeObject obj = found.get();
        JsonNode old = obj.status();
        Optional<String> handledAt = obj.annotation(REQUESTED_AT);
        Instant now = clock.instant();
        GitRepository repo;
        try {
            repo = model.parse(model.toLatest(obj)).value();
        } catch (InvalidInputException e) {
            writeStatus(obj, GitRepositoryStatus.stalled(old, obj.generation(), e.getMessage(), handledAt, now));
            return Result.done(); // retried when the spec changes
        }
        if (repo.spec().suspend()) {
            return Result.done();
        }
        Optional<Artifact> stored = Artifact.fromStatus(old).filter(store::contains);
        Optional<String> upstream = Optional.empty();
        try {
            List<Included> includes = includes(repo);
            List<Artifact> includedArtifacts = includes.stream().map(Included::artifact).toList();
            GitAuth auth = auth(repo);
            String url = repo.spec().url();
            Selected ref = repo.spec().ref().effective();
            Resolution r = RefResolver.resolve(ref, git.lsRemote(url, auth, repo.spec().timeout()));
            boolean sameSettings = GitRepositoryStatus.sameSettings(old, repo, includedArtifacts);
            if (sameSettings && stored.map(a -> isCurrent(a, r)).orElse(false)) {
                // No changes since last reconciliation: nothing is fetched.
                writeStatus(obj, GitRepositoryStatus.succeeded(old, repo, stored.get(), includedArtifacts, handledAt, now));
                return Result.after(repo.spec().interval());
            }
            if (r.commitKnown()) {
                upstream = Optional.of(r.revision());
            }
            String expected = ref instanceof Selected.Commit ? r.commit() : "";
            // A commit already in the cache (the same one with other ignore rules or includes, or
            // an earlier tip come back) is rebuilt from there without a fetch.
            Optional<FetchedCommit> cached = r.commitKnown() ? git.cached(cacheDir(key), r.commit()) : Optional.empty();
            FetchedCommit commit = cached.isPresent() ? cached.get()
                    : git.fetch(url, auth, repo.spec().timeout(), cacheDir(key), r.fetchRef(), r.shallow(), expected);
            String revision = GitRevision.of(r.revisionRef(), commit.id());
            upstream = Optional.of(revision);
            Optional<Artifact> reusable = stored.filter(a -> sameSettings && a.revision().equals(revision));
            Artifact artifact = reusable.isPresent() ? reusable.get()
                    : storeArtifact(key, repo, revision, commit, includes, stored, now);
            writeStatus(obj, GitRepositoryStatus.succeeded(old, repo, artifact, includedArtifacts, handledAt, now));
            return Result.after(repo.spec().interval());
        } catch (GitSourceException e) {
            GitSourceException shown = e.reason().equals(GitSourceException.STORAGE_OPERATION_FAILED)
                    || e.reason().equals(GitSourceException.INCLUDE_UNAVAILABLE) ? e
                    : new GitSourceException(e.reason(), "failed to checkout and determine revision: " + e.getMessage(), e);
            ObjectNode next = GitRepositoryStatus.failed(old, repo, shown, upstream, handledAt, now);
            if (writeStatus(obj, next)) {
                event(EventRecord.warning(key, shown.reason(), shown.getMessage(), CONTROLLER, now), "");
            }
            throw shown; // the scheduler retries with exponential backoff
        }
    }

    /** Whether {@code a} already is the revision {@code r} wants (an abbreviated {@code ref.commit} included). */
    private static boolean isCurrent(Artifact a, Resolution r) {
        return !r.commit().isEmpty() && a.commit().startsWith(r.commit())
                && GitRevision.of(r.revisionRef(), a.commit()).equals(a.revision());
    }

    private Artifact storeArtifact(ObjectKey key, GitRepository repo, String revision, FetchedCommit commit,
                                   List<Included> includes, Optional<Artifact> previous, Instant now)
            throws GitSourceException {
        Artifact artifact = store.write(key, revision, previous, w -> CommitSnapshot.write(cacheDir(key), commit.id(),
                repo.spec().ignore(), repo.spec().sparseCheckout(), includes, w));
        store.gc(key, artifact, KEEP_ARTIFACTS);
        if (!previous.map(a -> a.digest().equals(artifact.digest())).orElse(false)) {
            event(EventRecord.normal(key, "NewArtifact", "stored artifact for commit '" + commit.shortMessage() + "'",
                    CONTROLLER, now), revision);
        }
        return artifact;
    }

    /** The current artifacts of {@code spec.include}; each must exist, be stored and be readable. */
    private List<Included> includes(GitRepository repo) throws GitSourceException {
        List<Included> out = new ArrayList<>();
        for (GitRepositoryInclude inc : repo.spec().include()) {
            ObjectKey other = new ObjectKey(GitRepository.KIND, repo.namespace(), inc.repository());
            String prefix = "could not get resource for include '" + inc.repository() + "': ";
            KubeObject obj = cluster.get(other).orElseThrow(() -> new GitSourceException(
                    GitSourceException.INCLUDE_UNAVAILABLE, prefix + "GitRepository '" + repo.namespace() + "/"
                    + inc.repository() + "' not found"));
            Artifact a = Artifact.fromStatus(obj.status()).orElseThrow(() -> new GitSourceException(
                    GitSourceException.INCLUDE_UNAVAILABLE, prefix + "no artifact available yet"));
            try {
                out.add(new Included(inc, a, store.open(a)));
            } catch (IOException e) {
                throw new GitSourceException(GitSourceException.INCLUDE_UNAVAILABLE, prefix + e.getMessage(), e);
            }
        }
        return out;
    }

    private GitAuth auth(GitRepository repo) throws GitSourceException {
        if (repo.spec().secretRef().isEmpty()) {
            return GitAuth.none();
        }
        String name = repo.spec().secretRef().get();
        ObjectKey secretKey = ObjectKey.of("", "Secret", repo.namespace(), name);
        KubeObject secret = cluster.get(secretKey).orElseThrow(() -> new GitSourceException(
                GitSourceException.AUTHENTICATION_FAILED,
                "failed to get secret '" + repo.namespace() + "/" + name + "': secrets \"" + name + "\" not found"));
        return GitAuth.fromSecret(repo.namespace() + "/" + name, SecretData.of(secret), repo.spec().url());
    }

    /** Writes status when it differs from what is stored; returns whether it wrote. */
    private boolean writeStatus(KubeObject obj, ObjectNode status) {
        if (status.equals(obj.status())) {
            return false;
        }
        cluster.updateStatus(obj.withStatus(status));
        return true;
    }

    private void event(EventRecord e, String revision) {
        EventRecord withMeta = revision.isEmpty() ? e : new EventRecord(e.involved(), e.type(), e.reason(), e.message(),
                e.reportingController(), Map.of(REVISION_ANNOTATION, revision), e.count(), e.firstTimestamp(),
                e.lastTimestamp());
        cluster.recordEvent(withMeta);
    }

    private Path cacheDir(ObjectKey key) {
        return cacheRoot.resolve(key.namespace()).resolve(key.name() + ".git");
    }
}
