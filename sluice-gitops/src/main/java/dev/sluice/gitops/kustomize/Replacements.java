package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code replacements} transformer: copies a value (a field of one selected object, or a
 * literal {@code sourceValue}) into fields of the selected targets. A scalar target keeps its
 * type and takes the source's text, as in kustomize; {@code delimiter}/{@code index} options
 * work on parts of a string; {@code create} makes missing target fields.
 */
final class Replacements {

    private Replacements() {}

    static void run(BuildContext ctx, Kustomization k, ResourceMap ra) {
        int i = 0;
        for (JsonNode entry : k.objects("replacements")) {
            String where = "replacements[" + i++ + "] in " + k.file;
            if (entry.hasNonNull("path")) {
                Path p = ctx.loader.resolve(k.dir(), Json.text(entry, "path"), "replacements", k.file);
                for (JsonNode doc : ManifestReader.readAll(ctx.loader.read(p), p.toString())) {
                    if (doc.isArray()) {
                        doc.forEach(r -> apply(ra, r, p.toString()));
                    } else {
                        apply(ra, doc, p.toString());
                    }
                }
            } else {
                apply(ra, entry, where);
            }
        }
    }

    private static void apply(ResourceMap ra, JsonNode r, String where) {
        JsonNode value = sourceValue(ra, r, where);
        for (JsonNode target : r.path("targets")) {
            JsonNode select = target.path("select");
            for (Resource res : ra.resources()) {
                if (!selected(res, select) || rejected(res, target.path("reject"))) {
                    continue;
                }
                for (JsonNode fp : target.path("fieldPaths")) {
                    setAll(res, fp.asText(), value, target.path("options"), where);
                }
            }
        }
        ra.invalidate();
    }

    private static JsonNode sourceValue(ResourceMap ra, JsonNode r, String where) {
        if (r.has("sourceValue")) {
            if (r.has("source")) {
                throw new KustomizeException(where + ": value and resource selectors are mutually exclusive");
            }
            return Json.F.textNode(Json.text(r, "sourceValue"));
        }
        JsonNode src = r.path("source");
        Resource match = null;
        for (Resource res : ra.resources()) {
            if (idSelected(res, src)) {
                if (match != null) {
                    throw new KustomizeException(where + ": multiple matches for source selector " + src);
                }
                match = res;
            }
        }
        if (match == null) {
            throw new KustomizeException(where + ": nothing selected by source selector " + src);
        }
        String fieldPath = src.hasNonNull("fieldPath") ? Json.text(src, "fieldPath") : "metadata.name";
        List<JsonNode> found = new ArrayList<>();
        FieldPaths.find(match.obj, FieldPaths.split(fieldPath), 0, false, found);
        if (found.isEmpty() || found.get(0).isNull() || (found.get(0).isContainerNode() && found.get(0).isEmpty())) {
            throw new KustomizeException(where + ": fieldPath `" + fieldPath + "` is missing for replacement source "
                    + match.id());
        }
        JsonNode v = found.get(0);
        JsonNode opts = src.path("options");
        if (!Json.text(opts, "delimiter").isEmpty()) {
            if (!v.isValueNode()) {
                throw new KustomizeException(where + ": delimiter option can only be used with scalar nodes");
            }
            String[] parts = v.asText().split(java.util.regex.Pattern.quote(Json.text(opts, "delimiter")), -1);
            int idx = opts.path("index").asInt(0);
            if (idx < 0 || idx >= parts.length) {
                throw new KustomizeException(where + ": options.index " + idx + " is out of bounds for value " + v.asText());
            }
            return Json.F.textNode(parts[idx]);
        }
        return v;
    }

    private static void setAll(Resource res, String fieldPath, JsonNode value, JsonNode opts, String where) {
        boolean create = opts.path("create").asBoolean(false);
        List<JsonNode> parents = new ArrayList<>();
        List<String> path = FieldPaths.split(fieldPath);
        FieldPaths.find(res.obj, path.subList(0, path.size() - 1), 0, create, parents);
        String last = path.get(path.size() - 1);
        boolean any = false;
        for (JsonNode parent : parents) {
            if (parent instanceof ObjectNode o) {
                JsonNode cur = o.get(last);
                if (cur == null && !create) {
                    continue;
                }
                o.set(last, newValue(cur, value, opts, where));
                any = true;
            } else if (parent instanceof ArrayNode a) {
                List<JsonNode> items = new ArrayList<>();
                FieldPaths.find(a, List.of(last), 0, false, items);
                for (int i = 0; i < a.size(); i++) {
                    JsonNode item = a.get(i);
                    if (items.stream().anyMatch(x -> x == item)) {
                        a.set(i, newValue(item, value, opts, where));
                        any = true;
                    }
                }
            }
        }
        if (!any) {
            throw new KustomizeException(where + ": unable to find " + (create ? "or create " : "") + "field \""
                    + fieldPath + "\" in replacement target " + res.id());
        }
    }

    private static JsonNode newValue(JsonNode cur, JsonNode value, JsonNode opts, String where) {
        JsonNode v = value;
        String delimiter = Json.text(opts, "delimiter");
        if (!delimiter.isEmpty()) {
            if (cur != null && !cur.isValueNode()) {
                throw new KustomizeException(where + ": delimiter option can only be used with scalar nodes");
            }
            List<String> parts = new ArrayList<>(List.of((cur == null ? "" : cur.asText())
                    .split(java.util.regex.Pattern.quote(delimiter), -1)));
            int idx = opts.path("index").asInt(0);
            if (idx < 0) {
                parts.add(0, value.asText());
            } else if (idx >= parts.size()) {
                parts.add(value.asText());
            } else {
                parts.set(idx, value.asText());
            }
            v = Json.F.textNode(String.join(delimiter, parts));
        }
        if (cur != null && cur.isValueNode() && !cur.isNull() && v.isValueNode()) {
            // kustomize replaces the scalar's text and keeps its tag: an int stays an int.
            JsonNode typed = ManifestReader.resolvePlain(v.asText());
            if (cur.isTextual()) {
                return Json.F.textNode(v.asText());
            }
            if (cur.isNumber() && typed.isNumber() || cur.isBoolean() && typed.isBoolean()) {
                return typed;
            }
            return Json.F.textNode(v.asText());
        }
        return v.deepCopy();
    }

    private static boolean selected(Resource res, JsonNode select) {
        return idSelected(res, select) && metaSelected(res, select);
    }

    private static boolean rejected(Resource res, JsonNode rejects) {
        for (JsonNode rej : rejects) {
            boolean hasMeta = rej.hasNonNull("labelSelector") || rej.hasNonNull("annotationSelector");
            boolean hasId = rej.hasNonNull("name") || rej.hasNonNull("kind") || rej.hasNonNull("group")
                    || rej.hasNonNull("version") || rej.hasNonNull("namespace");
            if ((hasId && idSelected(res, rej)) || (hasMeta && metaSelected(res, rej))) {
                return true;
            }
        }
        return false;
    }

    /** kustomize's ResId.IsSelectedBy against the current or any previous id. */
    private static boolean idSelected(Resource res, JsonNode sel) {
        List<ResId> ids = new ArrayList<>(res.prevIds);
        ids.add(res.id());
        for (ResId id : ids) {
            if (matchesField(sel, "name", id.name()) && matchesField(sel, "kind", id.kind())
                    && matchesField(sel, "group", id.group()) && matchesField(sel, "version", id.version())
                    && (!sel.hasNonNull("namespace") || Json.text(sel, "namespace").isEmpty()
                            || (Json.text(sel, "namespace").isEmpty() ? "default" : Json.text(sel, "namespace"))
                                    .equals(id.effectiveNamespace()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesField(JsonNode sel, String field, String value) {
        String want = Json.text(sel, field);
        return want.isEmpty() || want.equals(value);
    }

    private static boolean metaSelected(Resource res, JsonNode sel) {
        for (String f : List.of("labelSelector", "annotationSelector")) {
            if (sel.hasNonNull(f)) {
                Map<String, String> m = new java.util.LinkedHashMap<>();
                res.obj.path("metadata").path(f.equals("labelSelector") ? "labels" : "annotations").properties()
                        .forEach(e -> m.put(e.getKey(), e.getValue().asText()));
                if (!LabelSelector.parse(Json.text(sel, f), "replacements").test(m)) {
                    return false;
                }
            }
        }
        return true;
    }
}
