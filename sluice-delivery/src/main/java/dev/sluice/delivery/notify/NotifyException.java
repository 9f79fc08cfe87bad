package dev.sluice.delivery.notify;

/** A notification could not be delivered; the message names the provider and the cause. */
public class NotifyException extends Exception {

    public NotifyException(String message) {
        super(message);
    }

    public NotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
