package dev.sluice.server.kubernetes.setup;

/**
 * Where {@code install}, {@code check} and {@code bootstrap} report what they do, one line per call,
 * in flux's vocabulary; the command line prints each kind with its symbol. Implementations must be
 * thread-safe if shared.
 */
public interface Progress {

    /** {@code ►} something starts, e.g. "installing components in sluice-system namespace". */
    void action(String message);

    /** {@code ✔} something succeeded. */
    void success(String message);

    /** {@code ✗} something failed. */
    void failure(String message);

    /** {@code ◎} waiting for something. */
    void waiting(String message);

    /** {@code ✚} generating something. */
    void generating(String message);

    /** A line without a symbol, e.g. "Deployment/sluice-system/sluice-controller created". */
    void detail(String message);
}
