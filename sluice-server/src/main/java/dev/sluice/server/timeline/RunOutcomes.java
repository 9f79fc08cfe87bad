package dev.sluice.server.timeline;

import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.server.timeline.AnalysisRuns.Run;
import dev.sluice.server.timeline.Timeline.Entry;
import dev.sluice.server.timeline.Timeline.Outcome;
import dev.sluice.server.timeline.Timeline.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the analysis under one revision ended, from its runs (ticks) or, when no ticks were recorded,
 * from the Canary's events (Flagger's texts: "Promotion completed! ...", "Canary failed! ...",
 * "Rolling back ... failed checks threshold reached N", "Halt ..."). Pure.
 */
final class RunOutcomes {

    static final String PROMOTED_DEFAULT = "Canary analysis completed successfully, promotion finished.";

    private RunOutcomes() {
    }

    /**
     * @param runs        this revision's runs, oldest first
     * @param events      this revision's canary event entries, oldest first
     * @param superseding the run after this revision's last run (any revision), or null
     */
    static Outcome of(List<Run> runs, List<Entry> events, Run superseding) {
        if (runs.isEmpty()) {
            return fromEvents(events);
        }
        Run r = runs.get(runs.size() - 1);
        AnalysisTick last = r.last();
        List<String> messages = new ArrayList<>();
        r.ticks().forEach(t -> messages.addAll(t.events()));
        events.stream().filter(e -> !e.at().isBefore(r.start())).forEach(e -> messages.add(e.title()));
        switch (last.phase()) {
            case "Succeeded" -> {
                return new Outcome(Result.PROMOTED, lastStartingWith(messages, "Promotion completed!", PROMOTED_DEFAULT),
                        firstInPhase(r, "Succeeded"));
            }
            case "Failed" -> {
                return new Outcome(Result.ROLLED_BACK, rollbackReason(messages, r), firstInPhase(r, "Failed"));
            }
            default -> {
                if (superseding != null) {
                    return new Outcome(Result.SUPERSEDED, "a new revision (" + superseding.hash()
                            + ") restarted the analysis", superseding.start());
                }
                return new Outcome(Result.IN_PROGRESS, describe(last), last.at());
            }
        }
    }

    private static Outcome fromEvents(List<Entry> events) {
        List<String> seen = new ArrayList<>();
        for (Entry e : events) {
            seen.add(e.title());
            if (e.title().startsWith("Promotion completed!")) {
                return new Outcome(Result.PROMOTED, e.title(), e.at());
            }
            if (e.title().startsWith("Canary failed!")) {
                return new Outcome(Result.ROLLED_BACK, lastStartingWith(seen, "Rolling back",
                        lastStartingWith(seen, "Halt", e.title())), e.at());
            }
        }
        if (!events.isEmpty()) {
            Entry last = events.get(events.size() - 1);
            return new Outcome(Result.IN_PROGRESS, "from events only (no ticks recorded): " + last.title(), last.at());
        }
        return new Outcome(Result.NOT_ANALYSED, "no analysis recorded under this revision (the target did not change, "
                + "or the analysis ran before this server started and left no events)", null);
    }

    private static String rollbackReason(List<String> messages, Run r) {
        String reason = lastStartingWith(messages, "Rolling back", lastStartingWith(messages, "Halt", "Canary failed"));
        String check = lastFailedCheck(r);
        return check.isEmpty() ? reason : reason + "; last failed check: " + check;
    }

    /** The last failing metric or webhook of the run, e.g. "request-success-rate 60.2 < min 70". */
    static String lastFailedCheck(Run r) {
        for (int i = r.ticks().size() - 1; i >= 0; i--) {
            AnalysisTick t = r.ticks().get(i);
            for (AnalysisTick.MetricSample m : t.metrics()) {
                if (m.verdict() != AnalysisTick.Verdict.PASS) {
                    return m.detail() == null || m.detail().isEmpty() ? metricText(m) : m.name() + ": " + m.detail();
                }
            }
            for (AnalysisTick.HookOutcome h : t.hooks()) {
                if (!h.passed()) {
                    return "webhook " + h.name() + " (" + h.type() + "): " + h.message();
                }
            }
        }
        return "";
    }

    static String metricText(AnalysisTick.MetricSample m) {
        if (m.value() == null) {
            return m.name() + ": no data";
        }
        StringBuilder b = new StringBuilder(m.name()).append(' ').append(number(m.value()));
        if (m.min() != null && m.value() < m.min()) {
            b.append(" < min ").append(number(m.min()));
        } else if (m.max() != null && m.value() > m.max()) {
            b.append(" > max ").append(number(m.max()));
        }
        return b.toString();
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String describe(AnalysisTick t) {
        return t.phase() + ": canary weight " + t.canaryWeight() + "%, " + t.failedChecks() + " failed checks";
    }

    private static java.time.Instant firstInPhase(Run r, String phase) {
        for (AnalysisTick t : r.ticks()) {
            if (t.phase().equals(phase)) {
                return t.at();
            }
        }
        return r.last().at();
    }

    private static String lastStartingWith(List<String> messages, String prefix, String fallback) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).startsWith(prefix)) {
                return messages.get(i);
            }
        }
        return fallback;
    }
}
