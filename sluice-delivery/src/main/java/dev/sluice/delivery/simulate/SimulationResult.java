package dev.sluice.delivery.simulate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.Json;
import dev.sluice.api.flagger.Strategy;
import java.util.List;

/**
 * The outcome of a simulation: the verdict, how long the rollout took on the virtual clock, and the
 * timeline with one entry per tick.
 *
 * @param canary          {@code name.namespace} of the simulated Canary
 * @param strategy        canary, blue-green or ab-testing
 * @param durationSeconds seconds from the first tick (t = 0) to the last
 * @param warnings        what the Canary's parser noticed (deprecated fields, clamped values)
 */
public record SimulationResult(String canary, Strategy strategy, Verdict verdict, long durationSeconds,
                               List<TimelineTick> ticks, List<Diagnostic> warnings) {

    /** How the rollout ended. */
    public enum Verdict {
        SUCCEEDED("Succeeded"),
        FAILED("Failed"),
        /** Neither within maxTicks, e.g. a gate that never opened. */
        INCOMPLETE("Incomplete");

        private final String wireName;

        Verdict(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * One tick: the state after it and what it said.
     *
     * @param t       seconds since the first tick
     * @param primaryWeight, canaryWeight the routes after the tick (for A/B testing: of matching requests)
     * @param event   the tick's event messages joined with "; ", "" when none
     */
    public record TimelineTick(long t, String phase, int primaryWeight, int canaryWeight, int iterations,
                               int failedChecks, String event) {
    }

    public SimulationResult {
        ticks = List.copyOf(ticks);
        warnings = List.copyOf(warnings);
    }

    /**
     * The stable JSON form: {@code {"verdict","durationSeconds","ticks":[{"t","phase","primaryWeight",
     * "canaryWeight","iterations","failedChecks","event"}]}}, fields always in this order.
     */
    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("verdict", verdict.wireName());
        root.put("durationSeconds", durationSeconds);
        ArrayNode list = root.putArray("ticks");
        for (TimelineTick t : ticks) {
            list.addObject().put("t", t.t()).put("phase", t.phase()).put("primaryWeight", t.primaryWeight())
                    .put("canaryWeight", t.canaryWeight()).put("iterations", t.iterations())
                    .put("failedChecks", t.failedChecks()).put("event", t.event());
        }
        return root;
    }

    /** A table for terminals, one line per tick, with the verdict at the end. */
    public String toTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%7s  %-16s %7s %6s %4s %6s  %s%n", "T", "PHASE", "PRIMARY", "CANARY", "ITER", "FAILED",
                "EVENT"));
        for (TimelineTick t : ticks) {
            b.append(String.format("%6ds  %-16s %7d %6d %4d %6d  %s%n", t.t(), t.phase(), t.primaryWeight(),
                    t.canaryWeight(), t.iterations(), t.failedChecks(), t.event()));
        }
        if (strategy == Strategy.AB_TESTING) {
            b.append("(A/B testing: the weights are those of requests matching analysis.match; all other requests "
                    + "go to the primary)").append(System.lineSeparator());
        }
        b.append(canary).append(": ").append(verdict.wireName()).append(" after ").append(durationSeconds)
                .append("s (").append(ticks.size()).append(" ticks)").append(System.lineSeparator());
        return b.toString();
    }
}
