package dev.sluice.cluster;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.ObjectKey;
import java.util.List;

/** A failed cluster call; {@link #reason()} maps to the API server's status reasons. */
public class ClusterException extends RuntimeException {

    public enum Reason {
        /** 404 */
        NOT_FOUND,
        /** 409 on create */
        ALREADY_EXISTS,
        /** 409: stale resourceVersion or a server-side apply field conflict */
        CONFLICT,
        /** 422: the object is invalid; see {@link #diagnostics()} */
        INVALID,
        /** 410: a watch resourceVersion too old to serve */
        EXPIRED,
        /** 403 or a namespace that does not exist / is terminating */
        FORBIDDEN,
        /** 5xx, timeouts, a store that cannot write (e.g. disk full) */
        UNAVAILABLE
    }

    private final Reason reason;
    private final ObjectKey key;
    private final List<Diagnostic> diagnostics;

    public ClusterException(Reason reason, ObjectKey key, String message) {
        this(reason, key, message, List.of(), null);
    }

    public ClusterException(Reason reason, ObjectKey key, String message, List<Diagnostic> diagnostics, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.key = key;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public static ClusterException notFound(ObjectKey key) {
        return new ClusterException(Reason.NOT_FOUND, key, key + " not found");
    }

    public static ClusterException conflict(ObjectKey key, String why) {
        return new ClusterException(Reason.CONFLICT, key, "conflict on " + key + ": " + why);
    }

    public Reason reason() {
        return reason;
    }

    /** The object concerned, or null. */
    public ObjectKey key() {
        return key;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public boolean is(Reason r) {
        return reason == r;
    }
}
