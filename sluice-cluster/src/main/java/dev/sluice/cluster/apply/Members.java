package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The managed members of an object: its leaves (scalars, atomic lists, empty maps and lists) with
 * their values, and the items of associative and set lists. Maps are walked as structs, so they are
 * owned through their fields, not as nodes of their own.
 */
record Members(Map<ManagedPath, JsonNode> leaves, Set<ManagedPath> items) {

    /** Fields the API server owns: never part of a manager's set. */
    static final Set<String> SYSTEM_METADATA = Set.of("name", "namespace", "uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink",
            "generateName");

    static Members of(JsonNode object, Schema schema, Subresource scope) {
        Members m = new Members(new HashMap<>(), new HashSet<>());
        object.properties().forEach(e -> {
            String top = e.getKey();
            boolean inScope = scope == Subresource.STATUS
                    ? top.equals("status")
                    : !(top.equals("status") || top.equals("apiVersion") || top.equals("kind"));
            if (!inScope) {
                return;
            }
            ManagedPath path = ManagedPath.root().field(top);
            List<String> names = List.of(top);
            if (top.equals("metadata") && e.getValue() instanceof ObjectNode meta) {
                meta.properties().forEach(me -> {
                    if (!SYSTEM_METADATA.contains(me.getKey())) {
                        m.walk(me.getValue(), path.field(me.getKey()), List.of(top, me.getKey()), schema);
                    }
                });
            } else {
                m.walk(e.getValue(), path, names, schema);
            }
        });
        return m;
    }

    private void walk(JsonNode v, ManagedPath path, List<String> names, Schema schema) {
        if (v instanceof ObjectNode o && !o.isEmpty()) {
            o.properties().forEach(e -> walk(e.getValue(), path.field(e.getKey()), Schema.plus(names, e.getKey()), schema));
        } else if (v instanceof ArrayNode a) {
            Optional<List<String>> steps = schema.itemSteps(names, a);
            if (steps.isEmpty()) {
                leaves.put(path, v);
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                ManagedPath item = path.child(steps.get().get(i));
                JsonNode value = a.get(i);
                if (value instanceof ObjectNode itemObject) {
                    items.add(item);
                    itemObject.properties().forEach(e ->
                            walk(e.getValue(), item.field(e.getKey()), Schema.plus(names, e.getKey()), schema));
                } else {
                    leaves.put(item, value);
                }
            }
        } else {
            leaves.put(path, v);
        }
    }

    /** All member paths (leaves and items) as a field set. */
    FieldSet toFieldSet() {
        Set<ManagedPath> all = new HashSet<>(leaves.keySet());
        all.addAll(items);
        return FieldSet.of(all);
    }

    boolean has(ManagedPath p) {
        return leaves.containsKey(p) || items.contains(p);
    }

    /** What changed from {@code before} to {@code after}: added, removed and modified members. */
    static Diff diff(Members before, Members after) {
        Set<ManagedPath> added = new HashSet<>();
        Set<ManagedPath> modified = new HashSet<>();
        Set<ManagedPath> removed = new HashSet<>();
        after.leaves.forEach((p, v) -> {
            if (before.leaves.containsKey(p)) {
                if (!Values.equal(before.leaves.get(p), v)) {
                    modified.add(p);
                }
            } else if (before.items.contains(p)) {
                modified.add(p);
            } else {
                added.add(p);
            }
        });
        for (ManagedPath p : after.items) {
            if (before.leaves.containsKey(p)) {
                modified.add(p);
            } else if (!before.items.contains(p)) {
                added.add(p);
            }
        }
        for (ManagedPath p : before.leaves.keySet()) {
            if (!after.has(p)) {
                removed.add(p);
            }
        }
        for (ManagedPath p : before.items) {
            if (!after.has(p)) {
                removed.add(p);
            }
        }
        return new Diff(added, modified, removed);
    }

    record Diff(Set<ManagedPath> added, Set<ManagedPath> modified, Set<ManagedPath> removed) {

        Set<ManagedPath> changed() {
            Set<ManagedPath> out = new HashSet<>(added);
            out.addAll(modified);
            return out;
        }

        boolean isEmpty() {
            return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
        }
    }
}
