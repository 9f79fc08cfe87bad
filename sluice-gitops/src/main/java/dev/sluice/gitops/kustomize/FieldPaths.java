package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * kyaml field paths as replacements write them: {@code spec.template.spec.containers.[name=app].image},
 * with list elements chosen by {@code [key=value]}, an index, or {@code *}; dots inside brackets
 * do not split.
 */
final class FieldPaths {

    private FieldPaths() {}

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '.' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Collects the nodes at {@code path} below {@code node}; with {@code create}, makes missing maps. */
    static void find(JsonNode node, List<String> path, int i, boolean create, List<JsonNode> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (i == path.size()) {
            out.add(node);
            return;
        }
        String seg = path.get(i);
        if (node instanceof ArrayNode a) {
            if (seg.equals("*")) {
                a.forEach(e -> find(e, path, i + 1, create, out));
            } else if (seg.startsWith("[") && seg.endsWith("]") && seg.contains("=")) {
                String[] kv = seg.substring(1, seg.length() - 1).split("=", 2);
                for (JsonNode e : a) {
                    if (e.path(kv[0]).asText(null) != null && e.path(kv[0]).asText().equals(kv[1])) {
                        find(e, path, i + 1, create, out);
                    }
                }
            } else if (seg.matches("-?[0-9]+")) {
                int idx = Integer.parseInt(seg);
                if (idx >= 0 && idx < a.size()) {
                    find(a.get(idx), path, i + 1, create, out);
                }
            }
            return;
        }
        if (node instanceof ObjectNode o) {
            if (seg.equals("*")) {
                o.forEach(e -> find(e, path, i + 1, create, out));
                return;
            }
            JsonNode child = o.get(seg);
            if ((child == null || child.isNull()) && create) {
                child = path.size() > i + 1 && path.get(i + 1).startsWith("[") ? o.putArray(seg) : o.putObject(seg);
            }
            find(child, path, i + 1, create, out);
        }
    }
}
