package dev.sluice.server.kubernetes;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.kubernetes.InformerCluster;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the informers of every kind the controllers watch as soon as the process starts, on every
 * replica, leader or not, and says when all have listed: that is {@code /readyz}. As controller-runtime's
 * manager starts its cache before the leader election, a standby replica holds a warm cache and takes
 * over without listing the cluster first. A kind that cannot be listed (its CRD missing, RBAC denying
 * the watch) is retried with backoff up to a minute, and logged; the replica stays unready meanwhile.
 * Thread-safe.
 */
final class CacheSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheSync.class);
    /** Reading this name from each informer's store makes the informer start and sync, and reads nothing. */
    private static final String PROBE = "sluice-cache-sync-probe";

    private final InformerCluster cache;
    private final Set<GroupKind> pending = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private CacheSync(InformerCluster cache, List<GroupKind> kinds) {
        this.cache = cache;
        pending.addAll(kinds);
        thread = Thread.ofPlatform().name("sluice-cache-sync").daemon().unstarted(this::run);
    }

    /** Starts syncing {@code kinds} (which must be among the cache's cached reads) in the background. */
    static CacheSync start(InformerCluster cache, List<GroupKind> kinds) {
        CacheSync s = new CacheSync(cache, kinds);
        s.thread.start();
        return s;
    }

    /** Whether every informer has listed once. */
    boolean synced() {
        return pending.isEmpty();
    }

    /** Why not ready, for {@code /readyz}. */
    String describe() {
        return pending.isEmpty() ? "ok" : "informers not synced: " + pending.stream().map(GroupKind::toString).sorted().toList();
    }

    private void run() {
        long backoff = 500;
        while (!pending.isEmpty() && stop.getCount() > 0) {
            for (GroupKind kind : List.copyOf(pending)) {
                try {
                    cache.get(new ObjectKey(kind, "", PROBE));
                    pending.remove(kind);
                } catch (ClusterException e) {
                    LOG.warn("the informer of {} cannot sync yet: {}", kind, e.getMessage());
                }
            }
            if (pending.isEmpty()) {
                LOG.info("informer caches synced");
                return;
            }
            try {
                if (stop.await(backoff, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(Duration.ofMinutes(1).toMillis(), backoff * 2);
        }
    }

    @Override
    public void close() {
        stop.countDown();
        thread.interrupt();
    }
}
