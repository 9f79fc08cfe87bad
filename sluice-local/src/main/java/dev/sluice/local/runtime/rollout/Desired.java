package dev.sluice.local.runtime.rollout;

import dev.sluice.local.runtime.spec.RolloutStrategy;

/**
 * What the planner works towards.
 *
 * @param newHash the hash of the current pod template
 * @param newName the name its replica set gets, {@code <workload>-<hash>}
 */
public record Desired(int replicas, RolloutStrategy strategy, boolean paused, String newHash, String newName) {

    /** The surge budget, 0 for Recreate. */
    public int maxSurge() {
        return strategy instanceof RolloutStrategy.RollingUpdate r ? r.fenceposts(replicas)[0] : 0;
    }

    /** The unavailability budget, 0 for Recreate, never more than the replicas. */
    public int maxUnavailable() {
        if (!(strategy instanceof RolloutStrategy.RollingUpdate r) || replicas == 0) {
            return 0;
        }
        return Math.min(r.fenceposts(replicas)[1], replicas);
    }

    public boolean recreate() {
        return strategy instanceof RolloutStrategy.Recreate;
    }
}
