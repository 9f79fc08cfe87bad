package dev.sluice.cluster.embedded;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Makes committed transactions durable, then visible (read view, watches). Submitted under the
 * store's write lock, in resourceVersion order.
 */
interface Committer extends AutoCloseable {

    /**
     * Hands over one transaction's changes.
     *
     * @return completes once they are durable and published; fails with an UNAVAILABLE
     *         ClusterException when the store cannot write
     */
    CompletableFuture<Void> submit(List<Change> changes, long rv);

    /**
     * Whether this committer refuses writes because one could not be written (e.g. the disk was
     * full) while everything acknowledged before it had been synced: reopening the directory then
     * recovers exactly the acknowledged state. False after a failed sync, whose outcome is unknown.
     */
    default boolean failedBeforeSync() {
        return false;
    }

    /** Makes everything submitted durable and stops. Idempotent. */
    @Override
    void close();

    /** Keeps nothing on disk: publishes at once (the in-memory mode, for tests). */
    static Committer inMemory(WatchHub hub) {
        return new Committer() {
            @Override
            public CompletableFuture<Void> submit(List<Change> changes, long rv) {
                hub.publish(changes, rv);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
    }
}
