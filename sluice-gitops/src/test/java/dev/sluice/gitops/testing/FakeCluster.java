package dev.sluice.gitops.testing;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory {@link Cluster} for reconciler tests: create/update/updateStatus with
 * resourceVersion checks and generation bumps on spec changes, events recorded as given. No
 * watches, no apply. Counts status writes so tests can assert "nothing was written". Thread-safe.
 */
public final class FakeCluster implements Cluster {

    private final Map<ObjectKey, KubeObject> objects = new ConcurrentHashMap<>();
    private final List<EventRecord> events = new CopyOnWriteArrayList<>();
    private final AtomicLong version = new AtomicLong();
    private final AtomicLong statusWrites = new AtomicLong();

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
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        throw new UnsupportedOperationException("apply");
    }

    @Override
    public synchronized KubeObject create(KubeObject object) {
        if (objects.containsKey(object.key())) {
            throw new ClusterException(ClusterException.Reason.ALREADY_EXISTS, object.key(), object.key() + " exists");
        }
        KubeObject stored = object.edit(n -> {
            var meta = n.withObjectProperty("metadata");
            meta.put("resourceVersion", String.valueOf(version.incrementAndGet()));
            meta.put("generation", 1);
            meta.put("uid", java.util.UUID.randomUUID().toString());
        });
        objects.put(stored.key(), stored);
        return stored;
    }

    @Override
    public synchronized KubeObject update(KubeObject object) {
        KubeObject current = check(object);
        boolean specChanged = !current.spec().equals(object.spec());
        KubeObject stored = object.edit(n -> {
            var meta = n.withObjectProperty("metadata");
            meta.put("resourceVersion", String.valueOf(version.incrementAndGet()));
            meta.put("generation", current.generation() + (specChanged ? 1 : 0));
            if (current.status().isMissingNode()) {
                n.remove("status");
            } else {
                n.set("status", current.status().deepCopy());
            }
        });
        objects.put(stored.key(), stored);
        return stored;
    }

    @Override
    public synchronized KubeObject updateStatus(KubeObject object) {
        KubeObject current = check(object);
        KubeObject stored = current.withStatus(object.status())
                .withMetadata("resourceVersion", String.valueOf(version.incrementAndGet()));
        objects.put(stored.key(), stored);
        statusWrites.incrementAndGet();
        return stored;
    }

    private KubeObject check(KubeObject object) {
        KubeObject current = objects.get(object.key());
        if (current == null) {
            throw ClusterException.notFound(object.key());
        }
        if (!object.resourceVersion().isEmpty() && !object.resourceVersion().equals(current.resourceVersion())) {
            throw ClusterException.conflict(object.key(), "resourceVersion " + object.resourceVersion() + " is stale");
        }
        return current;
    }

    @Override
    public synchronized void delete(ObjectKey key, DeleteOptions options) {
        if (objects.remove(key) == null) {
            throw ClusterException.notFound(key);
        }
    }

    @Override
    public Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        throw new UnsupportedOperationException("watch");
    }

    @Override
    public String currentResourceVersion() {
        return String.valueOf(version.get());
    }

    @Override
    public void recordEvent(EventRecord event) {
        events.add(event);
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        List<EventRecord> out = new ArrayList<>();
        for (EventRecord e : events) {
            if (involved == null || e.involved().equals(involved)) {
                out.add(e);
            }
        }
        return out;
    }

    public long statusWrites() {
        return statusWrites.get();
    }
}
