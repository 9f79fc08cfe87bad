package dev.sluice.local.runtime.rollout;

import java.time.Instant;

/**
 * One replica set of a workload: the pods of one pod-template hash. The first fields are what the
 * controller decides (its {@code spec.replicas} and the annotations the Deployment controller keeps
 * on it); the last three are observed from the live pods.
 *
 * @param target      the desired number of pods ({@code spec.replicas})
 * @param desired     the workload's replicas when this set was last scaled
 *                    ({@code deployment.kubernetes.io/desired-replicas})
 * @param maxReplicas replicas + surge when this set was last scaled ({@code deployment.kubernetes.io/max-replicas})
 * @param pods        live pods, not terminating ({@code status.replicas})
 * @param ready       ready pods
 * @param available   pods ready for at least minReadySeconds
 */
public record ReplicaSetState(String hash, String name, Instant createdAt, int target, int desired, int maxReplicas,
                              int pods, int ready, int available) {

    public static ReplicaSetState created(String hash, String name, Instant at) {
        return new ReplicaSetState(hash, name, at, 0, 0, 0, 0, 0, 0);
    }

    public ReplicaSetState scaledTo(int newTarget, int newDesired, int newMaxReplicas) {
        return new ReplicaSetState(hash, name, createdAt, newTarget, newDesired, newMaxReplicas, pods, ready, available);
    }

    public ReplicaSetState observed(int livePods, int readyPods, int availablePods) {
        return new ReplicaSetState(hash, name, createdAt, target, desired, maxReplicas, livePods, readyPods, availablePods);
    }

    public boolean active() {
        return target > 0;
    }
}
