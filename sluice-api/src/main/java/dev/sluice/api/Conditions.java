package dev.sluice.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading and setting conditions in a status tree, keeping Kubernetes' transition-time rule. */
public final class Conditions {

    private Conditions() {
    }

    /** The conditions under {@code status.conditions} of a status node (missing → empty). */
    public static List<Condition> of(JsonNode status) {
        List<Condition> out = new ArrayList<>();
        for (JsonNode c : status.path("conditions")) {
            out.add(Condition.from(c));
        }
        return out;
    }

    public static Optional<Condition> find(JsonNode status, String type) {
        return of(status).stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /**
     * Returns {@code conditions} with {@code next} put in place of the one of the same type. The
     * previous lastTransitionTime is kept when the status did not change, as Kubernetes does.
     */
    public static List<Condition> set(List<Condition> conditions, Condition next) {
        List<Condition> out = new ArrayList<>(conditions.size() + 1);
        boolean replaced = false;
        for (Condition c : conditions) {
            if (c.type().equals(next.type())) {
                String since = c.status().equals(next.status()) && !c.lastTransitionTime().isEmpty()
                        ? c.lastTransitionTime() : next.lastTransitionTime();
                out.add(new Condition(next.type(), next.status(), next.reason(), next.message(), since,
                        next.observedGeneration()));
                replaced = true;
            } else {
                out.add(c);
            }
        }
        if (!replaced) {
            out.add(next);
        }
        return out;
    }

    public static List<Condition> remove(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> !c.type().equals(type)).toList();
    }

    public static ArrayNode toArray(List<Condition> conditions) {
        ArrayNode a = Json.nodes().arrayNode();
        conditions.forEach(c -> a.add(c.toNode()));
        return a;
    }
}
