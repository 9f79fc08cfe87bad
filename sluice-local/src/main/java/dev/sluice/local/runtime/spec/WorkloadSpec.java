package dev.sluice.local.runtime.spec;

import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;

/**
 * What a Deployment or DaemonSet asks for, parsed. A DaemonSet is one replica (one node).
 *
 * @param progressDeadlineSeconds 0 when the workload has no deadline (DaemonSets)
 */
public record WorkloadSpec(WorkloadKind kind, String namespace, String name, long generation, int replicas,
                           LabelSelector selector, RolloutStrategy strategy, int minReadySeconds,
                           int progressDeadlineSeconds, boolean paused, PodTemplate template) {

    public ObjectKey key() {
        return new ObjectKey(kind.groupKind(), namespace, name);
    }

    public boolean hasProgressDeadline() {
        return progressDeadlineSeconds > 0;
    }
}
