package dev.sluice.server.kubernetes.bootstrap;

/** A bootstrap step failed; the message says which, with what, and what to do. */
public final class BootstrapException extends RuntimeException {

    public BootstrapException(String message) {
        super(message);
    }

    public BootstrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
