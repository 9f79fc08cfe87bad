package dev.sluice.cluster.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment of the write-ahead log: append-only, written only by the committer thread. A segment
 * starts with a header record naming its id, made durable (file and directory entry) before any
 * change is appended.
 */
final class Wal implements AutoCloseable {

    private final Path dir;
    private final long segmentId;
    private final FileChannel channel;
    private long bytes;

    private Wal(Path dir, long segmentId, FileChannel channel, long bytes) {
        this.dir = dir;
        this.segmentId = segmentId;
        this.channel = channel;
        this.bytes = bytes;
    }

    static String fileName(long segmentId) {
        return String.format("wal-%016d.wal", segmentId);
    }

    static Wal create(Path dir, long segmentId) throws IOException {
        Path file = dir.resolve(fileName(segmentId));
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        Records.segmentHeader(header, segmentId);
        ByteBuffer b = ByteBuffer.wrap(header.toByteArray());
        while (b.hasRemaining()) {
            ch.write(b);
        }
        ch.force(true);
        Fsync.directory(dir);
        return new Wal(dir, segmentId, ch, header.size());
    }

    /** Appends bytes; durable only after {@link #force()}. */
    void append(ByteBuffer b) throws IOException {
        bytes += b.remaining();
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** fdatasync: everything appended survives a crash or power loss once this returns. */
    void force() throws IOException {
        channel.force(false);
    }

    /** Closes this segment and starts the next. */
    Wal roll() throws IOException {
        force();
        close();
        return create(dir, segmentId + 1);
    }

    long segmentId() {
        return segmentId;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
