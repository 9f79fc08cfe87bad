package dev.sluice.local.runtime.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A Deployment condition ({@code apps/v1 DeploymentCondition}), which unlike {@code metav1.Condition}
 * has a {@code lastUpdateTime}: the progress deadline counts from it.
 *
 * @param lastUpdateTime     RFC 3339, when the condition was last set
 * @param lastTransitionTime RFC 3339, when {@code status} last changed
 */
public record DeploymentCondition(String type, String status, String lastUpdateTime, String lastTransitionTime,
                                  String reason, String message) {

    public static final String AVAILABLE = "Available";
    public static final String PROGRESSING = "Progressing";
    public static final String REPLICA_FAILURE = "ReplicaFailure";

    public static DeploymentCondition from(JsonNode n) {
        return new DeploymentCondition(n.path("type").asText(), n.path("status").asText("Unknown"),
                n.path("lastUpdateTime").asText(""), n.path("lastTransitionTime").asText(""),
                n.path("reason").asText(""), n.path("message").asText(""));
    }

    public static List<DeploymentCondition> listFrom(JsonNode status) {
        List<DeploymentCondition> out = new ArrayList<>();
        status.path("conditions").forEach(c -> out.add(from(c)));
        return out;
    }

    /** The fields in the order the API server prints them. */
    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        n.put("type", type).put("status", status).put("lastUpdateTime", lastUpdateTime)
                .put("lastTransitionTime", lastTransitionTime).put("reason", reason).put("message", message);
        return n;
    }

    public boolean isTrue() {
        return "True".equals(status);
    }
}
