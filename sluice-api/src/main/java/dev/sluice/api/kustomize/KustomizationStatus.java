package dev.sluice.api.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.meta.KustomizeRecords.InventoryEntry;
import dev.sluice.api.meta.Nodes;
import java.util.List;
import java.util.Map;

/**
 * The observed state of a Flux Kustomization, field for field as Flux writes it, so that
 * dashboards and scripts reading {@code status} keep working.
 */
public record KustomizationStatus(
        long observedGeneration,
        List<Condition> conditions,
        String lastAppliedRevision,
        String lastAppliedOriginRevision,
        String lastAttemptedRevision,
        String lastHandledReconcileAt,
        List<InventoryEntry> inventory,
        List<Snapshot> history) {

    public static final KustomizationStatus EMPTY =
            new KustomizationStatus(0, List.of(), "", "", "", "", List.of(), List.of());

    public KustomizationStatus {
        conditions = List.copyOf(conditions);
        inventory = List.copyOf(inventory);
        history = List.copyOf(history);
    }

    /** One entry of {@code status.history}: a build digest and how its reconciliations went. */
    public record Snapshot(String digest, String firstReconciled, String lastReconciled, String lastReconciledDuration,
                           String lastReconciledStatus, long totalReconciliations, Map<String, String> metadata) {

        static Snapshot from(JsonNode n) {
            return new Snapshot(Nodes.text(n, "digest"), Nodes.text(n, "firstReconciled"), Nodes.text(n, "lastReconciled"),
                    Nodes.text(n, "lastReconciledDuration"), Nodes.text(n, "lastReconciledStatus"),
                    Nodes.longValue(n, "totalReconciliations"), Nodes.stringMap(n, "metadata"));
        }

        ObjectNode toNode() {
            ObjectNode n = Json.object();
            n.put("digest", digest).put("firstReconciled", firstReconciled).put("lastReconciled", lastReconciled)
                    .put("lastReconciledDuration", lastReconciledDuration).put("lastReconciledStatus", lastReconciledStatus)
                    .put("totalReconciliations", totalReconciliations);
            if (!metadata.isEmpty()) {
                metadata.forEach(n.putObject("metadata")::put);
            }
            return n;
        }
    }

    /** Reads a status tree; a missing status reads as {@link #EMPTY}. */
    public static KustomizationStatus from(JsonNode s) {
        return new KustomizationStatus(
                Nodes.longValue(s, "observedGeneration"),
                Conditions.of(s),
                Nodes.text(s, "lastAppliedRevision"),
                Nodes.text(s, "lastAppliedOriginRevision"),
                Nodes.text(s, "lastAttemptedRevision"),
                Nodes.text(s, "lastHandledReconcileAt"),
                Nodes.list(s.path("inventory"), "entries", InventoryEntry::from),
                Nodes.list(s, "history", Snapshot::from));
    }

    /** The status as Flux writes it; empty strings and lists are left out. */
    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        if (!lastHandledReconcileAt.isEmpty()) {
            n.put("lastHandledReconcileAt", lastHandledReconcileAt);
        }
        if (observedGeneration != 0) {
            n.put("observedGeneration", observedGeneration);
        }
        if (!conditions.isEmpty()) {
            n.set("conditions", Conditions.toArray(conditions));
        }
        putIfSet(n, "lastAppliedRevision", lastAppliedRevision);
        putIfSet(n, "lastAppliedOriginRevision", lastAppliedOriginRevision);
        putIfSet(n, "lastAttemptedRevision", lastAttemptedRevision);
        if (!inventory.isEmpty()) {
            ArrayNode entries = n.putObject("inventory").putArray("entries");
            inventory.forEach(e -> entries.addObject().put("id", e.id()).put("v", e.version()));
        }
        if (!history.isEmpty()) {
            ArrayNode h = n.putArray("history");
            history.forEach(s -> h.add(s.toNode()));
        }
        return n;
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (!value.isEmpty()) {
            n.put(field, value);
        }
    }
}
