package dev.sluice.cluster.embedded;

import dev.sluice.cluster.ClusterException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit onto the write-ahead log. Writers encode their records and queue them; one thread
 * appends everything queued with a single write and a single fdatasync, then publishes it and
 * releases the writers. So every acknowledged write is on disk, and concurrent writers share the
 * cost of an fsync.
 *
 * <p>Compaction: when the log since the last snapshot outgrows {@code max(minSnapshotBytes, last
 * snapshot size)}, the thread starts a new segment and a background thread writes a snapshot of the
 * state at that point; the older segments and snapshot are then deleted. Restart work is so bounded
 * by about twice the state's size.
 *
 * <p>A failed write or fsync makes the store refuse all further writes (the state of the file is
 * unknown after a failed fsync); reads keep working, and reopening the directory recovers. When only
 * the append failed (a full disk: ENOSPC comes from write(2)), {@link #failedBeforeSync()} lets the
 * store reopen the log itself once space returns.
 */
final class LogCommitter implements Committer {

    private static final Logger LOG = LoggerFactory.getLogger(LogCommitter.class);

    private record Pending(List<Change> changes, long rv, byte[] bytes, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(List.of(), 0, new byte[0], new CompletableFuture<>());

    private final Path dir;
    private final WatchHub hub;
    private final ReadView view;
    private final long minSnapshotBytes;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService snapshotter;
    private Wal wal;
    private volatile long lastSnapshotBytes;
    private long logBytesSinceSnapshot;
    private Future<?> snapshot;
    private volatile ClusterException failure;
    private volatile boolean closed;
    /** The failure, if any, came from an append: everything acknowledged before it was synced. */
    private volatile boolean appendFailed;

    LogCommitter(Path dir, Wal wal, WatchHub hub, ReadView view, long minSnapshotBytes, long lastSnapshotBytes,
                 long logBytesSinceSnapshot) {
        this.dir = dir;
        this.wal = wal;
        this.hub = hub;
        this.view = view;
        this.minSnapshotBytes = minSnapshotBytes;
        this.lastSnapshotBytes = lastSnapshotBytes;
        this.logBytesSinceSnapshot = logBytesSinceSnapshot;
        this.snapshotter = Executors.newSingleThreadExecutor(r -> daemon(r, "sluice-store-snapshot"));
        this.thread = daemon(this::run, "sluice-store-commit");
        thread.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public CompletableFuture<Void> submit(List<Change> changes, long rv) {
        ClusterException f = failure;
        if (f != null || closed) {
            return CompletableFuture.failedFuture(f != null ? f
                    : new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "the store is closed"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        List<Change> encoded = Records.encode(changes, out);
        Pending p = new Pending(encoded, rv, out.toByteArray(), new CompletableFuture<>());
        queue.add(p);
        return p.done();
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            group.clear();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group);
            boolean stop = group.removeIf(p -> p == STOP);
            if (!group.isEmpty()) {
                if (failure == null) {
                    try {
                        commit(group);
                    } catch (IOException | RuntimeException | Error e) {
                        // Whatever went wrong, no writer may be left waiting for an answer.
                        failure = new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "the store in " + dir
                                + " cannot write (" + e + "); it refuses writes until "
                                + (appendFailed ? "it can write again (tried each second)" : "reopened"), List.of(), e);
                        LOG.error("store write failed; refusing further writes", e);
                    }
                }
                if (failure != null) {
                    group.forEach(p -> p.done().completeExceptionally(failure));
                }
            }
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Pending> group) throws IOException {
        int size = 0;
        for (Pending p : group) {
            size += p.bytes().length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        List<Change> all = new ArrayList<>();
        long rv = 0;
        for (Pending p : group) {
            buf.put(p.bytes());
            all.addAll(p.changes());
            rv = Math.max(rv, p.rv());
        }
        buf.flip();
        try {
            wal.append(buf);
        } catch (IOException e) {
            appendFailed = true;
            throw e;
        }
        wal.force();
        logBytesSinceSnapshot += size;
        hub.publish(all, rv);
        for (Pending p : group) {
            p.done().complete(null);
        }
        maybeSnapshot();
    }

    private void maybeSnapshot() throws IOException {
        if (logBytesSinceSnapshot < Math.max(minSnapshotBytes, lastSnapshotBytes)
                || (snapshot != null && !snapshot.isDone())) {
            return;
        }
        wal = wal.roll();
        long firstSegment = wal.segmentId();
        ReadView.Captured state = view.capture();
        logBytesSinceSnapshot = 0;
        snapshot = snapshotter.submit(() -> {
            try {
                lastSnapshotBytes = Snapshots.write(dir, firstSegment, state);
                deleteBefore(firstSegment);
                LOG.debug("snapshot of {} objects at resourceVersion {} written", state.objects().size(),
                        state.resourceVersion());
            } catch (IOException | RuntimeException e) {
                // The log still holds everything; the next threshold tries again.
                LOG.warn("could not write a snapshot in {}: {}", dir, e.toString());
            }
        });
    }

    private void deleteBefore(long firstSegment) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                boolean oldSegment = name.startsWith("wal-") && name.endsWith(".wal") && id(name) < firstSegment;
                boolean oldSnapshot = name.startsWith("snapshot-") && name.endsWith(".snap") && id(name) < firstSegment;
                if (oldSegment || oldSnapshot) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Fsync.directory(dir);
    }

    private static long id(String name) {
        return Long.parseLong(name.replaceAll("\\D", ""));
    }

    @Override
    public boolean failedBeforeSync() {
        return failure != null && appendFailed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            thread.join();
            snapshotter.shutdown();
            snapshotter.awaitTermination(1, TimeUnit.MINUTES);
            wal.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing the log in {}: {}", dir, e.toString());
        }
    }
}
