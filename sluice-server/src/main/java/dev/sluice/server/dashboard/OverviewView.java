package dev.sluice.server.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.EventRecord;
import java.util.Comparator;
import java.util.List;

/**
 * The overview page: counts per kind, then what needs attention first (not Ready, Failed canaries),
 * the rollouts under way and the latest warnings. Pure.
 */
final class OverviewView {

    static final int RECENT_WARNINGS = 10;

    private OverviewView() {
    }

    static ObjectNode of(List<KubeObject> sources, List<KubeObject> kustomizations, List<KubeObject> canaries,
                         List<KubeObject> deployments, List<EventRecord> events) {
        ObjectNode o = Json.object();
        ObjectNode counts = o.putObject("counts");
        counts.set("sources", fluxCounts(sources));
        counts.set("kustomizations", fluxCounts(kustomizations));
        ObjectNode c = counts.putObject("canaries").put("total", canaries.size());
        for (String phase : List.of("Failed", "Progressing", "WaitingPromotion", "Succeeded")) {
            c.put(phase, canaries.stream().filter(x -> phase.equals(x.status().path("phase").asText())).count());
        }
        counts.putObject("deployments").put("total", deployments.size())
                .put("ready", deployments.stream().filter(OverviewView::deploymentReady).count());

        ArrayNode failing = o.putArray("failing");
        for (KubeObject x : FluxViews.sortedFailingFirst(concat(sources, kustomizations))) {
            if (FluxViews.failing(x)) {
                ObjectNode r = FluxViews.ready(x);
                failing.addObject().put("kind", x.kind()).put("namespace", x.namespace()).put("name", x.name())
                        .put("reason", r.path("reason").asText()).put("message", r.path("message").asText())
                        .put("since", r.path("since").asText(null));
            }
        }
        for (KubeObject x : canaries) {
            if ("Failed".equals(x.status().path("phase").asText())) {
                ObjectNode row = CanaryViews.row(x);
                failing.addObject().put("kind", "Canary").put("namespace", x.namespace()).put("name", x.name())
                        .put("reason", "Failed").put("message", row.path("message").asText())
                        .put("since", row.path("lastTransitionTime").asText(null));
            }
        }
        ArrayNode moving = o.putArray("inProgress");
        canaries.stream().filter(x -> CanaryViews.rank(x) == 1).forEach(x -> moving.add(CanaryViews.row(x)));
        ArrayNode warnings = o.putArray("recentWarnings");
        events.stream().filter(EventRecord::isWarning).sorted(Comparator.comparing(EventRecord::lastTimestamp).reversed())
                .limit(RECENT_WARNINGS).forEach(e -> warnings.add(EventViews.event(e)));
        return o;
    }

    private static ObjectNode fluxCounts(List<KubeObject> objects) {
        ObjectNode n = Json.object().put("total", objects.size());
        n.put("ready", objects.stream().filter(x -> FluxViews.ready(x).path("status").asText().equals("True")).count());
        n.put("failing", objects.stream().filter(FluxViews::failing).count());
        n.put("suspended", objects.stream().filter(x -> x.spec().path("suspend").asBoolean(false)).count());
        return n;
    }

    private static boolean deploymentReady(KubeObject d) {
        int want = d.spec().path("replicas").asInt(1);
        return d.status().path("readyReplicas").asInt(0) >= want;
    }

    private static List<KubeObject> concat(List<KubeObject> a, List<KubeObject> b) {
        List<KubeObject> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
