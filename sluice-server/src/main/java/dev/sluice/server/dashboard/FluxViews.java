package dev.sluice.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON rows of the sources and Kustomizations pages and the dependency graph, from the stored
 * objects. Pure. Rows sort failing first, then by namespace and name.
 */
final class FluxViews {

    private static final Pattern LONG_SHA = Pattern.compile("(sha1|sha256):([0-9a-f]{8})[0-9a-f]+");

    private FluxViews() {
    }

    /** Flux CLI's short revision: {@code main@sha1:696f056d}. */
    static String shortRevision(String revision) {
        return LONG_SHA.matcher(revision).replaceAll("$1:$2");
    }

    /**
     * {@code {status, reason, message, since}} of the Ready condition; status "Unknown" when absent,
     * "True" for an OCI HelmRepository (a static object without status).
     */
    static ObjectNode ready(KubeObject o) {
        ObjectNode n = Json.object().put("status", "Unknown").put("reason", "").put("message", "").putNull("since");
        if (o.kind().equals("HelmRepository") && "oci".equals(o.spec().path("type").asText())) {
            n.put("status", "True").put("message", "Helm repository is Ready"); // static, no status: as the flux CLI shows it
        }
        for (JsonNode c : o.status().path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                n.put("status", c.path("status").asText("Unknown")).put("reason", c.path("reason").asText(""))
                        .put("message", c.path("message").asText("")).put("since", c.path("lastTransitionTime").asText(null));
            }
        }
        if (o.isDeleting()) {
            n.put("status", "Unknown").put("reason", "Terminating");
        }
        return n;
    }

    static boolean failing(KubeObject o) {
        return ready(o).path("status").asText().equals("False");
    }

    static ArrayNode sources(List<KubeObject> sources) {
        ArrayNode rows = Json.nodes().arrayNode();
        for (KubeObject o : sortedFailingFirst(sources)) {
            JsonNode artifact = o.status().path("artifact");
            String revision = artifact.path("revision").asText("");
            ObjectNode r = base(o);
            r.put("url", dev.sluice.api.Redaction.urls(o.spec().path("url").asText("")));
            r.put("ref", ref(o.spec().path("ref")));
            r.put("revision", revision).put("shortRevision", shortRevision(revision));
            r.put("artifactUpdated", artifact.path("lastUpdateTime").asText(null));
            r.put("lastHandledReconcileAt", o.status().path("lastHandledReconcileAt").asText(null));
            rows.add(r);
        }
        return rows;
    }

    static ArrayNode kustomizations(List<KubeObject> list) {
        ArrayNode rows = Json.nodes().arrayNode();
        for (KubeObject o : sortedFailingFirst(list)) {
            ObjectNode r = base(o);
            JsonNode spec = o.spec();
            String applied = o.status().path("lastAppliedRevision").asText("");
            r.put("revision", applied).put("shortRevision", shortRevision(applied));
            r.put("lastAttemptedRevision", o.status().path("lastAttemptedRevision").asText(""));
            r.put("path", spec.path("path").asText("./"));
            JsonNode src = spec.path("sourceRef");
            r.putObject("sourceRef").put("kind", src.path("kind").asText("GitRepository"))
                    .put("namespace", src.path("namespace").asText(o.namespace()))
                    .put("name", src.path("name").asText(""));
            ArrayNode deps = r.putArray("dependsOn");
            for (JsonNode d : spec.path("dependsOn")) {
                deps.add(d.path("namespace").asText(o.namespace()) + "/" + d.path("name").asText());
            }
            ArrayNode inv = r.putArray("inventory");
            for (JsonNode e : o.status().path("inventory").path("entries")) {
                try {
                    ObjectKey k = ObjectKey.fromInventoryId(e.path("id").asText());
                    inv.addObject().put("group", k.groupKind().group()).put("kind", k.groupKind().kind())
                            .put("namespace", k.namespace()).put("name", k.name()).put("version", e.path("v").asText(""));
                } catch (IllegalArgumentException bad) {
                    inv.addObject().put("id", e.path("id").asText()).put("error", bad.getMessage());
                }
            }
            rows.add(r);
        }
        return rows;
    }

    /**
     * The graph the Kustomizations page draws: one node per Kustomization (and per source they
     * use), an edge from each Kustomization to what it depends on and to its source.
     */
    static ObjectNode graph(List<KubeObject> kustomizations, List<KubeObject> sources) {
        ObjectNode g = Json.object();
        ArrayNode nodes = g.putArray("nodes");
        ArrayNode edges = g.putArray("edges");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (KubeObject k : kustomizations) {
            String id = "Kustomization/" + k.namespace() + "/" + k.name();
            ids.add(id);
            nodes.addObject().put("id", id).put("kind", "Kustomization").put("namespace", k.namespace())
                    .put("name", k.name()).put("ready", ready(k).path("status").asText())
                    .put("suspended", k.spec().path("suspend").asBoolean(false));
        }
        for (KubeObject s : sources) {
            String id = s.kind() + "/" + s.namespace() + "/" + s.name();
            ids.add(id);
            nodes.addObject().put("id", id).put("kind", s.kind()).put("namespace", s.namespace()).put("name", s.name())
                    .put("ready", ready(s).path("status").asText()).put("suspended", s.spec().path("suspend").asBoolean(false));
        }
        for (KubeObject k : kustomizations) {
            String from = "Kustomization/" + k.namespace() + "/" + k.name();
            for (JsonNode d : k.spec().path("dependsOn")) {
                String to = "Kustomization/" + d.path("namespace").asText(k.namespace()) + "/" + d.path("name").asText();
                edges.addObject().put("from", from).put("to", to).put("type", "dependsOn").put("missing", !ids.contains(to));
            }
            JsonNode src = k.spec().path("sourceRef");
            String to = src.path("kind").asText("GitRepository") + "/" + src.path("namespace").asText(k.namespace()) + "/"
                    + src.path("name").asText();
            edges.addObject().put("from", from).put("to", to).put("type", "source").put("missing", !ids.contains(to));
        }
        return g;
    }

    /** Common columns: kind, namespace, name, ready, suspended. */
    static ObjectNode base(KubeObject o) {
        ObjectNode r = Json.object();
        r.put("kind", o.kind()).put("namespace", o.namespace()).put("name", o.name());
        r.set("ready", ready(o));
        r.put("suspended", o.spec().path("suspend").asBoolean(false));
        return r;
    }

    private static String ref(JsonNode ref) {
        for (String f : List.of("commit", "name", "semver", "tag", "branch")) {
            if (ref.hasNonNull(f)) {
                return f + ":" + ref.path(f).asText();
            }
        }
        return "";
    }

    static List<KubeObject> sortedFailingFirst(List<KubeObject> objects) {
        return objects.stream().sorted(Comparator.comparing((KubeObject o) -> !failing(o))
                .thenComparing(KubeObject::namespace).thenComparing(KubeObject::name)).toList();
    }
}
