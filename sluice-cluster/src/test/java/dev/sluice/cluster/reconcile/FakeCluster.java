package dev.sluice.cluster.reconcile;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough of a Cluster for the watch wiring: objects in a map, a resourceVersion counter, a
 * history for watch replay, and watches delivered synchronously in the writer's thread. A test can
 * end watches as EXPIRED and make the next watch calls fail.
 */
final class FakeCluster implements Cluster {

    private record Change(long version, WatchEvent event) {
    }

    private final class FakeWatch implements Watch {
        final GroupKind kind;
        final WatchListener listener;

        FakeWatch(GroupKind kind, WatchListener listener) {
            this.kind = kind;
            this.listener = listener;
        }

        @Override
        public void close() {
            synchronized (FakeCluster.this) {
                watches.remove(this);
            }
        }
    }

    private final Map<ObjectKey, KubeObject> objects = new LinkedHashMap<>();
    private final List<Change> history = new ArrayList<>();
    private final List<FakeWatch> watches = new ArrayList<>();
    private long version;
    private long compactedBefore;
    private int failingWatches;
    int lists;

    /** Creates or replaces an object (generation as given in its metadata), notifying watches. */
    synchronized KubeObject put(String yaml) {
        KubeObject o = KubeObject.parse(yaml).withMetadata("resourceVersion", Long.toString(++version));
        WatchEvent.Type type = objects.containsKey(o.key()) ? WatchEvent.Type.MODIFIED : WatchEvent.Type.ADDED;
        objects.put(o.key(), o);
        emit(new WatchEvent(type, o));
        return o;
    }

    synchronized void remove(ObjectKey key) {
        KubeObject o = objects.remove(key);
        version++;
        emit(new WatchEvent(WatchEvent.Type.DELETED, o));
    }

    /** Ends every watch of {@code kind} with 410 and forgets the history (a compaction). */
    synchronized void expire(GroupKind kind) {
        compactedBefore = version;
        for (FakeWatch w : List.copyOf(watches)) {
            if (w.kind.equals(kind)) {
                watches.remove(w);
                w.listener.onClose(new ClusterException(ClusterException.Reason.EXPIRED, null, "too old resource version"));
            }
        }
    }

    /** The next {@code n} watch calls fail as unavailable. */
    synchronized void failNextWatches(int n) {
        failingWatches = n;
    }

    synchronized int openWatches(GroupKind kind) {
        return (int) watches.stream().filter(w -> w.kind.equals(kind)).count();
    }

    private void emit(WatchEvent event) {
        history.add(new Change(version, event));
        for (FakeWatch w : List.copyOf(watches)) {
            if (w.kind.equals(event.object().groupKind())) {
                w.listener.onEvent(event);
            }
        }
    }

    @Override
    public synchronized Optional<KubeObject> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public synchronized List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        lists++;
        return objects.values().stream().filter(o -> o.groupKind().equals(kind))
                .filter(o -> namespace.isEmpty() || o.namespace().equals(namespace)).toList();
    }

    @Override
    public synchronized Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        if (failingWatches > 0) {
            failingWatches--;
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "watch refused");
        }
        long from = resourceVersion.isEmpty() ? version : Long.parseLong(resourceVersion);
        if (from < compactedBefore) {
            throw new ClusterException(ClusterException.Reason.EXPIRED, null, "too old resource version: " + from);
        }
        FakeWatch w = new FakeWatch(kind, listener);
        for (Change c : history) {
            if (c.version() > from && c.event().object().groupKind().equals(kind)) {
                listener.onEvent(c.event());
            }
        }
        watches.add(w);
        return w;
    }

    @Override
    public synchronized String currentResourceVersion() {
        return Long.toString(version);
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KubeObject create(KubeObject object) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KubeObject update(KubeObject object) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(ObjectKey key, DeleteOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void recordEvent(EventRecord event) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        throw new UnsupportedOperationException();
    }
}
