package dev.sluice.local.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * A small in-memory Cluster: resourceVersion locking, generation bumped on spec changes, a status
 * subresource, watches replayed from a resourceVersion. Watch events go through {@code delivery}
 * (inline by default). Apply is a plain create-or-replace (no field managers). Thread-safe. Public
 * for the benchmark harness under {@code bench/runtime}.
 */
public final class FakeCluster implements Cluster {

    private record Change(long rv, GroupKind kind, WatchEvent event) {
    }

    private final Map<ObjectKey, KubeObject> objects = new TreeMap<>();
    private final List<Change> history = new ArrayList<>();
    private final List<Registration> watchers = new CopyOnWriteArrayList<>();
    final List<EventRecord> events = new CopyOnWriteArrayList<>();
    private final Executor delivery;
    private long rv;
    int statusWrites;

    public FakeCluster() {
        this(Runnable::run);
    }

    public FakeCluster(Executor delivery) {
        this.delivery = delivery;
    }

    private record Registration(GroupKind kind, String namespace, WatchListener listener, boolean[] open) {
    }

    @Override
    public synchronized Optional<KubeObject> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public synchronized List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        return objects.values().stream()
                .filter(o -> o.groupKind().equals(kind) && (namespace.isEmpty() || o.namespace().equals(namespace)))
                .filter(o -> selector.matches(o.labels()))
                .toList();
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        synchronized (this) {
            if (!objects.containsKey(desired.key())) {
                return new ApplyResult(create(desired), ApplyResult.Action.CREATED);
            }
        }
        KubeObject current = get(desired.key()).orElseThrow();
        KubeObject next = desired.edit(n -> {
            ((ObjectNode) n.with("metadata")).put("resourceVersion", current.resourceVersion());
        });
        if (Objects.equals(current.spec(), desired.spec()) && current.labels().equals(desired.labels())) {
            return new ApplyResult(current, ApplyResult.Action.UNCHANGED);
        }
        return new ApplyResult(update(next), ApplyResult.Action.CONFIGURED);
    }

    @Override
    public synchronized KubeObject create(KubeObject object) {
        if (objects.containsKey(object.key())) {
            throw new ClusterException(ClusterException.Reason.ALREADY_EXISTS, object.key(), object.key() + " already exists");
        }
        long next = ++rv;
        KubeObject stored = object.edit(n -> {
            ObjectNode meta = (ObjectNode) n.with("metadata");
            meta.put("resourceVersion", Long.toString(next));
            meta.put("generation", 1);
            meta.put("uid", "uid-" + next);
        });
        objects.put(stored.key(), stored);
        emit(next, WatchEvent.Type.ADDED, stored);
        return stored;
    }

    @Override
    public synchronized KubeObject update(KubeObject object) {
        KubeObject current = current(object);
        long next = ++rv;
        boolean specChanged = !Objects.equals(current.spec(), object.spec());
        KubeObject stored = object.edit(n -> {
            ObjectNode meta = (ObjectNode) n.with("metadata");
            meta.put("resourceVersion", Long.toString(next));
            meta.put("generation", current.generation() + (specChanged ? 1 : 0));
            meta.put("uid", current.uid());
            if (current.status().isMissingNode()) {
                n.remove("status");
            } else {
                n.set("status", current.status().deepCopy());
            }
        });
        objects.put(stored.key(), stored);
        emit(next, WatchEvent.Type.MODIFIED, stored);
        return stored;
    }

    @Override
    public synchronized KubeObject updateStatus(KubeObject object) {
        KubeObject current = current(object);
        long next = ++rv;
        statusWrites++;
        KubeObject stored = current.edit(n -> {
            ((ObjectNode) n.with("metadata")).put("resourceVersion", Long.toString(next));
            n.set("status", object.status().deepCopy());
        });
        objects.put(stored.key(), stored);
        emit(next, WatchEvent.Type.MODIFIED, stored);
        return stored;
    }

    private KubeObject current(KubeObject object) {
        KubeObject current = objects.get(object.key());
        if (current == null) {
            throw ClusterException.notFound(object.key());
        }
        if (!object.resourceVersion().isEmpty() && !object.resourceVersion().equals(current.resourceVersion())) {
            throw ClusterException.conflict(object.key(), "resourceVersion " + object.resourceVersion() + " is stale, now "
                    + current.resourceVersion());
        }
        return current;
    }

    @Override
    public synchronized void delete(ObjectKey key, DeleteOptions options) {
        KubeObject gone = objects.remove(key);
        if (gone == null) {
            throw ClusterException.notFound(key);
        }
        emit(++rv, WatchEvent.Type.DELETED, gone);
    }

    @Override
    public synchronized Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        long from = resourceVersion.isEmpty() ? rv : Long.parseLong(resourceVersion);
        Registration r = new Registration(kind, namespace, listener, new boolean[] {true});
        for (Change c : history) {
            if (c.rv() > from && matches(r, c)) {
                delivery.execute(() -> deliver(r, c.event()));
            }
        }
        watchers.add(r);
        return () -> {
            r.open()[0] = false;
            watchers.remove(r);
        };
    }

    private void emit(long at, WatchEvent.Type type, KubeObject object) {
        Change c = new Change(at, object.groupKind(), new WatchEvent(type, object));
        history.add(c);
        for (Registration r : watchers) {
            if (matches(r, c)) {
                delivery.execute(() -> deliver(r, c.event()));
            }
        }
    }

    private static void deliver(Registration r, WatchEvent e) {
        if (r.open()[0]) {
            r.listener().onEvent(e);
        }
    }

    private static boolean matches(Registration r, Change c) {
        return r.kind().equals(c.kind()) && (r.namespace().isEmpty() || r.namespace().equals(c.event().object().namespace()));
    }

    @Override
    public synchronized String currentResourceVersion() {
        return Long.toString(rv);
    }

    @Override
    public void recordEvent(EventRecord event) {
        events.add(event);
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        return events.stream().filter(e -> involved == null || e.involved().equals(involved)).toList();
    }

    /** Replaces an object's spec (as {@code kubectl apply} of a changed manifest would). */
    public KubeObject put(String yaml) {
        KubeObject o = KubeObject.parse(yaml);
        Optional<KubeObject> existing = get(o.key());
        if (existing.isEmpty()) {
            return create(o);
        }
        return update(o.edit(n -> ((ObjectNode) n.with("metadata")).put("resourceVersion", existing.get().resourceVersion())));
    }

    public KubeObject object(ObjectKey key) {
        return get(key).orElseThrow();
    }
}
