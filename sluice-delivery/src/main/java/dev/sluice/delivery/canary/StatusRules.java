package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.CanaryPhase;
import java.time.Instant;
import java.util.Optional;

/**
 * Flagger's status writes as pure functions: {@code SetStatusPhase}, {@code SyncStatus},
 * {@code SetStatusFailedChecks/Weight/Iterations} and {@code MakeStatusConditions}. Every write sets
 * {@code lastTransitionTime} to now, as Flagger does.
 */
final class StatusRules {

    private StatusRules() {
    }

    /** The syncHandler's first write: phase Initializing and the first Promoted condition. */
    static CanaryState initializing(CanaryState s, String targetKind, Instant now) {
        return s.toBuilder().phase(CanaryPhase.INITIALIZING).lastTransitionTime(now)
                .promoted(condition(s.promoted(), CanaryPhase.INITIALIZING, targetKind, now)).build();
    }

    /**
     * SetStatusPhase: weight and iterations are zeroed except for Progressing, Waiting and Promoting;
     * WaitingPromotion sets iterations to {@code analysisIterations - 1}; Initialized and Succeeded
     * mark the last applied spec as promoted.
     */
    static CanaryState setPhase(CanaryState s, CanaryPhase phase, int analysisIterations, String targetKind,
                                Instant now) {
        CanaryState.Builder b = s.toBuilder().phase(phase).lastTransitionTime(now);
        if (phase != CanaryPhase.PROGRESSING && phase != CanaryPhase.WAITING && phase != CanaryPhase.PROMOTING) {
            b.canaryWeight(0).iterations(0);
            if (phase == CanaryPhase.WAITING_PROMOTION) {
                b.iterations(analysisIterations - 1);
            }
        }
        if (phase == CanaryPhase.INITIALIZED || phase == CanaryPhase.SUCCEEDED) {
            b.lastPromotedSpec(s.lastAppliedSpec());
        }
        return b.promoted(condition(s.promoted(), phase, targetKind, now)).build();
    }

    /**
     * SyncStatus: phase and counters as given, the target's current revision recorded as applied
     * (and as promoted for Initialized).
     */
    static CanaryState sync(CanaryState s, CanaryPhase phase, int weight, int failedChecks, int iterations,
                            Revision revision, String targetKind, Instant now) {
        CanaryState.Builder b = s.toBuilder().phase(phase).canaryWeight(weight).failedChecks(failedChecks)
                .iterations(iterations).lastAppliedSpec(revision.templateHash()).trackedConfigs(revision.configs())
                .lastTransitionTime(now).promoted(condition(s.promoted(), phase, targetKind, now));
        if (phase == CanaryPhase.INITIALIZED) {
            b.lastPromotedSpec(revision.templateHash());
        }
        return b.build();
    }

    static CanaryState failedChecks(CanaryState s, int value, Instant now) {
        return s.toBuilder().failedChecks(value).lastTransitionTime(now).build();
    }

    static CanaryState weight(CanaryState s, int value, Instant now) {
        return s.toBuilder().canaryWeight(value).lastTransitionTime(now).build();
    }

    static CanaryState iterations(CanaryState s, int value, Instant now) {
        return s.toBuilder().iterations(value).lastTransitionTime(now).build();
    }

    /**
     * MakeStatusConditions: the Promoted condition for {@code phase}. Unchanged when status and
     * reason are the same; lastTransitionTime kept when only the reason changes.
     */
    static Optional<CanaryState.Promoted> condition(Optional<CanaryState.Promoted> current, CanaryPhase phase,
                                                    String kind, Instant now) {
        String status = "Unknown";
        String message = "New " + kind + " detected, starting initialization.";
        switch (phase) {
            case INITIALIZED -> {
                status = "True";
                message = kind + " initialization completed.";
            }
            case WAITING, WAITING_PROMOTION -> message = "Waiting for approval.";
            case PROGRESSING -> message = "New revision detected, progressing canary analysis.";
            case PROMOTING -> message = "Canary analysis completed, starting primary rolling update.";
            case FINALISING -> message = "Canary analysis completed, routing all traffic to primary.";
            case SUCCEEDED -> {
                status = "True";
                message = "Canary analysis completed successfully, promotion finished.";
            }
            case FAILED -> {
                status = "False";
                message = "Canary analysis failed, " + kind + " scaled to zero.";
            }
            default -> {
                // Initializing and the phases Flagger has no message for keep the initialization text.
            }
        }
        String reason = phase.wireName();
        if (current.isPresent() && current.get().status().equals(status) && current.get().reason().equals(reason)) {
            return current;
        }
        Instant since = current.isPresent() && current.get().status().equals(status)
                ? current.get().lastTransitionTime() : now;
        return Optional.of(new CanaryState.Promoted(status, reason, message, now, since));
    }
}
