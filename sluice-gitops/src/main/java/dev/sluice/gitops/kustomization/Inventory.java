package dev.sluice.gitops.kustomization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Kustomization applied: Flux's {@code status.inventory.entries[]{id, v}} with ids such as
 * {@code default_podinfo_apps_Deployment} and {@code v} the version applied. Immutable.
 */
public record Inventory(Map<ObjectKey, String> entries) {

    public Inventory {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static Inventory empty() {
        return new Inventory(Map.of());
    }

    /** Reads {@code status.inventory}; a missing inventory is empty. */
    public static Inventory fromStatus(JsonNode status) {
        Map<ObjectKey, String> out = new LinkedHashMap<>();
        for (JsonNode e : status.path("inventory").path("entries")) {
            out.put(ObjectKey.fromInventoryId(e.path("id").asText()), e.path("v").asText());
        }
        return new Inventory(out);
    }

    /** The inventory of applied objects; the version is that of each object's apiVersion. */
    public static Inventory of(List<KubeObject> objects) {
        Map<ObjectKey, String> out = new LinkedHashMap<>();
        objects.forEach(o -> out.put(o.key(), o.version()));
        return new Inventory(out);
    }

    /** This inventory with the entries of {@code other} added. */
    public Inventory plus(Inventory other) {
        Map<ObjectKey, String> out = new LinkedHashMap<>(entries);
        out.putAll(other.entries);
        return new Inventory(out);
    }

    /** Objects in this inventory that are not in {@code next}: the ones to prune. */
    public List<ObjectKey> staleComparedTo(Inventory next) {
        List<ObjectKey> stale = new ArrayList<>();
        for (ObjectKey k : entries.keySet()) {
            if (!next.entries.containsKey(k)) {
                stale.add(k);
            }
        }
        return stale;
    }

    /** The {@code inventory} node of a status, entries sorted by id as Flux writes them. */
    public ObjectNode toNode() {
        ObjectNode inv = Json.object();
        ArrayNode arr = inv.putArray("entries");
        entries.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.inventoryId().compareTo(b.inventoryId())))
                .forEach(e -> arr.addObject().put("id", e.getKey().inventoryId()).put("v", e.getValue()));
        return inv;
    }

    public int size() {
        return entries.size();
    }
}
