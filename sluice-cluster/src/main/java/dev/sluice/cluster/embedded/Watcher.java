package dev.sluice.cluster.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: a queue drained on the dispatcher by at most one task at a time, so events reach the
 * listener in order and never concurrently. A listener that falls {@code queueLimit} events behind
 * is closed with EXPIRED (it re-lists, as after a 410).
 */
final class Watcher implements Watch {

    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

    private final WatchHub hub;
    private final GroupKind kind;
    private final String namespace;
    private final long after;
    private final WatchListener listener;
    private final int queueLimit;
    private final Executor dispatcher;
    private final ConcurrentLinkedQueue<WatchEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean notified = new AtomicBoolean();
    private volatile boolean closed;
    private volatile ClusterException closeCause;

    Watcher(WatchHub hub, GroupKind kind, String namespace, long after, WatchListener listener, int queueLimit,
            Executor dispatcher) {
        this.hub = hub;
        this.kind = kind;
        this.namespace = namespace;
        this.after = after;
        this.listener = listener;
        this.queueLimit = queueLimit;
        this.dispatcher = dispatcher;
    }

    boolean wants(ObjectKey key, long rv) {
        return rv > after && WatchHub.matches(kind, namespace, key);
    }

    void offer(WatchEvent event) {
        if (closed) {
            return;
        }
        if (size.incrementAndGet() > queueLimit) {
            expire(new ClusterException(ClusterException.Reason.EXPIRED, null, "watch of " + kind
                    + " fell more than " + queueLimit + " events behind; list again and watch from the list's version"));
            return;
        }
        queue.add(event);
        schedule();
    }

    private void expire(ClusterException cause) {
        closeCause = cause;
        closed = true;
        hub.remove(this);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                dispatcher.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                scheduled.set(false);
            }
        }
    }

    private void drain() {
        try {
            while (true) {
                if (closed) {
                    queue.clear();
                    if (closeCause != null && notified.compareAndSet(false, true)) {
                        safely(() -> listener.onClose(closeCause));
                    }
                    return;
                }
                WatchEvent e = queue.poll();
                if (e == null) {
                    return;
                }
                size.decrementAndGet();
                safely(() -> listener.onEvent(e));
            }
        } finally {
            scheduled.set(false);
            boolean pending = closed ? closeCause != null && !notified.get() : !queue.isEmpty();
            if (pending) {
                schedule();
            }
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // One listener's bug must not stop delivery to it or to anyone else.
            LOG.warn("watch listener for {} failed", kind, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        hub.remove(this);
        queue.clear();
    }
}
