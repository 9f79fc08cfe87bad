package dev.sluice.server.timeline;

import dev.sluice.server.timeline.Timeline.Entry;
import dev.sluice.server.timeline.Timeline.MetricCheck;
import dev.sluice.server.timeline.Timeline.RevisionTimeline;
import dev.sluice.server.timeline.Timeline.Step;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Timeline} as terminal text, oldest revision first (a log reads top to bottom): per
 * revision a heading with the commit and the outcome, then one line per entry (UTC time, stage,
 * title), analysis steps followed by their checks against thresholds. Pure.
 */
public final class TimelineText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Map<String, String> STAGE = Map.of("commit", "commit", "artifact", "artifact", "apply", "applied",
            "analysis", "step", "event", "event", "outcome", "outcome");

    private TimelineText() {
    }

    public static String render(Timeline t) {
        StringBuilder b = new StringBuilder();
        b.append("Canary ").append(t.canary().namespace()).append('/').append(t.canary().name());
        b.append(" (").append(t.target().kind()).append(' ').append(t.target().namespace()).append('/')
                .append(t.target().name()).append("), phase ").append(t.phase().isEmpty() ? "-" : t.phase()).append('\n');
        if (t.kustomization() != null) {
            b.append("Kustomization ").append(t.kustomization().namespace()).append('/').append(t.kustomization().name());
            if (t.source() != null) {
                b.append(", ").append(t.source().kind()).append(' ').append(t.source().namespace()).append('/')
                        .append(t.source().name());
            }
            b.append('\n');
        }
        if (t.revisions().isEmpty()) {
            b.append("\nNo history yet.\n");
        }
        for (RevisionTimeline r : t.revisions()) {
            b.append('\n').append(r.revision().isEmpty() ? "unknown revision" : r.revision());
            if (r.commit() != null && r.commit().message() != null) {
                b.append(" \"").append(r.commit().message()).append('"');
            }
            b.append(": ").append(r.outcome().result().word()).append('\n');
            b.append("  ").append(r.outcome().reason()).append('\n');
            String day = null;
            for (Entry e : r.entries()) {
                String d = e.at() == null ? "" : DATE.format(e.at());
                if (!d.isEmpty() && !d.equals(day)) {
                    b.append("  ").append(d).append('\n');
                    day = d;
                }
                b.append("  ").append(time(e.at())).append("  ")
                        .append(pad(STAGE.getOrDefault(e.stage().word(), e.stage().word()), 9)).append(e.title());
                if (!e.detail().isEmpty()) {
                    b.append(" (").append(e.detail().replace("\n", "; ")).append(')');
                }
                b.append('\n');
                if (e.step() != null) {
                    b.append("                     ").append(checks(e.step())).append('\n');
                }
            }
        }
        if (!t.notes().isEmpty()) {
            b.append("\nNotes:\n");
            t.notes().forEach(n -> b.append("  - ").append(n).append('\n'));
        }
        return b.toString();
    }

    private static String checks(Step s) {
        List<String> parts = new ArrayList<>();
        parts.add(s.phase() + ", canary " + s.canaryWeight() + "%, failed checks " + s.failedChecks()
                + (s.ticks() > 1 ? ", " + s.ticks() + " ticks" : ""));
        for (MetricCheck m : s.metrics()) {
            parts.add(m.name() + " " + (m.value() == null ? "-" : RunOutcomes.number(m.value())) + threshold(m) + " " + m.verdict());
        }
        s.hooks().forEach(h -> parts.add(h.name() + " " + (h.passed() ? "passed" : "failed")));
        return String.join(" | ", parts);
    }

    private static String threshold(MetricCheck m) {
        if (m.min() != null && m.max() != null) {
            return " [" + RunOutcomes.number(m.min()) + ".." + RunOutcomes.number(m.max()) + "]";
        }
        if (m.min() != null) {
            return " (>= " + RunOutcomes.number(m.min()) + ")";
        }
        return m.max() != null ? " (<= " + RunOutcomes.number(m.max()) + ")" : "";
    }

    private static String time(Instant at) {
        return at == null ? "--:--:--" : TIME.format(at);
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s + " " : s + " ".repeat(n - s.length());
    }
}
