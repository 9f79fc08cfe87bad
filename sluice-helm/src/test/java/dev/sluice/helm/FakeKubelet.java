package dev.sluice.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;

/** Plays the kubelet and the Deployment controller for tests: Deployments become available, Pods end as told. */
final class FakeKubelet {

    private final Cluster cluster;

    FakeKubelet(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Every Deployment in {@code namespace} gets the status of a fully rolled-out Deployment. */
    void rollOut(String namespace) {
        for (KubeObject d : cluster.list(GroupKind.of("apps", "Deployment"), namespace, LabelSelector.everything())) {
            int replicas = d.spec().path("replicas").asInt(1);
            ObjectNode s = Json.object().put("observedGeneration", d.generation()).put("replicas", replicas)
                    .put("updatedReplicas", replicas).put("readyReplicas", replicas).put("availableReplicas", replicas);
            s.putArray("conditions").addObject().put("type", "Available").put("status", "True").put("reason", "MinimumReplicasAvailable");
            ((ObjectNode) s.path("conditions").get(0)).put("message", "ok");
            s.withArray("conditions").addObject().put("type", "Progressing").put("status", "True")
                    .put("reason", "NewReplicaSetAvailable").put("message", "ok");
            if (!s.equals(d.status())) {
                cluster.updateStatus(d.withStatus(s));
            }
        }
    }

    /** Ends the Pod {@code namespace/name} with {@code phase} (Succeeded or Failed); false if it does not exist. */
    boolean finishPod(String namespace, String name, String phase) {
        var pod = cluster.get(ObjectKey.of("", "Pod", namespace, name));
        if (pod.isEmpty()) {
            return false;
        }
        cluster.updateStatus(pod.get().withStatus(Json.object().put("phase", phase)));
        return true;
    }

    /** Ends the Job {@code namespace/name}: {@code Complete} or {@code Failed} (with reason BackoffLimitExceeded). */
    boolean finishJob(String namespace, String name, boolean complete) {
        var job = cluster.get(ObjectKey.of("batch", "Job", namespace, name));
        if (job.isEmpty()) {
            return false;
        }
        ObjectNode s = Json.object();
        s.putArray("conditions").addObject().put("type", complete ? "Complete" : "Failed").put("status", "True")
                .put("reason", complete ? "Completed" : "BackoffLimitExceeded");
        cluster.updateStatus(job.get().withStatus(s));
        return true;
    }
}
