package dev.sluice.cluster.reconcile;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;

/**
 * Brings one object's world in line with its spec. Called by the scheduler, never concurrently for
 * the same key. Must be idempotent and must take every decision from what is stored (status is the
 * only memory), so a process killed at any instant resumes correctly.
 */
public interface Reconciler {

    /** The kind whose objects this reconciler owns. */
    GroupKind kind();

    /**
     * Reconciles one object (which may have been deleted meanwhile).
     *
     * @return when to run again; an exception means "retry with backoff"
     */
    Result reconcile(ObjectKey key) throws Exception;
}
