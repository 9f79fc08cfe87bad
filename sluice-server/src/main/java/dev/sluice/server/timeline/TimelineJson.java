package dev.sluice.server.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.server.timeline.Timeline.Commit;
import dev.sluice.server.timeline.Timeline.Entry;
import dev.sluice.server.timeline.Timeline.HookCheck;
import dev.sluice.server.timeline.Timeline.Level;
import dev.sluice.server.timeline.Timeline.MetricCheck;
import dev.sluice.server.timeline.Timeline.Outcome;
import dev.sluice.server.timeline.Timeline.Ref;
import dev.sluice.server.timeline.Timeline.Result;
import dev.sluice.server.timeline.Timeline.RevisionTimeline;
import dev.sluice.server.timeline.Timeline.Stage;
import dev.sluice.server.timeline.Timeline.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stable JSON form of a {@link Timeline} (shape {@value Timeline#SHAPE}, documented in
 * {@code docs/dashboard.md}): every field is always present, absent values are {@code null}, times
 * are RFC 3339 UTC, enums are fixed words. {@link #read} is the exact inverse of {@link #write}.
 */
public final class TimelineJson {

    private TimelineJson() {
    }

    public static ObjectNode write(Timeline t) {
        ObjectNode n = Json.object();
        n.put("shape", Timeline.SHAPE);
        n.set("canary", ref(t.canary()));
        n.set("target", ref(t.target()));
        n.set("kustomization", ref(t.kustomization()));
        n.set("source", ref(t.source()));
        n.put("phase", t.phase());
        n.put("generatedAt", time(t.generatedAt()));
        ArrayNode notes = n.putArray("notes");
        t.notes().forEach(notes::add);
        ArrayNode revs = n.putArray("revisions");
        for (RevisionTimeline r : t.revisions()) {
            ObjectNode rn = revs.addObject();
            rn.put("revision", r.revision());
            if (r.commit() == null) {
                rn.putNull("commit");
            } else {
                rn.putObject("commit").put("sha", r.commit().sha()).put("message", r.commit().message())
                        .put("author", r.commit().author());
            }
            rn.putObject("outcome").put("result", r.outcome().result().word()).put("reason", r.outcome().reason())
                    .put("at", time(r.outcome().at()));
            ArrayNode entries = rn.putArray("entries");
            r.entries().forEach(e -> entries.add(entry(e)));
        }
        return n;
    }

    private static ObjectNode entry(Entry e) {
        ObjectNode n = Json.object();
        n.put("at", time(e.at())).put("stage", e.stage().word()).put("level", e.level().word())
                .put("title", e.title()).put("detail", e.detail());
        if (e.step() == null) {
            n.putNull("step");
            return n;
        }
        Step s = e.step();
        ObjectNode sn = n.putObject("step");
        sn.put("podTemplateHash", s.podTemplateHash()).put("phase", s.phase()).put("canaryWeight", s.canaryWeight())
                .put("primaryWeight", s.primaryWeight()).put("iterations", s.iterations())
                .put("failedChecks", s.failedChecks());
        ArrayNode metrics = sn.putArray("metrics");
        for (MetricCheck m : s.metrics()) {
            metrics.addObject().put("name", m.name()).put("value", m.value()).put("min", m.min()).put("max", m.max())
                    .put("verdict", m.verdict()).put("detail", m.detail());
        }
        ArrayNode hooks = sn.putArray("hooks");
        for (HookCheck h : s.hooks()) {
            hooks.addObject().put("name", h.name()).put("type", h.type()).put("passed", h.passed())
                    .put("message", h.message());
        }
        ArrayNode events = sn.putArray("events");
        s.events().forEach(events::add);
        sn.put("ticks", s.ticks()).put("lastAt", time(s.lastAt()));
        return n;
    }

    /** Reads what {@link #write} wrote; a different shape is an {@link IllegalArgumentException}. */
    public static Timeline read(JsonNode n) {
        String shape = n.path("shape").asText("");
        if (!shape.equals(Timeline.SHAPE)) {
            throw new IllegalArgumentException("timeline shape '" + shape + "' is not " + Timeline.SHAPE);
        }
        List<String> notes = new ArrayList<>();
        n.path("notes").forEach(x -> notes.add(x.asText()));
        List<RevisionTimeline> revisions = new ArrayList<>();
        for (JsonNode r : n.path("revisions")) {
            JsonNode c = r.path("commit");
            Commit commit = c.isObject() ? new Commit(c.path("sha").asText(), text(c, "message"), text(c, "author")) : null;
            JsonNode o = r.path("outcome");
            Outcome outcome = new Outcome(Result.of(o.path("result").asText()), o.path("reason").asText(), instant(o.path("at")));
            List<Entry> entries = new ArrayList<>();
            r.path("entries").forEach(e -> entries.add(readEntry(e)));
            revisions.add(new RevisionTimeline(r.path("revision").asText(), commit, outcome, entries));
        }
        return new Timeline(readRef(n.path("canary")), readRef(n.path("target")), readRef(n.path("kustomization")),
                readRef(n.path("source")), n.path("phase").asText(), instant(n.path("generatedAt")), notes, revisions);
    }

    private static Entry readEntry(JsonNode e) {
        Step step = null;
        JsonNode s = e.path("step");
        if (s.isObject()) {
            List<MetricCheck> metrics = new ArrayList<>();
            s.path("metrics").forEach(m -> metrics.add(new MetricCheck(m.path("name").asText(), number(m.path("value")),
                    number(m.path("min")), number(m.path("max")), m.path("verdict").asText(), m.path("detail").asText())));
            List<HookCheck> hooks = new ArrayList<>();
            s.path("hooks").forEach(h -> hooks.add(new HookCheck(h.path("name").asText(), h.path("type").asText(),
                    h.path("passed").asBoolean(), h.path("message").asText())));
            List<String> events = new ArrayList<>();
            s.path("events").forEach(x -> events.add(x.asText()));
            step = new Step(s.path("podTemplateHash").asText(), s.path("phase").asText(), s.path("canaryWeight").asInt(),
                    s.path("primaryWeight").asInt(), s.path("iterations").asInt(), s.path("failedChecks").asInt(),
                    metrics, hooks, events, s.path("ticks").asInt(), instant(s.path("lastAt")));
        }
        return new Entry(instant(e.path("at")), Stage.valueOf(e.path("stage").asText().toUpperCase(Locale.ROOT)),
                Level.valueOf(e.path("level").asText().toUpperCase(Locale.ROOT)), e.path("title").asText(),
                e.path("detail").asText(), step);
    }

    private static JsonNode ref(Ref r) {
        if (r == null) {
            return Json.nodes().nullNode();
        }
        return Json.object().put("kind", r.kind()).put("namespace", r.namespace()).put("name", r.name());
    }

    private static Ref readRef(JsonNode n) {
        return n.isObject() ? new Ref(n.path("kind").asText(), n.path("namespace").asText(), n.path("name").asText()) : null;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Instant instant(JsonNode n) {
        return n.isTextual() ? Instant.parse(n.asText()) : null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }
}
