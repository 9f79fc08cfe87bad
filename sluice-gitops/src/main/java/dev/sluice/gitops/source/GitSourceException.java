package dev.sluice.gitops.source;

/**
 * A source could not be fetched. {@link #reason()} is the Flux condition reason that goes into
 * {@code FetchFailed} and {@code Ready}; the message is what users see there.
 */
public class GitSourceException extends Exception {

    /** Credentials missing, malformed or refused by the server. */
    public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";
    /** Any other failure talking to the remote or resolving the reference. */
    public static final String GIT_OPERATION_FAILED = "GitOperationFailed";
    /** An included GitRepository is missing or has no artifact yet. */
    public static final String INCLUDE_UNAVAILABLE = "IncludeUnavailable";
    /** Writing the artifact to local storage failed. */
    public static final String STORAGE_OPERATION_FAILED = "StorageOperationFailed";

    private final String reason;

    public GitSourceException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public GitSourceException(String reason, String message) {
        this(reason, message, null);
    }

    public String reason() {
        return reason;
    }

    public boolean isAuthentication() {
        return AUTHENTICATION_FAILED.equals(reason);
    }
}
