package dev.sluice.helm.source.oci;

/**
 * Talking to an OCI registry failed: the message names the repository or URL, what was asked and
 * what the registry answered (status, error code). {@link #authentication()} tells a refused login
 * (401/403, or a token endpoint refusing the credentials) from every other failure.
 */
public final class OciException extends Exception {

    private final boolean authentication;

    public OciException(String message, boolean authentication) {
        super(message);
        this.authentication = authentication;
    }

    public OciException(String message) {
        this(message, false);
    }

    public boolean authentication() {
        return authentication;
    }
}
