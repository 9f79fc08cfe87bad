package dev.sluice.api.schema;

import java.util.ArrayList;
import java.util.List;

/** Field paths written "a/b/c", where "\/" is a slash inside a field name (annotation keys). */
public final class SchemaPaths {

    private SchemaPaths() {}

    /** Splits a path on unescaped slashes. */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '/') {
                cur.append('/');
                i++;
            } else if (c == '/') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty() || !out.isEmpty()) {
            out.add(cur.toString());
        }
        return List.copyOf(out);
    }

    /** Concatenates two paths. */
    public static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
