package dev.sluice.local.runtime.pod;

import dev.sluice.local.runtime.spec.ProbeSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * A container's readiness as the kubelet tracks it: not ready at start; ready after
 * {@code successThreshold} consecutive successes; not ready again after {@code failureThreshold}
 * consecutive failures. Immutable.
 *
 * @param readySince when it last became ready; empty while not ready
 */
public record Readiness(int successes, int failures, Optional<Instant> readySince) {

    public static Readiness notReady() {
        return new Readiness(0, 0, Optional.empty());
    }

    /** Ready from {@code at}: a container without a probe is ready once it runs. */
    public static Readiness readyAt(Instant at) {
        return new Readiness(0, 0, Optional.of(at));
    }

    public boolean ready() {
        return readySince.isPresent();
    }

    public Readiness record(boolean success, ProbeSpec probe, Instant now) {
        if (success) {
            int s = successes + 1;
            boolean nowReady = ready() || s >= probe.successThreshold();
            return new Readiness(s, 0, nowReady ? Optional.of(readySince.orElse(now)) : Optional.empty());
        }
        int f = failures + 1;
        boolean stillReady = ready() && f < probe.failureThreshold();
        return new Readiness(0, f, stillReady ? readySince : Optional.empty());
    }

    /** Ready for at least {@code minReadySeconds} at {@code now}: what "available" means. */
    public boolean availableAt(Instant now, int minReadySeconds) {
        return readySince.map(t -> !t.plusSeconds(minReadySeconds).isAfter(now)).orElse(false);
    }
}
