package dev.sluice.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.EventRecord;
import dev.sluice.delivery.observe.AnalysisTick;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The JSON of the canaries page, the canary page and the tick stream. Pure. */
final class CanaryViews {

    /** The annotation a manual request is written to (docs/canary.md "Manual control"). */
    static final String REQUESTED_ACTION = "sluice.dev/requested-action";
    static final Set<String> ACTIVE = Set.of("Progressing", "Waiting", "WaitingPromotion", "Promoting", "Finalising");
    static final Set<String> GATES = Set.of("confirm-rollout", "confirm-traffic-increase", "confirm-promotion");

    private CanaryViews() {
    }

    /** Failed first, then those moving, then the rest; by namespace and name within each. */
    static int rank(KubeObject c) {
        String phase = c.status().path("phase").asText("");
        if (phase.equals("Failed")) {
            return 0;
        }
        return ACTIVE.contains(phase) ? 1 : 2;
    }

    static ArrayNode rows(List<KubeObject> canaries) {
        ArrayNode rows = Json.nodes().arrayNode();
        canaries.stream().sorted(Comparator.comparingInt(CanaryViews::rank).thenComparing(KubeObject::namespace)
                .thenComparing(KubeObject::name)).forEach(c -> rows.add(row(c)));
        return rows;
    }

    static ObjectNode row(KubeObject c) {
        JsonNode spec = c.spec();
        JsonNode analysis = spec.has("analysis") ? spec.path("analysis") : spec.path("canaryAnalysis");
        JsonNode st = c.status();
        ObjectNode r = Json.object();
        r.put("namespace", c.namespace()).put("name", c.name());
        r.put("target", spec.path("targetRef").path("name").asText(""));
        r.put("provider", spec.path("provider").asText(""));
        r.put("phase", st.path("phase").asText(""));
        r.put("canaryWeight", st.path("canaryWeight").asInt(0));
        r.put("failedChecks", st.path("failedChecks").asInt(0));
        r.put("iterations", st.path("iterations").asInt(0));
        r.put("threshold", analysis.path("threshold").asInt(1));
        r.put("maxWeight", analysis.path("maxWeight").asInt(100));
        r.put("stepWeight", analysis.path("stepWeight").asInt(0));
        r.put("interval", analysis.path("interval").asText("60s"));
        r.put("lastTransitionTime", st.path("lastTransitionTime").asText(null));
        r.put("suspended", spec.path("suspend").asBoolean(false));
        r.put("paused", st.path("paused").asBoolean(false));
        String message = "";
        for (JsonNode cond : st.path("conditions")) {
            if (cond.path("type").asText().equals("Promoted")) {
                message = cond.path("message").asText("");
            }
        }
        r.put("message", message);
        r.put("requestedAction", c.annotation(REQUESTED_ACTION).orElse(null));
        r.put("lastHandledAction", st.path("lastHandledAction").asText(null));
        return r;
    }

    /** The canary page: the row, the analysis settings, webhooks with their last result, ticks and events. */
    static ObjectNode detail(KubeObject c, List<AnalysisTick> ticks, List<EventRecord> events) {
        ObjectNode d = row(c);
        JsonNode spec = c.spec();
        JsonNode analysis = spec.has("analysis") ? spec.path("analysis") : spec.path("canaryAnalysis");
        ArrayNode metrics = d.putArray("metrics");
        for (JsonNode m : analysis.path("metrics")) {
            ObjectNode mn = metrics.addObject().put("name", m.path("name").asText())
                    .put("interval", m.path("interval").asText("1m"));
            JsonNode range = m.path("thresholdRange");
            putNumber(mn, "min", range.path("min"));
            putNumber(mn, "max", range.path("max"));
            if (range.isMissingNode() && m.has("threshold")) {
                // The deprecated threshold: a minimum for the success rate, a maximum for everything else.
                putNumber(mn, m.path("name").asText().equals("request-success-rate") ? "min" : "max", m.path("threshold"));
            }
        }
        AnalysisTick last = ticks.isEmpty() ? null : ticks.get(ticks.size() - 1);
        ArrayNode hooks = d.putArray("webhooks");
        for (JsonNode w : analysis.path("webhooks")) {
            String type = w.path("type").asText("rollout");
            type = type.isEmpty() ? "rollout" : type;
            ObjectNode wn = hooks.addObject().put("name", w.path("name").asText()).put("type", type)
                    .put("url", dev.sluice.api.Redaction.urls(w.path("url").asText(""))).put("gate", GATES.contains(type));
            wn.putNull("passed").putNull("message");
            if (last != null) {
                for (AnalysisTick.HookOutcome h : last.hooks()) {
                    if (h.name().equals(w.path("name").asText())) {
                        wn.put("passed", h.passed()).put("message", h.message());
                    }
                }
            }
        }
        ArrayNode tn = d.putArray("ticks");
        ticks.forEach(t -> tn.add(tick(t)));
        ArrayNode en = d.putArray("events");
        events.forEach(e -> en.add(EventViews.event(e)));
        return d;
    }

    static ObjectNode tick(AnalysisTick t) {
        ObjectNode n = Json.object();
        n.put("namespace", t.canary().namespace()).put("name", t.canary().name()).put("at", t.at().toString())
                .put("revision", t.revision()).put("phase", t.phase()).put("primaryWeight", t.primaryWeight())
                .put("canaryWeight", t.canaryWeight()).put("iterations", t.iterations()).put("failedChecks", t.failedChecks());
        ArrayNode metrics = n.putArray("metrics");
        for (AnalysisTick.MetricSample m : t.metrics()) {
            Double v = m.value() == null || m.value().isNaN() || m.value().isInfinite() ? null : m.value();
            metrics.addObject().put("name", m.name()).put("value", v).put("min", m.min()).put("max", m.max())
                    .put("verdict", m.verdict().name()).put("detail", m.detail());
        }
        ArrayNode hooks = n.putArray("hooks");
        for (AnalysisTick.HookOutcome h : t.hooks()) {
            hooks.addObject().put("name", h.name()).put("type", h.type()).put("passed", h.passed()).put("message", h.message());
        }
        ArrayNode ev = n.putArray("events");
        t.events().forEach(ev::add);
        return n;
    }

    private static void putNumber(ObjectNode n, String field, JsonNode v) {
        if (v.isNumber()) {
            n.put(field, v.asDouble());
        } else if (v.isTextual()) {
            try {
                n.put(field, Double.parseDouble(v.asText()));
            } catch (NumberFormatException e) {
                n.putNull(field);
            }
        } else {
            n.putNull(field);
        }
    }
}
