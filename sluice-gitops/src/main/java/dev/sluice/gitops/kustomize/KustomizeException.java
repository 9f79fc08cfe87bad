package dev.sluice.gitops.kustomize;

/**
 * A kustomize build failed because of its input: a missing or unreadable file, a path outside the
 * load root, a malformed kustomization or patch, a duplicate resource, a base cycle. The message
 * names the file or entry at fault and what was expected. The only exception the engine throws
 * for bad input.
 */
public final class KustomizeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KustomizeException(String message) {
        super(message);
    }

    public KustomizeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same failure with context (the kustomization or entry being processed) in front. */
    public KustomizeException wrap(String context) {
        return new KustomizeException(context + ": " + getMessage(), this);
    }
}
