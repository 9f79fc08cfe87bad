package dev.sluice.gitops.notification.notifier;

/** A notification that could not be built or delivered; the message says why (tokens masked). */
public final class NotifyException extends Exception {

    public NotifyException(String message) {
        super(message);
    }

    public NotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
