package dev.sluice.gitops.notification.alert;

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
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link Cluster} port of the Flux-side controllers (GitRepository, Kustomization): everything
 * goes to {@code delegate}, and every event they record is also handed to {@code sink} (the
 * {@link EventDispatcher}), as Flux's event recorder posts each event both to the API server and
 * to notification-controller. The sink must return at once; its failures never reach the
 * controller. Thread-safe when the delegate and the sink are.
 */
public final class EventForwardingCluster implements Cluster {

    private final Cluster delegate;
    private final Consumer<EventRecord> sink;

    public EventForwardingCluster(Cluster delegate, Consumer<EventRecord> sink) {
        this.delegate = delegate;
        this.sink = sink;
    }

    @Override
    public void recordEvent(EventRecord event) {
        try {
            delegate.recordEvent(event);
        } finally {
            try {
                sink.accept(event);
            } catch (RuntimeException ignored) {
                // Notifications are best effort; the controller's work must go on.
            }
        }
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
    public KubeObject create(KubeObject object, String fieldManager) {
        return delegate.create(object, fieldManager);
    }

    @Override
    public KubeObject update(KubeObject object) {
        return delegate.update(object);
    }

    @Override
    public KubeObject update(KubeObject object, String fieldManager) {
        return delegate.update(object, fieldManager);
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        return delegate.updateStatus(object);
    }

    @Override
    public KubeObject updateStatus(KubeObject object, String fieldManager) {
        return delegate.updateStatus(object, fieldManager);
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
    public List<EventRecord> events(ObjectKey involved) {
        return delegate.events(involved);
    }
}
