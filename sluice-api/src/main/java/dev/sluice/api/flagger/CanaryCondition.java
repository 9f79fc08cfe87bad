package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;

/**
 * A condition of {@code status.conditions} in Flagger's shape, which has a {@code lastUpdateTime}
 * besides the usual fields. Flagger writes a single condition of type {@link #PROMOTED}.
 *
 * @param status             "True", "False" or "Unknown"
 * @param lastUpdateTime     RFC 3339; when the condition was last written
 * @param lastTransitionTime RFC 3339; when {@code status} last changed
 */
public record CanaryCondition(String type, String status, String lastUpdateTime, String lastTransitionTime,
                              String reason, String message) {

    public static final String PROMOTED = "Promoted";

    public static CanaryCondition from(JsonNode n) {
        return new CanaryCondition(n.path("type").asText(), n.path("status").asText("Unknown"),
                n.path("lastUpdateTime").asText(""), n.path("lastTransitionTime").asText(""),
                n.path("reason").asText(""), n.path("message").asText(""));
    }

    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        n.put("type", type).put("status", status);
        if (!lastUpdateTime.isEmpty()) {
            n.put("lastUpdateTime", lastUpdateTime);
        }
        if (!lastTransitionTime.isEmpty()) {
            n.put("lastTransitionTime", lastTransitionTime);
        }
        n.put("reason", reason).put("message", message);
        return n;
    }
}
