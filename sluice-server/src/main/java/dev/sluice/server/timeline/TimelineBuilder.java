package dev.sluice.server.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.EventRecord;
import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.server.timeline.AnalysisRuns.Folded;
import dev.sluice.server.timeline.AnalysisRuns.Run;
import dev.sluice.server.timeline.GitHistory.Revision;
import dev.sluice.server.timeline.Timeline.Entry;
import dev.sluice.server.timeline.Timeline.Level;
import dev.sluice.server.timeline.Timeline.Outcome;
import dev.sluice.server.timeline.Timeline.Ref;
import dev.sluice.server.timeline.Timeline.Result;
import dev.sluice.server.timeline.Timeline.RevisionTimeline;
import dev.sluice.server.timeline.Timeline.Stage;
import dev.sluice.server.timeline.Timeline.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Timeline} from stored objects, events and recorded ticks. Pure and deterministic:
 * the same inputs give the same timeline.
 *
 * <p>How things are tied together: each Git revision is anchored at its first apply by the
 * Kustomization (else at its artifact). An analysis run (the ticks of one pod-template hash) belongs
 * to the latest revision anchored at or before its first tick. A Canary event belongs to the run
 * whose ticks span it, else to the latest revision anchored before it; events the ticks already
 * show (same message, same time) are not repeated.
 */
public final class TimelineBuilder {

    /** Revisions kept, newest; older ones are dropped with a note. */
    public static final int MAX_REVISIONS = 50;

    private static final Duration SAME_TIME = Duration.ofSeconds(1);
    private static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::at, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Entry::stage);

    private TimelineBuilder() {
    }

    public static Timeline build(TimelineInputs in, Instant now) {
        KubeObject canary = in.canary();
        List<String> notes = new ArrayList<>();
        List<Revision> revisions = GitHistory.of(in.source(), in.sourceEvents(), in.kustomization(), in.kustomizationEvents());
        List<Run> runs = AnalysisRuns.of(in.ticks());

        Map<String, Group> groups = new LinkedHashMap<>();
        for (Revision r : revisions) {
            Group g = new Group(r.revision(), r);
            g.entries.addAll(r.entries());
            groups.put(r.revision(), g);
        }
        for (Run run : runs) {
            Group g = groupAt(groups, revisions, run.start());
            g.runs.add(run);
            for (Folded f : run.steps()) {
                g.entries.add(new Entry(f.at(), Stage.ANALYSIS, level(f.step()), title(f.step()), "", f.step()));
            }
        }
        for (EventRecord e : GitHistory.sorted(in.canaryEvents())) {
            if (shownByTicks(e, runs)) {
                continue;
            }
            Run spanning = spanning(runs, e.firstTimestamp());
            Group g = spanning != null ? groupOf(groups, spanning) : groupAt(groups, revisions, e.firstTimestamp());
            String detail = e.count() > 1 ? e.count() + " times, last at " + e.lastTimestamp() : "";
            g.entries.add(new Entry(e.firstTimestamp(), Stage.EVENT, e.isWarning() ? Level.WARNING : Level.INFO,
                    e.message(), detail, null));
        }

        List<RevisionTimeline> out = new ArrayList<>();
        for (Group g : ordered(groups)) {
            g.entries.sort(ORDER);
            List<Entry> events = g.entries.stream().filter(e -> e.stage() == Stage.EVENT).toList();
            Run next = g.runs.isEmpty() ? null : after(runs, g.runs.get(g.runs.size() - 1));
            Outcome outcome = RunOutcomes.of(g.runs, events, next);
            List<Entry> entries = new ArrayList<>(g.entries);
            if (outcome.result() == Result.PROMOTED || outcome.result() == Result.ROLLED_BACK) {
                boolean promoted = outcome.result() == Result.PROMOTED;
                entries.add(new Entry(outcome.at(), Stage.OUTCOME, promoted ? Level.INFO : Level.ERROR,
                        promoted ? "promoted" : "rolled back", outcome.reason(), null));
            }
            Timeline.Commit commit = g.revision == null ? null : g.revision.commit();
            out.add(new RevisionTimeline(g.key, commit, outcome, entries));
        }
        if (out.size() > MAX_REVISIONS) {
            notes.add("only the newest " + MAX_REVISIONS + " of " + out.size() + " revisions are shown");
            out = new ArrayList<>(out.subList(out.size() - MAX_REVISIONS, out.size()));
        }
        notes(notes, in, revisions);
        return new Timeline(ref(canary), target(canary), ref(in.kustomization()), ref(in.source()),
                canary.status().path("phase").asText(""), now, notes, out);
    }

    private static final class Group {
        final String key;
        final Revision revision;
        final List<Entry> entries = new ArrayList<>();
        final List<Run> runs = new ArrayList<>();

        Group(String key, Revision revision) {
            this.key = key;
            this.revision = revision;
        }
    }

    /** The group of the latest revision anchored at or before {@code t} (no anchor counts as the earliest). */
    private static Group groupAt(Map<String, Group> groups, List<Revision> revisions, Instant t) {
        Revision match = null;
        for (Revision r : revisions) {
            if (r.anchor() == null || !r.anchor().isAfter(t)) {
                match = r;
            }
        }
        if (match == null) {
            return groups.computeIfAbsent("", k -> new Group("", null));
        }
        return groups.get(match.revision());
    }

    private static Group groupOf(Map<String, Group> groups, Run run) {
        for (Group g : groups.values()) {
            if (g.runs.contains(run)) {
                return g;
            }
        }
        throw new IllegalStateException("run not grouped");
    }

    /** The unknown revision first (it holds what happened before any known revision), then by anchor. */
    private static List<Group> ordered(Map<String, Group> groups) {
        List<Group> out = new ArrayList<>();
        Group unknown = groups.get("");
        if (unknown != null) {
            out.add(unknown);
        }
        groups.values().stream().filter(g -> !g.key.isEmpty()).forEach(out::add);
        return out;
    }

    private static Run spanning(List<Run> runs, Instant t) {
        for (Run r : runs) {
            if (!t.isBefore(r.start()) && !t.isAfter(r.last().at())) {
                return r;
            }
        }
        return null;
    }

    private static Run after(List<Run> runs, Run run) {
        int i = runs.indexOf(run);
        return i >= 0 && i + 1 < runs.size() ? runs.get(i + 1) : null;
    }

    /** Whether a tick already carries this event's message at the same time. */
    private static boolean shownByTicks(EventRecord e, List<Run> runs) {
        Instant from = e.firstTimestamp().minus(SAME_TIME);
        Instant to = e.lastTimestamp().plus(SAME_TIME);
        for (Run r : runs) {
            for (AnalysisTick t : r.ticks()) {
                if (!t.at().isBefore(from) && !t.at().isAfter(to) && t.events().contains(e.message())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Level level(Step s) {
        if (s.phase().equals("Failed")) {
            return Level.ERROR;
        }
        boolean warn = s.metrics().stream().anyMatch(m -> !m.verdict().equals("PASS"))
                || s.hooks().stream().anyMatch(h -> !h.passed());
        return warn ? Level.WARNING : Level.INFO;
    }

    private static String title(Step s) {
        if (!s.events().isEmpty()) {
            return String.join(" / ", s.events());
        }
        return s.phase() + ": canary weight " + s.canaryWeight() + "%";
    }

    private static void notes(List<String> notes, TimelineInputs in, List<Revision> revisions) {
        Ref target = target(in.canary());
        if (in.kustomization() == null) {
            notes.add("no Kustomization's inventory holds " + target.kind() + "/" + target.namespace() + "/"
                    + target.name() + " or the Canary, so no Git revision can be tied to this Canary");
        } else if (in.source() == null) {
            JsonNode ref = in.kustomization().spec().path("sourceRef");
            notes.add("the Kustomization's source " + ref.path("kind").asText("GitRepository") + " "
                    + ref.path("name").asText() + " was not found");
        }
        if (!revisions.isEmpty()) {
            notes.add("commit author: not shown, it is not stored (GitRepository status and events carry the revision "
                    + "and the commit subject only)");
        }
        if (in.ticks().isEmpty()) {
            notes.add("no analysis ticks in this server's memory (kept in memory only, since the server started): "
                    + "analysis steps are shown from the Canary's events, without metric values");
        }
    }

    static Ref ref(KubeObject o) {
        return o == null ? null : new Ref(o.kind(), o.namespace(), o.name());
    }

    static Ref target(KubeObject canary) {
        JsonNode t = canary.spec().path("targetRef");
        return new Ref(t.path("kind").asText("Deployment"), canary.namespace(), t.path("name").asText(""));
    }
}
