package dev.sluice.cluster.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The writers' view of the store: every object including writes not yet durable, with the indexes
 * the lifecycle rules need (by uid, by owner uid, by namespace). Only touched under the
 * store's write lock (or before the store is opened); not thread-safe on its own.
 */
final class State {

    private final Map<ObjectKey, Stored> objects = new HashMap<>();
    private final Map<String, ObjectKey> byUid = new HashMap<>();
    private final Map<String, Set<ObjectKey>> dependents = new HashMap<>();
    private final Map<String, Set<ObjectKey>> byNamespace = new HashMap<>();
    private long resourceVersion;

    KubeObject get(ObjectKey key) {
        Stored s = objects.get(key);
        return s == null ? null : s.object();
    }

    int size() {
        return objects.size();
    }

    Collection<Stored> all() {
        return objects.values();
    }

    long resourceVersion() {
        return resourceVersion;
    }

    /** Forgets everything (before reloading what is on disk). */
    void clear() {
        objects.clear();
        byUid.clear();
        dependents.clear();
        byNamespace.clear();
        resourceVersion = 0;
    }

    void advanceTo(long rv) {
        resourceVersion = Math.max(resourceVersion, rv);
    }

    ObjectKey keyOfUid(String uid) {
        return byUid.get(uid);
    }

    /** The uids named in any object's ownerReferences. */
    Set<String> ownerUids() {
        return dependents.keySet();
    }

    Set<ObjectKey> dependentsOf(String ownerUid) {
        return dependents.getOrDefault(ownerUid, Set.of());
    }

    Set<ObjectKey> inNamespace(String namespace) {
        return byNamespace.getOrDefault(namespace, Set.of());
    }

    /** Every key of a kind; a scan, as only a deleted CustomResourceDefinition asks. */
    Set<ObjectKey> ofKind(GroupKind kind) {
        Set<ObjectKey> out = new HashSet<>();
        for (ObjectKey k : objects.keySet()) {
            if (k.groupKind().equals(kind)) {
                out.add(k);
            }
        }
        return out;
    }

    void put(Stored s) {
        Stored old = objects.put(s.key(), s);
        if (old != null) {
            unindex(old);
        }
        index(s);
    }

    void remove(ObjectKey key) {
        Stored old = objects.remove(key);
        if (old != null) {
            unindex(old);
        }
    }

    private void index(Stored s) {
        ObjectKey key = s.key();
        if (!s.uid().isEmpty()) {
            byUid.put(s.uid(), key);
        }
        for (String owner : s.ownerUids()) {
            dependents.computeIfAbsent(owner, u -> new HashSet<>()).add(key);
        }
        if (!key.namespace().isEmpty()) {
            byNamespace.computeIfAbsent(key.namespace(), n -> new HashSet<>()).add(key);
        }
    }

    private void unindex(Stored s) {
        ObjectKey key = s.key();
        if (!s.uid().isEmpty()) {
            byUid.remove(s.uid(), key);
        }
        for (String owner : s.ownerUids()) {
            removeFrom(dependents, owner, key);
        }
        removeFrom(byNamespace, key.namespace(), key);
    }

    private static <K> void removeFrom(Map<K, Set<ObjectKey>> index, K k, ObjectKey key) {
        Set<ObjectKey> s = index.get(k);
        if (s != null) {
            s.remove(key);
            if (s.isEmpty()) {
                index.remove(k);
            }
        }
    }
}
