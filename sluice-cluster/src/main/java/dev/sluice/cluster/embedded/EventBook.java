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
 * {@code perObject} per object and {@code total} overall; the least recently seen go first.
 * Thread-safe.
 */
final class EventBook {

    private record Id(ObjectKey involved, String type, String reason, String message) {
    }

    private final int perObject;
    private final int total;
    private final LinkedHashMap<Id, EventRecord> all = new LinkedHashMap<>();
    private final Map<ObjectKey, LinkedHashSet<Id>> byObject = new HashMap<>();

    EventBook(int perObject, int total) {
        this.perObject = perObject;
        this.total = total;
    }

    synchronized void record(EventRecord e) {
        Id id = new Id(e.involved(), e.type(), e.reason(), e.message());
        EventRecord old = all.remove(id);
        EventRecord merged = old == null ? e : new EventRecord(e.involved(), e.type(), e.reason(), e.message(),
                e.reportingController(), e.annotations(), old.count() + e.count(), old.firstTimestamp(),
                e.lastTimestamp());
        all.put(id, merged);
        LinkedHashSet<Id> ids = byObject.computeIfAbsent(e.involved(), k -> new LinkedHashSet<>());
        ids.remove(id);
        ids.add(id);
        while (ids.size() > perObject) {
            Id oldest = ids.iterator().next();
            ids.remove(oldest);
            all.remove(oldest);
        }
        while (all.size() > total) {
            Id oldest = all.keySet().iterator().next();
            all.remove(oldest);
            LinkedHashSet<Id> of = byObject.get(oldest.involved());
            of.remove(oldest);
            if (of.isEmpty()) {
                byObject.remove(oldest.involved());
            }
        }
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
}
