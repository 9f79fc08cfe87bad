package dev.sluice.local.delivery;

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
import dev.sluice.cluster.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A minimal map of objects for running the delivery routers in sluice-local tests (the embedded
 * store is not on main yet): apply stores what is applied (the routers always apply whole objects),
 * uids are stable per name. Not a faithful API server.
 */
final class MemoryCluster implements Cluster {

    private final Map<ObjectKey, KubeObject> objects = new TreeMap<>();
    private int version;

    synchronized KubeObject put(String yaml) {
        return create(KubeObject.parse(yaml));
    }

    synchronized List<KubeObject> all() {
        return List.copyOf(objects.values());
    }

    @Override
    public synchronized Optional<KubeObject> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public synchronized List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        return objects.values().stream().filter(o -> o.groupKind().equals(kind)).toList();
    }

    @Override
    public synchronized ApplyResult apply(KubeObject desired, ApplyOptions options) {
        boolean existed = objects.containsKey(desired.key());
        KubeObject stored = stamp(desired);
        objects.put(desired.key(), stored);
        return new ApplyResult(stored, existed ? ApplyResult.Action.CONFIGURED : ApplyResult.Action.CREATED);
    }

    @Override
    public synchronized KubeObject create(KubeObject object) {
        if (objects.containsKey(object.key())) {
            throw new ClusterException(ClusterException.Reason.ALREADY_EXISTS, object.key(), "exists");
        }
        KubeObject stored = stamp(object);
        objects.put(object.key(), stored);
        return stored;
    }

    @Override
    public synchronized KubeObject update(KubeObject object) {
        KubeObject stored = stamp(object);
        objects.put(object.key(), stored);
        return stored;
    }

    @Override
    public synchronized KubeObject updateStatus(KubeObject object) {
        return update(object);
    }

    @Override
    public synchronized void delete(ObjectKey key, DeleteOptions options) {
        objects.remove(key);
    }

    @Override
    public Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String currentResourceVersion() {
        return Integer.toString(version);
    }

    @Override
    public void recordEvent(EventRecord event) {
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        return new ArrayList<>();
    }

    private KubeObject stamp(KubeObject o) {
        return o.withMetadata("uid", "uid-" + o.name()).withMetadata("resourceVersion", Integer.toString(++version));
    }
}
