package dev.sluice.cluster.embedded;

import java.util.List;

/**
 * Tuning of an {@link EmbeddedCluster}; {@link #defaults()} suits embedded mode.
 *
 * @param watchHistory        watch events kept for resuming watches; older versions are EXPIRED
 * @param watchHistoryBytes   the most the kept watch events may take, counted as their objects' JSON
 *                            plus a fixed overhead each (whichever bound is reached first applies)
 * @param watchQueueLimit     events a watch may fall behind before it is closed with EXPIRED
 * @param eventsPerObject     Kubernetes events kept per object (the most recently seen)
 * @param eventsTotal         Kubernetes events kept overall
 * @param eventsBytes         the most the kept events may take, as estimated from their text
 * @param minSnapshotBytes    log bytes since the last snapshot that trigger the next one (at least
 *                            the last snapshot's size, so compaction cost stays proportional)
 * @param dispatcherThreads   threads delivering watch events
 * @param defaultFieldManager the manager recorded for writes that name none
 * @param initialNamespaces   namespaces created in a new, empty store
 */
public record StoreOptions(int watchHistory, long watchHistoryBytes, int watchQueueLimit, int eventsPerObject,
                           int eventsTotal, long eventsBytes, long minSnapshotBytes, int dispatcherThreads,
                           String defaultFieldManager, List<String> initialNamespaces) {

    public StoreOptions {
        initialNamespaces = List.copyOf(initialNamespaces);
        if (watchHistory < 1 || watchHistoryBytes < 1 || watchQueueLimit < 1 || eventsPerObject < 1 || eventsTotal < 1
                || eventsBytes < 1 || dispatcherThreads < 1) {
            throw new IllegalArgumentException("store limits must be at least 1");
        }
    }

    /**
     * Embedded mode's tuning. The watch history covers a reconnect (seconds) with a wide margin: 10,000
     * events or 16 MiB of JSON, about 8,000 versions of a 2 KiB object. Events: 100 per object and
     * 20,000 in all (about 400 bytes each for a one-line message), or 16 MiB when messages are long.
     */
    public static StoreOptions defaults() {
        return new StoreOptions(10_000, 16L << 20, 100_000, 100, 20_000, 16L << 20, 64L << 20, 2, "sluice",
                List.of("default"));
    }

    public StoreOptions withWatchHistory(int n) {
        return new StoreOptions(n, watchHistoryBytes, watchQueueLimit, eventsPerObject, eventsTotal, eventsBytes,
                minSnapshotBytes, dispatcherThreads, defaultFieldManager, initialNamespaces);
    }

    public StoreOptions withWatchHistoryBytes(long n) {
        return new StoreOptions(watchHistory, n, watchQueueLimit, eventsPerObject, eventsTotal, eventsBytes,
                minSnapshotBytes, dispatcherThreads, defaultFieldManager, initialNamespaces);
    }

    public StoreOptions withWatchQueueLimit(int n) {
        return new StoreOptions(watchHistory, watchHistoryBytes, n, eventsPerObject, eventsTotal, eventsBytes,
                minSnapshotBytes, dispatcherThreads, defaultFieldManager, initialNamespaces);
    }

    public StoreOptions withEventLimits(int perObject, int total) {
        return new StoreOptions(watchHistory, watchHistoryBytes, watchQueueLimit, perObject, total, eventsBytes,
                minSnapshotBytes, dispatcherThreads, defaultFieldManager, initialNamespaces);
    }

    public StoreOptions withEventBytes(long n) {
        return new StoreOptions(watchHistory, watchHistoryBytes, watchQueueLimit, eventsPerObject, eventsTotal, n,
                minSnapshotBytes, dispatcherThreads, defaultFieldManager, initialNamespaces);
    }

    public StoreOptions withMinSnapshotBytes(long n) {
        return new StoreOptions(watchHistory, watchHistoryBytes, watchQueueLimit, eventsPerObject, eventsTotal,
                eventsBytes, n, dispatcherThreads, defaultFieldManager, initialNamespaces);
    }

    public StoreOptions withInitialNamespaces(List<String> namespaces) {
        return new StoreOptions(watchHistory, watchHistoryBytes, watchQueueLimit, eventsPerObject, eventsTotal,
                eventsBytes, minSnapshotBytes, dispatcherThreads, defaultFieldManager, namespaces);
    }
}
