package dev.sluice.delivery.canary;

/**
 * The reconciler's verdict on a workload (the primary or the canary), as Flagger's
 * {@code IsPrimaryReady}/{@code IsCanaryReady} give it: ready; not ready but worth waiting for
 * (rollout in progress); or not ready for good (progress deadline exceeded), which rolls back.
 */
public sealed interface Readiness {

    Ready READY = new Ready();

    /** Ready to serve. */
    record Ready() implements Readiness {
    }

    /**
     * Not ready.
     *
     * @param message   shown to users as a Warning event, e.g. {@code canary deployment face.faces not
     *                  ready: waiting for rollout to finish: 0 of 1 (readyThreshold 100%) updated
     *                  replicas are available}
     * @param retriable true while waiting may help; false once the progress deadline is exceeded
     */
    record NotReady(String message, boolean retriable) implements Readiness {
    }

    static Readiness ready() {
        return READY;
    }

    /** Not ready yet; the tick waits. */
    static Readiness waiting(String message) {
        return new NotReady(message, true);
    }

    /** Not ready for good; the analysis is rolled back. */
    static Readiness failed(String message) {
        return new NotReady(message, false);
    }

    default boolean isReady() {
        return this instanceof Ready;
    }

    /** False only for a non-retriable {@link NotReady}. */
    default boolean isRetriable() {
        return !(this instanceof NotReady n) || n.retriable();
    }

    default String message() {
        return this instanceof NotReady n ? n.message() : "";
    }
}
