package dev.sluice.api.flagger;

import java.util.Arrays;
import java.util.Optional;

/** When a webhook of {@code spec.analysis.webhooks} is called, and what its answer means. */
public enum HookType {
    /** Before the canary is scaled up; a failure holds the rollout in phase Waiting. */
    CONFIRM_ROLLOUT("confirm-rollout"),
    /** Before traffic first reaches the canary; a failure counts as a failed check. */
    PRE_ROLLOUT("pre-rollout"),
    /** Every analysis tick, before the metrics (also the empty type); a failure is a failed check. */
    ROLLOUT("rollout"),
    /** Before each traffic increase; a failure only pauses. */
    CONFIRM_TRAFFIC_INCREASE("confirm-traffic-increase"),
    /** Before promotion; a failure holds the rollout in phase WaitingPromotion. */
    CONFIRM_PROMOTION("confirm-promotion"),
    /** After Succeeded or Failed; a failure is only reported. */
    POST_ROLLOUT("post-rollout"),
    /** A 2xx answer rolls the canary back. */
    ROLLBACK("rollback"),
    /** Receives every event of the Canary instead of the global event webhook. */
    EVENT("event");

    private final String wireName;

    HookType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type of a wire name; the empty string is {@link #ROLLOUT}, as in Flagger. */
    public static Optional<HookType> fromWire(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(ROLLOUT);
        }
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
