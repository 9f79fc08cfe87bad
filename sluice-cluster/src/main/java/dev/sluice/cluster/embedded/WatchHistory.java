package dev.sluice.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.WatchEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The recent watch events, kept so that a watch can resume after a resourceVersion. Each object is
 * kept as its JSON bytes, not as a tree: an object's superseded versions are referenced by nothing
 * else, and as trees they cost four to five times their JSON, so a history of whole trees grows
 * for as long as its entries go on turning from current versions (shared with the read view) into
 * superseded ones. Bounded both in entries and in bytes (JSON plus a fixed overhead per entry); the
 * oldest go first. Not thread-safe: the {@link WatchHub}'s lock guards it.
 */
final class WatchHistory {

    /** What an entry costs beside its JSON: the entry, its array header and its key's strings. */
    static final int ENTRY_OVERHEAD = 96;

    private record Entry(long rv, WatchEvent.Type type, ObjectKey key, byte[] json) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    /** Every event after this version is kept. */
    private long servableFrom;

    WatchHistory(int maxEntries, long maxBytes, long startVersion) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.servableFrom = startVersion;
    }

    /** Keeps one event; {@code json} is the object's JSON as stored at {@code rv} (not copied). */
    void add(long rv, WatchEvent.Type type, ObjectKey key, byte[] json) {
        entries.addLast(new Entry(rv, type, key, json));
        bytes += cost(json);
        // The newest entry stays even when it alone is over the byte bound: a watch resuming just
        // before it still needs it.
        while (entries.size() > maxEntries || (bytes > maxBytes && entries.size() > 1)) {
            Entry oldest = entries.removeFirst();
            bytes -= cost(oldest.json());
            servableFrom = oldest.rv();
        }
    }

    /** The oldest version a watch can resume after. */
    long servableFrom() {
        return servableFrom;
    }

    /**
     * Calls {@code out} with every event kept after {@code after} whose object {@code wanted}
     * accepts, oldest first; only those objects are parsed back into trees.
     */
    void replay(long after, Predicate<ObjectKey> wanted, BiConsumer<Long, WatchEvent> out) {
        for (Entry e : entries) {
            if (e.rv() > after && wanted.test(e.key())) {
                out.accept(e.rv(), new WatchEvent(e.type(), parse(e)));
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** The bytes kept, as counted against the bound. */
    long bytes() {
        return bytes;
    }

    private static long cost(byte[] json) {
        return json.length + ENTRY_OVERHEAD;
    }

    private static KubeObject parse(Entry e) {
        try {
            JsonNode tree = Json.mapper().readTree(e.json());
            return KubeObject.ofOwned((ObjectNode) tree);
        } catch (IOException | ClassCastException x) {
            // The bytes were written by this process from a valid object: this is a bug, not bad input.
            throw new UncheckedIOException("watch history entry " + e.key() + "@" + e.rv() + " cannot be read back",
                    x instanceof IOException io ? io : new IOException(x));
        }
    }
}
