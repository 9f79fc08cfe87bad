package dev.sluice.cluster.reconcile;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import java.time.Duration;

/**
 * One {@link Reconciler} registered with a {@link Scheduler}: its queue of keys and its share of the
 * concurrency. Watches feed it through {@link #enqueue}. Thread-safe; all state is guarded by the
 * scheduler's lock.
 */
public final class Controller {

    private final Scheduler scheduler;
    private final String name;
    private final Reconciler reconciler;
    private final int maxConcurrent;
    final WorkQueue<ObjectKey> queue = new WorkQueue<>();
    int inFlight;

    Controller(Scheduler scheduler, String name, Reconciler reconciler, int maxConcurrent) {
        this.scheduler = scheduler;
        this.name = name;
        this.reconciler = reconciler;
        this.maxConcurrent = maxConcurrent;
    }

    /** Asks for {@code key} to be reconciled now; repeated asks before it runs make one run. */
    public void enqueue(ObjectKey key) {
        scheduler.add(this, key, Duration.ZERO);
    }

    /** Asks for {@code key} to be reconciled after {@code delay} (or sooner if already due sooner). */
    public void enqueueAfter(ObjectKey key, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        scheduler.add(this, key, delay);
    }

    /** Keys waiting to run (due or delayed). */
    public int depth() {
        return scheduler.depth(this);
    }

    public String name() {
        return name;
    }

    public GroupKind kind() {
        return reconciler.kind();
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /** At most this many of this controller's reconciles run at once (within the global cap). */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public String toString() {
        return "Controller[" + name + "]";
    }
}
