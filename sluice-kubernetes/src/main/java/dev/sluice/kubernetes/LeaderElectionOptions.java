package dev.sluice.kubernetes;

import java.time.Duration;
import java.util.Objects;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, with Flux's flag names and defaults.
 *
 * @param namespace     where the Lease lives (Sluice's own namespace)
 * @param leaseName     the Lease's name; every replica of one installation must use the same
 * @param identity      this replica (the pod name)
 * @param leaseDuration {@code --leader-election-lease-duration}: how long a Lease not renewed keeps others
 *                      waiting (Flux: 35 s)
 * @param renewDeadline {@code --leader-election-renew-deadline}: the leader gives up (and stops its
 *                      controllers) when it could not renew for this long (Flux: 30 s); the gap to the
 *                      lease duration is the time the old leader has to stop before another may lead
 * @param retryPeriod   {@code --leader-election-retry-period}: how often to try to acquire or renew (Flux: 5 s)
 */
public record LeaderElectionOptions(String namespace, String leaseName, String identity, Duration leaseDuration,
                                    Duration renewDeadline, Duration retryPeriod) {

    public static final String DEFAULT_LEASE = "sluice-leader-election";

    public LeaderElectionOptions {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(leaseName, "leaseName");
        Objects.requireNonNull(identity, "identity");
        if (namespace.isEmpty() || leaseName.isEmpty() || identity.isEmpty()) {
            throw new IllegalArgumentException("leader election needs a namespace, a lease name and an identity, got '"
                    + namespace + "', '" + leaseName + "', '" + identity + "'");
        }
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("--leader-election-renew-deadline (" + renewDeadline
                    + ") must be shorter than --leader-election-lease-duration (" + leaseDuration
                    + "), so that a leader that cannot renew stops before another one may start");
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0 || retryPeriod.isNegative() || retryPeriod.isZero()) {
            throw new IllegalArgumentException("--leader-election-retry-period (" + retryPeriod
                    + ") must be positive and shorter than --leader-election-renew-deadline (" + renewDeadline + ")");
        }
    }

    /** Flux's defaults: 35 s lease, 30 s renew deadline, 5 s retry. */
    public static LeaderElectionOptions defaults(String namespace, String identity) {
        return new LeaderElectionOptions(namespace, DEFAULT_LEASE, identity, Duration.ofSeconds(35),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    public LeaderElectionOptions withTimings(Duration lease, Duration renew, Duration retry) {
        return new LeaderElectionOptions(namespace, leaseName, identity, lease, renew, retry);
    }

    /** How long a leader that lost its lease has to stop its controllers before another may lead. */
    public Duration stopBudget() {
        return leaseDuration.minus(renewDeadline);
    }
}
