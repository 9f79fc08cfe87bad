package dev.sluice.cluster.reconcile;

import dev.sluice.api.ObjectKey;
import java.time.Duration;

/**
 * Metrics hooks of the {@link Scheduler}: queue depth, start lag, reconcile duration and errors.
 * Called on scheduler and worker threads, possibly concurrently, sometimes while the scheduler holds
 * its lock: implementations must be thread-safe, return quickly and not block. Every method defaults
 * to doing nothing.
 */
public interface SchedulerListener {

    SchedulerListener NONE = new SchedulerListener() {
    };

    /**
     * The number of keys waiting in a controller's queue changed (due or delayed, as in client-go's
     * depth plus its delayed requeues; keys being reconciled are not counted).
     */
    default void queueDepth(String controller, int depth) {
    }

    /** A reconcile starts; {@code lag} is how long after its due time (the scheduling delay). */
    default void started(String controller, ObjectKey key, Duration lag) {
    }

    /**
     * A reconcile ended.
     *
     * @param took  its duration by the scheduler's clock
     * @param error what it threw, or null on success
     */
    default void finished(String controller, ObjectKey key, Duration took, Throwable error) {
    }
}
