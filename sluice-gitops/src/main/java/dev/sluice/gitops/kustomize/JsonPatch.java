package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** RFC 6902 JSON patch: add, remove, replace, move, copy and test, on Jackson trees. */
final class JsonPatch {

    private JsonPatch() {}

    /** Applies {@code ops} to a copy of {@code target}; {@code source} names the patch in errors. */
    static ObjectNode apply(ObjectNode target, ArrayNode ops, String source) {
        JsonNode doc = target.deepCopy();
        int i = 0;
        for (JsonNode op : ops) {
            try {
                doc = applyOne(doc, op);
            } catch (KustomizeException e) {
                throw new KustomizeException("JSON patch " + source + " operation " + i + " (" + op.path("op").asText()
                        + " " + op.path("path").asText() + ") failed on " + ResId.of(target) + ": " + e.getMessage());
            }
            i++;
        }
        if (!(doc instanceof ObjectNode o)) {
            throw new KustomizeException("JSON patch " + source + " replaced the whole object with a non-object");
        }
        return o;
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode op) {
        String kind = Json.text(op, "op");
        List<String> path = pointer(Json.text(op, "path"), op.has("path"));
        switch (kind) {
            case "add" -> {
                return add(doc, path, value(op));
            }
            case "remove" -> {
                remove(doc, path);
                return doc;
            }
            case "replace" -> {
                get(doc, path);
                if (path.isEmpty()) {
                    return value(op).deepCopy();
                }
                remove(doc, path);
                return add(doc, path, value(op));
            }
            case "move" -> {
                List<String> from = pointer(Json.text(op, "from"), op.has("from"));
                JsonNode v = get(doc, from);
                remove(doc, from);
                return add(doc, path, v);
            }
            case "copy" -> {
                List<String> from = pointer(Json.text(op, "from"), op.has("from"));
                return add(doc, path, get(doc, from).deepCopy());
            }
            case "test" -> {
                JsonNode actual = get(doc, path);
                if (!actual.equals(value(op))) {
                    throw new KustomizeException("test failed: value at path is " + actual + ", expected " + value(op));
                }
                return doc;
            }
            default -> throw new KustomizeException("unknown op '" + kind + "'; expected add, remove, replace, move, copy or test");
        }
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw new KustomizeException("missing 'value'");
        }
        return op.get("value").deepCopy();
    }

    static List<String> pointer(String p, boolean present) {
        if (!present) {
            throw new KustomizeException("missing 'path'");
        }
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        if (!p.startsWith("/")) {
            throw new KustomizeException("path '" + p + "' must start with '/'");
        }
        for (String s : p.substring(1).split("/", -1)) {
            out.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static JsonNode get(JsonNode doc, List<String> path) {
        JsonNode cur = doc;
        for (String s : path) {
            cur = child(cur, s);
            if (cur == null) {
                throw new KustomizeException("doc is missing path: /" + String.join("/", path));
            }
        }
        return cur;
    }

    private static JsonNode child(JsonNode n, String s) {
        if (n instanceof ObjectNode o) {
            return o.get(s);
        }
        if (n instanceof ArrayNode a) {
            int i = index(s, a.size() - 1);
            return a.get(i);
        }
        return null;
    }

    private static int index(String s, int max) {
        try {
            int i = Integer.parseInt(s);
            if (i < 0 || i > max || (s.length() > 1 && s.startsWith("0"))) {
                throw new KustomizeException("index " + s + " out of bounds");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new KustomizeException("'" + s + "' is not a list index");
        }
    }

    private static JsonNode add(JsonNode doc, List<String> path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = get(doc, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            if (last.equals("-")) {
                a.add(value);
            } else {
                a.insert(index(last, a.size()), value);
            }
        } else {
            throw new KustomizeException("doc is missing path: /" + String.join("/", path));
        }
        return doc;
    }

    private static void remove(JsonNode doc, List<String> path) {
        if (path.isEmpty()) {
            throw new KustomizeException("cannot remove the whole document");
        }
        JsonNode parent = get(doc, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o) {
            if (!o.has(last)) {
                throw new KustomizeException("doc is missing path: /" + String.join("/", path));
            }
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(index(last, a.size() - 1));
        } else {
            throw new KustomizeException("doc is missing path: /" + String.join("/", path));
        }
    }
}
