package dev.sluice.cluster.health;

import dev.sluice.api.Condition;
import dev.sluice.api.KubeObject;

/**
 * kstatus' rules for the apps workloads. The replica checks run in kstatus' order so the message
 * names the first thing still missing ("Updated: 1/3" before "Ready: 2/3").
 */
final class AppsHealth {

    /** The API server's "no deadline" value for {@code spec.progressDeadlineSeconds}. */
    private static final int NO_DEADLINE = Integer.MAX_VALUE;

    private AppsHealth() {
    }

    static HealthResult deployment(KubeObject o) {
        // Without a progress deadline the controller never sets Progressing, so it cannot be waited for.
        boolean progressing = Fields.integer(o, "/spec/progressDeadlineSeconds", NO_DEADLINE) == NO_DEADLINE;
        boolean available = false;
        for (Condition c : Fields.conditions(o)) {
            if (c.type().equals("Progressing")) {
                if (c.reason().equals("ProgressDeadlineExceeded")) {
                    return HealthResult.failed("Progress deadline exceeded");
                }
                if (c.isTrue() && c.reason().equals("NewReplicaSetAvailable")) {
                    progressing = true;
                }
            } else if (c.type().equals("Available") && c.isTrue()) {
                available = true;
            }
        }
        int spec = Fields.integer(o, "/spec/replicas", 1);
        int replicas = Fields.integer(o, "/status/replicas", 0);
        int updated = Fields.integer(o, "/status/updatedReplicas", 0);
        int ready = Fields.integer(o, "/status/readyReplicas", 0);
        int availableReplicas = Fields.integer(o, "/status/availableReplicas", 0);
        if (spec > replicas) {
            return HealthResult.inProgress("Replicas: " + replicas + "/" + spec);
        }
        if (spec > updated) {
            return HealthResult.inProgress("Updated: " + updated + "/" + spec);
        }
        if (replicas > spec) {
            return HealthResult.inProgress("Pending termination: " + (replicas - spec));
        }
        if (updated > availableReplicas) {
            return HealthResult.inProgress("Available: " + availableReplicas + "/" + updated);
        }
        if (spec > ready) {
            return HealthResult.inProgress("Ready: " + ready + "/" + spec);
        }
        if (!progressing) {
            // A paused Deployment's Progressing reason is DeploymentPaused: kstatus keeps it
            // InProgress; say why instead of kstatus' "ReplicaSet not Available".
            return HealthResult.inProgress(Fields.bool(o, "/spec/paused", false)
                    ? "Deployment is paused" : "ReplicaSet not Available");
        }
        if (!available) {
            return HealthResult.inProgress("Deployment not Available");
        }
        return HealthResult.current("Deployment is available. Replicas: " + replicas);
    }

    static HealthResult statefulSet(KubeObject o) {
        // OnDelete: the user replaces pods by hand, so nothing can be waited for.
        if (Fields.text(o, "/spec/updateStrategy/type", "").equals("OnDelete")) {
            return HealthResult.current("StatefulSet is using the ondelete update strategy");
        }
        int spec = Fields.integer(o, "/spec/replicas", 1);
        int ready = Fields.integer(o, "/status/readyReplicas", 0);
        int current = Fields.integer(o, "/status/currentReplicas", 0);
        int updated = Fields.integer(o, "/status/updatedReplicas", 0);
        int replicas = Fields.integer(o, "/status/replicas", 0);
        int partition = Fields.integer(o, "/spec/updateStrategy/rollingUpdate/partition", -1);
        if (spec > replicas) {
            return HealthResult.inProgress("Replicas: " + replicas + "/" + spec);
        }
        if (spec > ready) {
            return HealthResult.inProgress("Ready: " + ready + "/" + spec);
        }
        if (replicas > spec) {
            return HealthResult.inProgress("Pending termination: " + (replicas - spec));
        }
        if (partition != -1) {
            // A partitioned rollout only updates the pods with an ordinal >= partition.
            if (updated < spec - partition) {
                return HealthResult.inProgress("updated: " + updated + "/" + (spec - partition));
            }
            return HealthResult.current("Partition rollout complete. updated: " + updated);
        }
        if (spec > current) {
            return HealthResult.inProgress("current: " + current + "/" + spec);
        }
        if (!Fields.text(o, "/status/currentRevision", "").equals(Fields.text(o, "/status/updateRevision", ""))) {
            return HealthResult.inProgress("Waiting for updated revision to match current");
        }
        return HealthResult.current("All replicas scheduled as expected. Replicas: " + replicas);
    }

    static HealthResult daemonSet(KubeObject o) {
        // The generic generation check skips objects without these fields; a DaemonSet the
        // controller has seen always has them, so their absence means "not observed yet".
        if (!Fields.present(o, "/metadata/generation")) {
            return HealthResult.inProgress(o.kind() + " metadata.generation not found");
        }
        if (!Fields.present(o, "/status/observedGeneration")) {
            return HealthResult.inProgress(o.kind() + " status.observedGeneration not found");
        }
        int desired = Fields.integer(o, "/status/desiredNumberScheduled", -1);
        int current = Fields.integer(o, "/status/currentNumberScheduled", 0);
        int updated = Fields.integer(o, "/status/updatedNumberScheduled", 0);
        int available = Fields.integer(o, "/status/numberAvailable", 0);
        int ready = Fields.integer(o, "/status/numberReady", 0);
        if (desired == -1) {
            return HealthResult.inProgress("Missing .status.desiredNumberScheduled");
        }
        if (desired > current) {
            return HealthResult.inProgress("Current: " + current + "/" + desired);
        }
        if (desired > updated) {
            return HealthResult.inProgress("Updated: " + updated + "/" + desired);
        }
        if (desired > available) {
            return HealthResult.inProgress("Available: " + available + "/" + desired);
        }
        if (desired > ready) {
            return HealthResult.inProgress("Ready: " + ready + "/" + desired);
        }
        return HealthResult.current("All replicas scheduled as expected. Replicas: " + desired);
    }

    static HealthResult replicaSet(KubeObject o) {
        if (Fields.hasTrue(o, "ReplicaFailure")) {
            return HealthResult.inProgress("Replica Failure condition. Check Pods");
        }
        int spec = Fields.integer(o, "/spec/replicas", 1);
        int replicas = Fields.integer(o, "/status/replicas", 0);
        int ready = Fields.integer(o, "/status/readyReplicas", 0);
        int available = Fields.integer(o, "/status/availableReplicas", 0);
        int labelled = Fields.integer(o, "/status/fullyLabeledReplicas", 0);
        if (spec > labelled) {
            return HealthResult.inProgress("Labelled: " + labelled + "/" + spec);
        }
        if (spec > available) {
            return HealthResult.inProgress("Available: " + available + "/" + spec);
        }
        if (spec > ready) {
            return HealthResult.inProgress("Ready: " + ready + "/" + spec);
        }
        if (replicas > spec) {
            return HealthResult.inProgress("Pending termination: " + (replicas - spec));
        }
        return HealthResult.current("ReplicaSet is available. Replicas: " + replicas);
    }
}
