package dev.sluice.helm.source;

/** A source reconcile failed; its status already says why. Thrown so the scheduler backs off. */
public final class SourceFailure extends Exception {

    public SourceFailure(String message) {
        super(message);
    }
}
