package dev.sluice.cluster.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

    private record Entry(long rv, WatchEvent event) {
    }

    private final ReadView view;
    private final int historyLimit;
    private final int queueLimit;
    private final Executor dispatcher;
    private final ArrayDeque<Entry> history = new ArrayDeque<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    /** Every event after this version is in the history. */
    private long servableFrom;

    WatchHub(ReadView view, int historyLimit, int queueLimit, Executor dispatcher) {
        this.view = view;
        this.historyLimit = historyLimit;
        this.queueLimit = queueLimit;
        this.dispatcher = dispatcher;
        this.servableFrom = view.resourceVersion();
    }

    synchronized void publish(List<Change> changes, long rv) {
        view.apply(changes, rv);
        for (Change c : changes) {
            Entry e = switch (c) {
                case Change.Put p -> new Entry(p.rv(), new WatchEvent(p.added() ? WatchEvent.Type.ADDED
                        : WatchEvent.Type.MODIFIED, p.object()));
                case Change.Removed r -> new Entry(r.rv(), new WatchEvent(WatchEvent.Type.DELETED, r.last()));
                case Change.Event ev -> null;
            };
            if (e == null) {
                continue;
            }
            history.addLast(e);
            if (history.size() > historyLimit) {
                servableFrom = history.removeFirst().rv();
            }
            for (Watcher w : watchers) {
                if (w.wants(e.event().object().key(), e.rv())) {
                    w.offer(e.event());
                }
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
            if (from < servableFrom) {
                throw new ClusterException(ClusterException.Reason.EXPIRED, null, "too old resource version: "
                        + from + " (the oldest that can be watched is " + servableFrom
                        + "); list again and watch from the list's version");
            }
            w = new Watcher(this, kind, namespace, from, listener, queueLimit, dispatcher);
            for (Entry e : history) {
                if (w.wants(e.event().object().key(), e.rv())) {
                    w.offer(e.event());
                }
            }
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
