package dev.sluice.local.apps;

/** A built-in app refuses its configuration; the message says which variable, its value and what is expected. */
public class AppStartException extends RuntimeException {

    public AppStartException(String message) {
        super(message);
    }
}
