package dev.sluice.delivery.reconcile;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write with optimistic locking, retried on a stale resourceVersion (client-go's
 * RetryOnConflict): each attempt reads the object again, so a concurrent writer (Flux applying the
 * target, a user annotating the Canary) never loses its change and neither do we.
 */
final class Updates {

    /**
     * Attempts before the conflict is reported. client-go's DefaultRetry has 5 steps 10 ms apart; a
     * workload runner that writes status on every replica transition can win five immediate races in
     * a row, so the attempts here are spread by a short, growing, jittered pause.
     */
    static final int ATTEMPTS = 8;
    /** The field manager of every write the canary controller makes (as the routers'). */
    static final String FIELD_MANAGER = "sluice";

    private Updates() {
    }

    /**
     * Applies {@code change} to the stored object and writes it (metadata and spec); a change that
     * returns the object unchanged writes nothing.
     *
     * @return the stored object after the write, or empty when it does not exist
     * @throws ClusterException CONFLICT after {@value #ATTEMPTS} stale reads, or any other failure
     */
    static Optional<KubeObject> update(Cluster cluster, ObjectKey key, UnaryOperator<KubeObject> change) {
        return write(cluster, key, change, false);
    }

    /** {@link #update} of the status subresource. */
    static Optional<KubeObject> updateStatus(Cluster cluster, ObjectKey key, UnaryOperator<KubeObject> change) {
        return write(cluster, key, change, true);
    }

    private static Optional<KubeObject> write(Cluster cluster, ObjectKey key, UnaryOperator<KubeObject> change,
                                              boolean status) {
        ClusterException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<KubeObject> current = cluster.get(key);
            if (current.isEmpty()) {
                return current;
            }
            KubeObject next = change.apply(current.get());
            if (next.equals(current.get())) {
                return current;
            }
            try {
                return Optional.of(status ? cluster.updateStatus(next, FIELD_MANAGER)
                        : cluster.update(next, FIELD_MANAGER));
            } catch (ClusterException e) {
                if (!e.is(ClusterException.Reason.CONFLICT)) {
                    throw e;
                }
                last = e;
                // 5, 10, 20 ... 320 ms at most, jittered, so competing writers fall out of step.
                long pause = (5L << Math.min(i, 6)) * 1_000_000L;
                java.util.concurrent.locks.LockSupport.parkNanos(
                        pause / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(pause / 2 + 1));
            }
        }
        throw last;
    }
}
