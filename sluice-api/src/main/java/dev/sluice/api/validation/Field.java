package dev.sluice.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.util.Objects;

/**
 * A named field of an {@link Schema.Obj}.
 *
 * @param required     whether the field must be present (a null value counts as absent)
 * @param defaultValue the CRD default (applied by an API server), or null
 * @param description  a short description for the CRD, or null
 * @param deprecation  why the field is deprecated and what to use instead, or null; a present
 *                     deprecated field gets a warning
 */
public record Field(String name, Schema schema, boolean required, JsonNode defaultValue, String description,
                    String deprecation) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
    }

    /** A copy with a CRD default; null removes it. */
    public Field withDefault(Object value) {
        return new Field(name, schema, required, value == null ? null : Json.toTree(value), description, deprecation);
    }

    public Field withDoc(String text) {
        return new Field(name, schema, required, defaultValue, text, deprecation);
    }

    public Field deprecated(String why) {
        return new Field(name, schema, required, defaultValue, description, why);
    }

    public Field withSchema(Schema replacement) {
        return new Field(name, replacement, required, defaultValue, description, deprecation);
    }

    public Field asRequired(boolean value) {
        return new Field(name, schema, value, defaultValue, description, deprecation);
    }
}
