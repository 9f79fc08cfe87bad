package dev.sluice.cluster.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The changes of one API call (which may cascade to many objects), buffered over {@link State} so
 * that a call failing half-way leaves the state untouched. Each stored or removed object gets the
 * next resourceVersion. Used under the write lock only.
 */
final class Transaction {

    private final State state;
    private final Map<ObjectKey, Optional<Stored>> overlay = new LinkedHashMap<>();
    private final Map<String, ObjectKey> overlayUids = new HashMap<>();
    private final Map<String, Set<ObjectKey>> overlayDependents = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final Set<String> namespacesToCheck = new LinkedHashSet<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private long rv;

    Transaction(State state) {
        this.state = state;
        this.rv = state.resourceVersion();
    }

    Optional<KubeObject> get(ObjectKey key) {
        Optional<Stored> o = overlay.get(key);
        return o != null ? o.map(Stored::object) : Optional.ofNullable(state.get(key));
    }

    Optional<KubeObject> byUid(String uid) {
        ObjectKey key = overlayUids.get(uid);
        if (key == null) {
            key = state.keyOfUid(uid);
        }
        return key == null ? Optional.empty() : get(key).filter(o -> o.uid().equals(uid));
    }

    /** Present objects whose ownerReferences name {@code ownerUid}, in key order. */
    List<KubeObject> dependentsOf(String ownerUid) {
        Set<ObjectKey> keys = new LinkedHashSet<>(state.dependentsOf(ownerUid));
        keys.addAll(overlayDependents.getOrDefault(ownerUid, Set.of()));
        return present(keys, o -> o.ownerReferences().stream().anyMatch(r -> r.uid().equals(ownerUid)));
    }

    List<KubeObject> inNamespace(String namespace) {
        return present(withOverlay(state.inNamespace(namespace)), o -> o.namespace().equals(namespace));
    }

    List<KubeObject> ofKind(GroupKind kind) {
        return present(withOverlay(state.ofKind(kind)), o -> o.groupKind().equals(kind));
    }

    /** Whether any object is present in {@code namespace}; stops at the first one. */
    boolean anyInNamespace(String namespace) {
        for (ObjectKey k : withOverlay(state.inNamespace(namespace))) {
            if (k.namespace().equals(namespace) && get(k).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Asks for a check, at the end of the call, whether a terminating namespace is now empty. */
    void checkNamespaceLater(String namespace) {
        namespacesToCheck.add(namespace);
    }

    java.util.Deque<String> drainNamespaceChecks() {
        java.util.Deque<String> out = new java.util.ArrayDeque<>(namespacesToCheck);
        namespacesToCheck.clear();
        return out;
    }

    private Set<ObjectKey> withOverlay(Collection<ObjectKey> indexed) {
        Set<ObjectKey> keys = new LinkedHashSet<>(indexed);
        keys.addAll(overlay.keySet());
        return keys;
    }

    private List<KubeObject> present(Set<ObjectKey> keys, Predicate<KubeObject> matches) {
        List<KubeObject> out = new ArrayList<>();
        for (ObjectKey k : keys) {
            get(k).filter(matches).ifPresent(out::add);
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    /** Stores {@code object} at the next resourceVersion; returns it as stored. */
    KubeObject put(KubeObject object, boolean added) {
        long next = ++rv;
        KubeObject stamped = object.withMetadata("resourceVersion", Long.toString(next));
        Stored stored = Stored.of(stamped, next);
        overlay.put(stamped.key(), Optional.of(stored));
        if (!stamped.uid().isEmpty()) {
            overlayUids.put(stamped.uid(), stamped.key());
        }
        stamped.ownerReferences().forEach(r ->
                overlayDependents.computeIfAbsent(r.uid(), u -> new HashSet<>()).add(stamped.key()));
        changes.add(new Change.Put(stored, added));
        return stamped;
    }

    /** Removes an object at the next resourceVersion; returns its final state. */
    KubeObject remove(KubeObject last) {
        long next = ++rv;
        KubeObject stamped = last.withMetadata("resourceVersion", Long.toString(next));
        overlay.put(stamped.key(), Optional.empty());
        changes.add(new Change.Removed(next, stamped));
        return stamped;
    }

    void event(EventRecord event) {
        changes.add(new Change.Event(event));
    }

    List<Change> changes() {
        return changes;
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Runs {@code action} once the transaction is committed (never if it fails). */
    void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Makes the buffered changes the writers' state. */
    void commitTo(State target) {
        overlay.forEach((key, o) -> {
            if (o.isPresent()) {
                target.put(o.get());
            } else {
                target.remove(key);
            }
        });
        target.advanceTo(rv);
        afterCommit.forEach(Runnable::run);
    }
}
