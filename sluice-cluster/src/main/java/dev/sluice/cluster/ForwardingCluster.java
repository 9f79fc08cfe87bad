package dev.sluice.cluster;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Cluster} that hands every call to {@link #delegate()}, field-manager variants included
 * (their defaults on {@link Cluster} would drop the manager). Subclasses override only what they
 * add: an event sink, a merge patch, injected faults. As thread-safe as the delegate.
 */
public abstract class ForwardingCluster implements Cluster {

    /** The cluster every call goes to. */
    protected abstract Cluster delegate();

    @Override
    public Optional<KubeObject> get(ObjectKey key) {
        return delegate().get(key);
    }

    @Override
    public List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        return delegate().list(kind, namespace, selector);
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        return delegate().apply(desired, options);
    }

    @Override
    public KubeObject create(KubeObject object) {
        return delegate().create(object);
    }

    @Override
    public KubeObject create(KubeObject object, String fieldManager) {
        return delegate().create(object, fieldManager);
    }

    @Override
    public KubeObject update(KubeObject object) {
        return delegate().update(object);
    }

    @Override
    public KubeObject update(KubeObject object, String fieldManager) {
        return delegate().update(object, fieldManager);
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        return delegate().updateStatus(object);
    }

    @Override
    public KubeObject updateStatus(KubeObject object, String fieldManager) {
        return delegate().updateStatus(object, fieldManager);
    }

    @Override
    public void delete(ObjectKey key, DeleteOptions options) {
        delegate().delete(key, options);
    }

    @Override
    public Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        return delegate().watch(kind, namespace, resourceVersion, listener);
    }

    @Override
    public String currentResourceVersion() {
        return delegate().currentResourceVersion();
    }

    @Override
    public void recordEvent(EventRecord event) {
        delegate().recordEvent(event);
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        return delegate().events(involved);
    }
}
