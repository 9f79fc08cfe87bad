package dev.sluice.gitops.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.source.GitRepository;
import dev.sluice.gitops.testing.FakeCluster;
import dev.sluice.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A GitRepository reconciler on a fake cluster with a real JGit client that counts its calls. */
final class SourceFixture {

    final FakeCluster cluster = new FakeCluster();
    final ManualClock clock = ManualClock.atEpochOfTests();
    final ArtifactStore store;
    final CountingGit git = new CountingGit(new JGitClient());
    final GitRepositoryReconciler reconciler;

    SourceFixture(Path state) {
        store = new ArtifactStore(state.resolve("artifacts"), "http://source-controller.flux-system.svc.cluster.local.", clock);
        reconciler = new GitRepositoryReconciler(cluster, git, store, state.resolve("git"), clock);
    }

    ObjectKey create(String name, String spec) {
        KubeObject o = KubeObject.parse("apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n"
                + "metadata: {name: " + name + ", namespace: flux-system}\nspec:\n" + spec);
        return cluster.create(o).key();
    }

    KubeObject get(ObjectKey key) {
        return cluster.get(key).orElseThrow();
    }

    JsonNode status(ObjectKey key) {
        return get(key).status();
    }

    Condition condition(ObjectKey key, String type) {
        return Conditions.find(status(key), type).orElseThrow(() -> new AssertionError("no condition " + type
                + " in " + status(key)));
    }

    Artifact artifact(ObjectKey key) {
        return Artifact.fromStatus(status(key)).orElseThrow(() -> new AssertionError("no artifact in " + status(key)));
    }

    static ObjectKey key(String name) {
        return new ObjectKey(GitRepository.KIND, "flux-system", name);
    }

    /** Counts remote calls, so tests can assert that an unchanged commit is not fetched. */
    static final class CountingGit implements GitClient {
        final GitClient delegate;
        final AtomicInteger lsRemotes = new AtomicInteger();
        final AtomicInteger fetches = new AtomicInteger();

        CountingGit(GitClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public RemoteRefs lsRemote(String url, GitAuth auth, Duration timeout) throws GitSourceException {
            lsRemotes.incrementAndGet();
            return delegate.lsRemote(url, auth, timeout);
        }

        @Override
        public java.util.Optional<FetchedCommit> cached(Path cacheDir, String id) {
            return delegate.cached(cacheDir, id);
        }

        @Override
        public FetchedCommit fetch(String url, GitAuth auth, Duration timeout, Path cacheDir, String ref, boolean shallow,
                                   String expected) throws GitSourceException {
            fetches.incrementAndGet();
            return delegate.fetch(url, auth, timeout, cacheDir, ref, shallow, expected);
        }
    }
}
