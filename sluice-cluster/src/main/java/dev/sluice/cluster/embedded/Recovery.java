package dev.sluice.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sluice.api.Json;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.EventRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rebuilds the state from a state directory: the latest snapshot, then the log segments after it in
 * order. A torn tail of the last segment (a write cut short by a crash, never acknowledged) is cut
 * off; damage anywhere else stops the store from opening, with the file and offset, rather than
 * silently losing acknowledged writes. Only the last record of each key is kept, and its JSON is not
 * parsed here: records carry what the indexes need, and the object is parsed on first use.
 */
final class Recovery {

    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{16})\\.snap");
    private static final Pattern SEGMENT = Pattern.compile("wal-(\\d{16})\\.wal");

    /**
     * @param nextSegment   the id for the segment to append to
     * @param snapshotBytes the size of the snapshot loaded (0 when none)
     * @param logBytes      the bytes of log replayed on top of it
     * @param repairs       what was cut off, for the log
     */
    record Recovered(Map<ObjectKey, Stored> objects, List<EventRecord> events, long resourceVersion, long nextSegment,
                     long snapshotBytes, long logBytes, List<String> repairs) {
    }

    private Recovery() {
    }

    static Recovered recover(Path dir) throws IOException {
        TreeMap<Long, Path> snapshots = new TreeMap<>();
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                Matcher s = SNAPSHOT.matcher(name);
                Matcher w = SEGMENT.matcher(name);
                if (name.endsWith(".tmp")) {
                    Files.delete(p); // an unfinished snapshot, never renamed into place
                } else if (s.matches()) {
                    snapshots.put(Long.parseLong(s.group(1)), p);
                } else if (w.matches()) {
                    segments.put(Long.parseLong(w.group(1)), p);
                }
            }
        }
        Map<ObjectKey, Records.Put> latest = new HashMap<>();
        List<ByteBuffer> events = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        long rv = 0;
        long first = snapshots.isEmpty() ? (segments.isEmpty() ? 1 : segments.firstKey()) : snapshots.lastKey();
        // Read and check every file in parallel; apply them in order below.
        CompletableFuture<Decoded> snapshot = snapshots.isEmpty() ? null : decode(snapshots.lastEntry().getValue());
        Map<Long, CompletableFuture<Decoded>> logs = new TreeMap<>();
        segments.tailMap(first).forEach((id, path) -> logs.put(id, decode(path)));
        long snapshotBytes = 0;
        if (snapshot != null) {
            Decoded d = join(snapshot);
            snapshotBytes = d.size();
            rv = loadSnapshot(d.path(), d.result(), latest, events);
            for (Path older : snapshots.headMap(first).values()) {
                Files.deleteIfExists(older); // superseded; left by a crash before cleanup
            }
        }
        for (Path obsolete : segments.headMap(first).values()) {
            Files.deleteIfExists(obsolete);
        }
        long logBytes = 0;
        long expected = first;
        long last = first - 1;
        for (Map.Entry<Long, CompletableFuture<Decoded>> seg : logs.entrySet()) {
            Decoded d = join(seg.getValue());
            if (seg.getKey() != expected) {
                throw corrupt(dir, "log segment " + Wal.fileName(expected) + " is missing (found "
                        + d.path().getFileName() + ")");
            }
            expected++;
            last = seg.getKey();
            boolean isLast = seg.getKey().equals(segments.lastKey());
            RecordReader.Result r = d.result();
            if (!r.complete()) {
                if (!isLast) {
                    throw corrupt(dir, d.path().getFileName() + ": " + r.problem());
                }
                repairs.add(d.path().getFileName() + ": dropped " + (d.size() - r.validLength())
                        + " bytes after a torn write (" + r.problem() + ")");
                truncate(d.path(), r.validLength());
            }
            logBytes += r.validLength();
            rv = Math.max(rv, replay(d.path(), seg.getKey(), r.records(), latest, events, dir));
        }
        ObjectReader reader = Json.mapper().reader().with(new SharedTextNodes());
        Map<ObjectKey, Stored> objects = new ConcurrentHashMap<>(latest.size() * 2);
        latest.values().parallelStream().forEach(p -> objects.put(p.key(), Stored.lazy(p.key(), p.rv(), p.uid(),
                p.ownerUids(), p.flags(), p.json(), reader)));
        List<EventRecord> evs = events.stream().map(b -> EventCodec.fromJson(tree(reader, b))).toList();
        return new Recovered(objects, evs, rv, last + 1, snapshotBytes, logBytes, repairs);
    }

    private record Decoded(Path path, long size, RecordReader.Result result) {
    }

    private static CompletableFuture<Decoded> decode(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                byte[] data = Files.readAllBytes(file);
                return new Decoded(file, data.length, RecordReader.read(data));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Decoded join(CompletableFuture<Decoded> f) throws IOException {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    private static long loadSnapshot(Path file, RecordReader.Result r, Map<ObjectKey, Records.Put> latest,
                                     List<ByteBuffer> events) {
        List<Records.Record> records = r.records();
        if (!r.complete() || records.isEmpty() || !(records.get(0) instanceof Records.SnapshotHeader header)
                || !(records.get(records.size() - 1) instanceof Records.SnapshotEnd end)) {
            throw corrupt(file.getParent(), file.getFileName() + " is incomplete or damaged"
                    + (r.problem() == null ? "" : ": " + r.problem()));
        }
        for (Records.Record rec : records) {
            switch (rec) {
                case Records.Put p -> latest.put(p.key(), p);
                case Records.Event e -> events.add(e.json());
                default -> {
                }
            }
        }
        if (end.objects() != latest.size()) {
            throw corrupt(file.getParent(), file.getFileName() + " holds " + latest.size() + " objects, its end record says "
                    + end.objects());
        }
        return header.rv();
    }

    private static long replay(Path file, long id, List<Records.Record> records, Map<ObjectKey, Records.Put> latest,
                               List<ByteBuffer> events, Path dir) {
        if (records.isEmpty()) {
            return 0; // the header itself was torn: the segment was created and nothing acknowledged in it
        }
        if (!(records.get(0) instanceof Records.SegmentHeader h) || h.segmentId() != id) {
            throw corrupt(dir, file.getFileName() + " does not start with its segment header");
        }
        long rv = 0;
        for (Records.Record rec : records) {
            switch (rec) {
                case Records.Put p -> {
                    latest.put(p.key(), p);
                    rv = Math.max(rv, p.rv());
                }
                case Records.Remove x -> {
                    latest.remove(x.key());
                    rv = Math.max(rv, x.rv());
                }
                case Records.Event e -> events.add(e.json());
                default -> {
                }
            }
        }
        return rv;
    }

    private static void truncate(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
            ch.force(true);
        }
    }


    private static JsonNode tree(ObjectReader reader, ByteBuffer json) {
        try {
            return reader.readTree(json.array(), json.arrayOffset() + json.position(), json.remaining());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClusterException corrupt(Path dir, String what) {
        return new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "the store in " + dir
                + " cannot be opened: " + what + ". Nothing was changed; restore the directory from a backup"
                + " or move it aside to start empty.");
    }
}
