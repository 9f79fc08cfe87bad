package dev.sluice.cluster.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.ObjectKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The record format of the store's files (log segments and snapshots). Each record is framed as
 * {@code [int length][int crc32c][body]}, the CRC covering the body, so a torn or corrupted record
 * is detected; the body starts with a one-byte type. Big-endian.
 */
final class Records {

    static final int VERSION = 1;
    /** A larger length can only be garbage: no record comes near it (objects are at most a few MiB). */
    static final int MAX_BODY = 64 * 1024 * 1024;
    static final int FRAME = 8;

    static final byte SEGMENT_HEADER = 1;
    static final byte PUT = 2;
    static final byte REMOVE = 3;
    static final byte EVENT = 4;
    static final byte SNAPSHOT_HEADER = 5;
    static final byte SNAPSHOT_END = 6;

    /** Kinds and namespaces repeat in every record: one instance each (fewer objects to collect on reopen). */
    private static final java.util.Map<String, GroupKind> KINDS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<String, String> NAMESPACES = new java.util.concurrent.ConcurrentHashMap<>();

    private static final byte[] WAL_MAGIC = "SLUICEWAL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SNAP_MAGIC = "SLUICESNAP".getBytes(StandardCharsets.US_ASCII);

    /** A decoded record. */
    sealed interface Record {
    }

    record SegmentHeader(long segmentId) implements Record {
    }

    /**
     * A stored object with the fields the store indexes (so reading it back needs no JSON parsing);
     * {@code json} is a view into the file's bytes, not a copy.
     */
    record Put(long rv, ObjectKey key, String uid, List<String> ownerUids, byte flags, ByteBuffer json)
            implements Record {
    }

    record Remove(long rv, ObjectKey key) implements Record {
    }

    record Event(ByteBuffer json) implements Record {
    }

    record SnapshotHeader(long rv, long firstSegment) implements Record {
    }

    record SnapshotEnd(long objects, long events) implements Record {
    }

    private Records() {
    }

    /**
     * Encodes the changes of one transaction, one record each; returns them with each object's JSON
     * attached ({@link Change.Put#json()}), for the watch history.
     */
    static List<Change> encode(List<Change> changes, ByteArrayOutputStream out) {
        List<Change> encoded = new ArrayList<>(changes.size());
        for (Change c : changes) {
            switch (c) {
                case Change.Put p -> {
                    byte[] json = p.json() != null ? p.json() : p.stored().jsonBytes();
                    put(out, p.stored(), ByteBuffer.wrap(json));
                    encoded.add(new Change.Put(p.stored(), p.added(), json));
                }
                case Change.Removed r -> {
                    remove(out, r.rv(), r.key());
                    encoded.add(r);
                }
                case Change.Event e -> {
                    event(out, Json.write(EventCodec.toJson(e.event())).getBytes(StandardCharsets.UTF_8));
                    encoded.add(e);
                }
            }
        }
        return encoded;
    }

    static void put(ByteArrayOutputStream out, Stored s) {
        put(out, s, s.json());
    }

    private static void put(ByteArrayOutputStream out, Stored s, ByteBuffer json) {
        Body b = new Body(PUT, 128 + json.remaining());
        b.putLong(s.rv());
        b.key(s.key());
        b.string(s.uid());
        b.put(s.flags());
        b.putInt(s.ownerUids().size());
        s.ownerUids().forEach(b::string);
        b.bytes(json);
        b.frameTo(out);
    }

    static void remove(ByteArrayOutputStream out, long rv, ObjectKey key) {
        Body b = new Body(REMOVE, 64);
        b.putLong(rv);
        b.key(key);
        b.frameTo(out);
    }

    static void event(ByteArrayOutputStream out, byte[] json) {
        Body b = new Body(EVENT, json.length);
        b.bytes(json);
        b.frameTo(out);
    }

    static void segmentHeader(ByteArrayOutputStream out, long segmentId) {
        Body b = new Body(SEGMENT_HEADER, 32);
        b.bytes(WAL_MAGIC);
        b.putInt(VERSION);
        b.putLong(segmentId);
        b.frameTo(out);
    }

    static void snapshotHeader(ByteArrayOutputStream out, long rv, long firstSegment) {
        Body b = new Body(SNAPSHOT_HEADER, 40);
        b.bytes(SNAP_MAGIC);
        b.putInt(VERSION);
        b.putLong(rv);
        b.putLong(firstSegment);
        b.frameTo(out);
    }

    static void snapshotEnd(ByteArrayOutputStream out, long objects, long events) {
        Body b = new Body(SNAPSHOT_END, 16);
        b.putLong(objects);
        b.putLong(events);
        b.frameTo(out);
    }

    /**
     * Decodes the body of a record whose frame and CRC were checked.
     *
     * @throws IllegalArgumentException for an unknown type, a bad magic or a newer format version
     */
    static Record decode(ByteBuffer body) {
        byte type = body.get();
        return switch (type) {
            case SEGMENT_HEADER -> {
                magic(body, WAL_MAGIC);
                version(body);
                yield new SegmentHeader(body.getLong());
            }
            case PUT -> {
                long rv = body.getLong();
                ObjectKey key = key(body);
                String uid = string(body);
                byte flags = body.get();
                int owners = body.getInt();
                if (owners < 0 || owners > body.remaining()) {
                    throw new IllegalArgumentException("impossible owner count " + owners);
                }
                List<String> ownerUids = owners == 0 ? List.of() : new java.util.ArrayList<>(owners);
                for (int i = 0; i < owners; i++) {
                    ownerUids.add(string(body));
                }
                yield new Put(rv, key, uid, ownerUids, flags, body.slice());
            }
            case REMOVE -> new Remove(body.getLong(), key(body));
            case EVENT -> new Event(body.slice());
            case SNAPSHOT_HEADER -> {
                magic(body, SNAP_MAGIC);
                version(body);
                yield new SnapshotHeader(body.getLong(), body.getLong());
            }
            case SNAPSHOT_END -> new SnapshotEnd(body.getLong(), body.getLong());
            default -> throw new IllegalArgumentException("unknown record type " + type);
        };
    }

    static int crc(byte[] a, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(a, off, len);
        return (int) c.getValue();
    }

    private static void magic(ByteBuffer b, byte[] expected) {
        byte[] m = new byte[expected.length];
        b.get(m);
        if (!java.util.Arrays.equals(m, expected)) {
            throw new IllegalArgumentException("bad magic '" + new String(m, StandardCharsets.US_ASCII) + "'");
        }
    }

    private static void version(ByteBuffer b) {
        int v = b.getInt();
        if (v != VERSION) {
            throw new IllegalArgumentException("format version " + v + " (this Sluice reads version " + VERSION + ")");
        }
    }

    private static ObjectKey key(ByteBuffer b) {
        GroupKind gk = KINDS.computeIfAbsent(string(b) + "/" + string(b), Records::groupKind);
        String ns = string(b);
        String shared = NAMESPACES.size() < 10_000 ? NAMESPACES.computeIfAbsent(ns, n -> n) : ns;
        return new ObjectKey(gk, shared, string(b));
    }

    private static GroupKind groupKind(String groupSlashKind) {
        int i = groupSlashKind.indexOf('/');
        return new GroupKind(groupSlashKind.substring(0, i), groupSlashKind.substring(i + 1));
    }

    private static String string(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("impossible string length " + n);
        }
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** A record body under construction, growing as needed. */
    private static final class Body {
        ByteBuffer buf;

        Body(byte type, int hint) {
            buf = ByteBuffer.allocate(Math.max(64, hint + 64));
            buf.put(type);
        }

        Body putLong(long v) {
            ensure(8);
            buf.putLong(v);
            return this;
        }

        Body putInt(int v) {
            ensure(4);
            buf.putInt(v);
            return this;
        }

        Body put(byte v) {
            ensure(1);
            buf.put(v);
            return this;
        }

        void key(ObjectKey k) {
            string(k.groupKind().group());
            string(k.groupKind().kind());
            string(k.namespace());
            string(k.name());
        }

        void string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            ensure(4 + bytes.length);
            buf.putInt(bytes.length);
            buf.put(bytes);
        }

        void bytes(byte[] bytes) {
            ensure(bytes.length);
            buf.put(bytes);
        }

        void bytes(ByteBuffer bytes) {
            ensure(bytes.remaining());
            buf.put(bytes);
        }

        void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate((buf.capacity() + n) * 2);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void frameTo(ByteArrayOutputStream out) {
            int len = buf.position();
            byte[] a = buf.array();
            ByteBuffer frame = ByteBuffer.allocate(FRAME);
            frame.putInt(len).putInt(crc(a, 0, len));
            out.writeBytes(frame.array());
            out.write(a, 0, len);
        }
    }
}
