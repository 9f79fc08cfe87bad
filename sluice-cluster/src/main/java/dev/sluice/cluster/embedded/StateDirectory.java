package dev.sluice.cluster.embedded;

import dev.sluice.cluster.ClusterException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A state directory held by this process: an OS lock on its {@code LOCK} file, released on close. */
final class StateDirectory implements AutoCloseable {

    private final Path path;
    private final FileLock lock;

    private StateDirectory(Path path, FileLock lock) {
        this.path = path;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and locks it.
     *
     * @throws ClusterException UNAVAILABLE when another process (or another store in this one) holds it
     */
    static StateDirectory lock(Path path) throws IOException {
        Files.createDirectories(path);
        FileChannel ch = FileChannel.open(path.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "the state directory " + path
                    + " is in use by another Sluice process");
        }
        return new StateDirectory(path, lock);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException ignored) {
            // The lock goes with the process anyway.
        }
    }
}
