package dev.sluice.local.runtime.pod;

import java.time.Duration;

/**
 * The kubelet's restart back-off, scaled for embedded mode: the first restart is immediate, then
 * the delay starts at {@code initial} and doubles up to {@code max} (the kubelet uses 10 s and
 * 5 min). A container that ran for {@code resetAfter} without crashing starts over.
 */
public record CrashBackoff(Duration initial, Duration max, Duration resetAfter) {

    public static final CrashBackoff EMBEDDED = new CrashBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));
    public static final CrashBackoff KUBELET = new CrashBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10));

    /**
     * The wait before the next start.
     *
     * @param level how many crashes in a row came before (1 after the first crash)
     */
    public Duration delay(int level) {
        if (level <= 1) {
            return Duration.ZERO;
        }
        Duration d = initial;
        for (int i = 2; i < level && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** The level after a crash, given how long the container ran. */
    public int nextLevel(int level, Duration ran) {
        return ran.compareTo(resetAfter) >= 0 ? 1 : level + 1;
    }
}
