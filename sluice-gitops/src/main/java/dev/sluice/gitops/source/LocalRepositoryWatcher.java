package dev.sluice.gitops.source;

import dev.sluice.api.ObjectKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Embedded mode: notices new commits in local repositories (GitRepositories with a
 * {@code file://} URL) within one poll period, so a developer's commit is picked up in about a
 * second instead of at the next interval. Each poll reads the references of every watched
 * repository through JGit, whose reference database re-reads only files whose size or time changed
 * (a few {@code stat} calls per repository), and reports the sources whose references moved. This
 * is cheaper and more reliable than a {@code WatchService}, which would need a registration per
 * directory under {@code refs/} and still miss packed-ref rewrites done by rename on some systems.
 *
 * <p>Thread-safe: {@link #watch}/{@link #unwatch} may be called while polling runs; the listener
 * is called on the polling thread and must return quickly (enqueue a reconcile).
 */
public final class LocalRepositoryWatcher implements AutoCloseable {

    /** Told that a watched repository's references changed. */
    @FunctionalInterface
    public interface Listener {
        void changed(ObjectKey source);
    }

    private record Watched(Repository repo, Map<String, String> refs) {
    }

    private final Listener listener;
    private final Map<ObjectKey, Watched> watched = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> task;

    public LocalRepositoryWatcher(Listener listener) {
        this.listener = listener;
    }

    /** The directory of a {@code file://} URL, or empty for any other URL. */
    public static Optional<Path> localPath(String url) {
        if (!url.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(url)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts watching {@code repository} (a working tree, its {@code .git} directory or a bare
     * repository) for {@code source}; replaces an earlier watch of the same source. Its current
     * references are the baseline: nothing is reported until they change.
     *
     * @throws IOException when it is not a Git repository
     */
    public void watch(ObjectKey source, Path repository) throws IOException {
        Path gitDir = Files.isDirectory(repository.resolve(".git")) ? repository.resolve(".git") : repository;
        Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
        Watched previous = watched.put(source, new Watched(repo, refs(repo)));
        if (previous != null) {
            previous.repo().close();
        }
    }

    public void unwatch(ObjectKey source) {
        Watched w = watched.remove(source);
        if (w != null) {
            w.repo().close();
        }
    }

    /** Checks every watched repository once, telling the listener about each one that changed. */
    public void poll() {
        for (Map.Entry<ObjectKey, Watched> e : watched.entrySet()) {
            Watched w = e.getValue();
            Map<String, String> now;
            try {
                now = refs(w.repo());
            } catch (IOException unreadable) {
                continue; // e.g. mid-rewrite or deleted; the reconciler reports real problems
            }
            if (!now.equals(w.refs()) && watched.replace(e.getKey(), w, new Watched(w.repo(), now))) {
                listener.changed(e.getKey());
            }
        }
    }

    /** Polls every {@code period} on {@code executor} until {@link #close()}. */
    public void start(ScheduledExecutorService executor, Duration period) {
        long ms = Math.max(10, period.toMillis());
        task = executor.scheduleWithFixedDelay(this::pollSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A listener failure must not cancel the schedule.
        }
    }

    private static Map<String, String> refs(Repository repo) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (Ref r : repo.getRefDatabase().getRefs()) {
            if (r.getObjectId() != null) {
                out.put(r.getName(), r.getObjectId().getName());
            }
        }
        Ref head = repo.exactRef("HEAD");
        if (head != null && head.getObjectId() != null) {
            out.put("HEAD", head.getObjectId().getName());
        }
        return out;
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        watched.keySet().forEach(this::unwatch);
    }
}
