package dev.sluice.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 7386 JSON merge patch: objects merge recursively, null deletes, anything else replaces. */
public final class MergePatch {

    private MergePatch() {
    }

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!(patch instanceof ObjectNode p)) {
            return patch.deepCopy();
        }
        ObjectNode out = target instanceof ObjectNode t ? t.deepCopy() : p.objectNode();
        p.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                out.remove(e.getKey());
            } else {
                JsonNode existing = out.get(e.getKey());
                out.set(e.getKey(), apply(existing == null ? p.nullNode() : existing, e.getValue()));
            }
        });
        return out;
    }
}
