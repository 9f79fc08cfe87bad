package dev.sluice.delivery.net;

import java.io.IOException;

/** Readable reasons for HTTP failures. */
public final class Http {

    private Http() {
    }

    /** A readable reason for an I/O failure (the JDK often leaves the message null). */
    public static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused" + (m == null || m.isEmpty() ? "" : " (" + m + ")");
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out" + (m == null ? "" : ": " + m);
        }
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
