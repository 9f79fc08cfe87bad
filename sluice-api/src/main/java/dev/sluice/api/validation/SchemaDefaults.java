package dev.sluice.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fills in a schema's defaults the way the Kubernetes API server does for custom resources: a
 * field with a default that is absent from an object present in the tree gets the default;
 * objects that are absent are not created. Used by the embedded store so objects read back as
 * they would from a real API server.
 */
public final class SchemaDefaults {

    private SchemaDefaults() {
    }

    /** Applies the defaults of {@code schema} to {@code tree} in place; returns whether anything changed. */
    public static boolean apply(Schema schema, JsonNode tree) {
        return switch (schema) {
            case Schema.Obj o -> object(o, tree);
            case Schema.ListOf l -> {
                boolean changed = false;
                if (tree.isArray()) {
                    for (JsonNode item : tree) {
                        changed |= apply(l.items(), item);
                    }
                }
                yield changed;
            }
            case Schema.MapOf m -> {
                boolean changed = false;
                if (tree.isObject()) {
                    for (JsonNode value : tree) {
                        changed |= apply(m.values(), value);
                    }
                }
                yield changed;
            }
            default -> false;
        };
    }

    private static boolean object(Schema.Obj o, JsonNode tree) {
        if (!(tree instanceof ObjectNode node)) {
            return false;
        }
        boolean changed = false;
        for (Field f : o.fields()) {
            JsonNode value = node.get(f.name());
            if ((value == null || value.isNull()) && f.defaultValue() != null) {
                node.set(f.name(), f.defaultValue().deepCopy());
                changed = true;
            } else if (value != null) {
                changed |= apply(f.schema(), value);
            }
        }
        return changed;
    }
}
