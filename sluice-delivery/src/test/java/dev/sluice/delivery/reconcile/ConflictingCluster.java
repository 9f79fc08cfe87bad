package dev.sluice.delivery.reconcile;

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

/**
 * A cluster whose next status writes lose a race: before each of them another writer changes the
 * object (so the stored resourceVersion moves on), then the write is passed on and fails as the real
 * store answers a stale one. Everything else is delegated.
 */
final class ConflictingCluster implements Cluster {

    private final Cluster delegate;
    private final Runnable otherWriter;
    private int conflicts;

    ConflictingCluster(Cluster delegate, Runnable otherWriter) {
        this.delegate = delegate;
        this.otherWriter = otherWriter;
    }

    /** The next {@code n} status writes find the object changed underneath. */
    void conflictNext(int n) {
        conflicts = n;
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        if (conflicts > 0) {
            conflicts--;
            otherWriter.run();
        }
        return delegate.updateStatus(object);
    }

    @Override
    public KubeObject updateStatus(KubeObject object, String fieldManager) {
        return updateStatus(object);
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
}
