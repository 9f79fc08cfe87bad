package dev.sluice.helm.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets one value at a {@code valuesFrom[].targetPath} the way Helm's {@code --set} does (Flux passes
 * {@code path=value} to Helm's strvals parser): dots separate keys ({@code \.} is a literal dot),
 * {@code name[2]} indexes a list (growing it with nulls), and the value is typed as {@code --set}
 * types it (true/false, null, integers without a leading zero) unless it is quoted, when the quotes
 * are removed and it stays a string. Unlike {@code --set}, commas in the value are kept. Pure.
 */
public final class TargetPath {

    /** Maximum list index, as Helm's strvals (MaxIndex). */
    static final int MAX_INDEX = 65536;

    private TargetPath() {
    }

    private record Segment(String key, List<Integer> indexes) {
    }

    /**
     * {@code values} with {@code raw} set at {@code path}.
     *
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    public static ObjectNode set(ObjectNode values, String path, String raw) {
        List<Segment> segments = parse(path);
        ObjectNode out = values.deepCopy();
        JsonNode value = typed(raw);
        JsonNode cursor = out;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean last = i == segments.size() - 1;
            ObjectNode parent = (ObjectNode) cursor;
            if (s.indexes().isEmpty()) {
                if (last) {
                    parent.set(s.key(), value);
                } else {
                    JsonNode next = parent.get(s.key());
                    if (next == null || !next.isObject()) {
                        next = parent.putObject(s.key());
                    }
                    cursor = next;
                }
                continue;
            }
            JsonNode list = parent.get(s.key());
            if (list == null || !list.isArray()) {
                list = parent.putArray(s.key());
            }
            for (int j = 0; j < s.indexes().size(); j++) {
                int idx = s.indexes().get(j);
                ArrayNode a = (ArrayNode) list;
                while (a.size() <= idx) {
                    a.addNull();
                }
                boolean lastIndex = j == s.indexes().size() - 1;
                if (lastIndex && last) {
                    a.set(idx, value);
                } else if (lastIndex) {
                    if (!a.get(idx).isObject()) {
                        a.set(idx, Json.object());
                    }
                    cursor = a.get(idx);
                } else {
                    if (!a.get(idx).isArray()) {
                        a.set(idx, Json.nodes().arrayNode());
                    }
                    list = a.get(idx);
                }
            }
        }
        return out;
    }

    private static List<Segment> parse(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("empty target path");
        }
        List<Segment> out = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        List<Integer> indexes = new ArrayList<>();
        int i = 0;
        while (i <= path.length()) {
            char c = i < path.length() ? path.charAt(i) : '.';
            if (c == '\\' && i + 1 < path.length()) {
                key.append(path.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("target path '" + path + "': '[' without ']'");
                }
                indexes.add(index(path, path.substring(i + 1, close)));
                i = close + 1;
                continue;
            }
            if (c == '.') {
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("target path '" + path + "': empty key");
                }
                out.add(new Segment(key.toString(), List.copyOf(indexes)));
                key.setLength(0);
                indexes.clear();
                i++;
                continue;
            }
            if (!indexes.isEmpty()) {
                throw new IllegalArgumentException("target path '" + path + "': unexpected '" + c + "' after ']'");
            }
            key.append(c);
            i++;
        }
        return out;
    }

    private static int index(String path, String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 0 || n > MAX_INDEX) {
                throw new IllegalArgumentException("target path '" + path + "': index " + n + " is out of range 0.." + MAX_INDEX);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target path '" + path + "': '" + text + "' is not a list index");
        }
    }

    /** The value as {@code --set} types it; quoted values stay strings, without their quotes. */
    static JsonNode typed(String raw) {
        var f = Json.nodes();
        boolean quoted = raw.length() >= 2 && ((raw.startsWith("'") && raw.endsWith("'"))
                || (raw.startsWith("\"") && raw.endsWith("\"")));
        if (quoted) {
            return f.textNode(raw.replaceAll("^['\"]+|['\"]+$", ""));
        }
        if (raw.equalsIgnoreCase("true")) {
            return f.booleanNode(true);
        }
        if (raw.equalsIgnoreCase("false")) {
            return f.booleanNode(false);
        }
        if (raw.equalsIgnoreCase("null")) {
            return f.nullNode();
        }
        if (raw.equals("0")) {
            return f.numberNode(0L);
        }
        if (!raw.isEmpty() && raw.charAt(0) != '0') {
            try {
                return f.numberNode(Long.parseLong(raw));
            } catch (NumberFormatException notInt) {
                // a string
            }
        }
        return f.textNode(raw);
    }
}
