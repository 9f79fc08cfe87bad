package dev.sluice.server.timeline;

import java.time.Instant;
import java.util.List;

/**
 * The rollout history of one Canary, one group per Git revision, each in order: commit → source
 * artifact → Kustomization applied → canary analysis steps (metric values against thresholds,
 * webhooks) → promoted or rolled back, with the reason. Built by {@link TimelineBuilder}, written
 * and read by {@link TimelineJson} in the stable shape documented in {@code docs/dashboard.md}.
 *
 * @param canary        the Canary
 * @param target        its {@code spec.targetRef}
 * @param kustomization the Kustomization whose inventory holds the target (or the Canary), or null
 * @param source        that Kustomization's source, or null
 * @param phase         the Canary's {@code status.phase} now ("" when it has none)
 * @param generatedAt   when this timeline was built
 * @param notes         what could not be shown and why (e.g. the commit author, which is not stored)
 * @param revisions     oldest first
 */
public record Timeline(Ref canary, Ref target, Ref kustomization, Ref source, String phase, Instant generatedAt,
                       List<String> notes, List<RevisionTimeline> revisions) {

    /** The version of the JSON shape; it changes only when a field is removed or changes meaning. */
    public static final String SHAPE = "sluice.dev/timeline/v1";

    public Timeline {
        notes = List.copyOf(notes);
        revisions = List.copyOf(revisions);
    }

    /** An object reference. */
    public record Ref(String kind, String namespace, String name) {
    }

    /**
     * One Git revision and what happened to the Canary under it.
     *
     * @param revision Flux's revision string, e.g. {@code main@sha1:<40 hex>}; "" when no Git revision
     *                 could be tied to the analysis (no Kustomization found, or analysis before the
     *                 first known revision)
     * @param commit   the commit, or null when the revision is unknown
     * @param outcome  how the analysis under this revision ended (or where it is)
     * @param entries  oldest first
     */
    public record RevisionTimeline(String revision, Commit commit, Outcome outcome, List<Entry> entries) {

        public RevisionTimeline {
            entries = List.copyOf(entries);
        }
    }

    /**
     * A commit as far as the stored objects tell.
     *
     * @param sha     the full commit id, "" if the revision string holds none
     * @param message the subject line from the source's NewArtifact event, or null when not stored
     * @param author  always null today: neither GitRepository status nor its events carry it
     */
    public record Commit(String sha, String message, String author) {
    }

    /** @param at when it ended (or the last time it was seen), null when unknown */
    public record Outcome(Result result, String reason, Instant at) {
    }

    public enum Result {
        PROMOTED("Promoted"),
        ROLLED_BACK("RolledBack"),
        IN_PROGRESS("InProgress"),
        /** A newer revision restarted the analysis before it ended. */
        SUPERSEDED("Superseded"),
        /** No analysis ran under this revision (the target did not change) or none was recorded. */
        NOT_ANALYSED("NotAnalysed");

        private final String word;

        Result(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static Result of(String word) {
            for (Result r : values()) {
                if (r.word.equals(word)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown timeline result '" + word + "'");
        }
    }

    /**
     * One thing that happened.
     *
     * @param stage  which part of the flow
     * @param level  info, warning or error
     * @param title  a short line, e.g. "Advance face.faces canary weight 10"
     * @param detail more text (event message, change set), may be ""
     * @param step   the analysis step for {@link Stage#ANALYSIS} entries, else null
     */
    public record Entry(Instant at, Stage stage, Level level, String title, String detail, Step step) {
    }

    public enum Stage {
        COMMIT, ARTIFACT, APPLY, ANALYSIS, EVENT, OUTCOME;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Level {
        INFO, WARNING, ERROR;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One canary analysis step: consecutive ticks that looked the same are folded into one step
     * ({@code ticks} counts them; the values shown are the last tick's).
     *
     * @param podTemplateHash the revision of the target under analysis
     * @param lastAt          when the last folded tick ran
     */
    public record Step(String podTemplateHash, String phase, int canaryWeight, int primaryWeight, int iterations,
                       int failedChecks, List<MetricCheck> metrics, List<HookCheck> hooks, List<String> events,
                       int ticks, Instant lastAt) {

        public Step {
            metrics = List.copyOf(metrics);
            hooks = List.copyOf(hooks);
            events = List.copyOf(events);
        }
    }

    /**
     * A metric check against its thresholdRange.
     *
     * @param value   null when there was not enough data
     * @param verdict {@code PASS}, {@code FAIL} or {@code INSUFFICIENT_DATA}
     */
    public record MetricCheck(String name, Double value, Double min, Double max, String verdict, String detail) {
    }

    public record HookCheck(String name, String type, boolean passed, String message) {
    }
}
