package dev.sluice.delivery.reconcile;

/**
 * A critical effect could not be carried out. Its message is shown to users as a Warning event on
 * the Canary (Flagger's texts, e.g. "creating deployment podinfo-primary.test failed: ..."); the
 * tick stops there and the next one decides again from the stored status.
 */
final class EffectFailure extends RuntimeException {

    EffectFailure(String message) {
        super(message);
    }

    EffectFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
