package dev.sluice.gitops.drift;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.source.GitRepository;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.source.GitAuth;
import dev.sluice.gitops.source.GitSourceException;
import dev.sluice.gitops.source.SecretData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Git mirrors of drift analysis and write-back, one per GitRepository under a state directory
 * ({@code <root>/<namespace>/<name>.git}, with a working directory {@code <name>.work}), with the GitRepository's credentials (its
 * {@code spec.secretRef}, read as the source reconciler reads it). Thread-safe: uses of one mirror
 * are serialized; different mirrors run in parallel.
 */
public final class GitMirrors {

    /** Work on an open, locked mirror, with its working directory (kept between uses, only touched under the lock). */
    @FunctionalInterface
    public interface Work<T> {
        T run(GitMirror mirror, Path work) throws IOException, GitSourceException;
    }

    private final Path root;
    private final Cluster cluster;
    private final Map<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    public GitMirrors(Path root, Cluster cluster) {
        this.root = root.toAbsolutePath().normalize();
        this.cluster = cluster;
    }

    /**
     * Runs {@code work} on the mirror of {@code source}.
     *
     * @throws GitSourceException AuthenticationFailed when the Secret is missing or incomplete
     */
    public <T> T use(GitRepository source, Work<T> work) throws IOException, GitSourceException {
        GitAuth auth = auth(source);
        Path dir = root.resolve(source.namespace()).resolve(source.name() + ".git");
        ReentrantLock lock = locks.computeIfAbsent(dir, d -> new ReentrantLock());
        lock.lock();
        Path workDir = root.resolve(source.namespace()).resolve(source.name() + ".work");
        try (GitMirror mirror = GitMirror.open(dir, source.spec().url(), auth, source.spec().timeout())) {
            Files.createDirectories(workDir);
            return work.run(mirror, workDir);
        } finally {
            lock.unlock();
        }
    }

    private GitAuth auth(GitRepository repo) throws GitSourceException {
        if (repo.spec().secretRef().isEmpty()) {
            return GitAuth.none();
        }
        String name = repo.spec().secretRef().get();
        KubeObject secret = cluster.get(ObjectKey.of("", "Secret", repo.namespace(), name)).orElseThrow(() ->
                new GitSourceException(GitSourceException.AUTHENTICATION_FAILED,
                        "failed to get secret '" + repo.namespace() + "/" + name + "': secrets \"" + name + "\" not found"));
        return GitAuth.fromSecret(repo.namespace() + "/" + name, SecretData.of(secret), repo.spec().url());
    }
}
