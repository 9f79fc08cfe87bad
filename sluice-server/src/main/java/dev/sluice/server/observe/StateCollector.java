package dev.sluice.server.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.delivery.observe.AnalysisTick;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metrics computed when scraped, from the stored objects and the latest ticks: Flux's
 * {@code gotk_reconcile_condition} and {@code gotk_suspend_status}, Flagger's {@code flagger_info},
 * {@code flagger_canary_total}, {@code _status}, {@code _weight} and {@code _metric_analysis}, and the
 * two duration histograms (whose labels need the stored objects).
 */
final class StateCollector implements MultiCollector {

    /** The Flux kinds whose reconcilers report Ready and suspend, as Flux's controllers do. */
    static final List<GroupKind> FLUX_KINDS = List.of(
            GroupKind.of(ResourceTypes.SOURCE, "GitRepository"),
            GroupKind.of(ResourceTypes.SOURCE, "OCIRepository"),
            GroupKind.of(ResourceTypes.SOURCE, "Bucket"),
            GroupKind.of(ResourceTypes.SOURCE, "HelmRepository"),
            GroupKind.of(ResourceTypes.SOURCE, "HelmChart"),
            GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"),
            GroupKind.of(ResourceTypes.HELM, "HelmRelease"),
            GroupKind.of(ResourceTypes.NOTIFICATION, "Receiver"));
    static final GroupKind CANARY = GroupKind.of(ResourceTypes.FLAGGER, "Canary");
    private static final List<String> STATUSES = List.of("True", "False", "Unknown", "Deleted");

    private final Cluster cluster;
    private final TickStore ticks;
    private final DurationCells reconcile;
    private final DurationCells canaryTicks;
    private final String version;
    private final String meshProvider;

    StateCollector(Cluster cluster, TickStore ticks, DurationCells reconcile, DurationCells canaryTicks, String version,
                   String meshProvider) {
        this.cluster = cluster;
        this.ticks = ticks;
        this.reconcile = reconcile;
        this.canaryTicks = canaryTicks;
        this.version = version;
        this.meshProvider = meshProvider;
    }

    @Override
    public MetricSnapshots collect() {
        List<GaugeDataPointSnapshot> conditions = new ArrayList<>();
        List<GaugeDataPointSnapshot> suspended = new ArrayList<>();
        Set<ObjectKey> present = new HashSet<>();
        for (GroupKind kind : FLUX_KINDS) {
            for (KubeObject o : list(kind)) {
                present.add(o.key());
                Labels base = Labels.of("kind", kind.kind(), "name", o.name(), "namespace", o.namespace());
                suspended.add(gauge(base, o.spec().path("suspend").asBoolean(false) ? 1 : 0));
                String ready = readyStatus(o);
                if (ready != null) {
                    for (String s : STATUSES) {
                        conditions.add(gauge(base.add("type", "Ready").add("status", s), s.equals(ready) ? 1 : 0));
                    }
                }
            }
        }
        List<KubeObject> canaries = list(CANARY);
        Map<ObjectKey, String> targets = new HashMap<>();
        canaries.forEach(c -> targets.put(c.key(), target(c)));
        present.addAll(targets.keySet());
        reconcile.retainOnly(present::contains);
        canaryTicks.retainOnly(targets::containsKey);

        Map<String, Integer> perNamespace = new TreeMap<>();
        List<GaugeDataPointSnapshot> status = new ArrayList<>();
        List<GaugeDataPointSnapshot> weight = new ArrayList<>();
        Map<ObjectKey, AnalysisTick> latest = new HashMap<>();
        ticks.latest().forEach(t -> latest.put(t.canary(), t));
        for (KubeObject c : canaries) {
            perNamespace.merge(c.namespace(), 1, Integer::sum);
            String x = targets.get(c.key());
            status.add(gauge(Labels.of("name", x, "namespace", c.namespace()), statusValue(c.status().path("phase").asText(""))));
            AnalysisTick t = latest.get(c.key());
            int canaryWeight = t != null ? t.canaryWeight() : c.status().path("canaryWeight").asInt(0);
            int primaryWeight = t != null ? t.primaryWeight() : 100 - canaryWeight;
            weight.add(gauge(Labels.of("workload", x + "-primary", "namespace", c.namespace()), primaryWeight));
            weight.add(gauge(Labels.of("workload", x, "namespace", c.namespace()), canaryWeight));
        }
        List<GaugeDataPointSnapshot> total = new ArrayList<>();
        perNamespace.forEach((ns, n) -> total.add(gauge(Labels.of("namespace", ns), n)));
        List<GaugeDataPointSnapshot> analysis = new ArrayList<>();
        for (AnalysisTick t : latest.values()) {
            String x = targets.get(t.canary());
            if (x == null) {
                continue; // the Canary is gone
            }
            for (AnalysisTick.MetricSample m : t.metrics()) {
                if (m.value() != null && !m.value().isNaN()) {
                    analysis.add(gauge(Labels.of("name", x, "namespace", t.canary().namespace(), "metric", m.name()), m.value()));
                }
            }
        }
        return MetricSnapshots.of(
                new GaugeSnapshot(meta("gotk_reconcile_condition", "The current condition status of a GitOps Toolkit resource reconciliation."), conditions),
                new GaugeSnapshot(meta("gotk_suspend_status", "The current suspend status of a GitOps Toolkit resource."), suspended),
                new HistogramSnapshot(meta("gotk_reconcile_duration_seconds", "The duration in seconds of a GitOps Toolkit resource reconciliation."),
                        reconcile.points(k -> Labels.of("kind", k.groupKind().kind(), "name", k.name(), "namespace", k.namespace()))),
                new GaugeSnapshot(meta("flagger_info", "Flagger version and mesh provider information"),
                        List.of(gauge(Labels.of("version", version, "mesh_provider", meshProvider), 1))),
                new GaugeSnapshot(meta("flagger_canary_total", "Total number of canary object"), total),
                new GaugeSnapshot(meta("flagger_canary_status", "Last canary analysis result"), status),
                new GaugeSnapshot(meta("flagger_canary_weight", "The virtual service destination weight current value"), weight),
                new GaugeSnapshot(meta("flagger_canary_metric_analysis", "Last canary analysis result per metric"), analysis),
                new HistogramSnapshot(meta("flagger_canary_duration_seconds", "Seconds spent performing canary analysis."),
                        canaryTicks.points(k -> targets.containsKey(k) ? Labels.of("name", targets.get(k), "namespace", k.namespace()) : null)));
    }

    private List<KubeObject> list(GroupKind kind) {
        try {
            return cluster.list(kind, "", LabelSelector.everything());
        } catch (ClusterException e) {
            return List.of(); // a kind this cluster does not serve (no CRD): nothing to report
        }
    }

    /** Flagger's canary status: 0 running (Progressing), 2 failed, 1 anything else. */
    static int statusValue(String phase) {
        return switch (phase) {
            case "Progressing" -> 0;
            case "Failed" -> 2;
            default -> 1;
        };
    }

    /** The Ready status as Flux records it, "Deleted" while deleting; null before the first reconcile. */
    private static String readyStatus(KubeObject o) {
        if (o.isDeleting()) {
            return "Deleted";
        }
        for (JsonNode c : o.status().path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText("Unknown");
            }
        }
        return null;
    }

    static String target(KubeObject canary) {
        String t = canary.spec().path("targetRef").path("name").asText("");
        return t.isEmpty() ? canary.name() : t;
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static MetricMetadata meta(String name, String help) {
        return new MetricMetadata(name, help);
    }
}
