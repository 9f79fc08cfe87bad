package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.CanaryCondition;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.CanaryStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the state machine remembers between ticks. It is exactly the Canary's status (status is
 * the only memory): {@link #fromStatus} and {@link #toStatus} convert losslessly for the fields
 * Flagger writes, keeping other conditions as they are.
 *
 * @param promoted           the single {@code Promoted} condition; empty before the first tick
 * @param lastTransitionTime time of the last status write; null before the first write
 * @param canaryCookie       {@code status.sessionAffinityCookie} ({@code name=value}), "" when none
 * @param primaryCookie      {@code status.primarySessionAffinityCookie}
 * @param previousCookie     {@code status.previousSessionAffinityCookie}: the cookie being expired
 * @param lastHandledAction  the manual request last handled (see {@link ManualCommand})
 * @param paused             the analysis is held by a {@code pause} request
 */
public record CanaryState(CanaryPhase phase, int canaryWeight, int failedChecks, int iterations,
                          String lastAppliedSpec, String lastPromotedSpec, Map<String, String> trackedConfigs,
                          Instant lastTransitionTime, Optional<Promoted> promoted, String canaryCookie,
                          String primaryCookie, String previousCookie, String lastHandledAction, boolean paused) {

    /** A never-reconciled Canary. */
    public static final CanaryState NEW = new CanaryState(CanaryPhase.NONE, 0, 0, 0, "", "", Map.of(), null,
            Optional.empty(), "", "", "", "", false);

    /**
     * The {@code Promoted} condition.
     *
     * @param status "True" (Initialized, Succeeded), "False" (Failed) or "Unknown"
     * @param reason the phase that wrote it
     */
    public record Promoted(String status, String reason, String message, Instant lastUpdateTime,
                           Instant lastTransitionTime) {
    }

    public CanaryState {
        trackedConfigs = java.util.Collections.unmodifiableMap(new TreeMap<>(trackedConfigs));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static CanaryState fromStatus(CanaryStatus s) {
        Optional<Promoted> promoted = s.promoted().map(c -> new Promoted(c.status(), c.reason(), c.message(),
                time(c.lastUpdateTime()), time(c.lastTransitionTime())));
        return new CanaryState(s.phase(), s.canaryWeight(), s.failedChecks(), s.iterations(), s.lastAppliedSpec(),
                s.lastPromotedSpec(), s.trackedConfigs(), time(s.lastTransitionTime()), promoted,
                s.sessionAffinityCookie(), s.primarySessionAffinityCookie(), s.previousSessionAffinityCookie(),
                s.lastHandledAction(), s.paused());
    }

    /** This state as a status; conditions other than {@code Promoted} are kept from {@code previous}. */
    public CanaryStatus toStatus(CanaryStatus previous) {
        List<CanaryCondition> conditions = new ArrayList<>();
        boolean placed = false;
        for (CanaryCondition c : previous.conditions()) {
            if (CanaryCondition.PROMOTED.equals(c.type())) {
                promoted.ifPresent(p -> conditions.add(condition(p)));
                placed = true;
            } else {
                conditions.add(c);
            }
        }
        if (!placed) {
            promoted.ifPresent(p -> conditions.add(condition(p)));
        }
        return new CanaryStatus(phase, failedChecks, canaryWeight, iterations, previousCookie, canaryCookie,
                primaryCookie, trackedConfigs, lastAppliedSpec, lastPromotedSpec, format(lastTransitionTime),
                conditions, lastHandledAction, paused);
    }

    private static CanaryCondition condition(Promoted p) {
        return new CanaryCondition(CanaryCondition.PROMOTED, p.status(), format(p.lastUpdateTime()),
                format(p.lastTransitionTime()), p.reason(), p.message());
    }

    /** RFC 3339 with whole seconds, as metav1.Time is written. */
    static String format(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Instant time(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Builds a changed copy; used by the status rules. */
    public static final class Builder {
        private CanaryPhase phase;
        private int canaryWeight;
        private int failedChecks;
        private int iterations;
        private String lastAppliedSpec;
        private String lastPromotedSpec;
        private Map<String, String> trackedConfigs;
        private Instant lastTransitionTime;
        private Optional<Promoted> promoted;
        private String canaryCookie;
        private String primaryCookie;
        private String previousCookie;
        private String lastHandledAction;
        private boolean paused;

        private Builder(CanaryState s) {
            phase = s.phase;
            canaryWeight = s.canaryWeight;
            failedChecks = s.failedChecks;
            iterations = s.iterations;
            lastAppliedSpec = s.lastAppliedSpec;
            lastPromotedSpec = s.lastPromotedSpec;
            trackedConfigs = s.trackedConfigs;
            lastTransitionTime = s.lastTransitionTime;
            promoted = s.promoted;
            canaryCookie = s.canaryCookie;
            primaryCookie = s.primaryCookie;
            previousCookie = s.previousCookie;
            lastHandledAction = s.lastHandledAction;
            paused = s.paused;
        }

        public Builder phase(CanaryPhase v) {
            phase = v;
            return this;
        }

        public Builder canaryWeight(int v) {
            canaryWeight = v;
            return this;
        }

        public Builder failedChecks(int v) {
            failedChecks = v;
            return this;
        }

        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        public Builder lastAppliedSpec(String v) {
            lastAppliedSpec = v;
            return this;
        }

        public Builder lastPromotedSpec(String v) {
            lastPromotedSpec = v;
            return this;
        }

        public Builder trackedConfigs(Map<String, String> v) {
            trackedConfigs = v;
            return this;
        }

        public Builder lastTransitionTime(Instant v) {
            lastTransitionTime = v;
            return this;
        }

        public Builder promoted(Optional<Promoted> v) {
            promoted = v;
            return this;
        }

        public Builder cookies(String canary, String primary, String previous) {
            canaryCookie = canary;
            primaryCookie = primary;
            previousCookie = previous;
            return this;
        }

        public Builder lastHandledAction(String v) {
            lastHandledAction = v;
            return this;
        }

        public Builder paused(boolean v) {
            paused = v;
            return this;
        }

        public CanaryState build() {
            return new CanaryState(phase, canaryWeight, failedChecks, iterations, lastAppliedSpec, lastPromotedSpec,
                    trackedConfigs, lastTransitionTime, promoted, canaryCookie, primaryCookie, previousCookie,
                    lastHandledAction, paused);
        }
    }
}
