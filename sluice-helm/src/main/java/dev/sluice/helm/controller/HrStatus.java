package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.gitops.kustomization.Inventory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A HelmRelease's next status, built from its stored one with helm-controller's conditions
 * (Ready, Released, TestSuccess, Remediated, Reconciling, Stalled), history and failure counters.
 * Not thread-safe; one per reconciliation.
 */
final class HrStatus {

    static final String READY = "Ready";
    static final String RELEASED = "Released";
    static final String TEST_SUCCESS = "TestSuccess";
    static final String REMEDIATED = "Remediated";
    static final String RECONCILING = "Reconciling";
    static final String STALLED = "Stalled";

    private final ObjectNode status;
    private final long generation;
    private final String now;
    private List<Condition> conditions;
    private List<ObjectNode> history;

    HrStatus(KubeObject hr, Instant now) {
        this.status = hr.status().isObject() ? ((ObjectNode) hr.status()).deepCopy() : Json.object();
        this.generation = hr.generation();
        this.now = now.toString();
        this.conditions = Conditions.of(hr.status());
        this.history = Snapshots.read(hr.status());
    }

    HrStatus set(String type, String st, String reason, String message) {
        conditions = Conditions.set(conditions, new Condition(type, st, reason, message, now, generation));
        return this;
    }

    HrStatus remove(String type) {
        conditions = Conditions.remove(conditions, type);
        return this;
    }

    Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    boolean isTrue(String type) {
        return condition(type).map(Condition::isTrue).orElse(false);
    }

    HrStatus put(String field, String value) {
        status.put(field, value);
        return this;
    }

    HrStatus put(String field, long value) {
        status.put(field, value);
        return this;
    }

    String text(String field) {
        return status.path(field).asText("");
    }

    long number(String field) {
        return status.path(field).asLong(0);
    }

    HrStatus increment(String field) {
        return put(field, number(field) + 1);
    }

    HrStatus clearFailures() {
        status.remove("failures");
        status.remove("installFailures");
        status.remove("upgradeFailures");
        return this;
    }

    List<ObjectNode> history() {
        return history;
    }

    HrStatus history(List<ObjectNode> next) {
        history = next;
        return this;
    }

    HrStatus inventory(Inventory inventory) {
        if (inventory.size() == 0) {
            status.remove("inventory");
        } else {
            status.set("inventory", inventory.toNode());
        }
        return this;
    }

    HrStatus observed() {
        status.put("observedGeneration", generation);
        return this;
    }

    /** Reconciling=True (Progressing) and, for release actions, Ready=Unknown with the same message. */
    HrStatus progressing(String message, boolean releaseAction) {
        set(RECONCILING, Condition.TRUE, "Progressing", message);
        if (releaseAction) {
            set(READY, Condition.UNKNOWN, "Progressing", message);
        }
        return this;
    }

    /** Ready=False outside the release conditions (dependencies, chart, values), Reconciling cleared. */
    HrStatus notReady(String reason, String message) {
        remove(RECONCILING);
        return set(READY, Condition.FALSE, reason, message);
    }

    HrStatus stalled(String reason, String message) {
        remove(RECONCILING);
        set(STALLED, Condition.TRUE, reason, message);
        return set(READY, Condition.FALSE, reason, message);
    }

    /**
     * Ready from the release conditions, as helm-controller's summarize: the first of Remediated,
     * TestSuccess (when tests count) and Released; a Remediated one makes Ready False.
     */
    HrStatus summarize(boolean testEnabled, boolean ignoreTestFailures) {
        if (!testEnabled) {
            remove(TEST_SUCCESS);
        }
        List<String> order = testEnabled && !ignoreTestFailures ? List.of(REMEDIATED, TEST_SUCCESS, RELEASED)
                : List.of(REMEDIATED, RELEASED);
        for (String type : order) {
            Optional<Condition> c = condition(type);
            if (c.isPresent()) {
                String st = type.equals(REMEDIATED) ? Condition.FALSE : c.get().status();
                if (st.equals(Condition.TRUE)) {
                    remove(STALLED);
                }
                set(READY, st, c.get().reason(), c.get().message());
                return this;
            }
        }
        return this;
    }

    ObjectNode build() {
        status.set("conditions", Conditions.toArray(conditions));
        if (history.isEmpty()) {
            status.remove("history");
        } else {
            status.set("history", Snapshots.toArray(history));
        }
        for (String f : List.of("failures", "installFailures", "upgradeFailures")) {
            if (status.path(f).asLong(0) == 0) {
                status.remove(f);
            }
        }
        return status;
    }
}
