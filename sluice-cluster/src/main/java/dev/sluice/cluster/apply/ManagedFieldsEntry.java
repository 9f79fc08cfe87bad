package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of {@code metadata.managedFields}, in the API server's format:
 * {@code {manager, operation, apiVersion, time, fieldsType: FieldsV1, fieldsV1, subresource}}.
 *
 * @param time when the manager last changed the object, or null when unknown
 */
public record ManagedFieldsEntry(String manager, Operation operation, String apiVersion, Instant time,
                                 Subresource subresource, FieldSet fields) {

    public enum Operation {
        APPLY("Apply"),
        UPDATE("Update");

        private final String wireName;

        Operation(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Operation fromWire(String s) {
            return "Apply".equals(s) ? APPLY : UPDATE;
        }
    }

    public ManagedFieldsEntry {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(subresource, "subresource");
        Objects.requireNonNull(fields, "fields");
        apiVersion = apiVersion == null ? "" : apiVersion;
    }

    /** Entries are told apart by manager, operation and subresource, as the API server does. */
    boolean sameOwner(String m, Operation op, Subresource sub) {
        return manager.equals(m) && operation == op && subresource == sub;
    }

    ManagedFieldsEntry withFields(FieldSet f) {
        return new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, f);
    }

    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        n.put("manager", manager);
        n.put("operation", operation.wireName());
        n.put("apiVersion", apiVersion);
        if (time != null) {
            n.put("time", Rfc3339.format(time));
        }
        n.put("fieldsType", "FieldsV1");
        n.set("fieldsV1", fields.toFieldsV1());
        if (subresource != Subresource.MAIN) {
            n.put("subresource", subresource.wireName());
        }
        return n;
    }

    /**
     * Reads one entry.
     *
     * @throws IllegalArgumentException when it has no manager or its fieldsV1 is malformed
     */
    public static ManagedFieldsEntry fromNode(JsonNode n) {
        String manager = n.path("manager").asText("");
        JsonNode t = n.path("time");
        Instant time = t.isTextual() ? Rfc3339.parse(t.asText()) : null;
        return new ManagedFieldsEntry(manager, Operation.fromWire(n.path("operation").asText()),
                n.path("apiVersion").asText(""), time, Subresource.fromWire(n.path("subresource").asText("")),
                FieldSet.fromFieldsV1(n.path("fieldsV1")));
    }
}
