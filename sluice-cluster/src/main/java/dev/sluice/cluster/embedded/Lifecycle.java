package dev.sluice.cluster.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.OwnerReference;
import dev.sluice.api.ResourceType;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions.Propagation;
import dev.sluice.cluster.apply.FieldManagedApply;
import dev.sluice.cluster.apply.Rfc3339;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Deletion as the API server and its garbage collector do it, done synchronously within the
 * deleting call: finalizers hold an object (with a deletionTimestamp) until the last one is
 * removed; removing an object collects its dependents (those left with no existing owner are
 * deleted, others lose the dangling reference); foreground deletion keeps the owner, with the
 * {@code foregroundDeletion} finalizer, until its blocking dependents are gone; a terminating
 * namespace deletes its contents and goes when it is empty; a removed CustomResourceDefinition
 * deletes its instances.
 */
final class Lifecycle {

    static final String FOREGROUND = "foregroundDeletion";

    private final Clock clock;
    private final FieldManagedApply ssa;
    private final Kinds kinds;

    Lifecycle(Clock clock, FieldManagedApply ssa, Kinds kinds) {
        this.clock = clock;
        this.ssa = ssa;
        this.kinds = kinds;
    }

    /**
     * Starts deleting {@code o}.
     *
     * @return its state afterwards, or empty when it is gone
     */
    Optional<KubeObject> delete(Transaction tx, KubeObject o, Propagation propagation) {
        if (o.isDeleting()) {
            return Optional.of(o);
        }
        if (propagation == Propagation.ORPHAN) {
            for (KubeObject d : tx.dependentsOf(o.uid())) {
                store(tx, ssa.untracked(d, withoutOwners(d, List.of(o.uid()))), false);
            }
        }
        if (o.key().groupKind().equals(Kinds.NAMESPACE)) {
            return terminateNamespace(tx, o);
        }
        if (propagation == Propagation.FOREGROUND) {
            KubeObject marked = tx.put(markDeleting(o, true), false);
            for (KubeObject d : tx.dependentsOf(o.uid())) {
                boolean blocking = d.ownerReferences().stream()
                        .anyMatch(r -> r.uid().equals(o.uid()) && r.blockOwnerDeletion());
                tx.get(d.key()).ifPresent(cur -> delete(tx, cur, blocking ? Propagation.FOREGROUND : Propagation.BACKGROUND));
            }
            return checkForeground(tx, marked.key());
        }
        if (!o.finalizers().isEmpty()) {
            return Optional.of(tx.put(markDeleting(o, false), false));
        }
        remove(tx, o);
        return Optional.empty();
    }

    /**
     * Stores a written object, or removes it when it is being deleted and its last finalizer is
     * gone (a namespace also waits until it is empty).
     *
     * @return the object as stored, or its final state when removed
     */
    KubeObject store(Transaction tx, KubeObject o, boolean added) {
        if (o.isDeleting() && o.finalizers().isEmpty()) {
            if (o.key().groupKind().equals(Kinds.NAMESPACE)) {
                tx.checkNamespaceLater(o.name());
                return tx.put(o, added);
            }
            return remove(tx, o);
        }
        return tx.put(o, added);
    }

    /** Removes an object now and carries out what follows from it. */
    KubeObject remove(Transaction tx, KubeObject o) {
        if (tx.get(o.key()).isEmpty()) {
            return o;
        }
        KubeObject last = tx.remove(o);
        for (KubeObject d : tx.dependentsOf(o.uid())) {
            collect(tx, d.key(), o.uid());
        }
        for (OwnerReference ref : o.ownerReferences()) {
            tx.byUid(ref.uid()).filter(owner -> owner.finalizers().contains(FOREGROUND))
                    .ifPresent(owner -> checkForeground(tx, owner.key()));
        }
        if (!o.namespace().isEmpty()) {
            tx.checkNamespaceLater(o.namespace());
        }
        if (o.key().groupKind().equals(Kinds.CRD)) {
            try {
                ResourceType type = kinds.fromCrd(o);
                for (KubeObject instance : tx.ofKind(type.groupKind())) {
                    tx.get(instance.key()).ifPresent(cur -> delete(tx, cur, Propagation.BACKGROUND));
                }
            } catch (ClusterException invalidCrd) {
                // A CRD that never defined a kind has no instances to delete.
            }
        }
        return last;
    }

    /** Finishes terminating namespaces that a change in this transaction may have emptied. */
    void settle(Transaction tx) {
        Deque<String> pending = new ArrayDeque<>();
        while (!(pending = tx.drainNamespaceChecks()).isEmpty()) {
            for (String ns : pending) {
                tx.get(new ObjectKey(Kinds.NAMESPACE, "", ns))
                        .filter(n -> n.isDeleting() && n.finalizers().isEmpty() && !tx.anyInNamespace(ns))
                        .ifPresent(n -> remove(tx, n));
            }
        }
    }

    /**
     * Finishes what a crash may have cut short (a cascade is logged object by object): collects
     * dependents of owners that are gone, releases foreground owners whose blocking dependents are
     * gone, removes terminating namespaces that are empty. Run once when the store opens.
     */
    void sweep(Transaction tx, Collection<String> ownerUids, Collection<Stored> all) {
        for (String uid : List.copyOf(ownerUids)) {
            if (tx.byUid(uid).isEmpty()) {
                for (KubeObject d : tx.dependentsOf(uid)) {
                    collect(tx, d.key(), uid);
                }
            }
        }
        // Only objects being deleted can be waiting: their records say so without parsing them.
        for (Stored s : List.copyOf(all)) {
            if (s.waitsForDependents()) {
                checkForeground(tx, s.key());
            } else if (s.deleting() && s.key().groupKind().equals(Kinds.NAMESPACE)) {
                tx.checkNamespaceLater(s.key().name());
            }
        }
        settle(tx);
    }

    private Optional<KubeObject> terminateNamespace(Transaction tx, KubeObject ns) {
        KubeObject marked = tx.put(markDeleting(ns, false).edit(n -> n.withObject("status").put("phase", "Terminating")), false);
        for (KubeObject o : tx.inNamespace(ns.name())) {
            tx.get(o.key()).ifPresent(cur -> delete(tx, cur, Propagation.BACKGROUND));
        }
        tx.checkNamespaceLater(ns.name());
        settle(tx);
        return tx.get(marked.key());
    }

    private void collect(Transaction tx, ObjectKey key, String goneUid) {
        Optional<KubeObject> found = tx.get(key);
        if (found.isEmpty()) {
            return;
        }
        KubeObject d = found.get();
        List<String> dangling = d.ownerReferences().stream().map(OwnerReference::uid)
                .filter(uid -> uid.equals(goneUid) || tx.byUid(uid).isEmpty()).toList();
        if (dangling.size() == d.ownerReferences().size()) {
            delete(tx, d, Propagation.BACKGROUND);
        } else {
            store(tx, ssa.untracked(d, withoutOwners(d, dangling)), false);
        }
    }

    private Optional<KubeObject> checkForeground(Transaction tx, ObjectKey ownerKey) {
        Optional<KubeObject> found = tx.get(ownerKey);
        if (found.isEmpty() || !found.get().finalizers().contains(FOREGROUND)) {
            return found;
        }
        KubeObject owner = found.get();
        boolean blocked = tx.dependentsOf(owner.uid()).stream().anyMatch(d -> d.ownerReferences().stream()
                .anyMatch(r -> r.uid().equals(owner.uid()) && r.blockOwnerDeletion()));
        if (blocked) {
            return found;
        }
        KubeObject released = owner.edit(n -> removeFinalizer(n, FOREGROUND));
        KubeObject after = store(tx, ssa.untracked(owner, released), false);
        return tx.get(after.key());
    }

    private KubeObject markDeleting(KubeObject o, boolean foreground) {
        return o.edit(n -> {
            ObjectNode meta = n.withObject("metadata");
            meta.put("deletionTimestamp", Rfc3339.format(clock.instant()));
            meta.put("deletionGracePeriodSeconds", 0);
            if (o.generation() > 0) {
                // The API server bumps generation when deletion starts, so controllers notice.
                meta.put("generation", nextGeneration(o));
            }
            if (foreground && !o.finalizers().contains(FOREGROUND)) {
                KubeObject.arrayOf(meta, "finalizers").add(FOREGROUND);
            }
        });
    }

    /** The next generation, as an int so that it reads back the same from JSON. */
    static int nextGeneration(KubeObject o) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, o.generation()) + 1);
    }

    private static KubeObject withoutOwners(KubeObject o, List<String> uids) {
        return o.edit(n -> {
            ObjectNode meta = n.withObject("metadata");
            ArrayNode refs = meta.withArray("ownerReferences");
            for (int i = refs.size() - 1; i >= 0; i--) {
                if (uids.contains(refs.get(i).path("uid").asText())) {
                    refs.remove(i);
                }
            }
            if (refs.isEmpty()) {
                meta.remove("ownerReferences");
            }
        });
    }

    private static void removeFinalizer(ObjectNode n, String finalizer) {
        ObjectNode meta = n.withObject("metadata");
        ArrayNode fs = meta.withArray("finalizers");
        for (int i = fs.size() - 1; i >= 0; i--) {
            if (fs.get(i).asText().equals(finalizer)) {
                fs.remove(i);
            }
        }
        if (fs.isEmpty()) {
            meta.remove("finalizers");
        }
    }
}
