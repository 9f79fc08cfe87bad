package dev.sluice.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads fields of a JSON tree into Java values for the typed records. Meant for trees that passed
 * structural validation: a field of the wrong type reads as absent rather than failing.
 */
public final class Nodes {

    private Nodes() {
    }

    /** The string at {@code field}, or "" when absent (as Go's zero value). */
    public static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    public static String text(JsonNode n, String field, String fallback) {
        String t = text(n, field);
        return t.isEmpty() ? fallback : t;
    }

    public static boolean bool(JsonNode n, String field) {
        return n.path(field).asBoolean(false);
    }

    /** A boolean that distinguishes "not set" (Go's {@code *bool}). */
    public static Optional<Boolean> optBool(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isBoolean() ? Optional.of(v.booleanValue()) : Optional.empty();
    }

    public static OptionalInt optInt(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? OptionalInt.of(v.asInt()) : OptionalInt.empty();
    }

    public static OptionalLong optLong(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? OptionalLong.of(v.asLong()) : OptionalLong.empty();
    }

    public static long longValue(JsonNode n, String field) {
        return n.path(field).asLong(0);
    }

    /** A Go duration, absent when the field is missing or not a valid duration. */
    public static Optional<Duration> duration(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(GoDuration.parse(v.asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        n.path(field).forEach(v -> out.add(v.asText()));
        return Collections.unmodifiableList(out);
    }

    /** A string map in its written order. */
    public static Map<String, String> stringMap(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(out);
    }

    /** Each item of the list at {@code field}, read by {@code reader}. */
    public static <T> List<T> list(JsonNode n, String field, Function<JsonNode, T> reader) {
        List<T> out = new ArrayList<>();
        for (JsonNode item : n.path(field)) {
            if (!item.isNull()) {
                out.add(reader.apply(item));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The object at {@code field} read by {@code reader}, when present. */
    public static <T> Optional<T> object(JsonNode n, String field, Function<JsonNode, T> reader) {
        JsonNode v = n.path(field);
        return v.isObject() ? Optional.of(reader.apply(v)) : Optional.empty();
    }

    /** A deep copy of the node at {@code field}, or null when absent: for free-form data such as Helm values. */
    public static JsonNode tree(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.deepCopy();
    }
}
