package dev.sluice.local.runtime.spec;

/** How a workload replaces its replicas when the pod template changes. */
public sealed interface RolloutStrategy {

    /** Kubernetes' defaults for a Deployment: 25% surge, 25% unavailable. */
    RollingUpdate DEPLOYMENT_DEFAULT = new RollingUpdate(IntOrPercent.percent(25), IntOrPercent.percent(25));

    /** Kubernetes' defaults for a DaemonSet: no surge, one unavailable. */
    RollingUpdate DAEMON_SET_DEFAULT = new RollingUpdate(IntOrPercent.of(0), IntOrPercent.of(1));

    /** New replicas come up while old ones go, within the surge and unavailability budgets. */
    record RollingUpdate(IntOrPercent maxSurge, IntOrPercent maxUnavailable) implements RolloutStrategy {

        /**
         * The absolute surge and unavailability for {@code replicas}, as the Deployment controller
         * resolves them: surge rounds up, unavailability rounds down, and both zero means one
         * unavailable so that the rollout can move.
         */
        public int[] fenceposts(int replicas) {
            int surge = maxSurge.scaled(replicas, true);
            int unavailable = maxUnavailable.scaled(replicas, false);
            if (surge == 0 && unavailable == 0) {
                unavailable = 1;
            }
            return new int[] {surge, unavailable};
        }
    }

    /** Every old replica stops before any new one starts. */
    record Recreate() implements RolloutStrategy {
    }
}
