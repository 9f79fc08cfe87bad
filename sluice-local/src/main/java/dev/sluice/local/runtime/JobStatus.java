package dev.sluice.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.time.Instant;

/**
 * A Job's {@code status} as the Job controller writes it. Pure functions of the counts and the
 * previous status. Zero counts are left out ({@code omitempty}), except {@code ready}.
 */
final class JobStatus {

    /** Pods by state. */
    record Counts(int active, int ready, int succeeded, int failed) {
    }

    private JobStatus() {
    }

    static Counts counts(int active, int ready, int succeeded, int failed) {
        return new Counts(active, ready, succeeded, failed);
    }

    /** Whether the Job already has a Complete or Failed condition that is True. */
    static boolean isFinished(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            String type = c.path("type").asText();
            if ((type.equals("Complete") || type.equals("Failed")) && c.path("status").asText().equals("True")) {
                return true;
            }
        }
        return false;
    }

    /** A Job still running. */
    static ObjectNode running(Counts counts, Instant start, JsonNode previous) {
        ObjectNode s = base(counts, start);
        if (previous.path("conditions").isArray() && !previous.path("conditions").isEmpty()) {
            s.set("conditions", previous.path("conditions").deepCopy());
        }
        return s;
    }

    /**
     * A Job that just finished: {@code Complete} (with {@code SuccessCriteriaMet} before it, and a
     * completionTime) or {@code Failed} (with {@code FailureTarget} before it), as Kubernetes 1.31+ writes them.
     */
    static ObjectNode finished(Counts counts, Instant start, JsonNode previous, Instant now, String type, String reason,
                               String message) {
        ObjectNode s = base(counts, start);
        ArrayNode conditions = s.putArray("conditions");
        for (JsonNode c : previous.path("conditions")) {
            conditions.add(c.deepCopy());
        }
        String interim = type.equals("Complete") ? "SuccessCriteriaMet" : "FailureTarget";
        conditions.add(condition(interim, reason, message, now));
        conditions.add(condition(type, reason, message, now));
        if (type.equals("Complete")) {
            s.put("completionTime", now.toString());
        }
        return s;
    }

    /** A finished Job's status with the counts brought up to date (its conditions and times stay). */
    static ObjectNode recount(JsonNode previous, Counts counts) {
        ObjectNode s = ((ObjectNode) previous).deepCopy();
        counts(s, counts);
        return s;
    }

    private static ObjectNode base(Counts counts, Instant start) {
        ObjectNode s = Json.object();
        s.put("startTime", start.toString());
        counts(s, counts);
        s.putObject("uncountedTerminatedPods");
        return s;
    }

    private static void counts(ObjectNode s, Counts c) {
        put(s, "active", c.active());
        s.put("ready", c.ready());
        put(s, "succeeded", c.succeeded());
        put(s, "failed", c.failed());
    }

    private static void put(ObjectNode s, String field, int value) {
        if (value == 0) {
            s.remove(field);
        } else {
            s.put(field, value);
        }
    }

    private static ObjectNode condition(String type, String reason, String message, Instant now) {
        return Json.object().put("type", type).put("status", "True").put("lastProbeTime", now.toString())
                .put("lastTransitionTime", now.toString()).put("reason", reason).put("message", message);
    }
}
