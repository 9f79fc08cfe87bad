package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GoDuration;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.helm.HelmRelease;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.helm.source.HelmChartReconciler;
import java.util.Optional;

/**
 * The HelmChart a HelmRelease's {@code spec.chart} asks for, as helm-controller manages it: named
 * {@code <hrNamespace>-<hrName>} in the source's namespace, labelled with the HelmRelease, applied
 * (so unchanged specs write nothing), and the previous one deleted when the chart moved.
 */
final class ChartTemplate {

    private ChartTemplate() {
    }

    /** The key of the HelmChart the release uses (created or updated from {@code spec.chart}). */
    static ObjectKey reconcile(Cluster cluster, HelmRelease hr, String fieldManager) {
        if (hr.spec().chart().isEmpty()) {
            var ref = hr.spec().chartRef().orElseThrow();
            return new ObjectKey(HelmChartReconciler.KIND, ref.namespace().isEmpty() ? hr.namespace() : ref.namespace(),
                    ref.name());
        }
        var t = hr.spec().chart().get();
        String ns = t.sourceRef().namespace().isEmpty() ? hr.namespace() : t.sourceRef().namespace();
        ObjectKey key = new ObjectKey(HelmChartReconciler.KIND, ns, hr.helmChartName());
        ObjectNode o = Json.object().put("apiVersion", ResourceTypes.SOURCE + "/v1").put("kind", "HelmChart");
        ObjectNode meta = o.putObject("metadata").put("name", key.name()).put("namespace", ns);
        ObjectNode labels = meta.putObject("labels");
        t.metadata().ifPresent(m -> {
            m.labels().forEach(labels::put);
            if (!m.annotations().isEmpty()) {
                ObjectNode a = meta.putObject("annotations");
                m.annotations().forEach(a::put);
            }
        });
        labels.put(ReleaseObjects.HR_NAME, hr.name()).put(ReleaseObjects.HR_NAMESPACE, hr.namespace());
        ObjectNode spec = o.putObject("spec").put("chart", t.chart()).put("version", t.version());
        spec.putObject("sourceRef").put("kind", t.sourceRef().kind()).put("name", t.sourceRef().name());
        spec.put("interval", GoDuration.format(t.interval().orElse(hr.spec().interval())));
        spec.put("reconcileStrategy", t.reconcileStrategy());
        if (!t.valuesFiles().isEmpty()) {
            ArrayNode files = spec.putArray("valuesFiles");
            t.valuesFiles().forEach(files::add);
        }
        if (t.ignoreMissingValuesFiles()) {
            spec.put("ignoreMissingValuesFiles", true);
        }
        cluster.apply(KubeObject.of(o), ApplyOptions.as(fieldManager));
        String previous = hr.status().helmChart();
        if (!previous.isEmpty() && !previous.equals(ns + "/" + key.name())) {
            delete(cluster, previous);
        }
        return key;
    }

    /** Deletes the HelmChart named {@code ns/name} in status (on deletion, or after a move). */
    static void delete(Cluster cluster, String namespacedName) {
        int slash = namespacedName.indexOf('/');
        if (slash <= 0) {
            return;
        }
        ObjectKey key = new ObjectKey(HelmChartReconciler.KIND, namespacedName.substring(0, slash),
                namespacedName.substring(slash + 1));
        try {
            Optional<KubeObject> o = cluster.get(key);
            if (o.isPresent()) {
                cluster.delete(key, DeleteOptions.background());
            }
        } catch (ClusterException e) {
            if (!e.is(ClusterException.Reason.NOT_FOUND)) {
                throw e;
            }
        }
    }
}
