package dev.sluice.local.runtime;

import java.util.function.Consumer;

/**
 * Where the mesh proxy learns which replicas are ready. Implemented by the workload runner; tests
 * use {@link EndpointPublisher} directly. Thread-safe.
 */
public interface EndpointSource {

    /** The latest snapshot; never null. */
    EndpointSnapshot current();

    /**
     * Delivers the current snapshot at once, then every later one, in version order and never
     * concurrently. Listeners run on the runner's thread and must return quickly (swap a route
     * table, do not do I/O). A listener that throws is logged and kept.
     *
     * @return closing it stops delivery; idempotent
     */
    Subscription subscribe(Consumer<EndpointSnapshot> listener);

    /** A registration that can be cancelled. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
