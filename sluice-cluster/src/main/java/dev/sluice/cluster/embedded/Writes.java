package dev.sluice.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.FieldPath;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.apply.ApplyOutcome;
import dev.sluice.cluster.apply.FieldManagedApply;
import dev.sluice.cluster.apply.Subresource;
import dev.sluice.cluster.apply.Values;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The write operations of the API, on a {@link Transaction}: optimistic locking, generation,
 * the status subresource, field managers, admission (names, namespaces) and defaults. Called under
 * the store's write lock.
 */
final class Writes {

    private static final java.util.Set<String> NOT_SPEC = java.util.Set.of("apiVersion", "kind", "metadata", "status");

    private final Clock clock;
    private final Identities ids;
    private final Kinds kinds;
    private final FieldManagedApply ssa;
    private final Lifecycle lifecycle;
    private final Admission admission;

    Writes(Clock clock, Identities ids, Kinds kinds, FieldManagedApply ssa, Lifecycle lifecycle) {
        this.clock = clock;
        this.ids = ids;
        this.kinds = kinds;
        this.ssa = ssa;
        this.lifecycle = lifecycle;
        this.admission = new Admission();
    }

    KubeObject create(Transaction tx, KubeObject object, String manager) {
        KubeObject o = kinds.normalize(object);
        if (!o.resourceVersion().isEmpty()) {
            throw Kinds.invalid(o.key(), FieldPath.of("metadata.resourceVersion"),
                    "must not be set on create, got '" + o.resourceVersion() + "'");
        }
        admission.admit(tx, o, true);
        if (tx.get(o.key()).isPresent()) {
            throw new ClusterException(ClusterException.Reason.ALREADY_EXISTS, o.key(), o.key() + " already exists");
        }
        KubeObject filled = initialize(o, true);
        KubeObject tracked = ssa.update(Optional.empty(), filled, manager, Subresource.MAIN, now());
        return finish(tx, lifecycle.store(tx, tracked, true));
    }

    KubeObject update(Transaction tx, KubeObject object, String manager) {
        KubeObject o = kinds.normalize(object);
        KubeObject current = existing(tx, o.key(), o.resourceVersion(), o.uid());
        admission.admit(tx, o, false);
        KubeObject next = o.edit(n -> {
            carrySystemMetadata(current, n);
            n.remove("status");
            if (!current.status().isMissingNode()) {
                n.set("status", current.status().deepCopy());
            }
        });
        return write(tx, current, next, manager, Subresource.MAIN);
    }

    KubeObject updateStatus(Transaction tx, KubeObject object, String manager) {
        KubeObject o = kinds.normalize(object);
        KubeObject current = existing(tx, o.key(), o.resourceVersion(), o.uid());
        KubeObject next = current.edit(n -> {
            n.remove("status");
            if (!o.status().isMissingNode()) {
                n.set("status", o.status().deepCopy());
            }
        });
        return write(tx, current, next, manager, Subresource.STATUS);
    }

    ApplyResult apply(Transaction tx, KubeObject desired, ApplyOptions options) {
        if (options.fieldManager() == null || options.fieldManager().isBlank()) {
            throw Kinds.invalid(desired.key(), FieldPath.of("fieldManager"),
                    "required for server-side apply (who owns the applied fields), got nothing");
        }
        KubeObject d = kinds.normalize(desired);
        Optional<KubeObject> current = tx.get(d.key());
        if (!d.resourceVersion().isEmpty()) {
            existing(tx, d.key(), d.resourceVersion(), "");
        }
        admission.admit(tx, d, current.isEmpty());
        if (d.key().groupKind().equals(Kinds.CRD)) {
            kinds.fromCrd(d);
        }
        ApplyOutcome out = ssa.apply(current, d, options.fieldManager(), options.force(), now());
        if (out.hasConflicts()) {
            throw new ClusterException(ClusterException.Reason.CONFLICT, d.key(), out.conflictMessage());
        }
        if (!out.changed()) {
            return new ApplyResult(current.orElseThrow(), ApplyResult.Action.UNCHANGED);
        }
        if (current.isEmpty()) {
            KubeObject stored = finish(tx, lifecycle.store(tx, initialize(out.object(), false), true));
            return new ApplyResult(stored, ApplyResult.Action.CREATED);
        }
        KubeObject next = prepare(current.get(), out.object());
        return new ApplyResult(finish(tx, lifecycle.store(tx, next, false)), ApplyResult.Action.CONFIGURED);
    }

    void delete(Transaction tx, ObjectKey key, DeleteOptions options) {
        KubeObject current = existing(tx, kinds.normalize(key), options.preconditionResourceVersion(), "");
        lifecycle.delete(tx, current, options.propagation());
        lifecycle.settle(tx);
    }

    void event(Transaction tx, EventRecord e) {
        Instant at = now();
        tx.event(new EventRecord(kinds.normalize(e.involved()), e.type(), e.reason(), e.message(),
                e.reportingController(), e.annotations(), Math.max(1, e.count()), at, at));
    }

    private KubeObject write(Transaction tx, KubeObject current, KubeObject next, String manager, Subresource scope) {
        KubeObject tracked = ssa.update(Optional.of(current), prepare(current, next), manager, scope, now());
        if (Values.equal(tracked.at(""), current.at(""))) {
            return current;
        }
        return finish(tx, lifecycle.store(tx, tracked, false));
    }

    /** Generation, finalizer rules and kind-specific defaults for a changed object. */
    private KubeObject prepare(KubeObject current, KubeObject next) {
        if (current.isDeleting()) {
            List<String> added = new ArrayList<>(next.finalizers());
            added.removeAll(current.finalizers());
            if (!added.isEmpty()) {
                throw Kinds.invalid(current.key(), FieldPath.of("metadata.finalizers"),
                        "no new finalizers can be added while the object is being deleted, got " + added);
            }
        }
        KubeObject out = next;
        if (specChanged(current, next)) {
            out = out.edit(n -> n.withObject("metadata").put("generation", Lifecycle.nextGeneration(current)));
        }
        if (out.key().groupKind().equals(Kinds.CRD)) {
            out = Defaults.crdStatus(out, kinds.fromCrd(out), now());
        }
        return out;
    }

    private KubeObject finish(Transaction tx, KubeObject stored) {
        if (stored.key().groupKind().equals(Kinds.CRD) && tx.get(stored.key()).isPresent()) {
            tx.afterCommit(() -> kinds.register(kinds.fromCrd(stored)));
        }
        lifecycle.settle(tx);
        return stored;
    }

    private KubeObject initialize(KubeObject o, boolean dropStatus) {
        Instant now = now();
        KubeObject base = o.edit(n -> {
            if (dropStatus) {
                n.remove("status");
            }
            ObjectNode meta = n.withObject("metadata");
            for (String f : List.of("deletionTimestamp", "deletionGracePeriodSeconds", "selfLink")) {
                meta.remove(f);
            }
            meta.put("uid", ids.newUid());
            meta.put("creationTimestamp", dev.sluice.cluster.apply.Rfc3339.format(now));
            meta.put("generation", 1);
        });
        return Defaults.onCreate(base, kinds, now);
    }

    private KubeObject existing(Transaction tx, ObjectKey key, String expectedRv, String expectedUid) {
        KubeObject current = tx.get(key).orElseThrow(() -> ClusterException.notFound(key));
        if (!expectedRv.isEmpty() && !expectedRv.equals(current.resourceVersion())) {
            throw ClusterException.conflict(key, "the object has been modified (resourceVersion " + expectedRv
                    + ", stored " + current.resourceVersion() + "); read it again and retry");
        }
        if (!expectedUid.isEmpty() && !expectedUid.equals(current.uid())) {
            throw ClusterException.conflict(key, "uid " + expectedUid + " does not match the stored object's uid "
                    + current.uid() + " (it was deleted and created again)");
        }
        return current;
    }

    private static void carrySystemMetadata(KubeObject current, ObjectNode n) {
        ObjectNode meta = n.withObject("metadata");
        JsonNode cur = current.metadata();
        for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                "generation", "resourceVersion", "managedFields")) {
            meta.remove(f);
            if (cur.has(f)) {
                meta.set(f, cur.get(f).deepCopy());
            }
        }
    }

    /** Whether anything other than apiVersion, kind, metadata and status differs. */
    static boolean specChanged(KubeObject a, KubeObject b) {
        JsonNode x = a.at("");
        JsonNode y = b.at("");
        return !sameFields(x, y) || !sameFields(y, x);
    }

    /** Every field of {@code x} but the four skipped is equal in {@code y}. */
    private static boolean sameFields(JsonNode x, JsonNode y) {
        for (var it = x.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!NOT_SPEC.contains(e.getKey()) && !Values.equal(e.getValue(), y.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private Instant now() {
        return clock.instant();
    }
}
