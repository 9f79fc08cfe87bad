package dev.sluice.delivery.reconcile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.cluster.Cluster;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * Plays the Deployment and DaemonSet controllers in tests: {@link #settle()} writes the status a real
 * controller would write once every pod is up (replicas, updated, ready, available, observedGeneration,
 * Available and Progressing conditions), except for workloads told to {@link #hold} (rollout in
 * progress: no updated replica yet) or to {@link #fail} (progress deadline exceeded). Synchronous:
 * tests call it between scheduler steps; nothing runs in the background.
 */
final class FakeKubelet {

    private static final GroupKind DEPLOYMENT = GroupKind.of("apps", "Deployment");
    private static final GroupKind DAEMON_SET = GroupKind.of("apps", "DaemonSet");

    private final Cluster cluster;
    private final Clock clock;
    private final Set<String> held = new HashSet<>();
    private final Set<String> failed = new HashSet<>();

    FakeKubelet(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    /** Keeps {@code name} rolling out (not ready, retriable) until {@link #release}. */
    void hold(String name) {
        held.add(name);
    }

    /** Makes {@code name} exceed its progress deadline (not ready for good). */
    void fail(String name) {
        failed.add(name);
    }

    void release(String name) {
        held.remove(name);
        failed.remove(name);
    }

    /** Writes the status of every Deployment and DaemonSet. */
    void settle() {
        for (KubeObject d : cluster.list(DEPLOYMENT, "", LabelSelector.everything())) {
            write(d, deploymentStatus(d));
        }
        for (KubeObject ds : cluster.list(DAEMON_SET, "", LabelSelector.everything())) {
            write(ds, daemonSetStatus(ds));
        }
    }

    private void write(KubeObject o, ObjectNode status) {
        if (!o.status().equals(status)) {
            cluster.updateStatus(o.withStatus(status));
        }
    }

    private ObjectNode deploymentStatus(KubeObject d) {
        int replicas = d.spec().path("replicas").asInt(1);
        boolean hold = held.contains(d.name());
        boolean fail = failed.contains(d.name());
        int updated = hold || fail ? 0 : replicas;
        ObjectNode s = Json.object();
        s.put("observedGeneration", d.generation());
        s.put("replicas", replicas).put("updatedReplicas", updated).put("readyReplicas", updated)
                .put("availableReplicas", updated);
        ArrayNode conditions = s.putArray("conditions");
        String at = clock.instant().toString();
        conditions.addObject().put("type", "Available").put("status", updated >= replicas ? "True" : "False")
                .put("reason", updated >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                .put("lastUpdateTime", at);
        conditions.addObject().put("type", "Progressing").put("status", fail ? "False" : "True")
                .put("reason", fail ? "ProgressDeadlineExceeded" : updated >= replicas ? "NewReplicaSetAvailable"
                        : "ReplicaSetUpdated").put("lastUpdateTime", at);
        return s;
    }

    private ObjectNode daemonSetStatus(KubeObject ds) {
        boolean scaledDown = ds.spec().path("template").path("spec").path("nodeSelector")
                .has(TemplateHash.SCALE_TO_ZERO_KEY);
        int desired = scaledDown ? 0 : 2;
        int updated = held.contains(ds.name()) ? 0 : desired;
        ObjectNode s = Json.object();
        s.put("observedGeneration", ds.generation());
        s.put("desiredNumberScheduled", desired).put("currentNumberScheduled", desired)
                .put("updatedNumberScheduled", updated).put("numberReady", updated).put("numberAvailable", updated);
        return s;
    }
}
