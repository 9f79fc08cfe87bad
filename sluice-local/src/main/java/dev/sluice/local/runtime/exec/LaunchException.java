package dev.sluice.local.runtime.exec;

/**
 * A container could not start (the kubelet's {@code RunContainerError}): no such program, a
 * built-in app refusing its configuration. It is retried with the crash back-off.
 */
public class LaunchException extends Exception {

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
