package dev.sluice.cluster.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What readers see: only durable writes, published a batch at a time. {@code get} never waits;
 * {@code list} waits at most for an in-memory publish (never for the disk), so that a list never
 * shows half of a cascading change. Thread-safe.
 */
final class ReadView {

    private final Map<GroupKind, ConcurrentSkipListMap<String, Stored>> byKind = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final EventBook events;
    private volatile long resourceVersion;

    ReadView(EventBook events) {
        this.events = events;
    }

    Optional<KubeObject> get(ObjectKey key) {
        ConcurrentSkipListMap<String, Stored> m = byKind.get(key.groupKind());
        Stored s = m == null ? null : m.get(sortKey(key));
        return s == null ? Optional.empty() : Optional.of(s.object());
    }

    /** Objects of a kind, sorted by namespace and name. */
    List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        lock.readLock().lock();
        try {
            return select(kind, namespace, selector);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<KubeObject> select(GroupKind kind, String namespace, LabelSelector selector) {
        ConcurrentSkipListMap<String, Stored> m = byKind.get(kind);
        if (m == null) {
            return List.of();
        }
        NavigableMap<String, Stored> range = namespace.isEmpty() ? m
                : m.subMap(namespace + "\u0000", true, namespace + "\u0001", false);
        List<KubeObject> out = new ArrayList<>();
        for (Stored s : range.values()) {
            KubeObject o = s.object();
            if (selector.matches(o.labels())) {
                out.add(o);
            }
        }
        return out;
    }

    long resourceVersion() {
        return resourceVersion;
    }

    private void put(Stored s) {
        byKind.computeIfAbsent(s.key().groupKind(), k -> new ConcurrentSkipListMap<>()).put(sortKey(s.key()), s);
    }

    /**
     * Within one kind: namespace, NUL, name. NUL sorts before every character of a name, so the
     * order is by namespace then name, and a namespace is the range [ns NUL, ns \u0001).
     */
    private static String sortKey(ObjectKey key) {
        return key.namespace() + '\u0000' + key.name();
    }

    EventBook events() {
        return events;
    }

    /** Makes a batch visible; called by the single publisher (the watch hub, under its lock). */
    void apply(Collection<Change> changes, long rv) {
        lock.writeLock().lock();
        try {
            for (Change c : changes) {
                switch (c) {
                    case Change.Put p -> put(p.stored());
                    case Change.Removed r -> {
                        ConcurrentSkipListMap<String, Stored> m = byKind.get(r.key().groupKind());
                        if (m != null) {
                            m.remove(sortKey(r.key()));
                        }
                    }
                    case Change.Event e -> events.record(e.event());
                }
            }
            resourceVersion = Math.max(resourceVersion, rv);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Fills an empty view with a recovered state. */
    void load(Map<ObjectKey, Stored> objects, List<EventRecord> recovered, long rv) {
        lock.writeLock().lock();
        try {
            objects.values().forEach(this::put);
            recovered.forEach(events::record);
            resourceVersion = rv;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Every object and event at one resourceVersion, for a snapshot. */
    Captured capture() {
        lock.readLock().lock();
        try {
            List<Stored> objects = new ArrayList<>();
            byKind.values().forEach(m -> objects.addAll(m.values()));
            return new Captured(resourceVersion, objects, events.all());
        } finally {
            lock.readLock().unlock();
        }
    }

    record Captured(long resourceVersion, List<Stored> objects, List<EventRecord> events) {
    }
}
