package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceType;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import dev.sluice.api.meta.References.CommonMetadata;
import dev.sluice.helm.chart.ChartArchive;
import dev.sluice.helm.chart.ChartException;
import dev.sluice.helm.chart.Hook;
import dev.sluice.helm.chart.ManifestDocs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a release applies: its manifest's objects, given the release namespace when they have
 * none, with the metadata Helm sets for adoption ({@code meta.helm.sh/release-name},
 * {@code meta.helm.sh/release-namespace}, {@code app.kubernetes.io/managed-by: Helm}), the labels
 * helm-controller's post-renderer adds ({@code helm.toolkit.fluxcd.io/name}, {@code /namespace})
 * and {@code spec.commonMetadata}. Also the chart JSON Helm stores in a release. Pure.
 */
final class ReleaseObjects {

    static final String RELEASE_NAME = "meta.helm.sh/release-name";
    static final String RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String HR_NAME = "helm.toolkit.fluxcd.io/name";
    static final String HR_NAMESPACE = "helm.toolkit.fluxcd.io/namespace";
    private static final ResourceTypes TYPES = ResourceTypes.builtIn();

    /** Who the objects belong to. */
    record Owner(String release, String releaseNamespace, String hrName, String hrNamespace,
                 Optional<CommonMetadata> common) {
    }

    private ReleaseObjects() {
    }

    static List<KubeObject> of(String manifest, Owner owner) throws ChartException {
        List<KubeObject> out = new ArrayList<>();
        for (KubeObject o : ManifestDocs.objects(manifest)) {
            out.add(prepare(o, owner));
        }
        return out;
    }

    static KubeObject prepare(KubeObject o, Owner owner) {
        ResourceType t = TYPES.getOrGuess(o.groupKind(), !o.namespace().isEmpty());
        return o.edit(n -> {
            ObjectNode meta = n.withObjectProperty("metadata");
            if (t.namespaced() && o.namespace().isEmpty()) {
                meta.put("namespace", owner.releaseNamespace());
            }
            ObjectNode labels = meta.withObjectProperty("labels");
            ObjectNode annotations = meta.withObjectProperty("annotations");
            owner.common().ifPresent(c -> {
                c.labels().forEach(labels::put);
                c.annotations().forEach(annotations::put);
            });
            labels.put(HR_NAME, owner.hrName()).put(HR_NAMESPACE, owner.hrNamespace()).put(MANAGED_BY, "Helm");
            annotations.put(RELEASE_NAME, owner.release()).put(RELEASE_NAMESPACE, owner.releaseNamespace());
        });
    }

    /** Whether a live object belongs to this release (only those are pruned or uninstalled). */
    static boolean owned(KubeObject o, String release, String releaseNamespace) {
        Map<String, String> a = o.annotations();
        return release.equals(a.get(RELEASE_NAME)) && releaseNamespace.equals(a.get(RELEASE_NAMESPACE));
    }

    /** The CRDs of the chart's {@code crds/} directory (not templated, as Helm installs them). */
    static List<KubeObject> crds(ChartArchive chart) throws ChartException {
        List<KubeObject> out = new ArrayList<>();
        for (var f : chart.files().entrySet()) {
            String p = f.getKey();
            if (p.startsWith("crds/") && (p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".json"))) {
                try {
                    for (YamlDocument d : Yaml.readAll(new String(f.getValue(), StandardCharsets.UTF_8), p)) {
                        out.add(KubeObject.of(d.content()));
                    }
                } catch (InvalidInputException e) {
                    throw new ChartException("chart CRD file " + p + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** Helm's chart JSON: metadata, templates and files base64-encoded, values, schema. */
    static ObjectNode chartJson(ChartArchive chart, ObjectNode metadata, ObjectNode chartValues) {
        ObjectNode c = Json.object();
        c.set("metadata", metadata.deepCopy());
        c.putNull("lock");
        ArrayNode templates = c.putArray("templates");
        ArrayNode files = c.putArray("files");
        Base64.Encoder b64 = Base64.getEncoder();
        for (var f : chart.files().entrySet()) {
            String p = f.getKey();
            if (p.startsWith("charts/") || p.equals("Chart.yaml") || p.equals("values.yaml") || p.equals("Chart.lock")
                    || p.equals("values.schema.json")) {
                continue;
            }
            (p.startsWith("templates/") ? templates : files).addObject().put("name", p)
                    .put("data", b64.encodeToString(f.getValue()));
        }
        c.set("values", chartValues);
        byte[] schema = chart.file("values.schema.json");
        if (schema == null) {
            c.putNull("schema");
        } else {
            c.put("schema", b64.encodeToString(schema));
        }
        return c;
    }

    /** Helm's hook JSON for a rendered hook (no run yet). */
    static ObjectNode hookJson(Hook h) {
        ObjectNode n = Json.object();
        n.put("name", h.name()).put("kind", h.kind()).put("path", h.path()).put("manifest", h.manifest());
        ArrayNode events = n.putArray("events");
        h.events().forEach(events::add);
        n.putObject("last_run").put("started_at", "").put("completed_at", "").put("phase", "");
        n.put("weight", h.weight());
        ArrayNode policies = n.putArray("delete_policies");
        h.deletePolicies().forEach(policies::add);
        return n;
    }
}
