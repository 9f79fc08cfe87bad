package dev.sluice.api.flagger;

import java.util.Arrays;
import java.util.Optional;

/** The phase of a Canary ({@code status.phase}), with Flagger's names. */
public enum CanaryPhase {
    /** Never reconciled: the phase is the empty string. */
    NONE(""),
    INITIALIZING("Initializing"),
    INITIALIZED("Initialized"),
    /** A confirm-rollout gate holds the new revision. */
    WAITING("Waiting"),
    PROGRESSING("Progressing"),
    /** A confirm-promotion gate holds the promotion; checks keep running. */
    WAITING_PROMOTION("WaitingPromotion"),
    /** The primary got the canary's spec; traffic moves back to it. */
    PROMOTING("Promoting"),
    /** All traffic is on the primary; the canary is scaled down next. */
    FINALISING("Finalising"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    TERMINATING("Terminating"),
    TERMINATED("Terminated");

    private final String wireName;

    CanaryPhase(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<CanaryPhase> fromWire(String name) {
        String n = name == null ? "" : name;
        return Arrays.stream(values()).filter(p -> p.wireName.equals(n)).findFirst();
    }

    /** Phases in which an analysis is running (the canary is scaled up). */
    public boolean isAnalysing() {
        return this == PROGRESSING || this == WAITING_PROMOTION;
    }

    /** Phases from which nothing happens until the target changes. */
    public boolean isIdle() {
        return this == INITIALIZED || this == SUCCEEDED || this == FAILED;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
