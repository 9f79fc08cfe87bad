package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Comparator;

/** JSON value comparison that does not care how a number was parsed (1, 1L and 1.0 are equal). */
public final class Values {

    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    private Values() {
    }

    public static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMERIC, b);
    }

    /** Equal objects, ignoring {@code metadata.managedFields} (read only; nothing is copied). */
    static boolean equalExceptManagedFields(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (var it = a.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            JsonNode other = b.get(e.getKey());
            if (other == null) {
                return false;
            }
            if (e.getKey().equals("metadata")) {
                if (!sameExcept(e.getValue(), other, "managedFields")) {
                    return false;
                }
            } else if (!equal(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameExcept(JsonNode a, JsonNode b, String skipped) {
        if (!a.isObject() || !b.isObject()) {
            return equal(a, b);
        }
        int na = a.size() - (a.has(skipped) ? 1 : 0);
        int nb = b.size() - (b.has(skipped) ? 1 : 0);
        if (na != nb) {
            return false;
        }
        for (var it = a.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getKey().equals(skipped) && !equal(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Integral numbers as longs, so that a key or set value has one spelling whatever its source. */
    static JsonNode canonical(JsonNode v) {
        if (v.isNumber() && !v.isIntegralNumber() && v.canConvertToExactIntegral()) {
            return JsonNodeFactory.instance.numberNode(v.longValue());
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return JsonNodeFactory.instance.numberNode(v.longValue());
        }
        return v;
    }
}
