package dev.sluice.local.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads typed fields from a JSON tree, collecting every problem with its field path. */
final class FieldReader {

    private final List<Diagnostic> problems = new ArrayList<>();

    List<Diagnostic> problems() {
        return problems;
    }

    void error(FieldPath path, String message) {
        problems.add(Diagnostic.error(path, message));
    }

    static boolean absent(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull();
    }

    int integer(JsonNode parent, String field, FieldPath path, int fallback, int min) {
        JsonNode n = parent.path(field);
        if (absent(n)) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            error(path.child(field), "expected an integer, got " + describe(n));
            return fallback;
        }
        if (n.intValue() < min) {
            error(path.child(field), "must be at least " + min + ", got " + n.intValue());
            return fallback;
        }
        return n.intValue();
    }

    String text(JsonNode parent, String field, FieldPath path, String fallback) {
        JsonNode n = parent.path(field);
        if (absent(n)) {
            return fallback;
        }
        if (!n.isValueNode() || n.isBinary()) {
            error(path.child(field), "expected a string, got " + describe(n));
            return fallback;
        }
        return n.asText();
    }

    String requiredText(JsonNode parent, String field, FieldPath path) {
        String v = text(parent, field, path, "");
        if (v.isEmpty() && absent(parent.path(field))) {
            error(path.child(field), "required");
        }
        return v;
    }

    boolean bool(JsonNode parent, String field, FieldPath path) {
        JsonNode n = parent.path(field);
        if (absent(n)) {
            return false;
        }
        if (!n.isBoolean()) {
            error(path.child(field), "expected true or false, got " + describe(n));
            return false;
        }
        return n.booleanValue();
    }

    List<String> strings(JsonNode parent, String field, FieldPath path) {
        JsonNode n = parent.path(field);
        List<String> out = new ArrayList<>();
        if (absent(n)) {
            return out;
        }
        if (!n.isArray()) {
            error(path.child(field), "expected a list of strings, got " + describe(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isValueNode() || e.isNull()) {
                error(path.child(field).index(i), "expected a string, got " + describe(e));
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    Map<String, String> stringMap(JsonNode parent, String field, FieldPath path) {
        JsonNode n = parent.path(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (absent(n)) {
            return out;
        }
        if (!n.isObject()) {
            error(path.child(field), "expected a mapping of strings, got " + describe(n));
            return out;
        }
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** An int or a percentage such as {@code 25%}. */
    IntOrPercent intOrPercent(JsonNode parent, String field, FieldPath path, IntOrPercent fallback) {
        JsonNode n = parent.path(field);
        if (absent(n)) {
            return fallback;
        }
        if (n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= 0) {
            return IntOrPercent.of(n.intValue());
        }
        if (n.isTextual()) {
            String s = n.asText().strip();
            if (s.matches("\\d{1,9}%")) {
                return IntOrPercent.percent(Integer.parseInt(s.substring(0, s.length() - 1)));
            }
            if (s.matches("\\d{1,9}")) {
                return IntOrPercent.of(Integer.parseInt(s));
            }
        }
        error(path.child(field), "expected a non-negative integer or a percentage such as 25%, got " + describe(n));
        return fallback;
    }

    static String describe(JsonNode n) {
        if (absent(n)) {
            return "nothing";
        }
        return n.isTextual() ? "'" + n.asText() + "'" : n.toString();
    }
}
