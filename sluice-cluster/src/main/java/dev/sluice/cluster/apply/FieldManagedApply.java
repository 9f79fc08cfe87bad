package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.apply.ManagedFieldsEntry.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side apply and field ownership, as the Kubernetes API server does it (structured merge
 * diff), as pure functions: objects and a time in, objects out. Ownership lives in
 * {@code metadata.managedFields} in the API server's own format.
 *
 * <ul>
 *   <li>{@link #apply}: merges the applied fields into the live object (associative lists by key),
 *       removes fields the manager applied before and no longer applies unless some manager still
 *       owns them (or something below them), reports conflicts with fields other managers own with
 *       another value, or takes them over with {@code force}.</li>
 *   <li>{@link #update}: records an Update operation (a create or a replace by a controller): the
 *       writer takes every field it changed away from other managers, as on a real API server.</li>
 * </ul>
 *
 * Thread-safe (stateless apart from the immutable merge-key table).
 */
public final class FieldManagedApply {

    private final MergeKeyTable table;

    public FieldManagedApply(MergeKeyTable table) {
        this.table = table;
    }

    /**
     * Applies {@code desired} as {@code manager}.
     *
     * @param live    the stored object, or empty to create
     * @param desired the fields the manager wants to own (status, nulls and server-owned metadata
     *                such as uid and resourceVersion are ignored)
     * @return the merged object, whether anything changed, and the conflicts (only without force;
     *         then the object is the live one)
     */
    public ApplyOutcome apply(Optional<KubeObject> live, KubeObject desired, String manager, boolean force,
                              Instant now) {
        Schema schema = new Schema(desired.groupKind(), table);
        ObjectNode config = (ObjectNode) Trees.withoutNulls(desired.at(""));
        config.remove("status");
        if (config.get("metadata") instanceof ObjectNode meta) {
            for (String f : Members.SYSTEM_METADATA) {
                if (!f.equals("name") && !f.equals("namespace")) {
                    meta.remove(f);
                }
            }
        }
        // The live tree is only read; merge copies what it keeps.
        JsonNode liveNode = live.map(l -> l.at("")).orElseGet(() -> skeleton(desired));
        List<ManagedFieldsEntry> before = read(liveNode);
        ObjectNode merged = (ObjectNode) Trees.merge(liveNode, config, List.of(), schema);
        stripManagedFields(merged);

        FieldSet applied = Members.of(config, schema, Subresource.MAIN).toFieldSet();
        FieldSet lastSet = find(before, manager, Operation.APPLY, Subresource.MAIN)
                .map(ManagedFieldsEntry::fields).orElse(FieldSet.empty());
        List<ManagedFieldsEntry> entries = replace(before, new ManagedFieldsEntry(manager, Operation.APPLY,
                desired.apiVersion(), now, Subresource.MAIN, applied));

        Set<ManagedPath> owned = ownedWithPrefixes(entries);
        Trees.removeAll(merged, lastSet.minus(applied).paths(), schema, owned::contains);

        Members.Diff diff = Members.diff(Members.of(liveNode, schema, Subresource.MAIN),
                Members.of(merged, schema, Subresource.MAIN));
        Set<ManagedPath> changed = diff.changed();
        List<FieldConflict> conflicts = new ArrayList<>();
        List<ManagedFieldsEntry> after = new ArrayList<>();
        for (ManagedFieldsEntry e : entries) {
            if (e.sameOwner(manager, Operation.APPLY, Subresource.MAIN)) {
                after.add(e);
                continue;
            }
            FieldSet taken = e.fields().intersect(changed);
            taken.paths().forEach(p -> conflicts.add(new FieldConflict(e.manager(), e.operation(), e.apiVersion(), p)));
            after.add(e.withFields(e.fields().minus(taken).minus(diff.removed())));
        }
        KubeObject liveObject = live.orElse(null);
        if (!conflicts.isEmpty() && !force) {
            conflicts.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
            return new ApplyOutcome(liveObject, false, conflicts);
        }
        after.removeIf(e -> e.fields().isEmpty());
        if (liveObject != null && Values.equalExceptManagedFields(liveNode, merged) && sameOwnership(before, after)) {
            return new ApplyOutcome(liveObject, false, List.of());
        }
        write(merged, after);
        return new ApplyOutcome(KubeObject.ofOwned(merged), true, List.of());
    }

    /**
     * Records an Update by {@code manager}: {@code updated} is the complete new object as the
     * writer left it; the fields it added or changed become the writer's, and are taken from any
     * other manager. An Update never conflicts.
     *
     * @param live empty for a create
     * @return {@code updated} with its managedFields set
     */
    public KubeObject update(Optional<KubeObject> live, KubeObject updated, String manager, Subresource scope,
                             Instant now) {
        return record(live, updated, manager, scope, now);
    }

    /**
     * A change made by the store itself (garbage collection, finalization): no manager takes
     * ownership, but managers lose the fields that changed under them.
     */
    public KubeObject untracked(KubeObject live, KubeObject updated) {
        return record(Optional.of(live), updated, null, Subresource.MAIN, null);
    }

    private KubeObject record(Optional<KubeObject> live, KubeObject updated, String manager, Subresource scope,
                              Instant now) {
        Schema schema = new Schema(updated.groupKind(), table);
        JsonNode liveNode = live.map(l -> l.at("")).orElseGet(() -> skeleton(updated));
        List<ManagedFieldsEntry> before = read(liveNode);
        ObjectNode next = updated.toNode();
        stripManagedFields(next);
        Members.Diff diff = Members.diff(Members.of(liveNode, schema, scope), Members.of(next, schema, scope));
        Set<ManagedPath> touched = diff.changed();
        touched.addAll(diff.removed());
        List<ManagedFieldsEntry> after = new ArrayList<>();
        boolean mineSeen = false;
        for (ManagedFieldsEntry e : before) {
            if (manager != null && e.sameOwner(manager, Operation.UPDATE, scope)) {
                mineSeen = true;
                FieldSet mine = e.fields().minus(diff.removed()).union(FieldSet.of(diff.changed()));
                after.add(diff.isEmpty() ? e : new ManagedFieldsEntry(manager, Operation.UPDATE, updated.apiVersion(),
                        now, scope, mine));
            } else {
                after.add(e.withFields(e.fields().minus(touched)));
            }
        }
        if (manager != null && !mineSeen) {
            after.add(new ManagedFieldsEntry(manager, Operation.UPDATE, updated.apiVersion(), now, scope,
                    FieldSet.of(diff.changed())));
        }
        after.removeIf(e -> e.fields().isEmpty());
        write(next, after);
        return KubeObject.ofOwned(next);
    }

    /** The managedFields of an object; unreadable entries are dropped (they own nothing). */
    public static List<ManagedFieldsEntry> managedFields(KubeObject object) {
        return read(object.at(""));
    }

    private static List<ManagedFieldsEntry> read(JsonNode node) {
        List<ManagedFieldsEntry> out = new ArrayList<>();
        for (JsonNode n : node.path("metadata").path("managedFields")) {
            try {
                ManagedFieldsEntry e = ManagedFieldsEntry.fromNode(n);
                if (!e.manager().isEmpty()) {
                    out.add(e);
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed entry owns nothing; the API server would have refused it on write.
            }
        }
        return out;
    }

    private static void write(ObjectNode node, List<ManagedFieldsEntry> entries) {
        ObjectNode meta = node.withObject("metadata");
        if (entries.isEmpty()) {
            meta.remove("managedFields");
            return;
        }
        ArrayNode list = meta.putArray("managedFields");
        entries.forEach(e -> list.add(e.toNode()));
    }

    private static void stripManagedFields(ObjectNode node) {
        if (node.get("metadata") instanceof ObjectNode meta) {
            meta.remove("managedFields");
        }
    }

    private static ObjectNode skeleton(KubeObject o) {
        ObjectNode n = Json.object();
        n.put("apiVersion", o.apiVersion()).put("kind", o.kind());
        ObjectNode meta = n.putObject("metadata");
        meta.put("name", o.name());
        if (!o.namespace().isEmpty()) {
            meta.put("namespace", o.namespace());
        }
        return n;
    }

    private static Optional<ManagedFieldsEntry> find(List<ManagedFieldsEntry> entries, String manager, Operation op,
                                                     Subresource sub) {
        return entries.stream().filter(e -> e.sameOwner(manager, op, sub)).findFirst();
    }

    private static List<ManagedFieldsEntry> replace(List<ManagedFieldsEntry> entries, ManagedFieldsEntry entry) {
        List<ManagedFieldsEntry> out = new ArrayList<>();
        boolean replaced = false;
        for (ManagedFieldsEntry e : entries) {
            if (e.sameOwner(entry.manager(), entry.operation(), entry.subresource())) {
                out.add(entry);
                replaced = true;
            } else {
                out.add(e);
            }
        }
        if (!replaced) {
            out.add(entry);
        }
        return out;
    }

    private static Set<ManagedPath> ownedWithPrefixes(List<ManagedFieldsEntry> entries) {
        FieldSet all = FieldSet.empty();
        for (ManagedFieldsEntry e : entries) {
            all = all.union(e.fields());
        }
        return all.withPrefixes();
    }

    /** Same managers with the same fields; times and versions do not count as a change. */
    private static boolean sameOwnership(List<ManagedFieldsEntry> a, List<ManagedFieldsEntry> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            ManagedFieldsEntry x = a.get(i);
            ManagedFieldsEntry y = b.get(i);
            if (!x.sameOwner(y.manager(), y.operation(), y.subresource()) || !x.fields().equals(y.fields())) {
                return false;
            }
        }
        return true;
    }
}
