package dev.sluice.local.runtime.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;

/**
 * A DaemonSet's status for embedded mode's single node, as the DaemonSet controller writes it:
 * {@code desiredNumberScheduled} is 1; the numbers count the node's daemon pods. Pure.
 */
public final class DaemonSetStatusCalculator {

    private DaemonSetStatusCalculator() {
    }

    /**
     * @param plan    the replica sets of the DaemonSet's pod templates (at most one pod in steady state)
     * @param newHash the current template's hash
     */
    public static ObjectNode compute(long generation, Plan plan, String newHash, JsonNode previousStatus) {
        int scheduled = Math.min(1, plan.sets().stream().mapToInt(ReplicaSetState::pods).sum());
        int ready = Math.min(1, plan.sets().stream().mapToInt(ReplicaSetState::ready).sum());
        int available = Math.min(1, plan.sets().stream().mapToInt(ReplicaSetState::available).sum());
        int updated = Math.min(1, plan.set(newHash).map(ReplicaSetState::pods).orElse(0));
        ObjectNode s = Json.object();
        s.put("currentNumberScheduled", scheduled);
        s.put("numberMisscheduled", 0);
        s.put("desiredNumberScheduled", 1);
        s.put("numberReady", ready);
        if (generation > 0) {
            s.put("observedGeneration", generation);
        }
        if (updated > 0) {
            s.put("updatedNumberScheduled", updated);
        }
        if (available > 0) {
            s.put("numberAvailable", available);
        }
        if (available < 1) {
            s.put("numberUnavailable", 1 - available);
        }
        if (previousStatus.has("conditions")) {
            s.set("conditions", previousStatus.get("conditions").deepCopy());
        }
        return s;
    }
}
