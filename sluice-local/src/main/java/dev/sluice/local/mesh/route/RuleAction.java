package dev.sluice.local.mesh.route;

import java.util.List;
import java.util.random.RandomGenerator;

/** What a matched rule does: a weighted choice of backends and optional mirrors. Immutable. */
final class RuleAction {

    /** A backend resolved against the table; {@code entry} is null when the Service is unknown. */
    record Target(ServiceRef ref, ServiceEntry entry, int port, List<HeaderValue> responseHeaders) {
    }

    /** A mirror resolved against the table; {@code entry} is null when the Service is unknown. */
    record MirrorTarget(ServiceRef ref, ServiceEntry entry, int port, double percent) {
    }

    final String origin;
    final Target[] targets;
    private final long[] cumulative;
    final long total;
    final MirrorTarget[] mirrors;

    RuleAction(String origin, Target[] targets, long[] weights, MirrorTarget[] mirrors) {
        this.origin = origin;
        this.targets = targets;
        this.cumulative = new long[weights.length];
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum = Math.addExact(sum, weights[i]);
            cumulative[i] = sum;
        }
        this.total = sum;
        this.mirrors = mirrors;
    }

    /** A target drawn by weight, or null when every weight is 0. */
    Target pick(RandomGenerator rng) {
        if (total == 0) {
            return null;
        }
        if (targets.length == 1) {
            return targets[0];
        }
        long r = rng.nextLong(total);
        for (int i = 0; i < cumulative.length; i++) {
            if (r < cumulative[i]) {
                return targets[i];
            }
        }
        throw new IllegalStateException("unreachable: " + r + " >= " + total);
    }
}
