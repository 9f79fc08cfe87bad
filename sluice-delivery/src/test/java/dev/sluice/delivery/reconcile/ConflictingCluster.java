package dev.sluice.delivery.reconcile;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ForwardingCluster;

/**
 * A cluster whose next status writes lose a race: before each of them another writer changes the
 * object (so the stored resourceVersion moves on), then the write is passed on and fails as the real
 * store answers a stale one. Everything else is delegated.
 */
final class ConflictingCluster extends ForwardingCluster {

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
    protected Cluster delegate() {
        return delegate;
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

}
