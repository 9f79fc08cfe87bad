package dev.sluice.cli;

/** A failure caused by what the user asked for; printed as one line, exit status 1. */
public class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }
}
