package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ForwardingCluster;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.server.client.RemoteCluster;

/**
 * What a command talks to: a running {@code sluice up} ({@link RemoteCluster}) or a Kubernetes API server
 * ({@link KubernetesCluster}), with the merge patch that {@code reconcile}, {@code suspend} and the canary
 * actions send (as {@code flux} and {@code kubectl annotate} do). Close it when the command ends.
 */
final class CliCluster extends ForwardingCluster implements AutoCloseable {

    @FunctionalInterface
    private interface MergePatch {
        KubeObject patch(ObjectKey key, JsonNode patch);
    }

    private final Cluster delegate;
    private final MergePatch mergePatch;
    private final AutoCloseable closer;
    private final String where;

    private CliCluster(Cluster delegate, MergePatch mergePatch, AutoCloseable closer, String where) {
        this.delegate = delegate;
        this.mergePatch = mergePatch;
        this.closer = closer;
        this.where = where;
    }

    static CliCluster of(RemoteCluster remote) {
        return new CliCluster(remote, remote::mergePatch, () -> { }, remote.base().toString());
    }

    static CliCluster of(KubernetesCluster kube, String context) {
        return new CliCluster(kube, kube::mergePatch, kube, context.isEmpty() ? "the current kubeconfig context" : "context " + context);
    }

    /** Where the command is connected, for messages. */
    String where() {
        return where;
    }

    /** A JSON merge patch of the main resource (no resourceVersion precondition). */
    KubeObject mergePatch(ObjectKey key, JsonNode patch) {
        return mergePatch.patch(key, patch);
    }

    @Override
    protected Cluster delegate() {
        return delegate;
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            // Closing a client at the end of a command: nothing left to do with a failure.
        }
    }
}
