package dev.sluice.cluster.embedded;

import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Stored events, aggregated as Kubernetes' event recorder does: the same (object, type, reason,
 * message) again raises {@code count} and moves {@code lastTimestamp}. Bounded: the latest
 * {@code perObject} per object, {@code total} overall and {@code maxBytes} overall (as estimated by
 * {@link #cost}); the least recently seen go first. Kept compact: one key instance per object, and
 * the strings that repeat across events (types, reasons, controllers, annotations such as the
 * revision) shared. Thread-safe.
 */
final class EventBook {

    /** What an event costs beside its message and annotations: the record, two instants, two index entries. */
    static final int EVENT_OVERHEAD = 56 + 48 + 32 + 2 * 48;

    private record Id(ObjectKey involved, String type, String reason, String message) {
    }

    private final int perObject;
    private final int total;
    private final long maxBytes;
    private final LinkedHashMap<Id, EventRecord> all = new LinkedHashMap<>();
    private final Map<ObjectKey, LinkedHashSet<Id>> byObject = new HashMap<>();
    private final Map<ObjectKey, ObjectKey> keys = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();
    private long bytes;

    EventBook(int perObject, int total, long maxBytes) {
        this.perObject = perObject;
        this.total = total;
        this.maxBytes = maxBytes;
    }

    synchronized void record(EventRecord e) {
        Id id = new Id(keys.getOrDefault(e.involved(), e.involved()), share(e.type()), share(e.reason()), e.message());
        EventRecord old = remove(id);
        ObjectKey involved = keys.computeIfAbsent(id.involved(), k -> k);
        Map<String, String> annotations = new LinkedHashMap<>();
        e.annotations().forEach((k, v) -> annotations.put(share(k), share(v)));
        EventRecord merged = new EventRecord(involved, id.type(), id.reason(), id.message(),
                share(e.reportingController()), annotations, old == null ? e.count() : old.count() + e.count(),
                old == null ? e.firstTimestamp() : old.firstTimestamp(), e.lastTimestamp());
        all.put(id, merged);
        bytes += cost(merged);
        LinkedHashSet<Id> ids = byObject.computeIfAbsent(involved, k -> new LinkedHashSet<>());
        ids.add(id);
        while (ids.size() > perObject) {
            remove(ids.iterator().next());
        }
        // The newest event stays whatever its size: it is what a user looks for.
        while (all.size() > total || (bytes > maxBytes && all.size() > 1)) {
            remove(all.keySet().iterator().next());
        }
    }

    /** Removes an event from both indexes; returns it, or null when it was not kept. */
    private EventRecord remove(Id id) {
        EventRecord gone = all.remove(id);
        if (gone == null) {
            return null;
        }
        bytes -= cost(gone);
        LinkedHashSet<Id> of = byObject.get(id.involved());
        of.remove(id);
        if (of.isEmpty()) {
            byObject.remove(id.involved());
            keys.remove(id.involved());
        }
        return gone;
    }

    /** Events about one object, least recently seen first. */
    synchronized List<EventRecord> of(ObjectKey involved) {
        List<EventRecord> out = new ArrayList<>();
        byObject.getOrDefault(involved, new LinkedHashSet<>()).forEach(id -> out.add(all.get(id)));
        return out;
    }

    /** Every event, least recently seen first. */
    synchronized List<EventRecord> all() {
        return new ArrayList<>(all.values());
    }

    /** The bytes held, as counted against the bound. */
    synchronized long bytes() {
        return bytes;
    }

    /**
     * An estimate of what one event holds on its own: its message and annotations (two bytes a
     * character, which errs towards keeping less) and a fixed overhead; shared strings are counted
     * with every event that uses them, for the same reason.
     */
    static long cost(EventRecord e) {
        long n = EVENT_OVERHEAD + chars(e.message());
        for (Map.Entry<String, String> a : e.annotations().entrySet()) {
            n += 32 + chars(a.getKey()) + chars(a.getValue());
        }
        return n;
    }

    private static long chars(String s) {
        return s == null ? 0 : 40 + 2L * s.length();
    }

    /**
     * One instance of a short string that repeats across events. The table is cleared when it reaches
     * 10,000 entries (revisions keep coming), which only stops sharing with events recorded before.
     */
    private String share(String s) {
        if (s == null || s.length() > 256) {
            return s;
        }
        if (strings.size() >= 10_000) {
            strings.clear();
        }
        return strings.computeIfAbsent(s, x -> x);
    }
}
