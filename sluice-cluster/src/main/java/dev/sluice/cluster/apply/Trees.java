package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Merging and pruning of object trees along the schema; the tree surgery of server-side apply. */
final class Trees {

    private Trees() {
    }

    /** A copy of {@code node} without null fields: a null in an applied object means "not applied". */
    static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode out = Json.object();
            o.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    out.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = Json.nodes().arrayNode(a.size());
            a.forEach(v -> out.add(withoutNulls(v)));
            return out;
        }
        return node.deepCopy();
    }

    /**
     * {@code config} merged into {@code live}: maps field by field, associative and set lists item
     * by item (live order first, new items appended), everything else replaced by the config value.
     */
    static JsonNode merge(JsonNode live, JsonNode config, List<String> names, Schema schema) {
        if (live instanceof ObjectNode l && config instanceof ObjectNode c) {
            ObjectNode out = l.deepCopy();
            c.properties().forEach(e -> out.set(e.getKey(),
                    merge(l.get(e.getKey()), e.getValue(), Schema.plus(names, e.getKey()), schema)));
            return out;
        }
        if (live instanceof ArrayNode l && config instanceof ArrayNode c) {
            Optional<List<String>> ls = schema.itemSteps(names, l);
            Optional<List<String>> cs = schema.itemSteps(names, c);
            if (ls.isPresent() && cs.isPresent()) {
                Map<String, JsonNode> configItems = new HashMap<>();
                for (int i = 0; i < c.size(); i++) {
                    configItems.put(cs.get().get(i), c.get(i));
                }
                ArrayNode out = Json.nodes().arrayNode();
                for (int i = 0; i < l.size(); i++) {
                    JsonNode fromConfig = configItems.remove(ls.get().get(i));
                    out.add(fromConfig == null ? l.get(i).deepCopy() : merge(l.get(i), fromConfig, names, schema));
                }
                for (int i = 0; i < c.size(); i++) {
                    if (configItems.containsKey(cs.get().get(i))) {
                        out.add(c.get(i).deepCopy());
                    }
                }
                return out;
            }
        }
        return config.deepCopy();
    }

    /**
     * Removes the member at {@code path} from {@code root}, then every map or list the removal left
     * empty, unless {@code keep} says that container is owned in its own right. A missing path is a
     * no-op. Key fields of a list item are never removed on their own (the item would lose its
     * identity); the item goes as a whole or stays.
     */
    static void remove(ObjectNode root, ManagedPath path, Schema schema, Predicate<ManagedPath> keep) {
        List<JsonNode> chain = new ArrayList<>();
        List<String> names = new ArrayList<>();
        JsonNode node = root;
        chain.add(root);
        List<String> elements = path.elements();
        for (int i = 0; i < elements.size() - 1; i++) {
            node = step(node, elements.get(i), names, schema);
            if (node == null) {
                return;
            }
            chain.add(node);
        }
        String last = path.last();
        JsonNode parent = chain.get(chain.size() - 1);
        if (ManagedPath.isField(last) && isKeyOfItem(path, names, schema)) {
            return;
        }
        if (!detach(parent, last, names, schema)) {
            return;
        }
        // Walk back up, dropping containers this removal emptied.
        for (int i = chain.size() - 1; i >= 1; i--) {
            JsonNode container = chain.get(i);
            ManagedPath containerPath = path.prefix(i);
            if (!container.isEmpty() || keep.test(containerPath)) {
                return;
            }
            List<String> parentNames = namesOf(containerPath.parent());
            detach(chain.get(i - 1), containerPath.last(), parentNames, schema);
        }
    }

    private static boolean isKeyOfItem(ManagedPath path, List<String> names, Schema schema) {
        if (path.size() < 2 || !path.parent().last().startsWith("k:")) {
            return false;
        }
        return schema.keyFields(names).contains(ManagedPath.fieldName(path.last()));
    }

    /** The field names along a path (list steps skipped), the key for {@link MergeKeyTable}. */
    static List<String> namesOf(ManagedPath path) {
        List<String> names = new ArrayList<>();
        for (String e : path.elements()) {
            if (ManagedPath.isField(e)) {
                names.add(ManagedPath.fieldName(e));
            }
        }
        return names;
    }

    private static JsonNode step(JsonNode node, String element, List<String> names, Schema schema) {
        if (ManagedPath.isField(element)) {
            String name = ManagedPath.fieldName(element);
            names.add(name);
            return node instanceof ObjectNode o ? o.get(name) : null;
        }
        if (node instanceof ArrayNode a) {
            int i = indexOf(a, element, names, schema);
            return i < 0 ? null : a.get(i);
        }
        return null;
    }

    private static boolean detach(JsonNode parent, String element, List<String> names, Schema schema) {
        if (ManagedPath.isField(element)) {
            return parent instanceof ObjectNode o && o.remove(ManagedPath.fieldName(element)) != null;
        }
        if (parent instanceof ArrayNode a) {
            int i = indexOf(a, element, names, schema);
            if (i >= 0) {
                a.remove(i);
                return true;
            }
        }
        return false;
    }

    private static int indexOf(ArrayNode a, String element, List<String> names, Schema schema) {
        Optional<List<String>> steps = schema.itemSteps(names, a);
        return steps.map(s -> s.indexOf(element)).orElse(-1);
    }

    /** Removes every path of {@code paths} that {@code keep} does not protect. */
    static void removeAll(ObjectNode root, Set<ManagedPath> paths, Schema schema, Predicate<ManagedPath> keep) {
        for (ManagedPath p : paths) {
            if (!keep.test(p)) {
                remove(root, p, schema, keep);
            }
        }
    }
}
