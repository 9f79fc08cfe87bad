package dev.sluice.cluster.embedded;

import dev.sluice.api.Json;
import dev.sluice.cluster.EventRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Snapshots: the whole state at one resourceVersion, in the record format, named after the first
 * log segment to replay on top of it. Written to a temporary file, made durable, then renamed into
 * place, so a snapshot file is always complete; it also ends with an end record as a second check.
 */
final class Snapshots {

    private static final int CHUNK = 1 << 20;

    private Snapshots() {
    }

    static String fileName(long firstSegment) {
        return String.format("snapshot-%016d.snap", firstSegment);
    }

    /** Writes a snapshot; returns its size in bytes. */
    static long write(Path dir, long firstSegment, ReadView.Captured state) throws IOException {
        Path tmp = dir.resolve(fileName(firstSegment) + ".tmp");
        long size = 0;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(CHUNK * 2);
            Records.snapshotHeader(buf, state.resourceVersion(), firstSegment);
            for (Stored o : state.objects()) {
                Records.put(buf, o);
                size += flushIfFull(ch, buf);
            }
            for (EventRecord e : state.events()) {
                Records.event(buf, Json.write(EventCodec.toJson(e)).getBytes(StandardCharsets.UTF_8));
                size += flushIfFull(ch, buf);
            }
            Records.snapshotEnd(buf, state.objects().size(), state.events().size());
            size += flush(ch, buf);
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(fileName(firstSegment)), StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(dir);
        return size;
    }

    private static long flushIfFull(FileChannel ch, ByteArrayOutputStream buf) throws IOException {
        return buf.size() >= CHUNK ? flush(ch, buf) : 0;
    }

    private static long flush(FileChannel ch, ByteArrayOutputStream buf) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf.toByteArray());
        long n = b.remaining();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        buf.reset();
        return n;
    }
}
