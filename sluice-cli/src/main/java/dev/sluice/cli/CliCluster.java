package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchListener;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.server.client.RemoteCluster;
import java.util.List;
import java.util.Optional;

/**
 * What a command talks to: a running {@code sluice up} ({@link RemoteCluster}) or a Kubernetes API server
 * ({@link KubernetesCluster}), with the merge patch that {@code reconcile}, {@code suspend} and the canary
 * actions send (as {@code flux} and {@code kubectl annotate} do). Close it when the command ends.
 */
final class CliCluster implements Cluster, AutoCloseable {

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
    public Optional<KubeObject> get(ObjectKey key) {
        return delegate.get(key);
    }

    @Override
    public List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        return delegate.list(kind, namespace, selector);
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        return delegate.apply(desired, options);
    }

    @Override
    public KubeObject create(KubeObject object) {
        return delegate.create(object);
    }

    @Override
    public KubeObject update(KubeObject object) {
        return delegate.update(object);
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        return delegate.updateStatus(object);
    }

    @Override
    public void delete(ObjectKey key, DeleteOptions options) {
        delegate.delete(key, options);
    }

    @Override
    public Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        return delegate.watch(kind, namespace, resourceVersion, listener);
    }

    @Override
    public String currentResourceVersion() {
        return delegate.currentResourceVersion();
    }

    @Override
    public void recordEvent(EventRecord event) {
        delegate.recordEvent(event);
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        return delegate.events(involved);
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
