package dev.sluice.local.apps;

import java.time.Duration;

/** A started built-in app. Closing it stops serving; idempotent. */
public interface RunningApp extends AutoCloseable {

    /** The port it listens on. */
    int port();

    @Override
    void close();

    /**
     * Stops listening at once, then lets requests in flight finish for up to {@code drain}; may
     * block that long. The default just closes.
     */
    default void stop(Duration drain) {
        close();
    }
}
