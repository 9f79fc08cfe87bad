package dev.sluice.server.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.List;

/**
 * What the demo saw: one outcome per canary per scenario, and whether everything went as the
 * workshop expects. {@link #toJson()} is the stable machine-readable summary.
 */
public record DemoResult(List<Outcome> outcomes, List<String> notes, long seconds, ObjectNode drift,
                         List<String> revertCommits) {

    /** One canary's result in one scenario. */
    public record Outcome(String scenario, String canary, String expected, String actual, long seconds, String detail) {

        public boolean ok() {
            return expected.equals(actual);
        }
    }

    public DemoResult {
        outcomes = List.copyOf(outcomes);
        notes = List.copyOf(notes);
        drift = drift == null ? Json.object() : drift.deepCopy();
        revertCommits = List.copyOf(revertCommits);
    }

    public boolean ok() {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(Outcome::ok);
    }

    /**
     * {@code {"scenarios": [{"name", "canary", "expected", "actual", "seconds"}], "notes": [...],
     * "drift": {"<canary>": <status.gitDrift>}, "revertCommit": "<sha>", "revertCommits": [...], "seconds": N,
     * "ok": true}}; {@code drift} when Sluice reported drift, the revert fields with {@code --write-back}.
     */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ArrayNode scenarios = n.putArray("scenarios");
        for (Outcome o : outcomes) {
            ObjectNode s = scenarios.addObject().put("name", o.scenario()).put("canary", o.canary())
                    .put("expected", o.expected()).put("actual", o.actual()).put("seconds", o.seconds());
            if (!o.detail().isEmpty()) {
                s.put("detail", o.detail());
            }
        }
        ArrayNode ns = n.putArray("notes");
        notes.forEach(ns::add);
        if (!drift.isEmpty()) {
            n.set("drift", drift);
        }
        if (!revertCommits.isEmpty()) {
            n.put("revertCommit", revertCommits.getLast());
            ArrayNode rc = n.putArray("revertCommits");
            revertCommits.forEach(rc::add);
        }
        n.put("seconds", seconds);
        n.put("ok", ok());
        return n;
    }
}
