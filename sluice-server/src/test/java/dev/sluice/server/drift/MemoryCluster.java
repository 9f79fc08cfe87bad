package dev.sluice.server.drift;

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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Just enough of a {@link Cluster} for drift tests (here and in sluice-cli): get, list, create and status writes. */
public final class MemoryCluster implements Cluster {

    final Map<ObjectKey, KubeObject> objects = new ConcurrentHashMap<>();

    @Override
    public Optional<KubeObject> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        return objects.values().stream().filter(o -> o.groupKind().equals(kind))
                .filter(o -> namespace.isEmpty() || o.namespace().equals(namespace)).toList();
    }

    @Override
    public KubeObject create(KubeObject object) {
        objects.put(object.key(), object);
        return object;
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        KubeObject stored = objects.get(object.key()).withStatus(object.status());
        objects.put(stored.key(), stored);
        return stored;
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KubeObject update(KubeObject object) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(ObjectKey key, DeleteOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String currentResourceVersion() {
        return "1";
    }

    @Override
    public void recordEvent(EventRecord event) {
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        return List.of();
    }
}
