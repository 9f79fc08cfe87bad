package dev.sluice.cluster.reconcile;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind watched for a {@link WatchWiring}: list-then-watch, the last fingerprint and mapped keys
 * of every object seen (so a re-list enqueues only what changed or vanished while the watch was
 * down), and the watch itself. Thread-safe: events arrive on the cluster's thread, re-lists on a
 * scheduler thread; cluster calls are made without holding the monitor.
 */
final class KindWatch {

    private static final Logger LOG = LoggerFactory.getLogger(KindWatch.class);

    private record Seen(Object fingerprint, Set<ObjectKey> targets) {
    }

    private final Cluster cluster;
    private final GroupKind kind;
    private final String namespace;
    private final Fingerprint fingerprint;
    private final Function<KubeObject, ? extends Collection<ObjectKey>> mapper;
    private final Consumer<ObjectKey> enqueue;
    private final Runnable requestRelist;
    private final Map<ObjectKey, Seen> seen = new HashMap<>();
    private Watch current;
    /** Bumped by every re-list; events of older watches are ignored. */
    private long epoch;
    private boolean closed;

    KindWatch(Cluster cluster, GroupKind kind, String namespace, Fingerprint fingerprint,
              Function<KubeObject, ? extends Collection<ObjectKey>> mapper, Consumer<ObjectKey> enqueue,
              Runnable requestRelist) {
        this.cluster = cluster;
        this.kind = kind;
        this.namespace = namespace;
        this.fingerprint = fingerprint;
        this.mapper = mapper;
        this.enqueue = enqueue;
        this.requestRelist = requestRelist;
    }

    GroupKind kind() {
        return kind;
    }

    /**
     * Lists the kind, enqueues what is new, changed or gone since the last list, then watches from
     * the version read before the list (events in between are replayed; the fingerprints fold them).
     *
     * @throws ClusterException when the cluster cannot list or watch (the caller retries with backoff)
     */
    void relist() {
        Watch old;
        long mine;
        synchronized (this) {
            if (closed) {
                return;
            }
            old = current;
            current = null;
            mine = ++epoch;
        }
        if (old != null) {
            old.close();
        }
        String version = cluster.currentResourceVersion();
        List<KubeObject> objects = cluster.list(kind, namespace, LabelSelector.everything());
        Set<ObjectKey> out = new LinkedHashSet<>();
        synchronized (this) {
            if (mine != epoch || closed) {
                return;
            }
            Set<ObjectKey> listed = new HashSet<>();
            for (KubeObject o : objects) {
                listed.add(o.key());
                observe(o, out);
            }
            for (Iterator<Map.Entry<ObjectKey, Seen>> it = seen.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<ObjectKey, Seen> e = it.next();
                if (!listed.contains(e.getKey())) {
                    out.addAll(e.getValue().targets()); // deleted while we were not watching
                    it.remove();
                }
            }
        }
        out.forEach(enqueue);
        Watch w = cluster.watch(kind, namespace, version, listener(mine));
        boolean stale;
        synchronized (this) {
            stale = closed || mine != epoch;
            if (!stale) {
                current = w;
            }
        }
        if (stale) {
            w.close();
        }
    }

    void close() {
        Watch w;
        synchronized (this) {
            closed = true;
            w = current;
            current = null;
        }
        if (w != null) {
            w.close();
        }
    }

    private WatchListener listener(long mine) {
        return new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                Set<ObjectKey> out = new LinkedHashSet<>();
                synchronized (KindWatch.this) {
                    if (mine != epoch || closed) {
                        return;
                    }
                    if (event.type() == WatchEvent.Type.DELETED) {
                        Seen before = seen.remove(event.object().key());
                        out.addAll(map(event.object()));
                        if (before != null) {
                            out.addAll(before.targets());
                        }
                    } else {
                        observe(event.object(), out);
                    }
                }
                out.forEach(enqueue);
            }

            @Override
            public void onClose(ClusterException cause) {
                synchronized (KindWatch.this) {
                    if (mine != epoch || closed) {
                        return;
                    }
                    current = null;
                }
                LOG.info("watch of {} ended ({}); listing again", kind, cause == null ? "closed" : cause.getMessage());
                requestRelist.run();
            }
        };
    }

    /** Records {@code o}; adds its targets (old and new) to {@code out} when it changed. Monitor held. */
    private void observe(KubeObject o, Set<ObjectKey> out) {
        Object print = fingerprint.of(o);
        Set<ObjectKey> targets = map(o);
        Seen before = seen.put(o.key(), new Seen(print, targets));
        if (before == null || !Objects.equals(before.fingerprint(), print)) {
            out.addAll(targets);
            if (before != null) {
                out.addAll(before.targets());
            }
        }
    }

    private Set<ObjectKey> map(KubeObject o) {
        try {
            Collection<ObjectKey> keys = mapper.apply(o);
            return keys == null ? Set.of() : new LinkedHashSet<>(keys);
        } catch (RuntimeException e) {
            // A broken mapping must not kill the watch thread; the other objects still flow.
            LOG.warn("mapping {} to the objects it affects failed: {}", o, e.toString());
            return Set.of();
        }
    }
}
