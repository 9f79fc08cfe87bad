package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.schema.KubeSchema;
import dev.sluice.api.schema.ListStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strategic merge patch as kustomize (kyaml merge2) applies it: maps merge recursively, {@code
 * null} deletes, lists with a merge key merge element by element (new ones appended, {@code
 * $patch: delete} removes one), other lists are replaced; {@code $patch: replace|delete} on maps.
 * Like kustomize, {@code $setElementOrder} and {@code $retainKeys} are not interpreted (kept as
 * data). Elements the patch names come first, then the target's others (kustomize's "prepend").
 * Lists of custom kinds are replaced whole: kustomize infers no merge key for them. Known
 * divergence: kustomize drops a container or Service port patch element that sets {@code
 * protocol} (its two-key list handling); we merge it by port.
 */
final class StrategicMerge {

    private final KubeSchema schema;
    private final String group;
    private final String kind;

    private StrategicMerge(KubeSchema schema, ResId id) {
        this.schema = schema;
        this.group = id.group();
        this.kind = id.kind();
    }

    /** The patched object, or empty if the patch deletes it ({@code $patch: delete}). */
    static Optional<ObjectNode> apply(KubeSchema schema, ObjectNode target, ObjectNode patch) {
        StrategicMerge m = new StrategicMerge(schema, ResId.of(target));
        JsonNode r = m.mergeMap(target.deepCopy(), patch, new ArrayList<>());
        return r instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
    }

    private JsonNode mergeMap(ObjectNode dest, ObjectNode patch, List<String> path) {
        String directive = Json.text(patch, "$patch");
        if (directive.equals("delete")) {
            return null;
        }
        if (directive.equals("replace")) {
            return clean(patch, path);
        }
        for (var e : patch.properties()) {
            String field = e.getKey();
            JsonNode pv = e.getValue();
            // Only $patch is a directive to kustomize; $setElementOrder and $retainKeys are kept as data.
            if (field.equals("$patch")) {
                continue;
            }
            path.add(field);
            JsonNode dv = dest.get(field);
            if (pv.isNull()) {
                dest.remove(field);
            } else if (dv == null || dv.isNull()) {
                JsonNode c = clean(pv, path);
                if (c != null) {
                    dest.set(field, c);
                }
            } else if (pv instanceof ObjectNode po && dv instanceof ObjectNode dobj) {
                JsonNode r = mergeMap(dobj, po, path);
                if (r == null) {
                    dest.remove(field);
                } else {
                    dest.set(field, r);
                }
            } else if (pv instanceof ArrayNode pa && dv instanceof ArrayNode da) {
                dest.set(field, mergeList(da, pa, path));
            } else {
                JsonNode c = clean(pv, path);
                dest.set(field, c == null ? Json.F.nullNode() : c);
            }
            path.remove(path.size() - 1);
        }
        return dest;
    }

    private ArrayNode mergeList(ArrayNode dest, ArrayNode patch, List<String> path) {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode p : patch) {
            if (p instanceof ObjectNode po && po.size() == 1 && Json.text(po, "$patch").equals("replace")) {
                ArrayNode out = Json.F.arrayNode();
                for (JsonNode q : patch) {
                    if (q != p) {
                        JsonNode c = clean(q, path);
                        if (c != null) {
                            out.add(c);
                        }
                    }
                }
                return out;
            }
        }
        String key = keyFor(path);
        if (key == null) {
            if (schema.listStrategy(group, kind, path) == ListStrategy.SET) {
                ArrayNode out = Json.F.arrayNode();
                for (JsonNode p : patch) {
                    if (!contains(out, p)) {
                        out.add(p);
                    }
                }
                for (JsonNode d : dest) {
                    if (!contains(out, d)) {
                        out.add(d);
                    }
                }
                return out;
            }
            JsonNode c = clean(patch, path);
            return c instanceof ArrayNode a ? a : Json.F.arrayNode();
        }
        // kustomize merges with "prepend": elements named by the patch come first, in patch order,
        // then the target's other elements in their order.
        Map<String, JsonNode> destByKey = new java.util.LinkedHashMap<>();
        List<JsonNode> unkeyed = new ArrayList<>();
        for (JsonNode d : dest) {
            if (d.has(key) && !destByKey.containsKey(d.get(key).asText())) {
                destByKey.put(d.get(key).asText(), d);
            } else {
                unkeyed.add(d);
            }
        }
        java.util.Set<String> done = new java.util.HashSet<>();
        for (JsonNode p : patch) {
            if (!(p instanceof ObjectNode po) || !po.has(key)) {
                JsonNode c = clean(p, path);
                if (c != null) {
                    unkeyed.add(c);
                }
                continue;
            }
            String kv = po.get(key).asText();
            if (!done.add(kv)) {
                continue;
            }
            JsonNode d = destByKey.get(kv);
            String directive = Json.text(po, "$patch");
            if (directive.equals("delete")) {
                continue;
            }
            JsonNode merged;
            if (d == null || directive.equals("replace")) {
                merged = clean(po, path);
            } else {
                merged = d instanceof ObjectNode dobj ? mergeMap(dobj.deepCopy(), po, path) : clean(po, path);
            }
            if (merged != null && !merged.isEmpty()) {
                items.add(merged);
            }
        }
        destByKey.forEach((kv, d) -> {
            if (!done.contains(kv)) {
                items.add(d);
            }
        });
        items.addAll(unkeyed);
        ArrayNode out = Json.F.arrayNode();
        items.forEach(out::add);
        return out;
    }

    /** The merge key of a list, from the schema; lists of custom kinds have none and are replaced. */
    private String keyFor(List<String> path) {
        return schema.listKey(group, kind, path).orElse(null);
    }

    private static boolean contains(ArrayNode a, JsonNode v) {
        for (JsonNode e : a) {
            if (e.equals(v)) {
                return true;
            }
        }
        return false;
    }

    /** New content from a patch: directives and nulls removed. */
    private JsonNode clean(JsonNode n, List<String> path) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n instanceof ObjectNode o) {
            if (Json.text(o, "$patch").equals("delete")) {
                return null;
            }
            ObjectNode out = Json.F.objectNode();
            for (var e : o.properties()) {
                if (e.getKey().equals("$patch")) {
                    continue;
                }
                path.add(e.getKey());
                JsonNode c = clean(e.getValue(), path);
                path.remove(path.size() - 1);
                if (c != null) {
                    out.set(e.getKey(), c);
                }
            }
            return out;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode out = Json.F.arrayNode();
            for (JsonNode e : a) {
                if (e instanceof ObjectNode eo && eo.size() == 1 && eo.has("$patch")) {
                    continue;
                }
                JsonNode c = clean(e, path);
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        }
        return n;
    }
}
