package dev.sluice.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Before a server-side apply, hands the fields that {@code kubectl apply} (client-side or
 * server-side), {@code kubectl edit}-style updates and older controllers own over to Sluice's field
 * manager, as Flux's kustomize-controller does. Without this, a field removed from Git but once set
 * with {@code kubectl apply} stays on the object forever, because its old manager still owns it.
 *
 * <p>The result is a JSON patch (RFC 6902) that replaces {@code metadata.managedFields}: every entry
 * of a matching manager and operation on the main resource is merged into one {@code Apply} entry of
 * Sluice's manager; the kubectl annotations and Flux v1 marks are removed. Objects annotated
 * {@value #SSA_ANNOTATION}{@code : Merge} are left alone, as Flux does. Pure and thread-safe.
 */
public final class FieldManagerTakeover {

    /** Flux's per-object apply policy annotation; {@code Merge} keeps other managers' fields. */
    public static final String SSA_ANNOTATION = "kustomize.toolkit.fluxcd.io/ssa";
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /**
     * A manager whose entries are taken over.
     *
     * @param name      the manager name, or its prefix when {@code prefix}
     * @param operation {@code Apply} or {@code Update}
     */
    public record Match(String name, boolean prefix, String operation) {

        boolean matches(JsonNode entry) {
            String manager = entry.path("manager").asText("");
            return operation.equals(entry.path("operation").asText(""))
                    && entry.path("subresource").asText("").isEmpty()
                    && (prefix ? manager.startsWith(name) : manager.equals(name));
        }
    }

    private static final List<String> ANNOTATIONS = List.of(LAST_APPLIED, "fluxcd.io/sync-checksum");
    private static final List<String> LABELS = List.of("fluxcd.io/sync-gc-mark");

    private FieldManagerTakeover() {
    }

    /**
     * Flux's list (kubectl's server-side and client-side apply, {@code before-first-apply}, the
     * controller's own pre-SSA updates) plus Flux's kustomize-controller's own apply entries, so that
     * moving from Flux to Sluice leaves no field co-owned by a controller that no longer runs.
     */
    public static List<Match> defaults(String ourManager) {
        return List.of(
                new Match("kubectl", true, "Apply"),
                new Match("kubectl", true, "Update"),
                new Match("before-first-apply", false, "Update"),
                new Match(ourManager, false, "Update"),
                new Match("kustomize-controller", false, "Apply"));
    }

    /**
     * The patch to send before applying {@code desired} over {@code existing}, or empty when nothing
     * needs to change.
     */
    public static Optional<ArrayNode> patch(JsonNode desired, JsonNode existing, List<Match> managers, String ourManager) {
        if (existing == null || isMerge(desired) || isMerge(existing)) {
            return Optional.empty();
        }
        ArrayNode ops = Json.mapper().createArrayNode();
        JsonNode meta = existing.path("metadata");
        for (String a : ANNOTATIONS) {
            if (meta.path("annotations").has(a)) {
                ops.addObject().put("op", "remove").put("path", "/metadata/annotations/" + escape(a));
            }
        }
        for (String l : LABELS) {
            if (meta.path("labels").has(l)) {
                ops.addObject().put("op", "remove").put("path", "/metadata/labels/" + escape(l));
            }
        }
        managedFields(meta.path("managedFields"), managers, ourManager)
                .ifPresent(entries -> ops.addObject().put("op", "replace").put("path", "/metadata/managedFields")
                        .set("value", entries));
        return ops.isEmpty() ? Optional.empty() : Optional.of(ops);
    }

    private static Optional<ArrayNode> managedFields(JsonNode entries, List<Match> managers, String ourManager) {
        ObjectNode ours = null;
        int oursAt = -1;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            if (ourManager.equals(e.path("manager").asText()) && "Apply".equals(e.path("operation").asText())
                    && e.path("subresource").asText("").isEmpty()) {
                ours = (ObjectNode) e.deepCopy();
                oursAt = i;
            }
        }
        List<JsonNode> kept = new ArrayList<>();
        boolean edited = false;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            if (i == oursAt) {
                continue; // appended last, with whatever was merged into it
            }
            if (managers.stream().anyMatch(m -> m.matches(e))) {
                edited = true;
                if (ours == null) {
                    ours = (ObjectNode) e.deepCopy();
                    ours.put("manager", ourManager).put("operation", "Apply");
                } else {
                    ours.set("fieldsV1", union(ours.path("fieldsV1"), e.path("fieldsV1")));
                }
                continue;
            }
            kept.add(e);
        }
        if (!edited) {
            return Optional.empty();
        }
        ArrayNode out = Json.mapper().createArrayNode();
        kept.forEach(out::add);
        out.add(ours);
        return Optional.of(out);
    }

    /** The union of two field sets ({@code fieldsV1} trees: nested objects whose keys are the set members). */
    static JsonNode union(JsonNode a, JsonNode b) {
        if (!a.isObject()) {
            return b.deepCopy();
        }
        if (!b.isObject()) {
            return a.deepCopy();
        }
        ObjectNode out = (ObjectNode) a.deepCopy();
        b.properties().forEach(e -> out.set(e.getKey(),
                out.has(e.getKey()) ? union(out.get(e.getKey()), e.getValue()) : e.getValue().deepCopy()));
        return out;
    }

    private static boolean isMerge(JsonNode object) {
        return object != null && "merge".equalsIgnoreCase(
                object.path("metadata").path("annotations").path(SSA_ANNOTATION).asText(""));
    }

    /** RFC 6901 escaping of one path segment. */
    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
