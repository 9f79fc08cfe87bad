package dev.sluice.server.timeline;

import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.server.timeline.Timeline.HookCheck;
import dev.sluice.server.timeline.Timeline.MetricCheck;
import dev.sluice.server.timeline.Timeline.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Splits a Canary's ticks into analysis runs and folds each run's ticks into steps. A run is the
 * ticks of one pod-template hash; a terminal phase followed by a non-terminal one (a retry) starts
 * a new run too. Consecutive ticks that look the same (phase, weights, counters, verdicts, hook
 * results and events) fold into one {@link Step}. Pure.
 */
final class AnalysisRuns {

    static final Set<String> TERMINAL = Set.of("Succeeded", "Failed");

    /** A folded step and the time of its first tick. */
    record Folded(Instant at, Step step) {
    }

    /** One run: its ticks, oldest first, and its folded steps. */
    record Run(String hash, List<AnalysisTick> ticks, List<Folded> steps) {

        Instant start() {
            return ticks.get(0).at();
        }

        AnalysisTick last() {
            return ticks.get(ticks.size() - 1);
        }
    }

    private AnalysisRuns() {
    }

    static List<Run> of(List<AnalysisTick> ticks) {
        List<AnalysisTick> sorted = new ArrayList<>(ticks);
        sorted.sort(Comparator.comparing(AnalysisTick::at));
        List<Run> runs = new ArrayList<>();
        List<AnalysisTick> current = new ArrayList<>();
        for (AnalysisTick t : sorted) {
            if (!current.isEmpty() && startsNewRun(current.get(current.size() - 1), t)) {
                runs.add(run(current));
                current = new ArrayList<>();
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            runs.add(run(current));
        }
        return runs;
    }

    private static boolean startsNewRun(AnalysisTick previous, AnalysisTick next) {
        if (!previous.revision().equals(next.revision())) {
            return true;
        }
        return TERMINAL.contains(previous.phase()) && !TERMINAL.contains(next.phase());
    }

    private static Run run(List<AnalysisTick> ticks) {
        List<Folded> steps = new ArrayList<>();
        AnalysisTick first = null;
        AnalysisTick last = null;
        int n = 0;
        for (AnalysisTick t : ticks) {
            if (last != null && sameLook(last, t)) {
                last = t;
                n++;
                continue;
            }
            if (last != null) {
                steps.add(step(first, last, n));
            }
            first = t;
            last = t;
            n = 1;
        }
        steps.add(step(first, last, n));
        return new Run(ticks.get(0).revision(), List.copyOf(ticks), steps);
    }

    private static boolean sameLook(AnalysisTick a, AnalysisTick b) {
        return a.phase().equals(b.phase()) && a.canaryWeight() == b.canaryWeight()
                && a.primaryWeight() == b.primaryWeight() && a.iterations() == b.iterations()
                && a.failedChecks() == b.failedChecks() && a.events().equals(b.events())
                && verdicts(a).equals(verdicts(b)) && hookResults(a).equals(hookResults(b));
    }

    private static List<String> verdicts(AnalysisTick t) {
        return t.metrics().stream().map(m -> m.name() + "=" + m.verdict()).toList();
    }

    private static List<String> hookResults(AnalysisTick t) {
        return t.hooks().stream().map(h -> h.name() + "=" + h.passed()).toList();
    }

    /** A step starting at {@code first} that shows the values of {@code last}. */
    private static Folded step(AnalysisTick first, AnalysisTick last, int ticks) {
        List<MetricCheck> metrics = last.metrics().stream()
                .map(m -> new MetricCheck(m.name(), m.value(), m.min(), m.max(), m.verdict().name(), m.detail()))
                .toList();
        List<HookCheck> hooks = last.hooks().stream()
                .map(h -> new HookCheck(h.name(), h.type(), h.passed(), h.message()))
                .toList();
        return new Folded(first.at(), new Step(last.revision(), last.phase(), last.canaryWeight(), last.primaryWeight(),
                last.iterations(), last.failedChecks(), metrics, hooks, first.events(), ticks, last.at()));
    }
}
