package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.schema.SchemaPaths;
import java.util.List;
import java.util.function.Consumer;

/**
 * A field a transformer touches: a path, an optional group/version/kind filter, and whether a
 * missing field is created (kustomize's FieldSpec). Paths cross lists implicitly.
 */
record FieldSpec(String group, String version, String kind, List<String> path, boolean create) {

    static FieldSpec of(JsonNode n) {
        return new FieldSpec(
                Json.text(n, "group"),
                Json.text(n, "version"),
                Json.text(n, "kind"),
                SchemaPaths.split(Json.text(n, "path")),
                n.path("create").asBoolean(false));
    }

    boolean selects(ResId id) {
        return (group.isEmpty() || group.equals(id.group()))
                && (version.isEmpty() || version.equals(id.version()))
                && (kind.isEmpty() || kind.equals(id.kind()));
    }

    /**
     * Calls {@code visit} with each object holding the last path field, creating intermediate
     * objects when {@code create} is set. The visitor receives the parent and the last field name.
     */
    void visitParents(ObjectNode root, ParentVisitor visit) {
        walk(root, 0, visit);
    }

    private void walk(JsonNode node, int i, ParentVisitor visit) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node instanceof ArrayNode a) {
            for (JsonNode e : a) {
                walk(e, i, visit);
            }
            return;
        }
        if (!(node instanceof ObjectNode o)) {
            return;
        }
        String field = stripBrackets(path.get(i));
        if (i == path.size() - 1) {
            visit.visit(o, field);
            return;
        }
        JsonNode child = o.get(field);
        if ((child == null || child.isNull()) && create && !path.get(i).endsWith("[]")) {
            child = o.putObject(field);
        }
        walk(child, i + 1, visit);
    }

    private static String stripBrackets(String s) {
        return s.endsWith("[]") ? s.substring(0, s.length() - 2) : s;
    }

    /** Visits each existing value at the path (lists are crossed, final lists yield their items). */
    void visitValues(ObjectNode root, Consumer<JsonNode> visit) {
        visitParents(root, (parent, field) -> {
            JsonNode v = parent.get(field);
            if (v != null) {
                visit.accept(v);
            }
        });
    }

    @FunctionalInterface
    interface ParentVisitor {
        void visit(ObjectNode parent, String field);
    }
}
