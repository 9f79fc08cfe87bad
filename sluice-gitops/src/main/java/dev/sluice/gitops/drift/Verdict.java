package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import java.util.List;

/**
 * Why the analysis failed, as the revert commit and the report name it: failed checks against the
 * threshold and the last warning the canary controller recorded (a "Halt advancement ..." message
 * when a check failed).
 *
 * @param threshold 0 when the Canary has no analysis
 * @param message   "" when no warning was recorded
 */
public record Verdict(int failedChecks, int threshold, String message) {

    /** Reads the verdict from the Canary's status and its events. */
    public static Verdict of(Cluster cluster, KubeObject canaryObject, Canary canary) {
        List<EventRecord> events = cluster.events(canaryObject.key());
        String halt = "";
        String warning = "";
        for (EventRecord e : events) {
            if (!e.isWarning()) {
                continue;
            }
            warning = e.message();
            if (e.message().startsWith("Halt")) {
                halt = e.message();
            }
        }
        int threshold = canary.spec().analysis().map(a -> a.threshold()).orElse(0);
        return new Verdict(canary.status().failedChecks(), threshold, halt.isEmpty() ? warning : halt);
    }

    /** One line: {@code 5 failed checks (threshold 5); last: Halt advancement ...}. */
    public String describe() {
        String checks = failedChecks + " failed check" + (failedChecks == 1 ? "" : "s")
                + (threshold > 0 ? " (threshold " + threshold + ")" : "");
        return message.isEmpty() ? checks : checks + "; last: " + message;
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("failedChecks", failedChecks).put("threshold", threshold).put("message", message);
        return n;
    }

    public static Verdict fromJson(JsonNode n) {
        return new Verdict(n.path("failedChecks").asInt(0), n.path("threshold").asInt(0), n.path("message").asText(""));
    }
}
