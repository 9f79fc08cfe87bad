package dev.sluice.local.runtime.pod;

import dev.sluice.local.runtime.spec.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a readiness probe runs next: after the initial delay, then every period. Pure. */
public final class ProbeSchedule {

    private ProbeSchedule() {
    }

    /**
     * @param startedAt the container's start
     * @param lastRun   when the previous probe started, if any
     */
    public static Instant nextDue(ProbeSpec probe, Instant startedAt, Optional<Instant> lastRun) {
        return lastRun.map(t -> t.plusSeconds(probe.periodSeconds()))
                .orElse(startedAt.plusSeconds(probe.initialDelaySeconds()));
    }

    public static boolean due(ProbeSpec probe, Instant startedAt, Optional<Instant> lastRun, Instant now) {
        return !nextDue(probe, startedAt, lastRun).isAfter(now);
    }

    public static Duration timeout(ProbeSpec probe) {
        return Duration.ofSeconds(probe.timeoutSeconds());
    }
}
