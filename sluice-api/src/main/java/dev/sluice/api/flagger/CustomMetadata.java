package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.Map;
import java.util.Set;

/** Labels and annotations added to a generated Service ({@code spec.service.apex/primary/canary}). */
public record CustomMetadata(Map<String, String> labels, Map<String, String> annotations) {

    public static final CustomMetadata EMPTY = new CustomMetadata(Map.of(), Map.of());

    public CustomMetadata {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    static CustomMetadata read(JsonNode parent, FieldPath at, String field, Fields f) {
        JsonNode node = f.object(parent, at, field);
        if (node.isMissingNode()) {
            return EMPTY;
        }
        FieldPath p = at.child(field);
        f.known(node, p, Set.of("labels", "annotations"));
        return new CustomMetadata(f.stringMap(node, p, "labels"), f.stringMap(node, p, "annotations"));
    }
}
