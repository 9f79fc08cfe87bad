package dev.sluice.gitops.kustomization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import java.time.Instant;
import java.util.List;

/**
 * Builds a Kustomization's next status from its stored one, with Flux's conditions and reasons.
 * Not thread-safe; one per reconciliation.
 */
final class StatusUpdate {

    static final String READY = "Ready";
    static final String RECONCILING = "Reconciling";
    static final String HEALTHY = "Healthy";
    static final String STALLED = "Stalled";

    private final ObjectNode status;
    private final long generation;
    private final String now;
    private List<Condition> conditions;

    StatusUpdate(KubeObject ks, Instant now) {
        this.status = ks.status().isObject() ? (ObjectNode) ks.status().deepCopy() : dev.sluice.api.Json.object();
        this.generation = ks.generation();
        this.now = now.toString();
        this.conditions = Conditions.of(ks.status());
    }

    StatusUpdate set(String type, String status, String reason, String message) {
        conditions = Conditions.set(conditions, new Condition(type, status, reason, message, now, generation));
        return this;
    }

    StatusUpdate remove(String type) {
        conditions = Conditions.remove(conditions, type);
        return this;
    }

    StatusUpdate put(String field, String value) {
        status.put(field, value);
        return this;
    }

    StatusUpdate inventory(Inventory inventory) {
        if (inventory.size() == 0) {
            status.remove("inventory");
        } else {
            status.set("inventory", inventory.toNode());
        }
        return this;
    }

    StatusUpdate observed() {
        status.put("observedGeneration", generation);
        return this;
    }

    /** Ready=False with a reason; Reconciling cleared; Stalled only when retrying cannot help. */
    StatusUpdate failed(String reason, String message, boolean stalled) {
        set(READY, Condition.FALSE, reason, message);
        remove(RECONCILING);
        if (stalled) {
            set(STALLED, Condition.TRUE, reason, message);
        } else {
            remove(STALLED);
        }
        return observed();
    }

    /** Ready=Unknown while work is under way, as Flux marks reconciliations in progress. */
    StatusUpdate progressing(String message) {
        set(RECONCILING, Condition.TRUE, "Progressing", message);
        set(READY, Condition.UNKNOWN, "Progressing", "Reconciliation in progress");
        return this;
    }

    /** When the current Reconciling=True condition started, if there is one. */
    static Instant progressingSince(KubeObject ks) {
        return Conditions.find(ks.status(), RECONCILING).filter(Condition::isTrue)
                .map(c -> c.lastTransitionTime().isEmpty() ? null : Instant.parse(c.lastTransitionTime()))
                .orElse(null);
    }

    ObjectNode build() {
        status.set("conditions", Conditions.toArray(conditions));
        return status;
    }
}
