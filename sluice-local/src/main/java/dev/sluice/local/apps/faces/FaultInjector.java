package dev.sluice.local.apps.faces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * Decides, per request, whether a Faces replica misbehaves, as the original does: rate limiting
 * first (429), then a latched error state (599), then random errors (500) that may latch. Time
 * and randomness are injected. Thread-safe.
 */
public final class FaultInjector {

    /** An idle period this long unlatches a replica. */
    static final Duration UNLATCH_AFTER = Duration.ofSeconds(30);
    /** The window over which the request rate is measured. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    /** The verdict for one request: its status (200 when healthy), why, and how long to delay it. */
    public record Verdict(int status, String reason, Duration delay) {
        public boolean ok() {
            return status == 200;
        }
    }

    private final FacesKnobs knobs;
    private final Clock clock;
    private final RandomGenerator random;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private boolean latched;
    private Instant lastRequest;

    public FaultInjector(FacesKnobs knobs, Clock clock, RandomGenerator random) {
        this.knobs = knobs;
        this.clock = clock;
        this.random = random;
    }

    public synchronized Verdict next() {
        Instant now = clock.instant();
        if (latched && lastRequest != null && Duration.between(lastRequest, now).compareTo(UNLATCH_AFTER) > 0) {
            latched = false;
        }
        lastRequest = now;
        Duration delay = knobs.delayBuckets().isEmpty() ? Duration.ZERO
                : Duration.ofMillis(knobs.delayBuckets().get(random.nextInt(knobs.delayBuckets().size())));
        if (knobs.maxRate() > 0) {
            recent.addLast(now);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(RATE_WINDOW))) {
                recent.removeFirst();
            }
            double rate = recent.size() / (double) RATE_WINDOW.toSeconds();
            if (rate > knobs.maxRate()) {
                return new Verdict(429, String.format("rate limited (%.1f RPS > max %.1f RPS)", rate, knobs.maxRate()), delay);
            }
        }
        if (latched) {
            return new Verdict(599, "latched into error state", delay);
        }
        if (knobs.errorFraction() > 0 && random.nextInt(100) < knobs.errorFraction()) {
            if (knobs.latchFraction() > 0 && random.nextInt(100) < knobs.latchFraction()) {
                latched = true;
                return new Verdict(599, "latched into error state", delay);
            }
            return new Verdict(500, "error fraction " + knobs.errorFraction() + "% triggered", delay);
        }
        return new Verdict(200, "", delay);
    }
}
