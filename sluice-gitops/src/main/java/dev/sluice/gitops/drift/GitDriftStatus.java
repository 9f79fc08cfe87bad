package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.flagger.CanaryCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * How a Canary's status records drift: the condition {@code GitDrift} in {@code status.conditions}
 * (Flagger's shape) and the field {@code status.gitDrift} (docs/git-rollback.md, "Status"). The
 * canary reconciler calls these on the status tree it is about to write; status is the only memory,
 * so "analysed already" and "reverted already" are read back from it. Pure functions on JSON trees.
 */
public final class GitDriftStatus {

    public static final String FIELD = "gitDrift";
    public static final String DRIFTED = "Drifted";
    public static final String UNKNOWN = "Unknown";
    /** Condition reason when the analysis could not finish. */
    public static final String INCOMPLETE = "AnalysisIncomplete";
    static final int MAX_DIFFERENCES = 10;
    /** Revert outcomes tried again after the recheck interval (the tip may have moved, Git may be back). */
    private static final Set<String> RETRIED = Set.of("Rejected", "Failed");

    private GitDriftStatus() {
    }

    /**
     * Whether to analyse now: the Canary is Failed and its failed spec ({@code lastAppliedSpec}) was
     * not analysed yet, or the last analysis is older than {@code recheck} (to see Git fixed by hand,
     * or to retry an incomplete one).
     */
    public static boolean needsAnalysis(JsonNode status, Instant now, Duration recheck) {
        if (!"Failed".equals(status.path("phase").asText())) {
            return false;
        }
        JsonNode g = status.path(FIELD);
        if (!g.isObject()) {
            return true;
        }
        if (!g.path("spec").asText("").equals(status.path("lastAppliedSpec").asText(""))) {
            return true;
        }
        // An unfinished analysis (the Kustomization still applying the failed revision, a fetch that
        // failed) is looked at again soon; a finished one only after {@code recheck}.
        Duration wait = UNKNOWN.equals(g.path("state").asText()) && recheck.compareTo(INCOMPLETE_RECHECK) > 0
                ? INCOMPLETE_RECHECK : recheck;
        return !time(g.path("checkedAt")).plus(wait).isAfter(now);
    }

    /** How soon an incomplete analysis is tried again. */
    public static final Duration INCOMPLETE_RECHECK = Duration.ofSeconds(10);

    /**
     * Records an analysis in {@code status}: Drifted sets the condition (True) and the field;
     * Incomplete sets them to Unknown with the reason; NoDrift and NotManaged clear both.
     */
    public static void record(ObjectNode status, Analysis analysis, Instant now) {
        switch (analysis) {
            case Analysis.Drifted d -> {
                ObjectNode g = fields(d.report());
                keepRevert(status, g, d.report().commit().sha());
                stamp(status, g, now);
                setCondition(status, d.report().condition(now), now);
            }
            case Analysis.Incomplete i -> {
                ObjectNode g = Json.object().put("state", UNKNOWN).put("message", i.reason());
                if (status.path(FIELD).path("revert").isObject()) {
                    g.set("revert", status.path(FIELD).path("revert").deepCopy());
                }
                stamp(status, g, now);
                setCondition(status, new CanaryCondition(DriftReport.CONDITION, "Unknown", now.toString(), now.toString(),
                        INCOMPLETE, i.reason()), now);
            }
            case Analysis.NoDrift n -> clear(status);
            case Analysis.NotManaged n -> clear(status);
        }
    }

    /** The compact status form of a report (the full report is served by the API). */
    public static ObjectNode fields(DriftReport r) {
        ObjectNode g = Json.object().put("state", DRIFTED).put("message", r.message());
        g.put("failedRevision", r.failedRevision()).put("commit", r.commit().sha()).put("author",
                r.commit().author() + " <" + r.commit().email() + ">").put("subject", r.commit().subject());
        g.put("source", r.source().ref()).put("branch", r.source().branch()).put("kustomization", r.kustomization())
                .put("path", r.path());
        g.set("differences", DriftReport.differencesJson(r.differences().stream().limit(MAX_DIFFERENCES).toList()));
        return g;
    }

    /**
     * Whether to write the revert back now (the Canary or its GitRepository opted in): the drift is
     * recorded and no revert was tried for this offending commit, or the last try was Rejected or
     * Failed longer than {@code retry} ago. AuthenticationFailed and NotPushed are not tried again
     * automatically: they need a person ({@code sluice revert canary}).
     */
    public static boolean shouldWriteBack(JsonNode status, Instant now, Duration retry) {
        JsonNode g = status.path(FIELD);
        if (!DRIFTED.equals(g.path("state").asText())) {
            return false;
        }
        JsonNode r = g.path("revert");
        if (!r.isObject() || !r.path("reverts").asText().equals(g.path("commit").asText())) {
            return true;
        }
        return RETRIED.contains(r.path("result").asText()) && !time(r.path("at")).plus(retry).isAfter(now);
    }

    /** Records a write-back under {@code status.gitDrift.revert}. */
    public static void recordRevert(ObjectNode status, RevertResult result, Instant now) {
        if (!(status.path(FIELD) instanceof ObjectNode g)) {
            return;
        }
        ObjectNode r = result.toJson();
        r.remove("diff");
        r.remove("commitMessage");
        r.put("reverts", g.path("commit").asText("")).put("at", now.toString());
        g.set("revert", r);
    }

    /** Removes the field and the condition. */
    public static void clear(ObjectNode status) {
        status.remove(FIELD);
        if (status.path("conditions") instanceof ArrayNode a) {
            for (int i = a.size() - 1; i >= 0; i--) {
                if (DriftReport.CONDITION.equals(a.get(i).path("type").asText())) {
                    a.remove(i);
                }
            }
        }
    }

    /**
     * Copies the field and the condition from the stored status into a status tree rebuilt from
     * the typed model (which knows neither), so a tick does not erase them.
     */
    public static void carryOver(JsonNode stored, ObjectNode next) {
        if (stored.path(FIELD).isObject() && !next.has(FIELD)) {
            next.set(FIELD, stored.path(FIELD).deepCopy());
        }
        condition(stored).ifPresent(c -> {
            if (condition(next).isEmpty()) {
                next.withArray("conditions").add(c.deepCopy());
            }
        });
    }

    /** {@code status.gitDrift}, if set. */
    public static Optional<JsonNode> of(JsonNode status) {
        JsonNode g = status.path(FIELD);
        return g.isObject() ? Optional.of(g) : Optional.empty();
    }

    /** The GitDrift condition, if set. */
    public static Optional<JsonNode> condition(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if (DriftReport.CONDITION.equals(c.path("type").asText())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static void stamp(ObjectNode status, ObjectNode g, Instant now) {
        g.put("spec", status.path("lastAppliedSpec").asText("")).put("checkedAt", now.toString());
        status.set(FIELD, g);
    }

    /** A revert already recorded for the same offending commit is kept across re-analyses. */
    private static void keepRevert(ObjectNode status, ObjectNode g, String commit) {
        JsonNode r = status.path(FIELD).path("revert");
        if (r.isObject() && r.path("reverts").asText().equals(commit)) {
            g.set("revert", r.deepCopy());
        }
    }

    /** Puts {@code c} in place of the GitDrift condition, keeping lastTransitionTime while the status holds. */
    private static void setCondition(ObjectNode status, CanaryCondition c, Instant now) {
        ObjectNode n = c.toNode();
        Optional<JsonNode> old = condition(status);
        if (old.isPresent() && old.get().path("status").asText().equals(c.status())
                && !old.get().path("lastTransitionTime").asText().isEmpty()) {
            n.put("lastTransitionTime", old.get().path("lastTransitionTime").asText());
        }
        ArrayNode a = status.withArray("conditions");
        for (int i = 0; i < a.size(); i++) {
            if (DriftReport.CONDITION.equals(a.get(i).path("type").asText())) {
                a.set(i, n);
                return;
            }
        }
        a.add(n);
    }

    private static Instant time(JsonNode n) {
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
