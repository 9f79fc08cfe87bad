package dev.sluice.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.OwnerReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One stored object. What the store's indexes need (key, resourceVersion, uid, owners, deletion
 * state) is always at hand; the object tree of a record read back from disk is built on first use,
 * so reopening a store parses nothing and an object nobody reads costs its bytes, not its tree.
 * Thread-safe.
 */
final class Stored {

    static final byte DELETING = 1;
    static final byte FOREGROUND = 2;

    private final ObjectKey key;
    private final long rv;
    private final String uid;
    private final List<String> ownerUids;
    private final byte flags;
    private final ObjectReader reader;
    private volatile KubeObject object;
    private ByteBuffer json;

    private Stored(ObjectKey key, long rv, String uid, List<String> ownerUids, byte flags, KubeObject object,
                   ByteBuffer json, ObjectReader reader) {
        this.key = key;
        this.rv = rv;
        this.uid = uid;
        this.ownerUids = List.copyOf(ownerUids);
        this.flags = flags;
        this.object = object;
        this.json = json;
        this.reader = reader;
    }

    /** An object written now, with its tree. */
    static Stored of(KubeObject o, long rv) {
        byte flags = (byte) ((o.isDeleting() ? DELETING : 0)
                | (o.finalizers().contains(Lifecycle.FOREGROUND) ? FOREGROUND : 0));
        return new Stored(o.key(), rv, o.uid(), o.ownerReferences().stream().map(OwnerReference::uid).toList(), flags,
                o, null, null);
    }

    /**
     * An object read back from disk: its tree is parsed from {@code json} (a view into the file's
     * bytes, which stay in memory until every object read from them is parsed or replaced) when
     * first asked for.
     */
    static Stored lazy(ObjectKey key, long rv, String uid, List<String> ownerUids, byte flags, ByteBuffer json,
                       ObjectReader reader) {
        return new Stored(key, rv, uid, ownerUids, flags, null, json, reader);
    }

    ObjectKey key() {
        return key;
    }

    long rv() {
        return rv;
    }

    String uid() {
        return uid;
    }

    List<String> ownerUids() {
        return ownerUids;
    }

    byte flags() {
        return flags;
    }

    boolean deleting() {
        return (flags & DELETING) != 0;
    }

    boolean waitsForDependents() {
        return (flags & FOREGROUND) != 0;
    }

    KubeObject object() {
        KubeObject o = object;
        if (o == null) {
            synchronized (this) {
                o = object;
                if (o == null) {
                    o = parse();
                    object = o;
                    json = null;
                }
            }
        }
        return o;
    }

    /** The object's JSON (read only), without building its tree when it has none yet. */
    ByteBuffer json() {
        synchronized (this) {
            if (json != null) {
                return json.duplicate();
            }
        }
        return ByteBuffer.wrap(object.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The object's JSON in an array of its own (a copy of the file's bytes for a record read back). */
    byte[] jsonBytes() {
        ByteBuffer b = json();
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
            return b.array();
        }
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return copy;
    }

    private KubeObject parse() {
        try {
            JsonNode tree = reader.readTree(json.array(), json.arrayOffset() + json.position(), json.remaining());
            return tree instanceof ObjectNode n ? KubeObject.ofOwned(n) : KubeObject.of(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("stored object " + key + " cannot be read back", e);
        }
    }
}
