package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.api.GroupKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The merge view of one kind: how each list of it is identified item by item. A list whose items
 * cannot be identified (missing or duplicate keys, objects in a set list) is treated as atomic, so
 * that odd data degrades to replace-wholesale instead of failing.
 */
final class Schema {

    private final GroupKind kind;
    private final MergeKeyTable table;

    Schema(GroupKind kind, MergeKeyTable table) {
        this.kind = kind;
        this.table = table;
    }

    ListType listType(List<String> names) {
        return table.listType(kind, names);
    }

    /**
     * The path step of every item, in order, or empty when the list is atomic here (by type, or
     * because its items cannot be identified).
     */
    Optional<List<String>> itemSteps(List<String> names, ArrayNode list) {
        ListType type = listType(names);
        if (type instanceof ListType.Atomic || list.isEmpty()) {
            return Optional.empty();
        }
        List<String> steps = new ArrayList<>(list.size());
        Set<String> seen = new HashSet<>();
        for (JsonNode item : list) {
            Optional<String> step = itemStep(type, item);
            if (step.isEmpty() || !seen.add(step.get())) {
                return Optional.empty();
            }
            steps.add(step.get());
        }
        return Optional.of(steps);
    }

    private static Optional<String> itemStep(ListType type, JsonNode item) {
        if (type instanceof ListType.Set) {
            return item.isValueNode() ? Optional.of(ManagedPath.valueElement(item)) : Optional.empty();
        }
        ListType.Map map = (ListType.Map) type;
        if (!item.isObject()) {
            return Optional.empty();
        }
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        for (String k : map.keys()) {
            JsonNode v = item.get(k);
            if (v == null || v.isNull()) {
                v = map.defaults().get(k);
            }
            if (v == null || !v.isValueNode()) {
                return Optional.empty();
            }
            keys.put(k, v);
        }
        return Optional.of(ManagedPath.keyElement(keys));
    }

    /** The key fields of items of the list at {@code names} (empty for non-associative lists). */
    List<String> keyFields(List<String> names) {
        return listType(names) instanceof ListType.Map m ? m.keys() : List.of();
    }

    static List<String> plus(List<String> names, String name) {
        List<String> out = new ArrayList<>(names.size() + 1);
        out.addAll(names);
        out.add(name);
        return out;
    }
}
