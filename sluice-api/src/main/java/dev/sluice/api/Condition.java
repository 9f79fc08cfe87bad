package dev.sluice.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A status condition as Kubernetes (metav1.Condition) and Flux write it.
 *
 * @param status             "True", "False" or "Unknown"
 * @param lastTransitionTime RFC 3339, changes only when {@code status} changes
 */
public record Condition(String type, String status, String reason, String message, String lastTransitionTime,
                        long observedGeneration) {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    public boolean isTrue() {
        return TRUE.equals(status);
    }

    public boolean isFalse() {
        return FALSE.equals(status);
    }

    public static Condition from(JsonNode n) {
        return new Condition(n.path("type").asText(), n.path("status").asText(UNKNOWN), n.path("reason").asText(""),
                n.path("message").asText(""), n.path("lastTransitionTime").asText(""), n.path("observedGeneration").asLong(0));
    }

    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        n.put("type", type).put("status", status);
        if (observedGeneration > 0) {
            n.put("observedGeneration", observedGeneration);
        }
        n.put("lastTransitionTime", lastTransitionTime).put("reason", reason).put("message", message);
        return n;
    }
}
