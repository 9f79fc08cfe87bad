package dev.sluice.cluster.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * The single publisher of durable changes: makes them visible in the {@link ReadView}, keeps a
 * bounded history of watch events and fans them out to the watches. Publishing and opening a watch
 * are mutually exclusive, so a watch sees every event after its starting version exactly once.
 * Thread-safe.
 */
final class WatchHub {

    private final ReadView view;
    private final WatchHistory history;
    private final int queueLimit;
    private final Executor dispatcher;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    WatchHub(ReadView view, int historyLimit, long historyBytes, int queueLimit, Executor dispatcher) {
        this.view = view;
        this.history = new WatchHistory(historyLimit, historyBytes, view.resourceVersion());
        this.queueLimit = queueLimit;
        this.dispatcher = dispatcher;
    }

    synchronized void publish(List<Change> changes, long rv) {
        view.apply(changes, rv);
        for (Change c : changes) {
            switch (c) {
                case Change.Put p -> fanOut(p.rv(), p.added() ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED,
                        p.object(), p.json() != null ? p.json() : p.stored().jsonBytes());
                case Change.Removed r -> fanOut(r.rv(), WatchEvent.Type.DELETED, r.last(),
                        r.last().toJson().getBytes(StandardCharsets.UTF_8));
                case Change.Event ev -> {
                }
            }
        }
    }

    private void fanOut(long rv, WatchEvent.Type type, KubeObject object, byte[] json) {
        ObjectKey key = object.key();
        history.add(rv, type, key, json);
        WatchEvent event = new WatchEvent(type, object);
        for (Watcher w : watchers) {
            if (w.wants(key, rv)) {
                w.offer(event);
            }
        }
    }

    /**
     * Opens a watch: "" starts now, "0" first lists the current objects as ADDED (as the API
     * server's "any version" does), a number replays the history after it.
     *
     * @throws ClusterException EXPIRED when the version is older than the history; INVALID when it
     *                          is not a number
     */
    synchronized Watch open(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        long current = view.resourceVersion();
        Watcher w;
        if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
            w = new Watcher(this, kind, namespace, current, listener, queueLimit, dispatcher);
            if ("0".equals(resourceVersion)) {
                for (KubeObject o : view.list(kind, namespace, LabelSelector.everything())) {
                    w.offer(new WatchEvent(WatchEvent.Type.ADDED, o));
                }
            }
        } else {
            long from = parse(kind, resourceVersion);
            if (from < history.servableFrom()) {
                throw new ClusterException(ClusterException.Reason.EXPIRED, null, "too old resource version: "
                        + from + " (the oldest that can be watched is " + history.servableFrom()
                        + "); list again and watch from the list's version");
            }
            Watcher resumed = new Watcher(this, kind, namespace, from, listener, queueLimit, dispatcher);
            history.replay(from, key -> matches(kind, namespace, key), (rv, event) -> resumed.offer(event));
            w = resumed;
        }
        watchers.add(w);
        return w;
    }

    void remove(Watcher w) {
        watchers.remove(w);
    }

    /** Ends every watch (the store is closing); listeners are not told, as for a dropped connection. */
    void closeAll() {
        watchers.forEach(Watcher::close);
    }

    int watchCount() {
        return watchers.size();
    }

    private static long parse(GroupKind kind, String rv) {
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw new ClusterException(ClusterException.Reason.INVALID, null, "watch " + kind
                    + ": resourceVersion '" + rv + "' is not a resourceVersion from this store (expected a number)");
        }
    }

    static boolean matches(GroupKind kind, String namespace, ObjectKey key) {
        return key.groupKind().equals(kind) && (namespace.isEmpty() || namespace.equals(key.namespace()));
    }
}
