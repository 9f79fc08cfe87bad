package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads typed values out of a JSON tree and collects every problem as a {@link Diagnostic} with the
 * field path, the offending value and what was expected, instead of stopping at the first one. A
 * field of the wrong type reads as its default, so parsing goes on and reports all errors at once.
 * Not thread-safe: one instance per parse.
 */
final class Fields {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    List<Diagnostic> diagnostics() {
        return Collections.unmodifiableList(diagnostics);
    }

    boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    void error(FieldPath path, String message) {
        diagnostics.add(Diagnostic.error(path, message));
    }

    void warn(FieldPath path, String message) {
        diagnostics.add(Diagnostic.warning(path, message));
    }

    /** The child node, or a missing node when absent or null. */
    static JsonNode child(JsonNode parent, String field) {
        JsonNode v = parent == null ? null : parent.get(field);
        return v == null || v.isNull() ? MissingNode.getInstance() : v;
    }

    static boolean present(JsonNode parent, String field) {
        return !child(parent, field).isMissingNode();
    }

    /** How a value is shown in messages: strings quoted, everything else as JSON. */
    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        return v.isTextual() ? "'" + v.asText() + "'" : v.toString();
    }

    String string(JsonNode parent, FieldPath at, String field, String dflt) {
        JsonNode v = child(parent, field);
        if (v.isMissingNode()) {
            return dflt;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isValueNode()) {
            // Kubernetes would refuse it; we read it the way the user most likely meant it.
            warn(at.child(field), "must be a string, got " + show(v) + "; read as '" + v.asText() + "'");
            return v.asText();
        }
        error(at.child(field), "must be a string, got " + show(v));
        return dflt;
    }

    String requiredString(JsonNode parent, FieldPath at, String field) {
        String s = string(parent, at, field, "");
        if (s.isEmpty() && !hasTypeError(parent, field)) {
            error(at.child(field), "required non-empty string, got " + show(child(parent, field)));
        }
        return s;
    }

    private static boolean hasTypeError(JsonNode parent, String field) {
        JsonNode v = child(parent, field);
        return !v.isMissingNode() && !v.isValueNode();
    }

    OptionalInt optionalInt(JsonNode parent, FieldPath at, String field) {
        JsonNode v = child(parent, field);
        if (v.isMissingNode()) {
            return OptionalInt.empty();
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return OptionalInt.of(v.asInt());
        }
        if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < Integer.MAX_VALUE) {
            return OptionalInt.of((int) v.asDouble());
        }
        error(at.child(field), "must be an integer, got " + show(v));
        return OptionalInt.empty();
    }

    int integer(JsonNode parent, FieldPath at, String field, int dflt) {
        return optionalInt(parent, at, field).orElse(dflt);
    }

    OptionalDouble number(JsonNode parent, FieldPath at, String field) {
        JsonNode v = child(parent, field);
        if (v.isMissingNode()) {
            return OptionalDouble.empty();
        }
        if (v.isNumber()) {
            return OptionalDouble.of(v.asDouble());
        }
        error(at.child(field), "must be a number, got " + show(v));
        return OptionalDouble.empty();
    }

    boolean bool(JsonNode parent, FieldPath at, String field) {
        JsonNode v = child(parent, field);
        if (v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        error(at.child(field), "must be true or false, got " + show(v));
        return false;
    }

    /** A Go duration such as {@code 30s}; empty when absent or invalid (invalid is an error). */
    Optional<Duration> duration(JsonNode parent, FieldPath at, String field) {
        String text = string(parent, at, field, "");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(GoDuration.parse(text));
        } catch (IllegalArgumentException e) {
            error(at.child(field), e.getMessage());
            return Optional.empty();
        }
    }

    /** The object at {@code field}: a missing node when absent, an error when not a mapping. */
    JsonNode object(JsonNode parent, FieldPath at, String field) {
        JsonNode v = child(parent, field);
        if (v.isMissingNode() || v.isObject()) {
            return v;
        }
        error(at.child(field), "must be a mapping, got " + show(v));
        return MissingNode.getInstance();
    }

    /** The items of the list at {@code field}; an error when not a list. */
    List<JsonNode> list(JsonNode parent, FieldPath at, String field) {
        JsonNode v = child(parent, field);
        if (v.isMissingNode()) {
            return List.of();
        }
        if (!v.isArray()) {
            error(at.child(field), "must be a list, got " + show(v));
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    List<String> strings(JsonNode parent, FieldPath at, String field) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = list(parent, at, field);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isValueNode() && !item.isNull()) {
                out.add(item.asText());
            } else {
                error(at.child(field).index(i), "must be a string, got " + show(item));
            }
        }
        return out;
    }

    List<Integer> integers(JsonNode parent, FieldPath at, String field) {
        List<Integer> out = new ArrayList<>();
        List<JsonNode> items = list(parent, at, field);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isNumber() && item.asDouble() == Math.rint(item.asDouble())) {
                out.add(item.asInt());
            } else {
                error(at.child(field).index(i), "must be an integer, got " + show(item));
            }
        }
        return out;
    }

    /** A mapping of strings; scalar values are read as text, nested values are errors. */
    Map<String, String> stringMap(JsonNode parent, FieldPath at, String field) {
        JsonNode v = object(parent, at, field);
        if (v.isMissingNode()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.isValueNode()) {
                out.put(e.getKey(), value.isNull() ? "" : value.asText());
            } else {
                error(at.child(field).child(e.getKey()), "must be a string, got " + show(value));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Warns about fields that are not in {@code known}, suggesting the closest known name. */
    void known(JsonNode object, FieldPath at, Set<String> known) {
        if (object == null || !object.isObject()) {
            return;
        }
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                String hint = closest(name, known).map(k -> "; did you mean '" + k + "'?").orElse("");
                warn(at.child(name), "unknown field '" + name + "' is ignored" + hint);
            }
        });
    }

    static Optional<String> closest(String name, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = c.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)) ? 0 : distance(name, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(1, name.length() / 4) + 1 ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Levenshtein distance; names are short, so the quadratic table is fine. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
