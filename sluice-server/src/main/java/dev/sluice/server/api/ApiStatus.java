package dev.sluice.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.cluster.ClusterException;

/** Kubernetes {@code Status} bodies and the HTTP codes that go with {@link ClusterException} reasons. */
final class ApiStatus {

    private ApiStatus() {
    }

    static int code(ClusterException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, CONFLICT -> 409;
            case INVALID -> 422;
            case EXPIRED -> 410;
            case FORBIDDEN -> 403;
            case UNAVAILABLE -> 503;
        };
    }

    static String reasonWord(ClusterException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> "NotFound";
            case ALREADY_EXISTS -> "AlreadyExists";
            case CONFLICT -> "Conflict";
            case INVALID -> "Invalid";
            case EXPIRED -> "Expired";
            case FORBIDDEN -> "Forbidden";
            case UNAVAILABLE -> "ServiceUnavailable";
        };
    }

    static ClusterException.Reason reasonOf(String word, int code) {
        return switch (word) {
            case "NotFound" -> ClusterException.Reason.NOT_FOUND;
            case "AlreadyExists" -> ClusterException.Reason.ALREADY_EXISTS;
            case "Conflict" -> ClusterException.Reason.CONFLICT;
            case "Invalid" -> ClusterException.Reason.INVALID;
            case "Expired", "Gone" -> ClusterException.Reason.EXPIRED;
            case "Forbidden", "Unauthorized" -> ClusterException.Reason.FORBIDDEN;
            default -> code == 404 ? ClusterException.Reason.NOT_FOUND : ClusterException.Reason.UNAVAILABLE;
        };
    }

    static ObjectNode failure(int code, String reason, String message) {
        ObjectNode s = Json.object();
        s.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        return s;
    }
}
